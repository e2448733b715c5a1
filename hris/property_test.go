package hris_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// history is a company's monthly exports: one row set per month-end date.
type history struct {
	dates []orgledger.Date
	files [][]orgledger.Employee // rows by id, as export writes them
}

// person is one employee of the generator's company.
type person struct {
	id, name, title, manager, dept, location string
}

// company generates a random org and lets it change month by month, the way HR data does.
type company struct {
	rng    *rand.Rand
	people map[string]*person
	next   int
	depts  []string
}

var (
	titles    = []string{"Engineer", "Senior Engineer", "Manager", "Analyst", "Designer", "Director", "Recruiter"}
	locations = []string{"London", "Berlin", "Lisbon", "Milan", "Remote", ""}
	deptNames = []string{"Engineering", "Data", "People", "Sales", "Finance", "Design", "Support", "Legal", "Research", "Operations"}
)

func newCompany(rng *rand.Rand, size int) *company {
	c := &company{rng: rng, people: map[string]*person{}, depts: slices.Clone(deptNames[:2+rng.IntN(3)])}
	for range size {
		c.hire()
	}
	return c
}

func (c *company) pick(xs []string) string { return xs[c.rng.IntN(len(xs))] }

func (c *company) ids() []string {
	out := make([]string, 0, len(c.people))
	for id := range c.people {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func (c *company) hire() {
	c.next++
	p := &person{id: fmt.Sprintf("E%03d", c.next), name: fmt.Sprintf("Person %d", c.next),
		title: c.pick(titles), dept: c.pick(c.depts), location: c.pick(locations)}
	p.manager = c.managerFor(p.id)
	c.people[p.id] = p
}

// managerFor picks a manager for id among the people who hold a position (the ones a row may
// name as its manager) and are not id or below it; "" when there is none.
func (c *company) managerFor(id string) string {
	ids := slices.DeleteFunc(c.ids(), func(m string) bool { return c.people[m].title == "" || c.under(m, id) })
	if len(ids) == 0 {
		return ""
	}
	return c.pick(ids)
}

// leave removes someone; their reports move up to their manager.
func (c *company) leave() {
	ids := c.ids()
	if len(ids) < 3 {
		return
	}
	gone := c.people[c.pick(ids)]
	delete(c.people, gone.id)
	for _, p := range c.people {
		if p.manager == gone.id {
			p.manager = gone.manager
		}
	}
}

// under reports whether a is b or below b.
func (c *company) under(a, b string) bool {
	for id := a; id != ""; id = c.people[id].manager {
		if id == b {
			return true
		}
	}
	return false
}

func (c *company) change() {
	ids := c.ids()
	p := c.people[c.pick(ids)]
	switch c.rng.IntN(7) {
	case 0:
		if p.title != "" {
			p.title = c.pick(titles)
		}
	case 1:
		if p.title != "" {
			p.dept = c.pick(c.depts)
		}
	case 2:
		p.location = c.pick(locations)
	case 3:
		p.name += " Jr"
	case 4:
		if p.title != "" {
			p.manager = c.managerFor(p.id)
		}
	case 5:
		c.renameDept()
	case 6:
		c.toggleTitle(p)
	}
}

// toggleTitle gives up p's position (a row with no title, manager or department), when no one
// reports to p, or gives p a position again.
func (c *company) toggleTitle(p *person) {
	if p.title == "" {
		p.title, p.dept, p.manager = c.pick(titles), c.pick(c.depts), c.managerFor(p.id)
		return
	}
	for _, q := range c.people {
		if q.manager == p.id {
			return
		}
	}
	p.title, p.manager, p.dept = "", "", ""
}

// renameDept renames a department to a name no one uses.
func (c *company) renameDept() {
	old := c.pick(c.depts)
	for _, n := range deptNames {
		if !slices.Contains(c.depts, n) {
			c.depts[slices.Index(c.depts, old)] = n
			for _, p := range c.people {
				if p.dept == old {
					p.dept = n
				}
			}
			return
		}
	}
}

func (c *company) month() {
	for range c.rng.IntN(3) {
		c.leave()
	}
	for range c.rng.IntN(3) {
		c.hire()
	}
	for range c.rng.IntN(5) {
		c.change()
	}
}

func (c *company) rows() []orgledger.Employee {
	var out []orgledger.Employee
	for _, id := range c.ids() {
		p := c.people[id]
		out = append(out, orgledger.Employee{ID: p.id, Name: p.name, Title: p.title, ManagerID: p.manager,
			Department: p.dept, Location: p.location})
	}
	return out
}

func randomHistory(seed uint64) history {
	rng := rand.New(rand.NewPCG(seed, 7))
	return historyOf(newCompany(rng, 3+rng.IntN(15)), 3+rng.IntN(4))
}

// goingOn is a company a history is made of, as it goes on month after month.
type goingOn interface {
	month()
	rows() []orgledger.Employee
}

// historyOf returns months exports of c, thirty days apart from 2024-01-31, c going on a month
// between each two.
func historyOf(c goingOn, months int) history {
	var h history
	day := date("2024-01-31")
	for i := range months {
		if i > 0 {
			c.month()
		}
		h.dates = append(h.dates, day.AddDays(30*i))
		h.files = append(h.files, c.rows())
	}
	return h
}

func csvOf(tb testing.TB, rows []orgledger.Employee) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := hris.WriteCSV(&b, rows); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// TestPropertyImportRoundTrips imports random monthly histories in date order, in a random
// order, and both ways with a wrong export (another month's file) imported first at some
// dates, then corrected: the export on every date gives back that date's file, and the diff
// between any two dates names exactly the people whose row changed.
func TestPropertyImportRoundTrips(t *testing.T) {
	for seed := range propertySeeds(500, 20) {
		h := randomHistory(seed)
		shuffled := inOrder(len(h.dates))
		rand.New(rand.NewPCG(seed, 99)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, pass := range []struct {
			name      string
			order     []int
			corrected bool
		}{{"in order", inOrder(len(h.dates)), false}, {"out of order", shuffled, false},
			{"corrected in order", inOrder(len(h.dates)), true}, {"corrected out of order", shuffled, true}} {
			what := fmt.Sprintf("seed %d %s (order %v)", seed, pass.name, pass.order)
			var l *ledger.Ledger
			if pass.corrected {
				l = importCorrected(t, h, pass.order, rand.New(rand.NewPCG(seed, 7)), what)
			} else {
				l = importAll(t, h, pass.order)
			}
			if t.Failed() {
				t.Fatal(what)
			}
			checkExports(t, l, h, what)
			checkDiffs(t, l, h, what)
			if t.Failed() {
				return
			}
		}
	}
}

// importCorrected imports the files in the order given, and before some of them (half) a wrong
// export of the same date, another month's file, which the right one then corrects. A wrong
// export the ledger refuses (someone in it left before its date, say) is left out.
func importCorrected(tb testing.TB, h history, order []int, r *rand.Rand, what string) *ledger.Ledger {
	tb.Helper()
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), fixedClock{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	opt := hris.ImportOptions{Actor: "test", AllowMassLeaving: true}
	for _, i := range order {
		if wrong := r.IntN(len(h.dates)); wrong != i && r.IntN(2) == 0 {
			f, err := hris.Read("wrong.csv", csvOf(tb, h.files[wrong]), hris.Options{})
			if err != nil {
				tb.Fatalf("read the file of %s: %v", h.dates[wrong], err)
			}
			hris.Import(ctx, l, f, h.dates[i], opt) // refused or recorded: either way corrected below
		}
		name := h.dates[i].String() + ".csv"
		f, err := hris.Read(name, csvOf(tb, h.files[i]), hris.Options{})
		if err != nil {
			tb.Fatalf("read %s: %v", name, err)
		}
		if _, err := hris.Import(ctx, l, f, h.dates[i], opt); err != nil {
			tb.Fatalf("%s: import %s: %v", what, name, err)
		}
	}
	return l
}

func importAll(tb testing.TB, h history, order []int) *ledger.Ledger {
	tb.Helper()
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), fixedClock{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	for _, i := range order {
		name := h.dates[i].String() + ".csv"
		f, err := hris.Read(name, csvOf(tb, h.files[i]), hris.Options{})
		if err != nil {
			tb.Fatalf("read %s: %v", name, err)
		}
		// Months apart, the small companies of these histories may lose most of their people.
		opt := hris.ImportOptions{Actor: "test", AllowMassLeaving: true}
		if _, err := hris.Import(ctx, l, f, h.dates[i], opt); err != nil {
			tb.Fatalf("import %s (order %v): %v", name, order, err)
		}
	}
	return l
}

func checkExports(tb testing.TB, l *ledger.Ledger, h history, what string) {
	tb.Helper()
	for i, d := range h.dates {
		got := csvOf(tb, l.Employees(ledger.Query{At: d}))
		if want := csvOf(tb, h.files[i]); !bytes.Equal(got, want) {
			tb.Errorf("%s: export on %s:\n%s\nwant:\n%s", what, d, got, want)
		}
	}
}

// checkDiffs compares the diff between every two dates with the rows that changed between
// their files: consecutive ones, and those months apart, with a department emptied and
// named again in between, say. A department renamed in place shows as unit-renamed rather
// than as its people moving.
func checkDiffs(tb testing.TB, l *ledger.Ledger, h history, what string) {
	tb.Helper()
	for i := range h.dates {
		for j := i + 1; j < len(h.dates); j++ {
			d, err := l.Diff(h.dates[i], h.dates[j], time.Time{}, 0)
			if err != nil {
				tb.Fatal(err)
			}
			got, renames := personKinds(d)
			want := rowKinds(h.files[i], h.files[j], renames)
			if !slices.Equal(got, want) {
				tb.Errorf("%s: diff %s → %s:\n got %v\nwant %v", what, h.dates[i], h.dates[j], got, want)
			}
			if moved := positionsMovedOfSameRows(d, h.files[i], h.files[j]); len(moved) > 0 {
				tb.Errorf("%s: diff %s → %s: %v move to another position, with the same rows", what, h.dates[i], h.dates[j], moved)
			}
		}
	}
}

// personKinds lists "id kind" for the person-centred changes of a diff, and the renames.
func personKinds(d *orgledger.Diff) ([]string, map[string]string) {
	var out []string
	renames := map[string]string{}
	for _, c := range d.Changes {
		switch c.Kind {
		case orgledger.DiffUnitRenamed:
			renames[c.Before[0]] = c.After[0]
		case orgledger.DiffPosition:
			// each person holds a position of their own: the set changes only with joins and leaves
		default:
			if c.Person != "" {
				out = append(out, c.Person+" "+string(c.Kind))
			}
		}
	}
	slices.Sort(out)
	return out, renames
}

// positionsMovedOfSameRows lists the people a diff moves to another position whose rows are
// the same in both files: one who gave up their position and took it back in between keeps
// it (found by QA: they were given a new one, and the diff named them).
func positionsMovedOfSameRows(d *orgledger.Diff, a, b []orgledger.Employee) []string {
	rowOf := func(e orgledger.Employee) orgledger.Employee {
		e.Position, e.Unit = "", ""
		return e
	}
	before := map[string]orgledger.Employee{}
	for _, e := range a {
		before[e.ID] = rowOf(e)
	}
	same := map[string]bool{}
	for _, e := range b {
		if x, ok := before[e.ID]; ok && x == rowOf(e) {
			same[e.ID] = true
		}
	}
	var out []string
	for _, c := range d.Changes {
		if c.Kind == orgledger.DiffPosition && same[c.Person] {
			out = append(out, c.Person)
		}
	}
	return out
}

// rowKinds lists "id kind" for every field that differs between two files.
func rowKinds(a, b []orgledger.Employee, renames map[string]string) []string {
	before := map[string]orgledger.Employee{}
	for _, e := range a {
		before[e.ID] = e
	}
	var out []string
	for _, e := range b {
		x, ok := before[e.ID]
		delete(before, e.ID)
		if !ok {
			out = append(out, e.ID+" joined")
			continue
		}
		add := func(kind string, changed bool) {
			if changed {
				out = append(out, e.ID+" "+kind)
			}
		}
		add("title", x.Title != e.Title)
		add("manager", x.ManagerID != e.ManagerID)
		renamed, ok := renames[x.Department]
		add("unit", x.Department != e.Department && !(ok && renamed == e.Department))
		add("location", x.Location != e.Location)
		add("name", x.Name != e.Name)
	}
	for id := range before {
		out = append(out, id+" left")
	}
	slices.Sort(out)
	return out
}

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

func date(s string) orgledger.Date {
	d, err := orgledger.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// propertySeeds returns how many random cases a property test tries: usually many, with
// -short few, and $ORGLEDGER_PROPERTY_SEEDS when it is set.
func propertySeeds(usually, short uint64) uint64 {
	if n, err := strconv.ParseUint(os.Getenv("ORGLEDGER_PROPERTY_SEEDS"), 10, 64); err == nil {
		return n
	}
	if testing.Short() {
		return short
	}
	return usually
}

func inOrder(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

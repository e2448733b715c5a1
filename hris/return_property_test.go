package hris_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/orgledger/orgledger/ledger"
)

// returning is a company whose people also give up their positions, managers among them (their
// reports moving up the tree meanwhile), and come back to them later: to the same row, or to
// another title or department, their reports with them or not. (An id that leaves the company
// is never hired again: the import refuses it, TestImportRefusesRehire.)
type returning struct {
	*company
	away map[string]person // positionless people, to the row they had before
}

// giveUp has someone who holds a position give it up, staying; their reports move up to
// their manager.
func (c *returning) giveUp() {
	ids := slices.DeleteFunc(c.ids(), func(id string) bool { return c.people[id].title == "" })
	if len(ids) < 2 {
		return
	}
	p := c.people[c.pick(ids)]
	c.away[p.id] = *p
	for _, q := range c.people {
		if q.manager == p.id {
			q.manager = p.manager
		}
	}
	p.title, p.manager, p.dept = "", "", ""
}

// comeBack gives someone who gave up their position one again: half the time as their row
// was (under their manager, if still one above them), else with another title or department;
// half the time the reports they had, still under the manager they moved up to, come back.
func (c *returning) comeBack() {
	var ids []string
	for _, id := range c.ids() {
		if _, ok := c.away[id]; ok && c.people[id].title == "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	p := c.people[c.pick(ids)]
	was := c.away[p.id]
	delete(c.away, p.id)
	p.title, p.dept, p.manager = was.title, was.dept, was.manager
	if !slices.Contains(c.depts, p.dept) || c.rng.IntN(4) == 0 {
		p.dept = c.pick(c.depts)
	}
	if c.rng.IntN(4) == 0 {
		p.title = c.pick(titles)
	}
	if m, ok := c.people[p.manager]; !ok || m.title == "" || c.under(p.manager, p.id) {
		p.manager = c.managerFor(p.id)
	}
	if c.rng.IntN(2) == 0 {
		return
	}
	for _, q := range c.people {
		if q.title != "" && q.manager == was.manager && q.manager != p.manager && was.manager != "" && !c.under(p.id, q.id) {
			q.manager = p.id
		}
	}
}

// managerLeaves has someone whom others report to leave the company; each of their reports
// goes to another manager, or to none.
func (c *returning) managerLeaves() {
	var managers []string
	for _, id := range c.ids() {
		if slices.ContainsFunc(c.ids(), func(q string) bool { return c.people[q].manager == id }) {
			managers = append(managers, id)
		}
	}
	if len(managers) == 0 || len(c.people) < 3 {
		return
	}
	gone := c.pick(managers)
	delete(c.people, gone)
	var reports []string
	for _, q := range c.ids() {
		if c.people[q].manager == gone {
			c.people[q].manager, reports = "", append(reports, q)
		}
	}
	for _, q := range reports {
		c.people[q].manager = c.managerFor(q)
	}
}

// month changes the company as company.month does, and has people give up their positions
// and come back to them, and a manager leave.
func (c *returning) month() {
	c.company.month()
	if c.rng.IntN(3) == 0 {
		c.managerLeaves()
	}
	for range c.rng.IntN(3) {
		c.giveUp()
	}
	for range c.rng.IntN(4) {
		c.comeBack()
	}
}

// returnHistory is a random history of the monthly exports of a returning company.
func returnHistory(seed uint64) history {
	rng := rand.New(rand.NewPCG(seed, 13))
	c := &returning{company: newCompany(rng, 3+rng.IntN(10)), away: map[string]person{}}
	return historyOf(c, 3+rng.IntN(5))
}

// TestPropertyReturnRoundTrips imports random histories in which people give up their
// positions and come back to them, managers among them, in date order, in reverse, shuffled,
// and with a wrong export of some dates corrected (importCorrected): no import of a valid file
// is refused, the export on every date gives back that date's file, and the diff between any
// two dates names exactly the people whose row changed. Each history is a subtest
// (seed=N/order), to run one alone; $ORGLEDGER_PROPERTY_SEEDS runs more (3000 take about
// three minutes, with go test -p 1 -run TestPropertyReturnRoundTrips ./hris). Of 3,000, three
// fail still, in date order (seeds 2257 and 2974: the manager a person reported to left on the
// day they gave their position up, and its line closed with it; seed 293: their department
// closed meanwhile and the row they come back to does not name it, the rule the README
// gives): the person gets a new position, and the diff across the gap names them.
func TestPropertyReturnRoundTrips(t *testing.T) {
	for seed := range propertySeeds(60, 10) {
		h := returnHistory(seed)
		n := len(h.dates)
		shuffled := inOrder(n)
		rng := rand.New(rand.NewPCG(seed, 99))
		rng.Shuffle(n, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		reverse := inOrder(n)
		slices.Reverse(reverse)
		for _, pass := range []struct {
			name      string
			order     []int
			corrected bool
		}{{"in order", inOrder(n), false}, {"reverse", reverse, false}, {"shuffled", shuffled, false},
			{"corrected in order", inOrder(n), true}, {"corrected shuffled", shuffled, true}} {
			t.Run(fmt.Sprintf("seed=%d/%s", seed, pass.name), func(t *testing.T) {
				what := fmt.Sprintf("order %v", pass.order)
				var l *ledger.Ledger
				if pass.corrected {
					l = importCorrected(t, h, pass.order, rand.New(rand.NewPCG(seed, 7)), what)
				} else {
					l = importAll(t, h, pass.order)
				}
				checkExports(t, l, h, what)
				checkDiffs(t, l, h, what)
			})
		}
	}
}

package hris_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

// handOrg returns the changes of an org set up by hand before any import, on random shapes:
// positions shared by up to three people, some of them acting, some positions vacant, lines
// to any earlier position.
func handOrg(rng *rand.Rand) []orgledger.Op {
	ops := []orgledger.Op{&orgledger.CreateUnit{ID: "u0", Name: "Eng"}, &orgledger.CreateUnit{ID: "u1", Name: "Ops"}}
	var positions []string
	people := 0
	for i := range 4 + rng.IntN(6) {
		id := fmt.Sprintf("%c%d", "abqz"[rng.IntN(4)], i) // ids before and after the imports' pos-…
		line := ""
		if i > 0 {
			line = positions[rng.IntN(len(positions))]
		}
		ops = append(ops, &orgledger.CreatePosition{ID: id, Title: pick(rng, "Dev", "Lead", "QA"), Unit: "u" + strconv.Itoa(rng.IntN(2)), ReportsTo: line})
		positions = append(positions, id)
		holders := 1 + rng.IntN(3)
		if i > 0 && rng.IntN(6) == 0 {
			holders = 0
		}
		for k := range holders {
			people++
			person := fmt.Sprintf("h%02d", people)
			ops = append(ops, &orgledger.Hire{ID: person, Name: "Person " + person},
				&orgledger.Assign{Person: person, Position: id, Share: k > 0, Acting: rng.IntN(5) == 0})
		}
	}
	return ops
}

func pick(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }

// nextMonth returns the rows of the month after: some people retitled, moved to the other
// department or under another manager (never one of their own reports), one who manages no
// one leaving, one hired.
func nextMonth(rng *rand.Rand, rows []orgledger.Employee, month int) []orgledger.Employee {
	next := slices.Clone(rows)
	byID := map[string]int{}
	for i, r := range next {
		byID[r.ID] = i
	}
	under := func(a, b string) bool { // a reports to b, up the chain
		for id, n := a, 0; id != "" && n <= len(next); id, n = next[byID[id]].ManagerID, n+1 {
			if id == b {
				return true
			}
		}
		return false
	}
	for i := range next {
		switch rng.IntN(8) {
		case 0:
			next[i].Title = pick(rng, "Dev", "Lead", "QA", "PM")
		case 1:
			next[i].Department = pick(rng, "Eng", "Ops")
		case 2:
			if m := next[rng.IntN(len(next))]; m.Title != "" && !under(m.ID, next[i].ID) {
				next[i].ManagerID = m.ID
			}
		}
	}
	leaver := next[rng.IntN(len(next))].ID
	if !slices.ContainsFunc(next, func(e orgledger.Employee) bool { return e.ManagerID == leaver }) {
		next = slices.DeleteFunc(next, func(e orgledger.Employee) bool { return e.ID == leaver })
	}
	manager := next[rng.IntN(len(next))].ID
	next = append(next, orgledger.Employee{ID: fmt.Sprintf("n%d", month), Name: "New " + strconv.Itoa(month), Title: "Dev",
		ManagerID: manager, Department: "Eng"})
	slices.SortFunc(next, func(a, b orgledger.Employee) int { return strings.Compare(a.ID, b.ID) })
	return next
}

// TestPropertySharedPositionsImport sets random orgs up by hand, with positions shared, and
// imports four random months of exports on top: each month's org exports as its file, and the
// same file imported again records nothing.
func TestPropertySharedPositionsImport(t *testing.T) {
	for seed := range propertySeeds(300, 30) {
		rng := rand.New(rand.NewPCG(seed, 11))
		l := openLedger(t)
		setUpByHand(t, l, handOrg(rng)...)
		rows := l.Employees(ledger.Query{At: date("2024-01-01")})
		for month := range 4 {
			rows = nextMonth(rng, rows, month)
			day := fmt.Sprintf("2024-%02d-28", month+2)
			file := csvOf(t, rows)
			f, err := hris.Read("month.csv", file, hris.Options{})
			if err != nil {
				t.Fatalf("seed %d, %s: %v", seed, day, err)
			}
			importFile(t, l, f, day, false)
			if got := exportAt(t, l, day); got != string(file) {
				t.Fatalf("seed %d, %s: exported\n%s\nwant the file\n%s", seed, day, got, file)
			}
			if res := importFile(t, l, f, day, false); len(res.Commit.Events) != 0 {
				t.Fatalf("seed %d, %s: the same file again recorded %d events", seed, day, len(res.Commit.Events))
			}
			rows = l.Employees(ledger.Query{At: date(day)})
		}
	}
}

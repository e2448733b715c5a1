package ledger_test

import (
	"slices"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestChartOfAUnitWithoutHead checks that the chart of a unit without a head holds its child
// units, whose positions report to no one or outside, and not the units beside it; and that
// the image, asked the same, answers the same.
func TestChartOfAUnitWithoutHead(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.CreateUnit{ID: "grp", Name: "Group"},
		&orgledger.CreateUnit{ID: "team", Name: "Team", Parent: "grp"},
		&orgledger.CreateUnit{ID: "lab", Name: "Lab", Parent: "team"},
		&orgledger.CreatePosition{ID: "g1", Title: "Group Lead", Unit: "grp"},
		&orgledger.CreatePosition{ID: "t1", Title: "Team Lead", Unit: "team", ReportsTo: "ceo"},
		&orgledger.CreatePosition{ID: "t2", Title: "Engineer", Unit: "team", ReportsTo: "t1"},
		&orgledger.CreatePosition{ID: "l1", Title: "Researcher", Unit: "lab"},
		&orgledger.CreatePosition{ID: "x1", Title: "Liaison", Unit: "co", ReportsTo: "g1"},
		&orgledger.CreatePosition{ID: "a1", Title: "Analyst", Unit: "team", ReportsTo: "x1"},
	)
	q := ledger.Query{At: date("2022-03-01")}
	nodes, err := l.Chart(q, ledger.ChartOptions{Root: "grp", Depth: -1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nodes {
		got = append(got, n.ID)
	}
	slices.Sort(got)
	if want := []string{"a1", "g1", "l1", "t1", "t2", "x1"}; !slices.Equal(got, want) {
		t.Errorf("the chart of grp holds %v, want %v", got, want)
	}
	for _, n := range nodes { // a1 leaves the units for x1, under g1: drawn there, not on its own
		if n.ID == "a1" && (n.ParentID == nil || *n.ParentID != "x1") {
			t.Errorf("a1 is drawn under %v, want x1", n.ParentID)
		}
	}
	im := writeAndOpenImage(t, l)
	fromImage, err := im.Chart(q, 0, ledger.ChartOptions{Root: "grp", Depth: -1})
	if err != nil || jsonOf(fromImage) != jsonOf(nodes) {
		t.Errorf("the image's chart of grp (%v):\n%s\nthe ledger's:\n%s", err, jsonOf(fromImage), jsonOf(nodes))
	}
}

// TestEmployeeManagerAboveTheirOwnPositions checks the manager an export gives a person who
// holds a position under another of their own: the holder above both, as show says.
func TestEmployeeManagerAboveTheirOwnPositions(t *testing.T) {
	l := nestedPositions(t)
	rows := l.Employees(ledger.Query{At: date("2022-03-01")})
	if i := slices.IndexFunc(rows, func(e orgledger.Employee) bool { return e.ID == "x" }); i < 0 || rows[i].ManagerID != "ann" {
		t.Errorf("x's row (%d of %+v) does not name manager ann (ceo)", i, rows)
	}
	if ms := person(t, l, "x", "2022-03-01").Managers; len(ms) != 1 || ms[0].ID != "ann" {
		t.Errorf("show gives x the managers %+v", ms)
	}
}

// TestEmployeeActingElsewhere: someone who acts in a position besides their own is exported
// with their own, though the acting one's id sorts first (found by QA: an interim CFO role
// took the place of the person's job in engineering, in the export and in chart --format csv).
func TestEmployeeActingElsewhere(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.CreateUnit{ID: "fin", Name: "Finance", Parent: "co"},
		&orgledger.CreatePosition{ID: "cfo", Title: "CFO", Unit: "fin", ReportsTo: "ceo"},
		&orgledger.CreatePosition{ID: "dev", Title: "Developer", Unit: "co", ReportsTo: "cto"},
		&orgledger.Hire{ID: "dan", Name: "Dan"},
		&orgledger.Assign{Person: "dan", Position: "dev"},
	)
	apply(t, l, "2022-03-01", &orgledger.Assign{Person: "dan", Position: "cfo", Acting: true})
	rows := l.Employees(ledger.Query{At: date("2022-03-01")})
	i := slices.IndexFunc(rows, func(e orgledger.Employee) bool { return e.ID == "dan" })
	if i < 0 {
		t.Fatalf("no row for dan: %+v", rows)
	}
	if rows[i].Position != "dev" || rows[i].Title != "Developer" || rows[i].ManagerID != "bob" || rows[i].Department != "Company" {
		t.Errorf("dan's row: %+v, want his own position dev under bob", rows[i])
	}
}

// TestEmployeeHeldLongest: of two positions held for good, an export shows the one held
// longest without a break: one left and taken again counts from its return.
func TestEmployeeHeldLongest(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.CreatePosition{ID: "z-lead", Title: "Lead", Unit: "co", ReportsTo: "cto"},
		&orgledger.CreatePosition{ID: "a-hat", Title: "Security Officer", Unit: "co", ReportsTo: "ceo"},
		&orgledger.Hire{ID: "dan", Name: "Dan"},
		&orgledger.Assign{Person: "dan", Position: "a-hat"})
	apply(t, l, "2022-03-01", &orgledger.Assign{Person: "dan", Position: "z-lead"})
	apply(t, l, "2022-04-01", &orgledger.Unassign{Person: "dan", Position: "a-hat"})
	apply(t, l, "2022-05-01", &orgledger.Assign{Person: "dan", Position: "a-hat"})
	for day, want := range map[string]string{"2022-03-15": "a-hat", "2022-05-15": "z-lead"} {
		rows := l.Employees(ledger.Query{At: date(day)})
		if i := slices.IndexFunc(rows, func(e orgledger.Employee) bool { return e.ID == "dan" }); i < 0 || rows[i].Position != want {
			t.Errorf("dan's row on %s: %+v, want position %s", day, rows, want)
		}
	}
}

// TestChartOfAPersonWithNestedPositions checks that a person who holds a position under
// another of their own is drawn as one tree, from the upper, in the ledger and the image.
func TestChartOfAPersonWithNestedPositions(t *testing.T) {
	l := nestedPositions(t)
	q := ledger.Query{At: date("2022-03-01")}
	nodes, err := l.Chart(q, ledger.ChartOptions{Root: "x", Depth: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 2 || nodes[0].ID != "q-director" || nodes[1].ParentID == nil || *nodes[1].ParentID != "q-director" {
		t.Errorf("the chart of x: %s", jsonOf(nodes))
	}
	im := writeAndOpenImage(t, l)
	if fromImage, err := im.Chart(q, 0, ledger.ChartOptions{Root: "x", Depth: -1}); err != nil || jsonOf(fromImage) != jsonOf(nodes) {
		t.Errorf("the image's chart of x (%v): %s", err, jsonOf(fromImage))
	}
}

// nestedPositions is the base org with x holding a-manager under q-director, both their own:
// the lower position's id sorts first.
func nestedPositions(t *testing.T) *ledger.Ledger {
	t.Helper()
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.CreatePosition{ID: "q-director", Title: "Director", Unit: "co", ReportsTo: "ceo"},
		&orgledger.CreatePosition{ID: "a-manager", Title: "Acting Manager", Unit: "co", ReportsTo: "q-director"},
		&orgledger.Hire{ID: "x", Name: "X"},
		&orgledger.Assign{Person: "x", Position: "q-director"},
		&orgledger.Assign{Person: "x", Position: "a-manager", Share: true},
	)
	return l
}

package hris_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

// sharedDevs sets up by hand a position shared by two people: devs, in eng, reporting to ann's
// cto, held by bob and cy; dee reports to devs.
func sharedDevs() []orgledger.Op {
	return []orgledger.Op{&orgledger.CreateUnit{ID: "ops", Name: "Ops"},
		&orgledger.CreatePosition{ID: "devs", Title: "Developer", Unit: "eng", ReportsTo: "cto"},
		&orgledger.CreatePosition{ID: "qa", Title: "Tester", Unit: "eng", ReportsTo: "devs"},
		&orgledger.Hire{ID: "bob", Name: "Bob"}, &orgledger.Hire{ID: "cy", Name: "Cy"}, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.Assign{Person: "bob", Position: "devs"}, &orgledger.Assign{Person: "cy", Position: "devs", Share: true},
		&orgledger.Assign{Person: "dee", Position: "qa"}}
}

// TestSharedPositionChangesOneHolder: a file that gives one of the holders of a shared
// position another title, department or manager changes that person alone (a position of
// their own), not the others who hold it; the org then exports as the file, and the same
// file again records nothing.
func TestSharedPositionChangesOneHolder(t *testing.T) {
	for name, cy := range map[string]string{
		"title":      "cy,Cy,QA Lead,ann,Eng,\n",
		"department": "cy,Cy,Developer,ann,Ops,\n",
		"manager":    "cy,Cy,Developer,bob,Eng,\n",
	} {
		t.Run(name, func(t *testing.T) {
			l := openLedger(t)
			setUpByHand(t, l, sharedDevs()...)
			file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Developer,ann,Eng,\n" + cy + "dee,Dee,Tester,bob,Eng,\n"
			importFile(t, l, readCSV(t, "shared.csv", file), "2024-01-31", false)
			if got := exportAt(t, l, "2024-01-31"); got != file {
				t.Errorf("exported\n%s\nwant the file\n%s", got, file)
			}
			if res := importFile(t, l, readCSV(t, "again.csv", file), "2024-02-29", false); len(res.Commit.Events) != 0 {
				t.Errorf("the same file again recorded %d events: %v", len(res.Commit.Events), res.Commit.Events)
			}
		})
	}
}

// TestSharedPositionChangesEveryHolderApart: a file that gives each holder of a shared position
// another title, or one holder another and the other a report to the first, splits off all
// but the last, who keeps the position, changed: no vacant position is left that no file
// holds.
func TestSharedPositionChangesEveryHolderApart(t *testing.T) {
	for name, rows := range map[string]string{
		"titles":   "bob,Bob,Engineer,ann,Eng,\ncy,Cy,QA Lead,ann,Eng,\ndee,Dee,Tester,bob,Eng,\n",
		"a report": "bob,Bob,Engineer,ann,Eng,\ncy,Cy,Developer,bob,Eng,\ndee,Dee,Tester,bob,Eng,\n",
	} {
		t.Run(name, func(t *testing.T) {
			l := openLedger(t)
			setUpByHand(t, l, sharedDevs()...)
			file := header + "ann,Ann,CTO,,Eng,\n" + rows
			importFile(t, l, readCSV(t, "shared.csv", file), "2024-01-31", false)
			if got := exportAt(t, l, "2024-01-31"); got != file {
				t.Errorf("exported\n%s\nwant the file\n%s", got, file)
			}
			v, err := l.Show("devs", ledger.Query{At: date("2024-01-31")})
			if info, ok := v.(*orgledger.PositionInfo); err != nil || !ok || len(info.Holders) != 1 {
				t.Errorf("devs after the import: %+v %v, want one holder left in it", v, err)
			}
			if res := importFile(t, l, readCSV(t, "again.csv", file), "2024-02-29", false); len(res.Commit.Events) != 0 {
				t.Errorf("the same file again recorded %d events", len(res.Commit.Events))
			}
		})
	}
}

// TestSharedPositionChangesForAll: a file that retitles every holder of a shared position
// alike retitles the position once.
func TestSharedPositionChangesForAll(t *testing.T) {
	l := openLedger(t)
	setUpByHand(t, l, sharedDevs()...)
	file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Engineer,ann,Ops,\ncy,Cy,Engineer,ann,Ops,\ndee,Dee,Tester,bob,Eng,\n"
	res := importFile(t, l, readCSV(t, "shared.csv", file), "2024-01-31", false)
	if got := exportAt(t, l, "2024-01-31"); got != file {
		t.Errorf("exported\n%s\nwant the file\n%s", got, file)
	}
	var verbs []orgledger.Verb
	for _, e := range res.Commit.Events {
		verbs = append(verbs, e.Op.Verb())
	}
	if len(verbs) != 2 || verbs[0] != orgledger.VerbRetitle || verbs[1] != orgledger.VerbMovePosition {
		t.Errorf("recorded %v, want the shared position retitled and moved once", verbs)
	}
}

// TestManagerSharingAPosition: a row that names as manager a holder of a shared position
// other than the one an export names first (cy, where the org says bob: both hold devs) gives
// that manager a position of their own, as their row has it, to report to: the org then
// exports as the file, and the same file again records nothing. Before, nothing was recorded
// and the export named bob.
func TestManagerSharingAPosition(t *testing.T) {
	l := openLedger(t)
	setUpByHand(t, l, sharedDevs()...)
	file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Developer,ann,Eng,\ncy,Cy,Developer,ann,Eng,\ndee,Dee,Tester,cy,Eng,\n"
	importFile(t, l, readCSV(t, "shared.csv", file), "2024-01-31", false)
	if got := exportAt(t, l, "2024-01-31"); got != file {
		t.Errorf("exported\n%s\nwant the file\n%s", got, file)
	}
	if res := importFile(t, l, readCSV(t, "again.csv", file), "2024-02-29", false); len(res.Commit.Events) != 0 {
		t.Errorf("the same file again recorded %d events", len(res.Commit.Events))
	}
}

// TestSharedPositionsAboveAVacancy: devs (dee and eve) reports through a vacant position to
// lead (bob and cy). Rows naming the lead an export names (bob) ask for no new line; eve's,
// naming cy, gives cy and then eve positions of their own, whichever row is read first: the
// org exports as the file, and the same file again records nothing. Before, the second import
// drew devs's line past the vacancy.
func TestSharedPositionsAboveAVacancy(t *testing.T) {
	ops := []orgledger.Op{&orgledger.CreatePosition{ID: "lead", Title: "Lead", Unit: "eng", ReportsTo: "cto"},
		&orgledger.CreatePosition{ID: "mid", Title: "Manager", Unit: "eng", ReportsTo: "lead"},
		&orgledger.CreatePosition{ID: "devs", Title: "Dev", Unit: "eng", ReportsTo: "mid"},
		&orgledger.Hire{ID: "bob", Name: "Bob"}, &orgledger.Hire{ID: "cy", Name: "Cy"},
		&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Hire{ID: "eve", Name: "Eve"},
		&orgledger.Assign{Person: "bob", Position: "lead"}, &orgledger.Assign{Person: "cy", Position: "lead", Share: true},
		&orgledger.Assign{Person: "dee", Position: "devs"}, &orgledger.Assign{Person: "eve", Position: "devs", Share: true}}
	for _, eve := range []string{"bob", "cy"} {
		t.Run("eve under "+eve, func(t *testing.T) {
			file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Lead,ann,Eng,\ncy,Cy,Lead,ann,Eng,\ndee,Dee,Senior Dev,bob,Eng,\neve,Eve,Senior Dev," + eve + ",Eng,\n"
			l := openLedger(t)
			setUpByHand(t, l, ops...)
			res := importFile(t, l, readCSV(t, "shared.csv", file), "2024-01-31", false)
			if got := exportAt(t, l, "2024-01-31"); got != file {
				t.Errorf("exported\n%s\nwant the file\n%s", got, file)
			}
			if eve == "bob" && (len(res.Commit.Events) != 1 || res.Commit.Events[0].Op.Verb() != orgledger.VerbRetitle) {
				t.Errorf("recorded %d events, want devs retitled alone", len(res.Commit.Events))
			}
			if res := importFile(t, l, readCSV(t, "again.csv", file), "2024-02-29", false); len(res.Commit.Events) != 0 {
				t.Errorf("the same file again recorded %d events", len(res.Commit.Events))
			}
		})
	}
}

// TestSplitOffOfSomeoneInTwoPositions: bob holds devs, shared with cy, and oncall besides. A
// row giving bob a title of his own would give him a position that an export does not show
// (oncall, held as long, and its id first): the file is refused, naming both positions, and nothing is
// written. Before, the import recorded it, exported bob as On-call, and the same file again
// retitled oncall.
func TestSplitOffOfSomeoneInTwoPositions(t *testing.T) {
	l := openLedger(t)
	setUpByHand(t, l, append(sharedDevs(), &orgledger.CreatePosition{ID: "oncall", Title: "On-call", Unit: "ops", ReportsTo: "cto"},
		&orgledger.Assign{Person: "bob", Position: "oncall", Share: true})...)
	before, _ := l.Head()
	file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Senior Dev,ann,Eng,\ncy,Cy,Developer,ann,Eng,\ndee,Dee,Tester,bob,Eng,\n"
	_, err := hris.Import(context.Background(), l, readCSV(t, "two.csv", file), date("2024-01-31"), hris.ImportOptions{})
	if want := "two.csv:3: employee bob holds position devs, shared with others whose rows differ, and oncall besides"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("import: %v\nwant a refusal with %q", err, want)
	}
	if after, _ := l.Head(); after != before {
		t.Errorf("the refused import wrote events %d to %d", before+1, after)
	}
}

// TestSplitOffOfSomeoneActingInTwoPositions: cy acts in interim, given her first, and in devs,
// shared with bob. A row giving cy a title of her own would give her a position, in which she
// acts still, that an export would not show before interim, held longer: the file is refused.
// (Found by a review: whether she acted in devs was known only once the positions listed
// before it had been passed, and interim was let by.)
func TestSplitOffOfSomeoneActingInTwoPositions(t *testing.T) {
	l := openLedger(t)
	var ops []orgledger.Op
	for _, op := range sharedDevs() {
		if a, ok := op.(*orgledger.Assign); ok && a.Person == "cy" {
			ops = append(ops, &orgledger.CreatePosition{ID: "interim", Title: "Interim Ops", Unit: "ops", ReportsTo: "cto"},
				&orgledger.Assign{Person: "cy", Position: "interim", Acting: true})
			op = &orgledger.Assign{Person: "cy", Position: "devs", Share: true, Acting: true}
		}
		ops = append(ops, op)
	}
	setUpByHand(t, l, ops...)
	file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Developer,ann,Eng,\ncy,Cy,QA Lead,ann,Eng,\ndee,Dee,Tester,bob,Eng,\n"
	mustRefuseImport(t, l, readCSV(t, "acting.csv", file), "2024-01-31",
		"acting.csv:4: employee cy holds position devs, shared with others whose rows differ, and interim besides")
}

// TestSplitOffKeepsActing: cy acts in devs, shared with bob; a row giving cy a title of her
// own gives her a position of her own, in which she acts still.
func TestSplitOffKeepsActing(t *testing.T) {
	l := openLedger(t)
	ops := sharedDevs()
	for i, op := range ops {
		if a, ok := op.(*orgledger.Assign); ok && a.Person == "cy" {
			ops[i] = &orgledger.Assign{Person: "cy", Position: "devs", Share: true, Acting: true}
		}
	}
	setUpByHand(t, l, ops...)
	file := header + "ann,Ann,CTO,,Eng,\nbob,Bob,Developer,ann,Eng,\ncy,Cy,QA Lead,ann,Eng,\ndee,Dee,Tester,bob,Eng,\n"
	importFile(t, l, readCSV(t, "acting.csv", file), "2024-01-31", false)
	v, err := l.Show("cy", ledger.Query{At: date("2024-01-31")})
	if p, ok := v.(*orgledger.PersonInfo); err != nil || !ok || len(p.Positions) != 1 || p.Positions[0].Title != "QA Lead" || !p.Positions[0].Acting {
		t.Errorf("cy after the import: %+v %v, want acting in a QA Lead position of her own", v, err)
	}
}

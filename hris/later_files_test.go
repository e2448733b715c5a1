package hris_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

const locations3 = "employee_id,name,title,manager_id,department,location\n"

// monthly returns an export in which ann, the CEO, works in annAt, and bo reports to her.
func monthly(annAt string) string {
	return locations3 + "ann,Ann,CEO,,Exec," + annAt + "\nbo,Bo,Engineer,ann,Eng,London\n"
}

// byHand records ann's move to a city, effective on day, as a changeset would.
func byHand(t *testing.T, l *ledger.Ledger, day, city string) {
	t.Helper()
	cs := &orgledger.Changeset{Effective: date(day), Changes: []orgledger.Change{
		{Op: &orgledger.UpdatePerson{Person: "ann", Location: &city}}}}
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
}

// annIn returns where ann works on day, as the ledger exports it now.
func annIn(t *testing.T, l *ledger.Ledger, day string) string {
	t.Helper()
	for _, e := range l.Employees(ledger.Query{At: date(day)}) {
		if e.ID == "ann" {
			return e.Location
		}
	}
	t.Fatalf("ann is not in the export of %s", day)
	return ""
}

// TestExportAgainGivesLaterDatesTheirFiles: January, February and March are imported, all
// saying London; a change by hand then moves ann to Paris from 2024-02-15, which holds through
// March too. February's export imported again says London: March goes back to London, as its
// file said, and no event in February's name says Paris on 2024-03-31 (found by QA: the import
// kept March as the hand change had left it, recording Paris there in the February export's
// name). A change by hand dated after February stands, and an export of a later month
// imported after the hand change does not make it March's.
func TestExportAgainGivesLaterDatesTheirFiles(t *testing.T) {
	for _, tc := range []struct {
		name, moved string // the day of the hand change
		april       bool   // April imported after the hand change
		january     string // January's export imported again after it, if any
		march       string // where ann works in March once February is imported again
	}{
		{name: "moved before February", moved: "2024-02-15", march: "London"},
		{name: "moved before February, April imported since", moved: "2024-02-15", april: true, march: "London"},
		// Found by a review: an import of an earlier date since, even one that changed nothing
		// of March, made the hand change March's.
		{name: "moved before February, January imported again since", moved: "2024-02-15", january: monthly("London"), march: "London"},
		{name: "moved before February, January imported again with bo retitled", moved: "2024-02-15",
			january: strings.Replace(monthly("London"), "Engineer", "Lead Engineer", 1), march: "London"},
		{name: "moved in March", moved: "2024-03-15", march: "Paris"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := openLedger(t)
			for _, day := range []string{"2024-01-31", "2024-02-29", "2024-03-31"} {
				importFile(t, l, readCSV(t, day+".csv", monthly("London")), day, false)
			}
			byHand(t, l, tc.moved, "Paris")
			if tc.april {
				importFile(t, l, readCSV(t, "2024-04-30.csv", monthly("London")), "2024-04-30", false)
			}
			if tc.january != "" {
				importFile(t, l, readCSV(t, "2024-01-31.csv", tc.january), "2024-01-31", false)
			}
			importFile(t, l, readCSV(t, "2024-02-29.csv", monthly("Berlin")), "2024-02-29", false)
			if got := annIn(t, l, "2024-02-29"); got != "Berlin" {
				t.Errorf("February: ann in %s, want Berlin", got)
			}
			if got := annIn(t, l, "2024-03-31"); got != tc.march {
				t.Errorf("March: ann in %s, want %s", got, tc.march)
			}
			lg, err := l.Log(context.Background(), ledger.LogOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range lg.Events {
				if u, ok := e.Change.(*orgledger.UpdatePerson); ok && strings.Contains(e.Source, "2024-02-29") &&
					u.Location != nil && *u.Location == "Paris" {
					t.Errorf("an event in February's name moves ann to Paris on %s", e.Effective)
				}
			}
		})
	}
}

// TestExportAgainKeepsARetractionByHand: March's export moved ann to Rome, and an admin then
// retracted that move, by hand. February's export imported again, moving her to Berlin, leaves
// March as the ledger had it (London), not as its export said: the value March's export gave
// was its own event's, taken back, not one carried through February (found by a review: the
// give-back recorded Rome again, in February's name).
func TestExportAgainKeepsARetractionByHand(t *testing.T) {
	l := openLedger(t)
	importFile(t, l, readCSV(t, "2024-01-31.csv", monthly("London")), "2024-01-31", false)
	importFile(t, l, readCSV(t, "2024-02-29.csv", monthly("London")), "2024-02-29", false)
	march := importFile(t, l, readCSV(t, "2024-03-31.csv", monthly("Rome")), "2024-03-31", false)
	cs := &orgledger.Changeset{Effective: date("2024-03-31"), Changes: []orgledger.Change{
		{Op: &orgledger.Retract{Event: march.Commit.Events[0].Seq, Reason: "not so"}}}}
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := annIn(t, l, "2024-03-31"); got != "London" {
		t.Fatalf("March after the retraction: %s", got)
	}
	importFile(t, l, readCSV(t, "2024-02-29.csv", monthly("Berlin")), "2024-02-29", false)
	if got := annIn(t, l, "2024-03-31"); got != "London" {
		t.Errorf("March once February moved ann to Berlin: %s, want London, as the ledger had it", got)
	}
}

// TestRecordedAgainKeepsItsSource: what a late export records again on a later imported date
// keeps the source of that date's own export, which stated it, not the late file's. (Found by
// QA: Cy's move to Madrid, from March's export, was told as from February's.)
func TestRecordedAgainKeepsItsSource(t *testing.T) {
	l := openLedger(t)
	const head = "employee_id,name,title,manager_id,department,location\n"
	importFile(t, l, readString(t, "jan.csv", head+"E1,Ada,CEO,,Exec,London\n"), "2024-01-31", false)
	importFile(t, l, readString(t, "mar.csv", head+"E1,Ada,CEO,,Exec,London\nE3,Cy,Engineer,E1,Eng,Madrid\n"), "2024-03-31", false)
	res := importFile(t, l, readString(t, "feb.csv", head+"E1,Ada,CEO,,Exec,London\nE3,Cy,Engineer,E1,Eng,Berlin\n"), "2024-02-29", false)
	var moved bool
	for _, e := range res.Commit.Events {
		switch {
		case e.Effective == date("2024-03-31") && e.Op.Verb() == orgledger.VerbUpdatePerson:
			moved = true
			if e.Source != "HRIS export mar.csv as of 2024-03-31" {
				t.Errorf("the move to Madrid, recorded again, has the source %q", e.Source)
			}
		case e.Effective == date("2024-02-29") && e.Source != "HRIS export feb.csv as of 2024-02-29":
			t.Errorf("event %d of February's export has the source %q", e.Seq, e.Source)
		}
	}
	if !moved {
		t.Errorf("the late import did not record the move again: %+v", res.Commit.Events)
	}
}

// TestRecordedAgainKeepsTheSourceOfAnEmptyImport: a later date whose export changed nothing,
// imported as a commit of no events, still gives what is recorded again there its source.
// (Found by a check of the fix above: the source was read from the commit's first event, which
// the next commit's was.)
func TestRecordedAgainKeepsTheSourceOfAnEmptyImport(t *testing.T) {
	l := openLedger(t)
	const head = "employee_id,name,title,manager_id,department,location\n"
	importFile(t, l, readString(t, "jan.csv", head+"E1,Ada,CEO,,Exec,London\nE2,Bob,CTO,E1,Exec,London\n"), "2024-01-31", false)
	importFile(t, l, readString(t, "mar.csv", head+"E1,Ada,CEO,,Exec,London\nE2,Bob,CTO,E1,Exec,London\n"), "2024-03-31", false)
	importFile(t, l, readString(t, "apr.csv", head+"E1,Ada,CEO,,Exec,London\nE2,Bob,CTO,E1,Exec,Paris\n"), "2024-04-30", false)
	res := importFile(t, l, readString(t, "feb.csv", head+"E1,Ada,CEO,,Exec,London\nE2,Bob,CTO,E1,Exec,London\nE3,Cy,Engineer,E1,Exec,Berlin\n"), "2024-02-29", false)
	var left bool
	for _, e := range res.Commit.Events {
		if e.Effective == date("2024-03-31") {
			left = true
			if e.Source != "HRIS export mar.csv as of 2024-03-31" {
				t.Errorf("event %d (%s), recorded again on March's date, has the source %q", e.Seq, ledger.Summary(&e), e.Source)
			}
		}
	}
	if !left {
		t.Errorf("the late import recorded nothing on March's date: %+v", res.Commit.Events)
	}
}

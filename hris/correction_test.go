package hris_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

// fourPeople is an org of four: ann heads it, bob reports to her, cy to bob, di to cy.
const fourPeople = header +
	"ann,Ann Lee,CEO,,Exec,London\n" +
	"bob,Bob Ray,Eng Manager,ann,Eng,London\n" +
	"cy,Cy Dee,Dev Lead,bob,Eng,Berlin\n" +
	"di,Di Fox,Dev,cy,Eng,Berlin\n"

// TestCorrectedExportOfTheSameDate: an export that lost people, imported, then the corrected
// export of the same date imported over it, puts them back where they were, and the org on
// that date exports as the corrected file says; their leaving is taken back, not recorded as
// a leaving and a hire.
func TestCorrectedExportOfTheSameDate(t *testing.T) {
	for _, lost := range []string{"di", "cy"} { // di holds a position nobody reports to; cy's has di
		t.Run(lost, func(t *testing.T) {
			l := openLedger(t)
			importFile(t, l, readCSV(t, "jan.csv", fourPeople), "2024-01-31", false)
			var bad []string
			for _, line := range strings.SplitAfter(fourPeople, "\n") {
				if !strings.HasPrefix(line, lost+",") && !strings.HasSuffix(line, ","+lost+",Eng,Berlin\n") {
					bad = append(bad, line)
				}
			}
			importFile(t, l, readCSV(t, "feb-bad.csv", strings.Join(bad, "")), "2024-02-29", false)
			if got := exportAt(t, l, "2024-02-29"); strings.Contains(got, "\n"+lost+",") {
				t.Fatalf("the bad export did not record %s leaving:\n%s", lost, got)
			}
			res := importFile(t, l, readCSV(t, "feb.csv", fourPeople), "2024-02-29", false)
			if got := exportAt(t, l, "2024-02-29"); got != fourPeople {
				t.Fatalf("the org on 2024-02-29 exports\n%s\nnot the corrected file\n%s", got, fourPeople)
			}
			if got := exportAt(t, l, "2024-01-31"); got != fourPeople {
				t.Fatalf("the org on 2024-01-31 changed:\n%s", got)
			}
			for _, e := range res.Commit.Events {
				if e.Op.Verb() == orgledger.VerbHire || e.Op.Verb() == orgledger.VerbCreatePosition {
					t.Errorf("the correction recorded %s %v; it should take the leaving back", e.Op.Verb(), e.Op)
				}
			}
			if again := importFile(t, l, readCSV(t, "feb.csv", fourPeople), "2024-02-29", false); len(again.Commit.Events) != 0 {
				t.Errorf("importing the corrected file once more recorded %d events", len(again.Commit.Events))
			}
		})
	}
}

// TestSameDateLeavingByHandStays: a leaving recorded by a changeset, not by an export, on the
// date of an import is not taken back by a file that still lists the person: the id is
// refused, as for any leaver, with the date of the leaving.
func TestSameDateLeavingByHandStays(t *testing.T) {
	l := openLedger(t)
	importFile(t, l, readCSV(t, "jan.csv", fourPeople), "2024-01-31", false)
	apply(t, l, "2024-02-29", &orgledger.Leave{Person: "di"}, &orgledger.ClosePosition{Position: "pos-di"})
	_, err := hris.Import(context.Background(), l, readCSV(t, "feb.csv", fourPeople), date("2024-02-29"), hris.ImportOptions{Actor: "test"})
	if err == nil || !strings.Contains(err.Error(), "di left on 2024-02-29") {
		t.Fatalf("import over a leaving recorded by hand: %v", err)
	}
}

// TestLateImportBeforeAHandHire: a late export dated before a hire that a changeset recorded
// is refused, naming the hire's date, rather than moving the hire and leaving the changeset's
// position and assignment beside a position of the person's own.
func TestLateImportBeforeAHandHire(t *testing.T) {
	l := openLedger(t)
	first := header + "ann,Ann Lee,CEO,,Exec,London\nbob,Bob Ray,Eng Manager,ann,Eng,London\n"
	importFile(t, l, readCSV(t, "jan.csv", first), "2024-01-31", false)
	apply(t, l, "2024-02-15", &orgledger.Hire{ID: "xu", Name: "Xu Lin"},
		&orgledger.CreatePosition{ID: "contractor-1", Title: "Contractor", Unit: "dept-eng", ReportsTo: "pos-bob"},
		&orgledger.Assign{Person: "xu", Position: "contractor-1"})
	withXu := first + "xu,Xu Lin,Contractor,bob,Eng,\n"
	importFile(t, l, readCSV(t, "mar.csv", withXu), "2024-03-31", false)
	head, _ := l.Head()
	_, err := hris.Import(context.Background(), l, readCSV(t, "feb.csv", withXu), date("2024-02-10"), hris.ImportOptions{Actor: "test"})
	if err == nil || !strings.Contains(err.Error(), "feb.csv:4: employee xu was hired on 2024-02-15 by a changeset") {
		t.Fatalf("a late import before a hire by hand: %v", err)
	}
	if after, _ := l.Head(); after != head {
		t.Fatalf("the refused import recorded events: head %d → %d", head, after)
	}
}

// apply records ops as one changeset effective on day.
func apply(t *testing.T, l *ledger.Ledger, day string, ops ...orgledger.Op) {
	t.Helper()
	cs := &orgledger.Changeset{Effective: date(day)}
	for _, op := range ops {
		cs.Changes = append(cs.Changes, orgledger.Change{Op: op})
	}
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
}

// TestSameDateClosingByHandStays: a corrected export takes back only what the exports of its
// date recorded: a position of the person's own that was closed by hand that day stays closed,
// and the file is refused, since the person would hold a closed position.
func TestSameDateClosingByHandStays(t *testing.T) {
	l := openLedger(t)
	importFile(t, l, readCSV(t, "jan.csv", fourPeople), "2024-01-31", false)
	importFile(t, l, readCSV(t, "feb-bad.csv", strings.TrimSuffix(fourPeople, "di,Di Fox,Dev,cy,Eng,Berlin\n")), "2024-02-29", false)
	rec, _ := l.Record("pos-di")
	var closed int64
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbClosePosition {
			closed = e.Seq
		}
	}
	apply(t, l, "2024-02-29", &orgledger.Retract{Event: closed, Reason: "closed by hand instead"})
	apply(t, l, "2024-02-29", &orgledger.ClosePosition{Position: "pos-di"})
	head, _ := l.Head()
	if _, err := hris.Import(context.Background(), l, readCSV(t, "feb.csv", fourPeople), date("2024-02-29"), hris.ImportOptions{Actor: "test"}); err == nil {
		t.Fatal("the corrected export took back a closing recorded by hand")
	}
	if after, _ := l.Head(); after != head {
		t.Fatalf("the refused import recorded events: head %d → %d", head, after)
	}
}

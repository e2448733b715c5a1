package hris_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

// TestImportRacingAWrite: a retitle is recorded, effective on the import's date, between the
// import working out its changes and recording them. The import works them out again on top
// of it, so that the org on its date is the file's; it used to record the changes worked out
// before, and the retitle stood. (Found by a black-box review, 2 of 9 tries over HTTP.)
func TestImportRacingAWrite(t *testing.T) {
	l := openLedger(t)
	jan := header + "ann,Ann,CTO,,Eng,\noa,Oa,Engineer,ann,Eng,\n"
	feb := header + "ann,Ann,CTO,,Eng,\nbo,Bo,Analyst,ann,Eng,\noa,Oa,Engineer,ann,Eng,\n"
	importFile(t, l, readCSV(t, "jan.csv", jan), "2024-01-31", false)
	raced := 0
	opt := hris.AfterPlanning(hris.ImportOptions{Actor: "test"}, func() {
		if raced++; raced > 1 {
			return
		}
		cs := &orgledger.Changeset{Effective: date("2024-02-29"), Changes: []orgledger.Change{
			{Op: &orgledger.Retitle{Position: hris.PositionID("oa"), Title: "Staff Engineer"}}}}
		if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "someone"}); err != nil {
			t.Error(err)
		}
	})
	if _, err := hris.Import(context.Background(), l, readCSV(t, "feb.csv", feb), date("2024-02-29"), opt); err != nil {
		t.Fatal(err)
	}
	if raced != 2 {
		t.Errorf("the import worked its changes out %d times, want 2", raced)
	}
	if got := exportAt(t, l, "2024-02-29"); got != feb {
		t.Errorf("after the race, the org on the import's date:\n%s\nwant the file:\n%s", got, feb)
	}
}

// TestImportRacingAHireWhilePlanning: someone is hired, effective on the import's date, by
// another writer while the import is still working its changes out (after it read who is in
// the org, before it looks the new row up). Recorded before the import began, or after it
// worked its changes out, the hire is taken in (ErrMoved, worked out again) and the file
// imports; landing in between, it must too: the import's changes were worked out from a
// ledger that moved. The planner's refusal ("appears here and on another date") was returned
// at once as a bad file, without looking at the head. (Found by a review.)
func TestImportRacingAHireWhilePlanning(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "root,Root,CEO,,Exec,\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "e%d,E %d,Engineer,root,Eng,\n", i, i)
	}
	b.WriteString("zz,Zed,Intern,e2999,Eng,\n") // deepest: looked up last
	f := readCSV(t, "big.csv", b.String())
	hire := &orgledger.Changeset{Effective: date("2024-01-31"), Changes: []orgledger.Change{
		{Op: &orgledger.Hire{ID: "zz", Name: "Zed"}}}}
	for try := 0; try < 40; try++ {
		l := openLedger(t)
		delay := time.Duration(try%40) * 250 * time.Microsecond
		done := make(chan error, 1)
		go func() {
			time.Sleep(delay)
			_, err := l.Apply(context.Background(), hire, ledger.ApplyOptions{Actor: "someone"})
			done <- err
		}()
		_, err := hris.Import(context.Background(), l, f, date("2024-01-31"), hris.ImportOptions{Actor: "test"})
		werr := <-done // refused when the import recorded zz first: the other order
		if err != nil && werr == nil {
			t.Fatalf("try %d (the hire %s after the import began): the import was refused: %v", try, delay, err)
		} else if err != nil {
			t.Fatalf("try %d: both refused: %v; %v", try, err, werr)
		}
	}
}

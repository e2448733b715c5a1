package hris_test

import (
	"context"
	"testing"

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
	hris.SetTestHookPlanned(t, func() {
		if raced++; raced > 1 {
			return
		}
		cs := &orgledger.Changeset{Effective: date("2024-02-29"), Changes: []orgledger.Change{
			{Op: &orgledger.Retitle{Position: hris.PositionID("oa"), Title: "Staff Engineer"}}}}
		if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "someone"}); err != nil {
			t.Error(err)
		}
	})
	importFile(t, l, readCSV(t, "feb.csv", feb), "2024-02-29", false)
	if raced != 2 {
		t.Errorf("the import worked its changes out %d times, want 2", raced)
	}
	if got := exportAt(t, l, "2024-02-29"); got != feb {
		t.Errorf("after the race, the org on the import's date:\n%s\nwant the file:\n%s", got, feb)
	}
}

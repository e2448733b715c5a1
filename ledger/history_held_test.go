package ledger_test

import (
	"testing"

	"github.com/orgledger/orgledger"
)

// TestPersonHistoryHasWhatChangedTheirPosition: a person's history lists the events that
// changed a position while they held it (its title, its solid and dotted lines, its unit),
// which change what their row shows, retracted ones with their retraction; not those before
// they took it or after they stepped out, nor those recorded after the time asked. (Found by
// QA: an import's promotion, a retitle of the person's position, was in the position's history
// alone.)
func TestPersonHistoryHasWhatChangedTheirPosition(t *testing.T) {
	l, _ := mustOpen(t)
	recordAt(t, l, at("2022-01-02", 9), "2022-01-01", &orgledger.CreateUnit{ID: "co", Name: "Co"},
		&orgledger.CreateUnit{ID: "lab", Name: "Lab", Parent: "co"}, &orgledger.CreateUnit{ID: "rnd", Name: "R&D", Parent: "co"},
		&orgledger.CreatePosition{ID: "boss", Title: "Boss", Unit: "co"}, &orgledger.CreatePosition{ID: "vp", Title: "VP", Unit: "co"},
		&orgledger.CreatePosition{ID: "eng", Title: "Engineer", Unit: "co", ReportsTo: "boss"},
		&orgledger.Hire{ID: "ann", Name: "Ann"})
	before := recordAt(t, l, at("2022-01-03", 9), "2022-01-15", &orgledger.Retitle{Position: "eng", Title: "Developer"})
	took := recordAt(t, l, at("2022-02-02", 9), "2022-02-01", &orgledger.Assign{Person: "ann", Position: "eng"})
	retitled := recordAt(t, l, at("2022-03-02", 9), "2022-03-01", &orgledger.Retitle{Position: "eng", Title: "Senior Engineer"})
	reported := recordAt(t, l, at("2022-03-03", 9), "2022-03-02", &orgledger.Report{Position: "eng", To: "vp"})
	moved := recordAt(t, l, at("2022-03-04", 9), "2022-03-03", &orgledger.MovePosition{Position: "eng", Unit: "lab"})
	dotted := recordAt(t, l, at("2022-03-05", 9), "2022-03-04", &orgledger.Dotted{Position: "eng", To: "boss"})
	undone := recordAt(t, l, at("2022-03-06", 9), "2022-03-04", &orgledger.Retract{Event: dotted, Reason: "drawn by mistake"})
	merged := recordAt(t, l, at("2022-03-07", 9), "2022-03-05", &orgledger.MergeUnits{Units: []string{"lab"}, Into: "rnd"}) // (found by QA)
	out := recordAt(t, l, at("2022-04-02", 9), "2022-04-01", &orgledger.Unassign{Person: "ann", Position: "eng"})
	after := recordAt(t, l, at("2022-04-03", 9), "2022-04-02", &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"})
	other := recordAt(t, l, at("2022-04-04", 9), "2022-03-10", &orgledger.Retitle{Position: "vp", Title: "SVP"})

	events := func(known string) map[int64]int64 {
		t.Helper()
		got := map[int64]int64{} // event: its retraction
		for seq, e := range historyByEvent(t, l, "ann", known) {
			got[seq] = e.RetractedBy
		}
		return got
	}
	now := events("")
	for _, seq := range []int64{took, retitled, reported, moved, dotted, undone, merged, out} {
		if !has(now, seq) {
			t.Errorf("ann's history lacks event %d: %v", seq, now)
		}
	}
	if now[dotted] != undone {
		t.Errorf("ann's history has the dotted line %d retracted by %d, want %d", dotted, now[dotted], undone)
	}
	for _, seq := range []int64{before, after, other} {
		if has(now, seq) {
			t.Errorf("ann's history has event %d, of a position she did not hold then: %v", seq, now)
		}
	}
	if then := events("2022-03-02"); !has(then, retitled) || has(then, reported) {
		t.Errorf("ann's history as known on 03-02: %v, want the retitle %d and not the line %d recorded later", then, retitled, reported)
	}
}

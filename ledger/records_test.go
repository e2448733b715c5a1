package ledger_test

import (
	"context"
	"slices"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestEventsNamingFindsEveryEvent: every event of a generated history (hires, leavers,
// successions, transfers, merges, splits, moves) is found again by its verb and the ids its
// change names, from the event before it, and not from itself; and nothing found has another verb, an earlier seq,
// or leaves out one of those ids.
func TestEventsNamingFindsEveryEvent(t *testing.T) {
	l, _ := genLedger(t, 400, 2)
	verbs := map[orgledger.Verb]int{}
	err := l.Store().Events(context.Background(), 0, func(e *orgledger.Event) error {
		ids := append([]string{orgledger.CreatedID(e.Op)}, orgledger.ReferencedIDs(e.Op)...)
		found := l.EventsNaming(ids, e.Op.Verb(), e.Seq-1)
		if !slices.ContainsFunc(found, func(r ledger.EventRef) bool { return r.Seq == e.Seq }) {
			t.Errorf("event %d (%s %v) is not among the %d events naming %v", e.Seq, e.Op.Verb(), e.Op, len(found), ids)
		}
		if slices.ContainsFunc(l.EventsNaming(ids, e.Op.Verb(), e.Seq), func(r ledger.EventRef) bool { return r.Seq == e.Seq }) {
			t.Errorf("event %d is found among those after it", e.Seq)
		}
		for _, r := range found {
			if r.Verb != e.Op.Verb() || r.Seq < e.Seq || slices.ContainsFunc(ids, func(id string) bool { return id != "" && !slices.Contains(r.IDs, id) }) {
				t.Errorf("for event %d (%s naming %v), found event %d: %s naming %v", e.Seq, e.Op.Verb(), ids, r.Seq, r.Verb, r.IDs)
			}
		}
		verbs[e.Op.Verb()]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []orgledger.Verb{orgledger.VerbHire, orgledger.VerbLeave, orgledger.VerbAssign, orgledger.VerbReport,
		orgledger.VerbCreatePosition, orgledger.VerbMergeUnits, orgledger.VerbMovePosition} {
		if verbs[v] == 0 {
			t.Errorf("the history has no %s to find: %v", v, verbs)
		}
	}
}

// TestEventsNamingUnknownOrNone: an id the ledger does not know is named by no event, and a
// change that names no id (a retraction) finds none.
func TestEventsNamingUnknownOrNone(t *testing.T) {
	l, _ := genLedger(t, 50, 1)
	if got := l.EventsNaming([]string{"no-such-id"}, orgledger.VerbHire, 0); len(got) != 0 {
		t.Errorf("an unknown id found %v", got)
	}
	if got := l.EventsNaming([]string{""}, orgledger.VerbRetract, 0); len(got) != 0 {
		t.Errorf("no id found %v", got)
	}
}

// TestOpenUnitsAreUnits: the units a chart names (OpenUnits) are those Units describes, in
// its order, with their names and heads, on days across a generated history.
func TestOpenUnitsAreUnits(t *testing.T) {
	l, opt := genLedger(t, 400, 2)
	for _, day := range sampleDays(opt, 5) {
		q := ledger.Query{At: day}
		var want []ledger.OpenUnit
		for _, u := range l.Units(q) {
			head := ""
			if u.Head != nil {
				head = u.Head.ID
			}
			want = append(want, ledger.OpenUnit{ID: u.ID, Name: u.Name, Head: head})
		}
		if got := l.OpenUnits(q); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("on %s: OpenUnits %d units, Units %d (first difference aside: %v)", day, len(got), len(want), got[:min(3, len(got))])
		}
	}
}

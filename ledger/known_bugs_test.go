package ledger_test

// Engine bugs the property test found, each as the smallest history that shows it. They are
// skipped until the engine is fixed; the property test leaves out the changesets that hit them
// (skipKnownBug) so that it can go on looking for others.

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// tolerateRetractBug makes the property test leave out a changeset whose retraction breaks a
// later event that the ledger does not check again (the TestRegressionRetract* tests). Set it
// to false once they pass.
const tolerateRetractBug = false

// skipKnownBug reports whether cs hits a known bug: the model refuses it only because its
// retractions break an existing event, and the ledger accepts it. The changeset is then not
// applied, so that the ledger stays equal to the model.
func (h *harness) skipKnownBug(cs *orgledger.Changeset, v verdict) bool {
	if !tolerateRetractBug || v.broken == nil {
		return false
	}
	retracts, others := splitRetracts(cs)
	if len(retracts.Changes) == 0 || h.m.try(retracts).broken == nil || h.m.try(others).why != "" {
		return false
	}
	if _, err := h.l.Apply(h.ctx, cs, ledger.ApplyOptions{DryRun: true}); err != nil {
		return false // the ledger refuses it too
	}
	h.knownBug++
	return true
}

// splitRetracts returns a changeset of cs's retractions and one of its other changes.
func splitRetracts(cs *orgledger.Changeset) (retracts, others *orgledger.Changeset) {
	r, o := *cs, *cs
	r.Changes, o.Changes = nil, nil
	for _, c := range cs.Changes {
		if c.Op.Verb() == orgledger.VerbRetract {
			r.Changes = append(r.Changes, c)
		} else {
			o.Changes = append(o.Changes, c)
		}
	}
	return &r, &o
}

// applyAll applies changesets that must be accepted, each effective on its own date.
func applyAll(t *testing.T, l *ledger.Ledger, days []string, ops ...[]orgledger.Op) {
	t.Helper()
	for i, batch := range ops {
		cs := &orgledger.Changeset{Effective: date(days[i])}
		for _, op := range batch {
			cs.Changes = append(cs.Changes, orgledger.Change{Op: op})
		}
		if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{}); err != nil {
			t.Fatalf("changeset %d: %v", i+1, err)
		}
	}
}

// mustRefuse applies a retraction of event seq and expects it refused.
func mustRefuse(t *testing.T, l *ledger.Ledger, seq int64, why string) {
	t.Helper()
	cs := &orgledger.Changeset{Effective: date("2022-03-01"), Changes: []orgledger.Change{
		{Op: &orgledger.Retract{Event: seq, Reason: "entered by mistake"}}}}
	_, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{})
	if orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Fatalf("retracting event %d was accepted (error %v), but %s", seq, err, why)
	}
}

// Retracting a leave gives the leaver their positions back; an assign after it that took one
// of them without replace or share is then invalid.
func TestRegressionRetractLeaveRefillsPosition(t *testing.T) {
	t.Skip("engine bug: a retracted leave is not checked against later assigns to the positions the leaver held")
	l, _ := mustOpen(t)
	applyAll(t, l, []string{"2022-01-01", "2022-01-02", "2022-01-03"},
		[]orgledger.Op{&orgledger.Hire{ID: "ann", Name: "Ann"}, &orgledger.Hire{ID: "bob", Name: "Bob"},
			&orgledger.CreateUnit{ID: "u", Name: "U"}, &orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"},
			&orgledger.Assign{Person: "ann", Position: "x"}}, // events 1-5
		[]orgledger.Op{&orgledger.Leave{Person: "ann"}},                 // event 6
		[]orgledger.Op{&orgledger.Assign{Person: "bob", Position: "x"}}, // event 7: x is vacant
	)
	mustRefuse(t, l, 6, "ann would hold x again on 2022-01-03, when bob takes it without replace or share")
}

// Retracting the close of a position reopens it; a later close of the position it reports to
// is then invalid.
func TestRegressionRetractClosePositionUnderManager(t *testing.T) {
	t.Skip("engine bug: a retracted close-position is not checked against a later close of its manager position")
	l, _ := mustOpen(t)
	applyAll(t, l, []string{"2022-01-01", "2022-01-02", "2022-01-03"},
		[]orgledger.Op{&orgledger.CreateUnit{ID: "u", Name: "U"},
			&orgledger.CreatePosition{ID: "boss", Title: "Boss", Unit: "u"},
			&orgledger.CreatePosition{ID: "aide", Title: "Aide", Unit: "u", ReportsTo: "boss"}}, // events 1-3
		[]orgledger.Op{&orgledger.ClosePosition{Position: "aide"}}, // event 4
		[]orgledger.Op{&orgledger.ClosePosition{Position: "boss"}}, // event 5
	)
	mustRefuse(t, l, 4, "aide would still report to boss when boss closes")
}

// Retracting the close of a position reopens it; a later close of its unit is then invalid.
func TestRegressionRetractClosePositionInClosedUnit(t *testing.T) {
	t.Skip("engine bug: a retracted close-position is not checked against a later close-unit of its unit")
	l, _ := mustOpen(t)
	applyAll(t, l, []string{"2022-01-01", "2022-01-02"},
		[]orgledger.Op{&orgledger.CreateUnit{ID: "u", Name: "U"},
			&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"}}, // events 1-2
		[]orgledger.Op{&orgledger.ClosePosition{Position: "x"}, &orgledger.CloseUnit{Unit: "u"}}, // events 3-4
	)
	mustRefuse(t, l, 3, "x would still be open in u when u closes")
}

// Retracting the close of a position reopens it; a later merge of its unit, whose recorded
// effects do not move it, is then invalid (it would be left in a closed unit).
func TestRegressionRetractClosePositionInMergedUnit(t *testing.T) {
	t.Skip("engine bug: a retracted close-position is not checked against a later merge of its unit")
	l, _ := mustOpen(t)
	applyAll(t, l, []string{"2022-01-01", "2022-01-02"},
		[]orgledger.Op{&orgledger.CreateUnit{ID: "a", Name: "A"}, &orgledger.CreateUnit{ID: "b", Name: "B"},
			&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "a"}}, // events 1-3
		[]orgledger.Op{&orgledger.ClosePosition{Position: "x"},
			&orgledger.MergeUnits{Units: []string{"a"}, Into: "b"}}, // events 4-5
	)
	mustRefuse(t, l, 4, "x would be open in a when the merge, which moves nothing, closes a")
}

// An id whose creation was retracted is free again as far as doc.go says ("treated as never
// having happened"; "an id is created once"), but the ledger refuses to create it as another
// kind of record. This is a rule of the engine that the docs do not state: document it, or
// lift it.
func TestRegressionIDKindAfterRetraction(t *testing.T) {
	t.Skip("spec gap: the ledger never reuses a retracted id for another kind of record; doc.go does not say so")
	l, _ := mustOpen(t)
	applyAll(t, l, []string{"2022-01-01"}, []orgledger.Op{&orgledger.CreateUnit{ID: "sales", Name: "Sales"}})
	cs := &orgledger.Changeset{Effective: date("2022-01-02"), Changes: []orgledger.Change{
		{Op: &orgledger.Retract{Event: 1, Reason: "entered by mistake"}},
		{Op: &orgledger.Hire{ID: "sales", Name: "Sales Person"}}}}
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{}); err != nil {
		t.Fatalf("the retracted unit's id cannot be hired: %v", err)
	}
}

package plans_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// TestHiddenPlanEventsTellNoWaiting checks that a viewer reading the log sees neither the note
// a change released by bob's leaving was recorded with ("took effect when bob left") nor the
// reason its take-back gives once the leaving is retracted, which said that the change waits
// again for bob's leaving: what a plan will change is the plan's. An admin sees both. (Found
// by QA.)
func TestHiddenPlanEventsTellNoWaiting(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	retract := retractBobsLeaving(t, s, res)
	if err := s.AfterCommit(ctx, retract); err != nil {
		t.Fatal(err)
	}
	viewer := plans.Caller{Name: "vic", Role: orgledger.RoleViewer}
	seen, hidden := planEvents(t, s, admin), planEvents(t, s, viewer)
	if len(seen) != 2 || len(hidden) != 2 {
		t.Fatalf("the plan's release and take-back: %d events for the admin, %d for the viewer, want 2", len(seen), len(hidden))
	}
	if seen[0].Note != "took effect when bob left" || !strings.Contains(seen[1].Summary, "took effect when bob left") {
		t.Errorf("the admin reads %q and %q, want the plan's waiting told", seen[0].Note, seen[1].Summary)
	}
	leaving := res.Events[0].Seq
	for _, e := range hidden {
		if e.Plan != "" || strings.Contains(e.Note, "bob") || strings.Contains(e.Summary, "bob") {
			t.Errorf("the viewer reads event %d: plan %q, note %q, summary %q", e.Event, e.Plan, e.Note, e.Summary)
		}
	}
	r, ok := hidden[1].Change.(*orgledger.Retract)
	if want := "taken back with the retraction of event " + strconv.FormatInt(leaving, 10); !ok || r.Reason != want || !strings.HasSuffix(hidden[1].Summary, want) {
		t.Errorf("the viewer reads the take-back as %+v (%q), want the reason %q", hidden[1].Change, hidden[1].Summary, want)
	}
	if again := planEvents(t, s, admin); again[1].Summary != seen[1].Summary {
		t.Errorf("hiding changed the ledger's own event: %q", again[1].Summary)
	}
}

// planEvents returns the events of the log that came from a plan (by the admin's reading), as
// the caller reads them.
func planEvents(t *testing.T, s *plans.Service, c plans.Caller) []orgledger.HistoryEvent {
	t.Helper()
	log, err := s.Ledger.Log(ctx, ledger.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []orgledger.HistoryEvent
	for _, e := range log.Events {
		if e.Plan != "" && e.Change.Verb() != orgledger.VerbHire {
			out = append(out, e)
		}
	}
	if err := s.HidePlans(ctx, c, out); err != nil {
		t.Fatal(err)
	}
	return out
}

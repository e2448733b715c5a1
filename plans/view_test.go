package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

// TestViewTakenBackByHand: plan p's retitle of eng and its putting cy in cto wait for bob's
// leaving, which releases both; the retitle's event is then retracted by hand. The view tells
// the retitle taken back, by that retraction, and not the other, in force, nor change 3, which
// waits for ann's leaving. (Found by a review: the retitle was shown as in force.)
func TestViewTakenBackByHand(t *testing.T) {
	s := service(t)
	waiting := changes(&orgledger.Retitle{Position: "eng", Title: "Lead Engineer"},
		&orgledger.Assign{Person: "cy", Position: "cto"}, &orgledger.Retitle{Position: "ceo", Title: "Chief"})
	waiting[0].When, waiting[1].When, waiting[2].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "ann"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), waiting); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	record(t, s, "2022-08-01", &orgledger.Leave{Person: "bob"})
	if v := mustView(t, s, "p"); v.Changes[0].Retracted != nil || v.Changes[0].Waiting {
		t.Fatalf("the retitle released and in force: %+v", v.Changes[0])
	}
	want := retitleRetracted(t, s)
	v := mustView(t, s, "p")
	if got := v.Changes[0].Retracted; got == nil || *got != *want {
		t.Errorf("the retitle retracted by hand: retracted %+v, want %+v", got, want)
	}
	if v.Changes[0].Waiting {
		t.Errorf("the retitle retracted by hand waits again: %+v", v.Changes[0])
	}
	if ch := v.Changes[1]; ch.Retracted != nil || ch.Waiting {
		t.Errorf("cy in cto, in force: %+v, want neither taken back nor waiting", ch)
	}
	if ch := v.Changes[2]; ch.Retracted != nil || !ch.Waiting {
		t.Errorf("the ceo's retitle, waiting for ann: %+v, want waiting and not taken back", ch)
	}
}

// TestViewTakenBackWithTheLeaving: a change that a take-back retracted with the leaving that
// released it, by a process that stopped before it put it back to wait, is not told taken back
// by hand, nor in force: it is shown waiting, as it is once settled.
func TestViewTakenBackWithTheLeaving(t *testing.T) {
	s := service(t)
	leaving := successorWhenBobLeaves(t, s)
	made, _, err := s.WithTakeBacks(ctx, &orgledger.Changeset{Changes: []orgledger.Change{{Op: &orgledger.Retract{Event: leaving, Reason: "bob stays"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ledger.Apply(ctx, made, ledger.ApplyOptions{Actor: "hr-system"}); err != nil { // and no AfterCommit
		t.Fatal(err)
	}
	if p, err := s.Get(ctx, admin, "p"); err != nil || len(p.Unreleased()) != 0 {
		t.Fatalf("the plan was put back to wait: %v %v", err, p.Unreleased())
	}
	if ch := mustView(t, s, "p").Changes[1]; !ch.Waiting || ch.Retracted != nil {
		t.Errorf("cy in cto, taken back with its leaving and not yet put back to wait: %+v, want waiting, and not told retracted by hand", ch)
	}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
}

// TestViewWhoseEventsCannotBeRead: the view of an applied plan whose leaving released a change
// fails when the events that recorded it cannot be read, rather than tell the change in force;
// a draft's is read without them.
func TestViewWhoseEventsCannotBeRead(t *testing.T) {
	store := &failingReads{Store: memory.New()}
	s := serviceOn(t, store)
	retitleRetractedByHand(t, s)
	create(t, s, ann, "draft", "2022-07-01", &orgledger.Retitle{Position: "ceo", Title: "Chief"})
	store.armed = true
	if _, err := s.View(ctx, mustGet(t, s, "p")); err == nil || !strings.Contains(err.Error(), "the disk is gone") {
		t.Errorf("the view of plan p, its events unreadable: %v, want the store's error", err)
	}
	if _, err := s.View(ctx, mustGet(t, s, "draft")); err != nil {
		t.Errorf("the view of a draft, the events unreadable: %v", err)
	}
}

// TestViewAppliedChangeRetractedByHand: plan p hires dee and retitles eng as it is applied; the
// retitle's event is then retracted by hand. The view tells the retitle retracted, by that
// retraction, and not the hire, in force. (Found by a review of the view of released changes
// retracted by hand: a change the apply recorded was shown in force all the same.)
func TestViewAppliedChangeRetractedByHand(t *testing.T) {
	s := service(t)
	applied(t, s, "p", changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "eng", Title: "Lead Engineer"}))
	want := retitleRetracted(t, s)
	v := mustView(t, s, "p")
	if got := v.Changes[1].Retracted; got == nil || *got != *want {
		t.Errorf("the retitle retracted by hand: retracted %+v, want %+v", got, want)
	}
	if got := v.Changes[0].Retracted; got != nil {
		t.Errorf("dee's hire, in force: retracted %+v", got)
	}
}

// retitleRetracted retracts by hand eng's last event, plan p's retitle, and returns the view's
// Retraction of it.
func retitleRetracted(t *testing.T, s *plans.Service) *plans.Retraction {
	t.Helper()
	h, err := s.Ledger.History(ctx, "eng", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	retitled := h.Events[len(h.Events)-1]
	if retitled.Plan != "p@ann" || retitled.Verb != orgledger.VerbRetitle {
		t.Fatalf("eng's last event: %+v, want plan p's retitle", retitled)
	}
	by := record(t, s, "2022-08-01", &orgledger.Retract{Event: retitled.Event, Reason: "eng keeps its title after all"})
	return &plans.Retraction{Event: retitled.Event, By: by.Events[0].Seq}
}

// TestDraftListedWithWhatWouldWait: a draft's line in the list counts its changes that would
// wait for a leaving were it applied now, as its view marks them (found by QA: the list said
// none); one whose leaving the ledger holds would be recorded at once, and is not counted.
func TestDraftListedWithWhatWouldWait(t *testing.T) {
	s := service(t)
	record(t, s, "2022-03-01", &orgledger.Leave{Person: "cy"})
	ops := changes(&orgledger.Retitle{Position: "cto", Title: "CTO"}, &orgledger.Retitle{Position: "eng", Title: "Engineer II"},
		&orgledger.Retitle{Position: "ceo", Title: "Chief Executive"})
	ops[1].When, ops[2].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	ps, err := s.List(ctx, ann)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.View(ctx, ps[0])
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, c := range v.Changes {
		if c.Waiting {
			marked++
		}
	}
	if got := s.Summaries(ps); len(got) != 1 || got[0].Waiting != 1 || marked != 1 {
		t.Errorf("listed %+v, the view marks %d waiting; want 1 and 1", got, marked)
	}
}

// TestDroppedPlanWaitsForNothing: a dropped plan's change that waited for a leaving is shown as
// waiting no more, as the list counts it: it never takes effect (found by QA: shown waiting).
func TestDroppedPlanWaitsForNothing(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Retitle{Position: "eng", Title: "Engineer II"})
	ops[0].When = &orgledger.When{Leaves: "bob"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	if err := s.Drop(ctx, ann, "p"); err != nil {
		t.Fatal(err)
	}
	ps, err := s.List(ctx, ann)
	if err != nil || len(ps) != 1 {
		t.Fatal(ps, err)
	}
	v, err := s.View(ctx, ps[0])
	if err != nil {
		t.Fatal(err)
	}
	if v.Changes[0].Waiting || s.Summaries(ps)[0].Waiting != 0 {
		t.Errorf("a dropped plan: change shown waiting %v, listed waiting %d", v.Changes[0].Waiting, s.Summaries(ps)[0].Waiting)
	}
}

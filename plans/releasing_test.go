package plans_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// failingUnclaim is a plan store that fails the write ending a release's claim, as a process
// that stopped after recording the claimed changes would have left the plan.
type failingUnclaim struct{ orgledger.PlanStore }

func (s failingUnclaim) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if p.Status == orgledger.PlanApplied && len(p.Releasing) == 0 {
		return orgledger.Errorf(orgledger.EINTERNAL, "the process stopped")
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// leaves records person's leaving on day and runs the plans' AfterCommit on it.
func leaves(t *testing.T, s *plans.Service, person, day string) error {
	t.Helper()
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date(day), Changes: changes(&orgledger.Leave{Person: person})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	return s.AfterCommit(ctx, res.Commit)
}

// wantUnreleased checks which changes of plan p (numbered from 1) still wait, as plan show
// tells them.
func wantUnreleased(t *testing.T, s *plans.Service, want ...int) {
	t.Helper()
	p, err := s.Get(ctx, admin, "p")
	if err != nil {
		t.Fatal(err)
	}
	var waiting []int
	for _, ch := range s.View(p).Changes {
		if ch.Waiting {
			waiting = append(waiting, ch.Change)
		}
	}
	if !slices.Equal(waiting, want) {
		t.Errorf("changes waiting: %v, want %v (waiting %v, claimed %+v)", waiting, want, p.Waiting, p.Releasing)
	}
}

// TestReleaseStoppedAfterRecording: a release records the change waiting for bob's leaving and
// stops before it ends its claim. The change still shows as waiting, since nothing tells the
// plan otherwise; the next release, on another leaving, finds it in the ledger and ends the
// claim, and it is not recorded again.
func TestReleaseStoppedAfterRecording(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	plain := s.Store
	s.Store = failingUnclaim{plain}
	if err := leaves(t, s, "bob", "2022-08-01"); err == nil {
		t.Fatal("a release whose last write failed succeeded")
	}
	s.Store = plain
	wantHolder(t, s, "cto", "2022-08-02", "cy")
	wantUnreleased(t, s, 2)
	if err := leaves(t, s, "dee", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	if p, _ := s.Get(ctx, admin, "p"); len(p.Releasing) != 0 || len(p.Waiting) != 0 {
		t.Errorf("after the settle: waiting %v, claimed %+v", p.Waiting, p.Releasing)
	}
	if h, _ := s.Ledger.History(ctx, "cy", 0); len(h.Events) != 2 {
		t.Errorf("cy's history: %d events, want the hire and the cto's position once", len(h.Events))
	}
}

// TestReleaseStoppedBeforeRecording: a release claims the change waiting for bob's leaving
// and stops before recording it. Where the change used to be lost, it now waits on: a release
// within the claim's lease leaves it (the claim may be under way), and one after it puts the
// change back and records it.
func TestReleaseStoppedBeforeRecording(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Ledger.Head()
	if _, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})},
		ledger.ApplyOptions{Actor: "hr-system"}); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Get(ctx, admin, "p")
	p.Waiting, p.Releasing = nil, []orgledger.Release{{Changes: []int{1}, Since: clockAt.t, After: head}} // the claim of a process that stopped then
	if err := s.Store.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if err := leaves(t, s, "dee", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if info, err := s.Ledger.Show("cto", ledger.Query{At: date("2022-08-02")}); err != nil || !info.(*orgledger.PositionInfo).Vacant {
		t.Errorf("a claim within its lease was recorded by another release: cto %+v %v", info, err)
	}
	later := &plans.Service{Ledger: s.Ledger, Store: s.Store, Clock: fixedClock{clockAt.t.Add(11 * time.Minute)}}
	if err := leaves(t, later, "ann", "2022-10-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	wantHolder(t, s, "cto", "2022-08-02", "cy")
}

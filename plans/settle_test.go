package plans_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// TestSettleAfterAStoppedRelease: the process that recorded bob's leaving stopped before it
// released the change of an applied plan that waited for it. The next settle (a server
// starting, a command that writes) releases it, though the plan was written in between.
func TestSettleAfterAStoppedRelease(t *testing.T) {
	s := appliedSuccession(t)
	stoppedAfterLeaving(t, s)
	if v := mustView(t, s, "p"); !v.Changes[0].LeavingRecorded {
		t.Errorf("the change left waiting is not shown with its leaving recorded: %+v", v.Changes[0])
	}
	if _, err := s.Share(ctx, admin, "p", "bob"); err != nil { // a write of the plan meanwhile
		t.Fatal(err)
	}
	if err := s.Settle(ctx, "admin"); err != nil {
		t.Fatal(err)
	}
	if p := mustGet(t, s, "p"); len(p.Waiting) != 0 || len(p.Releasing) != 0 {
		t.Errorf("the plan still waits on changes %v (claims %v)", p.Waiting, p.Releasing)
	}
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "cy" {
		t.Errorf("cto on 2022-08-01 is held by %q, want cy, by the plan", holder)
	}
	if err := s.Settle(ctx, "admin"); err != nil { // and once only
		t.Fatal(err)
	}
	if h, err := s.Ledger.History(ctx, "cy", ledger.HistoryOptions{}); err != nil || len(h.Events) != 2 {
		t.Errorf("cy's history after settling twice: %+v %v, want the hire and one assignment", h, err)
	}
}

// TestSettleLeavesARefusedReleaseWaiting: a release the ledger refused (cy left before bob)
// waits for the next leaving; a settle does not try it again, nor warn of it.
func TestSettleLeavesARefusedReleaseWaiting(t *testing.T) {
	s := appliedSuccession(t)
	record(t, s, "2022-07-01", &orgledger.Leave{Person: "cy"})
	if err := s.AfterCommit(ctx, stoppedAfterLeaving(t, s)); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("the refused release: %v", err)
	}
	if err := s.Settle(ctx, "admin"); err != nil {
		t.Errorf("a settle after the refused release: %v", err)
	}
	if p := mustGet(t, s, "p"); len(p.Waiting) != 1 {
		t.Errorf("the plan waits on %v, want the refused change", p.Waiting)
	}
}

// stoppedAfterLeaving records bob's leaving on 2022-08-01, as a process that stops before its
// AfterCommit would, and returns the commit.
func stoppedAfterLeaving(t *testing.T, s *plans.Service) *orgledger.Commit {
	t.Helper()
	leave := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})}
	res, err := s.Ledger.Apply(ctx, leave, ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Commit
}

func mustGet(t *testing.T, s *plans.Service, name string) *orgledger.Plan {
	t.Helper()
	p, err := s.Get(ctx, admin, name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mustView returns the view of the plan name, as an admin sees it.
func mustView(t *testing.T, s *plans.Service, name string) plans.View {
	t.Helper()
	v, err := s.View(ctx, mustGet(t, s, name))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// appliedSuccession returns plans with plan p applied: cy takes cto
// once bob leaves.
func appliedSuccession(t *testing.T) *plans.Service {
	t.Helper()
	s := service(t)
	forBob := orgledger.Change{Op: &orgledger.Assign{Person: "cy", Position: "cto"}, When: &orgledger.When{Leaves: "bob"}}
	if _, err := s.Create(ctx, ann, "p", date("2022-09-01"), []orgledger.Change{forBob}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	return s
}

// holderOf returns who holds a position on a day, "" for nobody.
func holderOf(t *testing.T, s *plans.Service, position, day string) string {
	t.Helper()
	info, err := s.Ledger.Show(position, ledger.Query{At: date(day)})
	if err != nil {
		t.Fatal(err)
	}
	if hs := info.(*orgledger.PositionInfo).Holders; len(hs) > 0 {
		return hs[0].ID
	}
	return ""
}

// TestSettlePendingAfterAStoppedRelease: what a running server does every minute releases
// what a process that stopped after recording bob's leaving left, and once only.
func TestSettlePendingAfterAStoppedRelease(t *testing.T) {
	s := appliedSuccession(t)
	stoppedAfterLeaving(t, s)
	for range 2 {
		if err := s.SettlePending(ctx, "admin"); err != nil {
			t.Fatal(err)
		}
	}
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "cy" {
		t.Errorf("cto on 2022-08-01 is held by %q, want cy, by the plan", holder)
	}
	if h, err := s.Ledger.History(ctx, "cy", ledger.HistoryOptions{}); err != nil || len(h.Events) != 2 {
		t.Errorf("cy's history after settling twice: %+v %v, want the hire and one assignment", h, err)
	}
}

// TestSettleOfAServerStopping: a server stopping settles no plan it has not begun: what waits
// is left to the next settle.
func TestSettleOfAServerStopping(t *testing.T) {
	s := appliedSuccession(t)
	stoppedAfterLeaving(t, s)
	stopping, stop := context.WithCancel(ctx)
	stop()
	if err := s.SettlePending(stopping, "admin"); err != nil {
		t.Fatal(err)
	}
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "" {
		t.Errorf("cto on 2022-08-01 is held by %q, released by a server stopping", holder)
	}
	if err := s.SettlePending(ctx, "admin"); err != nil {
		t.Fatal(err)
	}
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "cy" {
		t.Errorf("cto on 2022-08-01 is held by %q, want cy, by the next settle", holder)
	}
}

// TestSettleRecordsAReleaseInTheLeaversName: a plan whose apply recorded nothing (every change
// waits) has what a leaving released, when a settle finds it (the process that recorded the
// leaving stopped first), recorded in the name of whoever recorded the leaving, not of the
// process settling it. (Found by QA: a server's pass every minute recorded them as the system
// user running it.)
func TestSettleRecordsAReleaseInTheLeaversName(t *testing.T) {
	s := service(t)
	appliedWaitingForBob(t, s, &orgledger.Assign{Person: "cy", Position: "cto"})
	stoppedAfterLeaving(t, s) // recorded by hr-system
	if err := s.Settle(ctx, "server-user"); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Ledger.Head()
	events, err := s.Ledger.Store().EventsBySeq(ctx, []int64{head})
	if err != nil || len(events) != 1 || events[0].Op.Verb() != orgledger.VerbAssign || events[0].Actor != "hr-system" {
		t.Errorf("the released change: %+v %v, want it recorded by hr-system", events, err)
	}
}

// TestSettleRecordsAReleaseInTheLatestLeaversName: changes freed by two leavings, settled in one
// pass, are recorded in the name of whoever recorded the later of the two. (Found by a review:
// the first freed change's leaver was taken.)
func TestSettleRecordsAReleaseInTheLatestLeaversName(t *testing.T) {
	s := service(t)
	chs := changes(&orgledger.Retitle{Position: "eng", Title: "Staff Engineer"}, &orgledger.Retitle{Position: "cto", Title: "Chief"})
	chs[0].When, chs[1].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	if _, err := s.Create(ctx, ann, "p", date("2022-09-01"), chs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ actor, who string }{{"hr-1", "cy"}, {"hr-2", "bob"}} { // cy's leaving first, bob's after
		leave := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: l.who})}
		if _, err := s.Ledger.Apply(ctx, leave, ledger.ApplyOptions{Actor: l.actor}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Settle(ctx, "server-user"); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Ledger.Head()
	events, err := s.Ledger.Store().EventsBySeq(ctx, []int64{head - 1, head})
	if err != nil || len(events) != 2 {
		t.Fatalf("%+v %v", events, err)
	}
	for _, e := range events {
		if e.Op.Verb() != orgledger.VerbRetitle || e.Actor != "hr-2" {
			t.Errorf("a released change: %s by %s, want a retitle by hr-2", ledger.Summary(&e), e.Actor)
		}
	}
}

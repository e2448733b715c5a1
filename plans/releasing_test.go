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

// stopAfterRecording has person leave on day, and the release of the changes waiting for it
// stop once it has recorded them, before it ends its claim.
func stopAfterRecording(t *testing.T, s *plans.Service, person, day string) {
	t.Helper()
	plain := s.Store
	s.Store = failingUnclaim{plain}
	defer func() { s.Store = plain }()
	if err := leaves(t, s, person, day); err == nil {
		t.Fatal("a release whose last write failed succeeded")
	}
}

// afterTheLease returns s as it is once a claim made at clockAt is out of its lease.
func afterTheLease(s *plans.Service) *plans.Service {
	return &plans.Service{Ledger: s.Ledger, Store: s.Store, Clock: fixedClock{clockAt.t.Add(11 * time.Minute)}}
}

// retitleWhenBobLeaves applies plan p, which hires dee and retitles cto once bob leaves, then
// records bob's leaving on 2022-08-01, without the AfterCommit that would release the retitle,
// and returns its commit.
func retitleWhenBobLeaves(t *testing.T, s *plans.Service, title string) *orgledger.Commit {
	t.Helper()
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "cto", Title: title})
	ops[1].When = &orgledger.When{Leaves: "bob"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	return bobLeftUnreleased(t, s)
}

// bobLeftUnreleased records bob's leaving on 2022-08-01, without the AfterCommit that would
// release what waits for it (a process that stopped there), and returns its commit.
func bobLeftUnreleased(t *testing.T, s *plans.Service) *orgledger.Commit {
	t.Helper()
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Commit
}

// claimAbandoned applies plan p, whose change 2 waits for bob's leaving, and leaves that change
// as a release that claimed it and stopped before recording it leaves it, bob's leaving
// recorded.
func claimAbandoned(t *testing.T, s *plans.Service) {
	t.Helper()
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Ledger.Head()
	bobLeftUnreleased(t, s)
	p, _ := s.Get(ctx, admin, "p")
	p.Waiting, p.Releasing = nil, []orgledger.ReleaseClaim{{Changes: []int{1}, Since: clockAt.t, After: head}} // the claim of a process that stopped then
	if err := s.Store.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
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
	v, err := s.View(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range v.Changes {
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
	stopAfterRecording(t, s, "bob", "2022-08-01")
	wantHolder(t, s, "cto", "2022-08-02", "cy")
	wantUnreleased(t, s, 2)
	if err := leaves(t, s, "dee", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	if p, _ := s.Get(ctx, admin, "p"); len(p.Releasing) != 0 || len(p.Waiting) != 0 {
		t.Errorf("after the settle: waiting %v, claimed %+v", p.Waiting, p.Releasing)
	}
	if h, _ := s.Ledger.History(ctx, "cy", ledger.HistoryOptions{}); len(h.Events) != 2 {
		t.Errorf("cy's history: %d events, want the hire and the cto's position once", len(h.Events))
	}
}

// TestReleaseStoppedBeforeRecording: a release claims the change waiting for bob's leaving
// and stops before recording it. Where the change used to be lost, it now waits on: a release
// within the claim's lease leaves it (the claim may be under way), and one after it puts the
// change back and records it.
func TestReleaseStoppedBeforeRecording(t *testing.T) {
	s := service(t)
	claimAbandoned(t, s)
	wantUnreleased(t, s, 2)
	if v := mustView(t, s, "p"); v.Changes[1].Releasing == nil || !v.Changes[1].Waiting {
		t.Errorf("plan show of the claimed change: %+v, want it waiting, claimed", v.Changes[1])
	}
	if err := leaves(t, s, "dee", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if info, err := s.Ledger.Show("cto", ledger.Query{At: date("2022-08-02")}); err != nil || !info.(*orgledger.PositionInfo).Vacant {
		t.Errorf("a claim within its lease was recorded by another release: cto %+v %v", info, err)
	}
	later := afterTheLease(s)
	if err := leaves(t, later, "ann", "2022-10-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	wantHolder(t, s, "cto", "2022-08-02", "cy")
	if v := mustView(t, s, "p"); v.Changes[1].Releasing != nil {
		t.Errorf("plan show of the change released: %+v, still claimed", v.Changes[1])
	}
}

// TestSettleEndsAnAbandonedClaim: a release claimed the change waiting for bob's leaving and
// stopped before recording it; no other leaving comes. A server that starts within the claim's
// lease leaves it (it may be under way); one that starts after it puts the change back and
// records it. Before, Settle looked only at the changes waiting, and the claimed change stayed
// unrecorded until some other leaving.
func TestSettleEndsAnAbandonedClaim(t *testing.T) {
	s := service(t)
	claimAbandoned(t, s)
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if err := afterTheLease(s).Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	wantHolder(t, s, "cto", "2022-08-02", "cy")
}

// retractOnClaim is a plan store that, just after the write of a release's claim, has another
// request of the same server retract an event (a leaving recorded by mistake).
type retractOnClaim struct {
	orgledger.PlanStore
	l     *ledger.Ledger
	event int64
	done  bool
}

func (s *retractOnClaim) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	err := s.PlanStore.UpdatePlan(ctx, p)
	if err == nil && !s.done && len(p.Releasing) > 0 {
		s.done = true
		_, err = s.l.Apply(ctx, &orgledger.Changeset{Changes: changes(&orgledger.Retract{Event: s.event, Reason: "recorded by mistake"})},
			ledger.ApplyOptions{Actor: "hr-system"})
	}
	return err
}

// TestLeavingRetractedWhileReleasing: bob's and ann's leavings free two changes of a plan; ann's
// is retracted between the release's claim and its record. The change waiting for ann is not
// recorded and waits again, where it used to be dropped with the claim, so that ann's real
// leaving later releases it. (Found by a review.)
func TestLeavingRetractedWhileReleasing(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"},
		&orgledger.Retitle{Position: "eng", Title: "Staff Engineer"})
	ops[1].When = &orgledger.When{Leaves: "bob"}
	ops[2].When = &orgledger.When{Leaves: "ann"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"),
		Changes: changes(&orgledger.Leave{Person: "bob"}, &orgledger.Leave{Person: "ann"})}, ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	plain := s.Store
	s.Store = &retractOnClaim{PlanStore: plain, l: s.Ledger, event: res.Commit.Events[1].Seq}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		t.Fatal(err)
	}
	s.Store = plain
	wantHolder(t, s, "cto", "2022-08-02", "cy")
	wantUnreleased(t, s, 3)
	if err := leaves(t, s, "ann", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	if info, _ := s.Ledger.Show("eng", ledger.Query{At: date("2022-09-02")}); info.(*orgledger.PositionInfo).Title != "Staff Engineer" {
		t.Errorf("eng on 2022-09-02: %+v, want the change released by ann's leaving", info)
	}
}

// TestTwinChangesSettledApart: two changes alike in every field wait for two leavings. The
// release of the first stops after recording it; the release of the second, claimed and
// stopped before recording, is not taken for done by the first's event, and once its lease is
// out it is recorded.
func TestTwinChangesSettledApart(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Report{Position: "eng", To: "ceo"},
		&orgledger.Report{Position: "eng", To: "ceo"})
	ops[1].When, ops[2].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	stopAfterRecording(t, s, "bob", "2022-08-01")
	head, _ := s.Ledger.Head()
	if _, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-15"), Changes: changes(&orgledger.Leave{Person: "cy"})},
		ledger.ApplyOptions{Actor: "hr-system"}); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Get(ctx, admin, "p")
	p.Waiting, p.Releasing = nil, append(p.Releasing, orgledger.ReleaseClaim{Changes: []int{2}, Since: clockAt.t, After: head - 5})
	if err := s.Store.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	later := afterTheLease(s)
	if err := leaves(t, later, "dee", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	h, _ := s.Ledger.History(ctx, "eng", ledger.HistoryOptions{})
	var reports []string
	for _, e := range h.Events {
		if e.Verb == orgledger.VerbReport {
			reports = append(reports, e.Effective.String())
		}
	}
	if !slices.Equal(reports, []string{"2022-08-01", "2022-08-15"}) {
		t.Errorf("eng's reports recorded on %v, want once for each leaving", reports)
	}
}

// settledMeanwhile is a plan store that, before the write putting a refused release's changes
// back to wait, ends the claim itself, as another process's settle that found them in the
// ledger would.
type settledMeanwhile struct {
	orgledger.PlanStore
	done bool
}

func (s *settledMeanwhile) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if !s.done && p.Status == orgledger.PlanApplied && len(p.Releasing) == 0 && len(p.Waiting) > 0 {
		s.done = true
		named, err := s.PlansNamed(ctx, p.Name)
		if err != nil {
			return err
		}
		named[0].Releasing = nil
		if err := s.PlanStore.UpdatePlan(ctx, named[0]); err != nil {
			return err
		}
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// TestRefusedReleaseOfAnEndedClaim: a release whose record the ledger refuses puts its changes
// back to wait only while its claim is still on the plan; one that another process ended
// meanwhile stays ended, so that what that process found recorded is not released again.
func TestRefusedReleaseOfAnEndedClaim(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	if err := leaves(t, s, "cy", "2022-07-15"); err != nil { // the assign of cy will be refused
		t.Fatal(err)
	}
	s.Store = &settledMeanwhile{PlanStore: s.Store}
	if err := leaves(t, s, "bob", "2022-08-01"); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("the refused release: %v", err)
	}
	if p, _ := s.Get(ctx, admin, "p"); len(p.Waiting) != 0 || len(p.Releasing) != 0 {
		t.Errorf("waiting %v, claimed %+v: a claim ended meanwhile was put back to wait", p.Waiting, p.Releasing)
	}
}

// TestRetractedLeavingTakesBackItsRelease: a change that waited for bob's leaving was released
// by it; the leaving is then retracted (recorded by mistake). The change's event is retracted
// with it and the change waits again, for the leaving recorded later, which releases it on its
// own day: before, the change stayed in force from the retracted leaving's day, and the real
// leaving released nothing. (Found by a data-integrity review.)
func TestRetractedLeavingTakesBackItsRelease(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	retract := retractBobsLeaving(t, s, res)
	if err := s.AfterCommit(ctx, retract); err != nil {
		t.Fatal(err)
	}
	wantWaitingAgain(t, s, "after the leaving was retracted")
}

// failingWaitAgain is a plan store that fails the write putting released changes back to wait,
// as a process that stopped between a take-back's retraction and that write leaves the plan.
type failingWaitAgain struct{ orgledger.PlanStore }

func (s failingWaitAgain) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if p.Status == orgledger.PlanApplied && len(p.Waiting) > 0 {
		return orgledger.Errorf(orgledger.EINTERNAL, "the process stopped")
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// takeBackStopped applies plan p, which retitles cto once bob leaves, has bob's leaving release
// it, and retracts the leaving with a take-back that retracts the change's event and stops
// before the plan says the change waits again.
func takeBackStopped(t *testing.T, s *plans.Service) {
	t.Helper()
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	retract := retractBobsLeaving(t, s, res)
	plain := s.Store
	s.Store = failingWaitAgain{plain}
	defer func() { s.Store = plain }()
	if err := s.AfterCommit(ctx, retract); err == nil {
		t.Fatal("a take-back whose plan write failed succeeded")
	}
}

// TestSettleATakeBackThatStopped: bob's leaving released a change, and was retracted; the take
// back retracted the change's event and stopped before the plan said it waits again. Settle
// (a server's start, a command after it writes) puts it back to wait, so that bob's real
// leaving releases it: before, the plan said it was released, the ledger held it retracted,
// and no leaving ever recorded it again. A change retracted by hand stays retracted.
func TestSettleATakeBackThatStopped(t *testing.T) {
	s := service(t)
	takeBackStopped(t, s)
	if p, err := s.Get(ctx, admin, "p"); err != nil || len(p.Unreleased()) != 0 {
		t.Fatalf("the take-back put the change back to wait: %v %v", err, p.Unreleased())
	}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if err := leaves(t, s, "bob", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	info, _ := s.Ledger.Show("cto", ledger.Query{At: date("2022-09-02")})
	if got := info.(*orgledger.PositionInfo).Title; got != "CTO (interim)" {
		t.Errorf("cto after the real leaving: %q", got)
	}

	// The release retracted by hand, its leaving standing: nothing waits again.
	h, _ := s.Ledger.History(ctx, "cto", ledger.HistoryOptions{})
	last := h.Events[len(h.Events)-1]
	if _, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-09-01"), Changes: changes(
		&orgledger.Retract{Event: last.Event, Reason: "not wanted after all"})}, ledger.ApplyOptions{Actor: "hr-system"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	info, _ = s.Ledger.Show("cto", ledger.Query{At: date("2022-09-02")})
	if got := info.(*orgledger.PositionInfo).Title; got != "CTO" {
		t.Errorf("cto after its release was retracted by hand, and a settle: %q, want it left retracted", got)
	}
}

// TestSettleATakeBackThatNeverBegan: bob's leaving released a change, and was retracted by a
// process that stopped before it took the change back (its AfterCommit never ran). Settle
// finds the change in force from a leaving that no longer stands, takes it back and has it
// wait again, so that bob's real leaving releases it on its own day: before, the change stayed
// in force from the retracted leaving's day.
func TestSettleATakeBackThatNeverBegan(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	retractBobsLeaving(t, s, res)
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantWaitingAgain(t, s, "after a settle of the retracted leaving")
	if err := s.Settle(ctx, "server"); err != nil { // nothing more to do
		t.Fatal(err)
	}
	wantUnreleased(t, s)
}

// ctoTitle returns the title of position cto on day.
func ctoTitle(t *testing.T, s *plans.Service, day string) string {
	t.Helper()
	info, err := s.Ledger.Show("cto", ledger.Query{At: date(day)})
	if err != nil {
		t.Fatal(err)
	}
	return info.(*orgledger.PositionInfo).Title
}

// retractBobsLeaving retracts the leaving of bob that res recorded, without the AfterCommit that
// would take back what it released, and returns the retraction's commit.
func retractBobsLeaving(t *testing.T, s *plans.Service, res *orgledger.Commit) *orgledger.Commit {
	t.Helper()
	retract, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(
		&orgledger.Retract{Event: res.Events[0].Seq, Reason: "recorded by mistake"})}, ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	return retract.Commit
}

// wantReleasedByTheRealLeaving records bob's leaving on 2022-09-01 and checks that it releases
// the change waiting for it, from that day on only.
// wantWaitingAgain checks that change 2 of plan p waits again, what it released taken back
// (cto untitled on 2022-08-15), and that bob's real leaving then releases it; when tells the
// moment, for the messages.
func wantWaitingAgain(t *testing.T, s *plans.Service, when string) {
	t.Helper()
	wantUnreleased(t, s, 2)
	if got := ctoTitle(t, s, "2022-08-15"); got != "CTO" {
		t.Errorf("cto %s: %q, want the change taken back", when, got)
	}
	wantReleasedByTheRealLeaving(t, s)
}

func wantReleasedByTheRealLeaving(t *testing.T, s *plans.Service) {
	t.Helper()
	if err := leaves(t, s, "bob", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	if got, was := ctoTitle(t, s, "2022-09-02"), ctoTitle(t, s, "2022-08-15"); got != "CTO (interim)" || was != "CTO" {
		t.Errorf("cto on 2022-08-15 %q, on 2022-09-02 %q: want the change from the real leaving on", was, got)
	}
}

// TestReleaseRefusedUntilAnotherPlansRelease: two applied plans wait for bob's leaving, one to
// fill eng, the other to step its holder out of it. The first, by name, is refused while dee
// holds eng; the second's release makes way for it, and it is tried again and recorded in the
// same commit's releases, and not warned of as waiting on (found by QA: it was warned of, and
// recorded by the next settle).
func TestReleaseRefusedUntilAnotherPlansRelease(t *testing.T) {
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "dee", Position: "eng"})
	for name, op := range map[string]orgledger.Op{
		"a-fill":    &orgledger.Assign{Person: "cy", Position: "eng"},
		"b-vacancy": &orgledger.Unassign{Person: "dee", Position: "eng"},
	} {
		waiting := changes(op)
		waiting[0].When = &orgledger.When{Leaves: "bob"}
		if _, err := s.Create(ctx, ann, name, date("2022-07-01"), waiting); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Apply(ctx, admin, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Errorf("the releases warn: %v", err)
	}
	info, err := s.Ledger.Show("eng", ledger.Query{At: date("2022-08-01")})
	if err != nil {
		t.Fatal(err)
	}
	if hs := info.(*orgledger.PositionInfo).Holders; len(hs) != 1 || hs[0].ID != "cy" {
		t.Errorf("eng is held by %+v, want cy", hs)
	}
	for _, name := range []string{"a-fill", "b-vacancy"} {
		if p, _ := s.Get(ctx, admin, name); len(p.Waiting) != 0 {
			t.Errorf("plan %s still waits: %v", name, p.Waiting)
		}
	}
}

package plans_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

// TestWithdrawWaitingChange: an admin withdraws the change of an applied plan that waits for
// bob's leaving; plan show says who withdrew it and that it waits no more, and bob's leaving,
// when it comes, records nothing of it.
func TestWithdrawWaitingChange(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"})
	w, err := s.Withdraw(ctx, admin, "p", []int{2})
	if err != nil {
		t.Fatal(err)
	}
	p := w.Plan
	if len(w.Released) != 0 || len(w.Recorded) != 0 || len(w.Warnings) != 0 {
		t.Errorf("the withdrawal released %v in %d commits (%q): bob has not left", w.Released, len(w.Recorded), w.Warnings)
	}
	if len(p.Waiting) != 0 || len(p.Withdrawn) != 1 || p.Withdrawn[0].Change != 1 || p.Withdrawn[0].By != "root" || !p.Withdrawn[0].At.Equal(clockAt.t) {
		t.Fatalf("after the withdrawal the plan waits for %v, withdrawn %+v", p.Waiting, p.Withdrawn)
	}
	wantUnreleased(t, s)
	v, err := s.View(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if w := v.Changes[1].Withdrawn; w == nil || w.By != "root" || v.Changes[1].Waiting {
		t.Fatalf("plan show tells change 2 as %+v", v.Changes[1])
	}
	bobLeavesItVacant(t, s, "2022-08-01", "cto", "the withdrawn change was recorded")
	wantUnreleased(t, s)
}

// TestWithdrawRefused: a withdrawal is refused, writing nothing, to a planner, for a draft,
// for a change that took effect at the apply, for one its leaving released, and for one
// withdrawn before; each refusal names the change and what became of it.
func TestWithdrawRefused(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "is a draft")
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Withdraw(ctx, ann, "p", []int{2})
	wantCode(t, err, orgledger.EFORBIDDEN)
	_, err = s.Withdraw(ctx, admin, "p", []int{3})
	wantCode(t, err, orgledger.ENOTFOUND)
	_, err = s.Withdraw(ctx, admin, "p", []int{1, 2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "change 1 took effect when the plan was applied")
	wantUnreleased(t, s, 2) // one refused number refuses them all

	if _, err := s.Withdraw(ctx, admin, "p", []int{2}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "change 2 was withdrawn by root")
}

// TestWithdrawReleased: a change its leaving released is not withdrawn: it took effect, and
// the refusal says how to take it back, naming its event, as plan show does.
func TestWithdrawReleased(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"})
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Ledger.Head() // the leaving, then its release
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, fmt.Sprintf("change 2 took effect when bob left, as event %d: retract it to take the change back", head))
	if v := mustView(t, s, "p"); v.Changes[1].Event != head || v.Changes[0].Event == 0 {
		t.Errorf("plan show's events: %d and %d; want the apply's, and %d", v.Changes[0].Event, v.Changes[1].Event, head)
	}
	if got := holderOf(t, s, "cto", "2022-08-02"); got != "cy" {
		t.Errorf("cto is held by %q after the refused withdrawal, want cy", got)
	}
}

// TestWithdrawnStaysOutOfARetractedLeaving: bob's leaving is recorded and retracted after the
// change waiting for it was withdrawn; the change does not wait again, and a leaving recorded
// later records nothing of it.
func TestWithdrawnStaysOutOfARetractedLeaving(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"})
	if _, err := s.Withdraw(ctx, admin, "p", []int{2}); err != nil {
		t.Fatal(err)
	}
	c := bobLeftUnreleased(t, s)
	if err := s.AfterCommit(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := retractLeaving(s, c.Events[0].Seq); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	bobLeavesItVacant(t, s, "2022-09-01", "cto", "the withdrawn change was recorded")
}

// TestWithdrawUnseen: a planner who may not see the plan, and a viewer, are answered as if it
// did not exist, not refused as unable to withdraw.
func TestWithdrawUnseen(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"})
	for _, c := range []plans.Caller{{Name: "bo", Role: orgledger.RolePlanner}, {Name: "vi", Role: orgledger.RoleViewer}} {
		_, err := s.Withdraw(ctx, c, "p", []int{2})
		wantCode(t, err, orgledger.ENOTFOUND)
	}
	wantUnreleased(t, s, 2)
}

// TestWithdrawAfterATakeBack: bob's leaving released the change, and was retracted, which put
// it back to wait; withdrawn then, it is not put back to wait by a settle (which finds it taken
// back with the leaving), and bob's real leaving records nothing of it.
func TestWithdrawAfterATakeBack(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, retractBobsLeaving(t, s, res)); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 2)
	if _, err := s.Withdraw(ctx, admin, "p", []int{2}); err != nil {
		t.Fatal(err)
	}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	if err := leaves(t, s, "bob", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	if got := ctoTitle(t, s, "2022-09-02"); got != "CTO" {
		t.Errorf("cto after bob's real leaving: %q, want the withdrawn retitle left out", got)
	}
}

// withdrawMeanwhile is a plan store on which, before the first write that puts changes back to
// wait, another process settles the plan and an admin there withdraws change 2: the write was
// read before both, and is made again on the plan as they left it.
type withdrawMeanwhile struct {
	orgledger.PlanStore
	other *plans.Service
	t     *testing.T
	done  bool
}

func (w *withdrawMeanwhile) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if !w.done && len(p.Waiting) > 0 {
		w.done = true
		if err := w.other.Settle(ctx, "other"); err != nil {
			w.t.Fatal(err)
		}
		if _, err := w.other.Withdraw(ctx, admin, "p", []int{2}); err != nil {
			w.t.Fatal(err)
		}
	}
	return w.PlanStore.UpdatePlan(ctx, p)
}

// TestWithdrawnWhileASettleWaitsAgain: a take-back stopped before it put the change back to
// wait; a settle finds it taken back, and before it writes the plan, another process settles
// it and an admin withdraws the change. The first settle's write, made again, leaves it
// withdrawn: it does not wait, and no leaving records it.
func TestWithdrawnWhileASettleWaitsAgain(t *testing.T) {
	s := service(t)
	takeBackStopped(t, s)
	plain := s.Store
	other := &plans.Service{Ledger: s.Ledger, Store: plain, Clock: s.Clock}
	s.Store = &withdrawMeanwhile{PlanStore: plain, other: other, t: t}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	s.Store = plain
	wantUnreleased(t, s)
	if err := leaves(t, s, "bob", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	if got := ctoTitle(t, s, "2022-09-02"); got != "CTO" {
		t.Errorf("cto after bob's real leaving: %q, want the withdrawn retitle left out", got)
	}
}

// TestWithdrawWhatAnotherNeeds: once bob leaves, change 2 makes a position and change 3 puts cy
// in it. Withdrawing change 2 alone is refused, naming change 3: the leaving would release
// neither. Both are withdrawn together.
func TestWithdrawWhatAnotherNeeds(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.CreatePosition{ID: "vp", Title: "VP", Unit: "co", ReportsTo: "ceo"}, &orgledger.Assign{Person: "cy", Position: "vp"})
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "change 2 creates vp, which change 3, still waiting, names: withdraw change 3 first, or with it")
	wantUnreleased(t, s, 2, 3)
	if _, err := s.Withdraw(ctx, admin, "p", []int{3, 2}); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
}

// TestWithdrawTakenBackByHand: a change its leaving released, whose event was then retracted by
// hand, is refused as taken back, naming both events, not as one to retract.
func TestWithdrawTakenBackByHand(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	h, _ := s.Ledger.History(ctx, "cto", ledger.HistoryOptions{})
	released := h.Events[len(h.Events)-1].Event
	by := record(t, s, "2022-08-01", &orgledger.Retract{Event: released, Reason: "not wanted"}).Events[0].Seq
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, fmt.Sprintf("change 2 was taken back: its event %d was retracted by event %d", released, by))
}

// appliedWithWaiting applies plan p, owned by ann, effective 2022-07-01: its first change
// recorded by the apply, the others waiting for bob's leaving.
func appliedWithWaiting(t *testing.T, s *plans.Service, first orgledger.Op, waiting ...orgledger.Op) {
	t.Helper()
	ops := changes(append([]orgledger.Op{first}, waiting...)...)
	for i := 1; i < len(ops); i++ {
		ops[i].When = &orgledger.When{Leaves: "bob"}
	}
	applyPlan(t, s, "p", ops)
}

func wantIn(tb testing.TB, err error, part string) {
	tb.Helper()
	if err == nil || !strings.Contains(err.Error(), part) {
		tb.Errorf("error %v, want one saying %q", err, part)
	}
}

// TestRefusedReleaseNamesThePlansChange: of plan p, change 1 is recorded by the apply, and
// changes 2 and 3 wait for bob's leaving; the ledger refuses change 3 (ceo is held by ann) when
// it comes. The warning names change 3, as plan show numbers it, not the second change of the
// release, which an admin would then withdraw in its place. (Found by a QA pass.)
func TestRefusedReleaseNamesThePlansChange(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.ClosePosition{Position: "ceo"})
	err := leaves(t, s, "bob", "2022-08-01")
	wantIn(t, err, "change 3 (close-position)")
	if err != nil && strings.Contains(err.Error(), "change 2 (close-position)") {
		t.Errorf("the warning numbers the refused change as the release did: %v", err)
	}
	wantUnreleased(t, s, 2, 3)
}

// TestWithdrawWhatTheReleaseNeeds: plan p puts cy in eng now, and once bob leaves takes her out
// (change 2) and closes eng (change 3). Withdrawing change 2 alone is refused: the close would
// be refused without it, and bob's leaving would release neither. Withdrawing change 3 alone,
// or both, is not.
func TestWithdrawWhatTheReleaseNeeds(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Assign{Person: "cy", Position: "eng"},
		&orgledger.Unassign{Person: "cy", Position: "eng"}, &orgledger.ClosePosition{Position: "eng"})
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "change 2 withdrawn, it would leave the changes that wait with it for bob's leaving refused when it comes")
	wantIn(t, err, "change 3 (close-position)")
	wantIn(t, err, "; withdraw change 3 first, or with it")
	wantUnreleased(t, s, 2, 3)
	if _, err := s.Withdraw(ctx, admin, "p", []int{3}); err != nil {
		t.Fatal(err)
	}
	bobLeavesItVacant(t, s, "2022-08-01", "eng", "want cy taken out and eng left open")
}

// TestWithdrawFromAReleaseRefusedAnyway: change 3 of plan p, closing ceo once bob leaves, is
// refused whatever becomes of change 2 (ann holds ceo): withdrawing change 2 is no reason to
// refuse, and is done.
func TestWithdrawFromAReleaseRefusedAnyway(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.ClosePosition{Position: "ceo"})
	if _, err := s.Withdraw(ctx, admin, "p", []int{2}); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s, 3)
}

// TestWithdrawReleasesWhatItFreed: of plan p, changes 2 and 3 wait for bob's leaving, and the
// ledger refuses change 3 when it comes (ann holds ceo), holding back change 2 with it.
// Withdrawing change 3 records change 2 at once, on the day bob left, in the name of the admin
// who applied the plan; the withdrawal says so, and nothing of p waits any more.
func TestWithdrawReleasesWhatItFreed(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.ClosePosition{Position: "ceo"})
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 3 (close-position)")
	head, _ := s.Ledger.Head()
	w, err := s.Withdraw(ctx, admin, "p", []int{3})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(w.Released) != "[2]" || len(w.Warnings) != 0 || len(w.Plan.Waiting) != 0 {
		t.Fatalf("the withdrawal released %v (%q), and the plan waits for %v; want change 2 released", w.Released, w.Warnings, w.Plan.Waiting)
	}
	if rc := w.Recorded; len(rc) != 1 || len(rc[0].Events) != 1 || rc[0].Events[0].Seq != head+1 {
		t.Fatalf("the withdrawal recorded %+v, want change 2 as event %d", rc, head+1)
	}
	evs, _ := s.Ledger.Store().EventsBySeq(ctx, []int64{head + 1})
	if len(evs) != 1 || evs[0].Actor != admin.Name || evs[0].Plan != "p@"+ann.Name || evs[0].Effective != date("2022-08-01") {
		t.Errorf("change 2 was recorded as %+v, want by %s, marked with the plan, on the day bob left", evs, admin.Name)
	}
	info, err := s.Ledger.Show("cto", ledger.Query{At: date("2022-08-02")})
	if err != nil || info.(*orgledger.PositionInfo).Title != "CTO (interim)" {
		t.Errorf("cto once bob left: %+v, %v; want retitled", info, err)
	}
	wantUnreleased(t, s)
}

// TestWithdrawFreesALeaving: of plan p, change 2 (cy leaves) and change 3 (ceo closed, which the
// ledger refuses: ann holds it) wait for bob's leaving, and change 4 for cy's; plan q@bob
// waits for cy's too. Withdrawing change 3 once bob has left records change 2, and so cy's
// leaving, and what waits for it: change 4 of p, and q's change, in commits of their own.
// The withdrawal tells p's changes 2 and 4 released, and every commit.
func TestWithdrawFreesALeaving(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Leave{Person: "cy"},
		&orgledger.ClosePosition{Position: "ceo"}, &orgledger.Hire{ID: "eve", Name: "Eve"})
	ops[1].When, ops[2].When, ops[3].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	q := changes(&orgledger.Retitle{Position: "eng", Title: "Engineering Lead"})
	q[0].When = &orgledger.When{Leaves: "cy"}
	for _, p := range []struct {
		by      plans.Caller
		name    string
		changes []orgledger.Change
	}{{ann, "p", ops}, {bob, "q", q}} {
		if _, err := s.Create(ctx, p.by, p.name, date("2022-07-01"), p.changes); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Apply(ctx, admin, p.name+"@"+p.by.Name); err != nil {
			t.Fatal(err)
		}
	}
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 3 (close-position)")
	w, err := s.Withdraw(ctx, admin, "p", []int{3})
	if err != nil {
		t.Fatal(err)
	}
	plansOf := map[string]int{}
	for _, c := range w.Recorded {
		plansOf[c.Events[0].Plan]++
	}
	if fmt.Sprint(w.Released) != "[2 4]" || len(w.Warnings) != 0 || plansOf["p@ann"] != 2 || plansOf["q@bob"] != 1 || len(w.Recorded) != 3 {
		t.Fatalf("the withdrawal released %v (%q) in commits of plans %v; want changes 2 and 4 of p, in two commits, and q's in one", w.Released, w.Warnings, plansOf)
	}
	wantUnreleased(t, s)
}

// TestWithdrawnMeanwhileIsNotReleased: while a withdrawal from plan p releases what it freed,
// another server withdraws change 4, which waits for cy, who has not left. The first
// withdrawal tells change 2 released, and not change 4, which is no longer waiting either.
func TestWithdrawnMeanwhileIsNotReleased(t *testing.T) {
	store := memory.New()
	s := serviceOn(t, store)
	other := &plans.Service{Ledger: ledgerOn(t, store), Store: s.Store, Clock: clockAt}
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "cto", Title: "CTO (interim)"},
		&orgledger.ClosePosition{Position: "ceo"}, &orgledger.Retitle{Position: "eng", Title: "Engineer II"})
	ops[1].When, ops[2].When, ops[3].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	applyPlan(t, s, "p", ops)
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 3 (close-position)")
	s.Store = &hookedPlans{PlanStore: s.Store, after: func(*orgledger.Plan) {
		if _, err := other.Withdraw(ctx, admin, "p", []int{4}); err != nil {
			t.Error(err)
		}
	}}
	w, err := s.Withdraw(ctx, admin, "p", []int{3})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(w.Released) != "[2]" || len(w.Plan.Withdrawn) != 2 {
		t.Errorf("the withdrawal released %v, and the plan has %d changes withdrawn; want change 2 released, and 3 and 4 withdrawn", w.Released, len(w.Plan.Withdrawn))
	}
}

// TestWithdrawReleasedButNotWritten: the write of plan p that ends the claim of what a
// withdrawal freed fails, after change 2 is recorded. The withdrawal tells change 2 released
// all the same, as the ledger holds it, and warns that the plan could not be written.
func TestWithdrawReleasedButNotWritten(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.ClosePosition{Position: "ceo"})
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 3 (close-position)")
	claimed := false
	s.Store = &hookedPlans{PlanStore: s.Store, before: func(p *orgledger.Plan) error {
		if claimed && len(p.Releasing) == 0 {
			return errors.New("disk full")
		}
		claimed = claimed || len(p.Releasing) > 0
		return nil
	}}
	w, err := s.Withdraw(ctx, admin, "p", []int{3})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(w.Released) != "[2]" || len(w.Recorded) != 1 || len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], "were recorded, but the plan could not be written") {
		t.Errorf("the withdrawal released %v in %d commits, warning %q; want change 2, and the plan's write failed", w.Released, len(w.Recorded), w.Warnings)
	}
}

// hookedPlans is a plan store that asks before whether to write a plan (an error fails the
// write) and calls after, once, once a write is done.
type hookedPlans struct {
	orgledger.PlanStore
	before func(*orgledger.Plan) error
	after  func(*orgledger.Plan)
}

func (h *hookedPlans) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if h.before != nil {
		if err := h.before(p); err != nil {
			return err
		}
	}
	err := h.PlanStore.UpdatePlan(ctx, p)
	if after := h.after; err == nil && after != nil {
		h.after = nil
		after(p)
	}
	return err
}

// TestWithdrawLeavesOthersReleases: of plan p, change 2 waits for bob's leaving and change 3
// for cy's, which another server has just recorded and not yet released. Withdrawing change 2
// frees nothing, and records nothing: change 3 is that server's to release, and to warn of.
func TestWithdrawLeavesOthersReleases(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "cto", Title: "CTO (interim)"},
		&orgledger.Retitle{Position: "eng", Title: "Engineer II"})
	ops[1].When, ops[2].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	applyPlan(t, s, "p", ops)
	if _, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "cy"})},
		ledger.ApplyOptions{Actor: "hr-system"}); err != nil { // no AfterCommit: another server's, under way
		t.Fatal(err)
	}
	w, err := s.Withdraw(ctx, admin, "p", []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Released) != 0 || len(w.Recorded) != 0 {
		t.Errorf("the withdrawal released %v in %d commits; want nothing: it freed nothing", w.Released, len(w.Recorded))
	}
	wantUnreleased(t, s, 3)
}

// TestWithdrawFreesNothing: once bob has left, the ledger refuses change 3 of plan p (ann holds
// ceo), holding back changes 2 and 4 with it; withdrawing change 2 records nothing, and tells
// changes 3 and 4 as still waiting though bob's leaving is recorded.
func TestWithdrawFreesNothing(t *testing.T) {
	s := service(t)
	appliedWithWaiting(t, s, &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "cto", Title: "CTO (interim)"},
		&orgledger.ClosePosition{Position: "ceo"}, &orgledger.Retitle{Position: "eng", Title: "Engineer II"})
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 3 (close-position)")
	w, err := s.Withdraw(ctx, admin, "p", []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Released) != 0 || len(w.Recorded) != 0 || fmt.Sprint(w.Held) != "[3 4]" {
		t.Errorf("the withdrawal released %v in %d commits, and holds %v; want nothing released, 3 and 4 held", w.Released, len(w.Recorded), w.Held)
	}
}

// bobLeavesItVacant records bob's leaving on day, and checks that the position is held by no
// one the day after; why says what a holder would mean.
func bobLeavesItVacant(t *testing.T, s *plans.Service, day, position, why string) {
	t.Helper()
	if err := leaves(t, s, "bob", day); err != nil {
		t.Fatal(err)
	}
	if got := holderOf(t, s, position, date(day).AddDays(1).String()); got != "" {
		t.Errorf("once bob left, %s is held by %q: %s", position, got, why)
	}
}

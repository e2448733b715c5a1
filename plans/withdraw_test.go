package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestWithdrawWaitingChange: an admin withdraws the change of an applied plan that waits for
// bob's leaving; plan show says who withdrew it and that it waits no more, and bob's leaving,
// when it comes, records nothing of it.
func TestWithdrawWaitingChange(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Withdraw(ctx, admin, "p", []int{2})
	if err != nil {
		t.Fatal(err)
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
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Fatal(err)
	}
	if got := holderOf(t, s, "cto", "2022-08-02"); got != "" {
		t.Errorf("once bob left, cto is held by %q: the withdrawn change was recorded", got)
	}
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
// the refusal says how to take it back.
func TestWithdrawReleased(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Withdraw(ctx, admin, "p", []int{2})
	wantCode(t, err, orgledger.ECONFLICT)
	wantIn(t, err, "change 2 took effect when bob left; retract its event")
	if got := holderOf(t, s, "cto", "2022-08-02"); got != "cy" {
		t.Errorf("cto is held by %q after the refused withdrawal, want cy", got)
	}
}

// TestWithdrawnStaysOutOfARetractedLeaving: bob's leaving is recorded and retracted after the
// change waiting for it was withdrawn; the change does not wait again, and a leaving recorded
// later records nothing of it.
func TestWithdrawnStaysOutOfARetractedLeaving(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
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
	if err := leaves(t, s, "bob", "2022-09-01"); err != nil {
		t.Fatal(err)
	}
	if got := holderOf(t, s, "cto", "2022-09-02"); got != "" {
		t.Errorf("cto is held by %q: the withdrawn change was recorded", got)
	}
}

func wantIn(tb testing.TB, err error, part string) {
	tb.Helper()
	if err == nil || !strings.Contains(err.Error(), part) {
		tb.Errorf("error %v, want one saying %q", err, part)
	}
}

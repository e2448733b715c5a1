package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// TestBrowserPlanTellsAReleaseRetractedByHand: huang-haiqing's leaving releases plan retitler's
// change, whose event is then retracted by hand; the plan's drawer tells the change taken back
// by that retraction. (Found by a review: it was listed as a change in force.) So does plan
// titler's, of a change its apply recorded, without saying it does not wait again.
func TestBrowserPlanTellsAReleaseRetractedByHand(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	s.mustPlan("retitler", "admin", "effective: 2022-05-01\nchanges:\n  - retitle: {position: cloud-china-president, title: Acting President}\n    when: {leaves: huang-haiqing}\n")
	if _, err := s.Plans.Apply(ctx, plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}, "retitler@admin"); err != nil {
		t.Fatal(err)
	}
	record := func(day string, op orgledger.Op) *orgledger.Commit {
		t.Helper()
		d, _ := orgledger.ParseDate(day)
		c := s.mustApply(&orgledger.Changeset{Effective: d, Changes: []orgledger.Change{{Op: op}}})
		if err := s.Plans.AfterCommit(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	record("2022-05-20", &orgledger.Leave{Person: "huang-haiqing"})
	h, err := s.Ledger.History(ctx, "cloud-china-president", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	released := h.Events[len(h.Events)-1]
	if released.Plan != "retitler@admin" {
		t.Fatalf("the position's last event: %+v, want plan retitler's", released)
	}
	by := record("2022-05-20", &orgledger.Retract{Event: released.Event, Reason: "the title stays"}).Events[0].Seq

	b := browser(t)
	run(t, b, "log in as an admin and open the plan", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=retitler%40admin"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes li")))
	wantText(t, text(t, b, ".plan-changes"), "the plan's changes", "position cloud-china-president is retitled Acting President",
		fmt.Sprintf("(taken back: its event %d was retracted by event %d; it does not wait again)", released.Event, by))

	// A change the apply recorded, retracted by hand, waited for no leaving.
	s.mustPlan("titler", "admin", "effective: 2022-05-01\nchanges:\n  - retitle: {position: alibaba-vp, title: Acting VP}\n")
	applied, err := s.Plans.Apply(ctx, plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}, "titler@admin")
	if err != nil {
		t.Fatal(err)
	}
	retitled := applied.Commit.Events[0].Seq
	by = record("2022-05-20", &orgledger.Retract{Event: retitled, Reason: "the title stays"}).Events[0].Seq
	run(t, b, "open the other plan", chromedp.Navigate(s.URL+"/?plan=titler%40admin"), ready(),
		chromedp.WaitVisible(chromedp.CSS(".plan-changes li")))
	got := text(t, b, ".plan-changes")
	wantText(t, got, "the other plan's changes", fmt.Sprintf("(taken back: its event %d was retracted by event %d)", retitled, by))
	if strings.Contains(got, "wait again") {
		t.Errorf("the other plan's changes say %q, of a change that waited for no leaving", got)
	}
}

// TestBrowserPlanTellsWhyAChangeIsHeld: plan heir retitles a position once huang-haiqing
// leaves; the position is retitled by hand after the apply, and her leaving holds the plan's
// change back. The plan's drawer says it waits though the leaving is recorded, and why.
func TestBrowserPlanTellsWhyAChangeIsHeld(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	s.mustPlan("heir", "admin", "effective: 2022-05-01\nchanges:\n  - retitle: {position: cloud-china-president, title: Acting President}\n    when: {leaves: huang-haiqing}\n")
	if _, err := s.Plans.Apply(ctx, plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}, "heir@admin"); err != nil {
		t.Fatal(err)
	}
	day, _ := orgledger.ParseDate("2022-05-20")
	byHand := s.mustApply(&orgledger.Changeset{Effective: day, Changes: []orgledger.Change{{Op: &orgledger.Retitle{Position: "cloud-china-president", Title: "Interim President"}}}})
	leaving := s.mustApply(&orgledger.Changeset{Effective: day, Changes: []orgledger.Change{{Op: &orgledger.Leave{Person: "huang-haiqing"}}}})
	if err := s.Plans.AfterCommit(ctx, leaving); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("the leaving's release: %v, want the change held back", err)
	}

	b := browser(t)
	run(t, b, "log in as an admin and open the plan", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=heir%40admin"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes li")))
	wantText(t, text(t, b, ".plan-changes"), "the plan's changes", "(waiting: the leaving is recorded, this change is held back: it would set back what was set by hand: ",
		fmt.Sprintf("position cloud-china-president: title: set otherwise since the plan was drafted by event %d (", byHand.Events[0].Seq))
}

// TestBrowserPlanTellsAWithdrawnChange: plan heir's change waiting for huang-haiqing's leaving
// is withdrawn; the plan's drawer says who withdrew it, and that it waits no more, and the
// plans page counts it withdrawn.
func TestBrowserPlanTellsAWithdrawnChange(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	admin := plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}
	s.mustPlan("heir", "admin", "effective: 2022-05-01\nchanges:\n  - retitle: {position: cloud-china-president, title: Acting President}\n    when: {leaves: huang-haiqing}\n")
	if _, err := s.Plans.Apply(ctx, admin, "heir@admin"); err != nil {
		t.Fatal(err)
	}
	w, err := s.Plans.Withdraw(ctx, admin, "heir@admin", []int{1})
	if err != nil {
		t.Fatal(err)
	}

	b := browser(t)
	run(t, b, "log in as an admin and open the plan", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=heir%40admin"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes li")))
	got := text(t, b, ".plan-changes")
	wantText(t, got, "the plan's changes", fmt.Sprintf("(withdrawn by admin at %s: the leaving records nothing of it)",
		w.Plan.Withdrawn[0].At.UTC().Format(time.RFC3339Nano)))
	if strings.Contains(got, "(waiting") {
		t.Errorf("the plan's changes say %q, of a change withdrawn", got)
	}
	run(t, b, "open the plans", chromedp.Navigate(s.URL+"/plans"), ready(), chromedp.WaitVisible(chromedp.CSS("#plans-rows tr")))
	wantText(t, text(t, b, "#plans-rows"), "the plans page", "1 (1 withdrawn)")
}

// TestBrowserWithdrawAChange: an admin withdraws, from the plan's drawer, the change of applied
// plan heir that waits for huang-haiqing's leaving, confirming it in the dialog; the drawer then
// marks it withdrawn, offers no button for it, and the status line says so. The planner who owns
// a plan with a waiting change is offered no button: only admins withdraw.
func TestBrowserWithdrawAChange(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	admin := plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}
	waiting := "effective: 2022-05-01\nchanges:\n  - retitle: {position: cloud-china-president, title: Acting President}\n    when: {leaves: huang-haiqing}\n"
	s.mustPlan("heir", "admin", waiting)
	s.mustPlan("mine", "planner", waiting)
	for _, name := range []string{"heir@admin", "mine@planner"} {
		if _, err := s.Plans.Apply(ctx, admin, name); err != nil {
			t.Fatal(err)
		}
	}

	b := browser(t)
	run(t, b, "log in as an admin and open the plan", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=heir%40admin"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes button.withdraw")))
	run(t, b, "withdraw the change", chromedp.Click(chromedp.CSS(".plan-changes button.withdraw")), chromedp.WaitVisible(chromedp.ID("confirm-ok")))
	wantText(t, text(t, b, "#confirm"), "the dialog", "Withdraw the change?", "Change 1 of plan heir waits for huang-haiqing to leave.")
	run(t, b, "confirm", chromedp.Click(chromedp.ID("confirm-ok")),
		until(`(document.querySelector('.plan-changes')?.innerText ?? '').includes('(withdrawn by admin at ')`))
	run(t, b, "wait for the focus", until(`document.activeElement && document.activeElement.id === 'changes-title'`))
	wantText(t, text(t, b, "#status"), "the status line", "Change 1 of plan heir withdrawn: huang-haiqing's leaving records nothing of it.")
	if buttons := eval[int](t, b, `document.querySelectorAll('.plan-changes button.withdraw').length`); buttons != 0 {
		t.Errorf("the drawer offers %d buttons to withdraw, after the change was withdrawn", buttons)
	}
	if p, err := s.Plans.Get(ctx, admin, "heir@admin"); err != nil || len(p.Withdrawn) != 1 || len(p.Waiting) != 0 {
		t.Fatalf("the plan after the withdrawal: %v, waiting %v, withdrawn %+v", err, p.Waiting, p.Withdrawn)
	}

	planner := browser(t)
	run(t, planner, "log in as the planner and open their plan", login(s, s.Secrets["planner"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=mine%40planner"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes li")))
	wantText(t, text(t, planner, ".plan-changes"), "the planner's plan", "(waiting)")
	if buttons := eval[int](t, planner, `document.querySelectorAll('.plan-changes button.withdraw').length`); buttons != 0 {
		t.Errorf("a planner is offered %d buttons to withdraw", buttons)
	}
}

// TestBrowserWithdrawCancelled: an admin withdraws change 1 of plan heir, then opens
// the dialog for change 2 and closes it without a choice, then with Escape: change 2 still
// waits. (By the HTML standard a dialog closed with Escape keeps the return value it had,
// the earlier "ok", as one closed by script does; the page clears it before each question.)
func TestBrowserWithdrawCancelled(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	admin := plans.Caller{Name: "admin", Role: orgledger.RoleAdmin}
	s.mustPlan("heir", "admin", "effective: 2022-05-01\nchanges:\n"+
		"  - retitle: {position: cloud-china-president, title: Acting President}\n    when: {leaves: huang-haiqing}\n"+
		"  - retitle: {position: alibaba-vp, title: Acting VP}\n    when: {leaves: huang-haiqing}\n")
	if _, err := s.Plans.Apply(ctx, admin, "heir@admin"); err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	run(t, b, "log in as an admin and open the plan", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=heir%40admin"), ready(), chromedp.WaitVisible(chromedp.CSS(".plan-changes button.withdraw")))
	run(t, b, "withdraw change 1", chromedp.Click(chromedp.CSS(`.plan-changes button[aria-label="Withdraw change 1"]`)),
		chromedp.WaitVisible(chromedp.ID("confirm-ok")), chromedp.Click(chromedp.ID("confirm-ok")),
		until(`(document.querySelector('#status')?.innerText ?? '').includes('Change 1 of plan heir withdrawn')`),
		// The drawer is drawn again with the plan as it now is: change 2's button is clicked in
		// that one, not in the one it replaces.
		until(`document.querySelectorAll('.plan-changes button.withdraw').length === 1`))
	// Closed without a value, as Escape closes it by the standard: the page clears the earlier
	// "ok" before it asks.
	run(t, b, "open the dialog for change 2 and close it without a choice",
		chromedp.Click(chromedp.CSS(`.plan-changes button[aria-label="Withdraw change 2"]`)), chromedp.WaitVisible(chromedp.ID("confirm-ok")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#confirm').close()`), chromedp.WaitNotVisible(chromedp.ID("confirm-ok")))
	time.Sleep(time.Second) // a withdrawal the page went on with would be recorded by now
	run(t, b, "open it again and close it with Escape",
		chromedp.Click(chromedp.CSS(`.plan-changes button[aria-label="Withdraw change 2"]`)), chromedp.WaitVisible(chromedp.ID("confirm-ok")),
		chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(chromedp.ID("confirm-ok")))
	time.Sleep(time.Second)
	if n := eval[int](t, b, `document.querySelectorAll('.plan-changes button.withdraw').length`); n != 1 {
		t.Errorf("the drawer offers %d buttons to withdraw, want 1 (change 2's)", n)
	}
	p, err := s.Plans.Get(ctx, admin, "heir@admin")
	if err != nil || len(p.Withdrawn) != 1 || len(p.Waiting) != 1 {
		t.Fatalf("after a close without a choice and Escape: %v, waiting %v, withdrawn %+v", err, p.Waiting, p.Withdrawn)
	}
}

package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/orgledger/orgledger"
)

// TestBrowserPlanApplyRefused: a plan whose apply the ledger refuses, since it changed after the
// page loaded the plan (the person the plan lets go has left already), says so once, in the
// drawer and the status line, and the drawer's check is the plan's now: an error, and no
// button to press again. (Found by QA: the status line stayed "Applying plan …", the drawer
// said "Check: no errors" with the button live, and the refusal was told twice over.)
func TestBrowserPlanApplyRefused(t *testing.T) {
	s, ctx := leaverShown(t)
	day, _ := orgledger.ParseDate("2022-06-15")
	cs := &orgledger.Changeset{File: "left.yaml", Effective: day, Changes: []orgledger.Change{{Op: &orgledger.Leave{Person: "huang-haiqing"}}}}
	s.mustApply(cs)
	alert := applyRefused(t, ctx)
	wantText(t, alert, "the refusal", "Plan leaver not applied")
	if strings.Contains(alert, " — ") {
		t.Errorf("the refusal tells its errors twice over: %q", alert)
	}
	drawer := text(t, ctx, "#changes")
	if strings.Contains(drawer, "Check: no errors") || !strings.Contains(drawer, "is not active on 2022-07-01") {
		t.Errorf("after the refusal the drawer's check is not the plan's now:\n%s", drawer)
	}
	if live := eval[bool](t, ctx, `(() => { const b = document.querySelector('#apply-plan'); return b !== null && !b.disabled; })()`); live {
		t.Errorf("after the refusal the drawer offers to apply the plan again:\n%s", drawer)
	}
}

// TestBrowserPlanApplyForbidden: an apply the server refuses because the page's CSRF token is
// stale (the browser logged in again since the page loaded) says so once, in the drawer and
// the status line, and the button to apply the plan is disabled: pressed again, it would be
// refused again.
func TestBrowserPlanApplyForbidden(t *testing.T) {
	s, ctx := leaverShown(t)
	if status := eval[int](t, ctx, `fetch('/login', {method: 'POST', body: new URLSearchParams({token: '`+s.Secrets["admin"]+`'}),
		redirect: 'manual'}).then((r) => r.status)`); status >= 400 {
		t.Fatalf("log in again: %d", status)
	}
	alert := applyRefused(t, ctx)
	wantText(t, alert, "the refusal", "Plan leaver not applied", "reload the page")
	if live := eval[bool](t, ctx, `(() => { const b = document.querySelector('#apply-plan'); return b !== null && !b.disabled; })()`); live {
		t.Errorf("after the refusal the drawer offers to apply the plan again:\n%s", text(t, ctx, "#changes"))
	}
}

// leaverShown opens a server with plan leaver (huang-haiqing leaves on 2022-07-01) and a
// browser logged in as an admin on the plan's page.
func leaverShown(t *testing.T) (*server, context.Context) {
	t.Helper()
	s := mustOpen(t)
	s.mustPlan("leaver", "admin", "effective: 2022-07-01\nchanges:\n  - leave: {person: huang-haiqing}\n")
	ctx := browser(t)
	run(t, ctx, "log in as an admin", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=leaver%40admin"), ready(), chromedp.WaitVisible(chromedp.ID("apply-plan")))
	return s, ctx
}

// applyRefused applies the plan shown, waits for the refusal and the page's reload after it,
// checks that the status line no longer says it is applying, and returns what the drawer's
// alert says.
func applyRefused(t *testing.T, ctx context.Context) string {
	t.Helper()
	run(t, ctx, "apply it", append(applyShownPlan(), until(`document.querySelector('#changes .error[role="alert"]') !== null`),
		until(`document.body.dataset.ready === 'true'`), chromedp.Sleep(300*time.Millisecond))...)
	if status := text(t, ctx, "#status"); strings.Contains(status, "Applying") || !strings.Contains(status, "not applied") {
		t.Errorf("after the refusal the status line says %q", status)
	}
	return text(t, ctx, `#changes .error[role="alert"]`)
}

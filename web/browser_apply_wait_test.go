package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// holdApplies makes the page's POSTs wait until window.releaseApplies() is called, counting
// them in window.applyPosts; with refuse, each is refused once released, as a lost connection
// would.
func holdApplies(t *testing.T, ctx context.Context, refuse bool) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const real = window.fetch, refuse = %t;
		let release;
		const released = new Promise((resolve) => { release = resolve; });
		window.applyPosts = 0;
		window.releaseApplies = release;
		window.fetch = (u, o) => {
			if (o?.method !== 'POST') return real(u, o);
			window.applyPosts++;
			return released.then(() => refuse ? Promise.reject(new TypeError('Failed to fetch')) : real(u, o));
		};
		return true;
	})()`, refuse))
}

// TestBrowserPlanApplyWaits: while a plan's apply is on its way, its button is marked disabled
// and says so, keeping the focus, the status line tells it, and applying the plan again, by the
// button or otherwise, sends nothing; once it is through, the plan was applied once. (Found by
// a review: the button stayed live, and a second apply was refused beside the first, which
// went through; then, disabled, it dropped the focus to the top of the page.)
func TestBrowserPlanApplyWaits(t *testing.T) {
	ctx := openLeaverPlan(t)
	holdApplies(t, ctx, false)
	run(t, ctx, "apply it", append(applyShownPlan(), until(`window.applyPosts === 1`))...)
	wantButtonWaiting(t, ctx, true)
	wantText(t, text(t, ctx, "#status"), "the status line", "Applying plan leaver…")
	run(t, ctx, "press it again", chromedp.Click(chromedp.ID("apply-plan")), chromedp.Sleep(200*time.Millisecond))
	if eval[bool](t, ctx, `document.querySelector('#confirm').open`) {
		t.Error("pressing the button while the apply is on its way asks to confirm it again")
	}
	// Asked again (a second click that came before the button was disabled), it asks nothing.
	asked := eval[bool](t, ctx, `(async () => {
		const pv = orgledger.planView, dlg = document.querySelector('#confirm');
		await Promise.race([pv.apply(pv.answer.plan), new Promise((resolve) => setTimeout(resolve, 300))]);
		const open = dlg.open;
		if (open) dlg.close('ok');
		return open;
	})()`)
	if asked {
		t.Error("applying the plan again while its apply is on its way asks to confirm it again")
	}
	run(t, ctx, "let the apply through", chromedp.Evaluate[chromedp.Void](`window.releaseApplies()`),
		until(`document.querySelector('#plan-status')?.textContent === 'applied'`),
		until(`document.activeElement && document.activeElement.id === 'changes-title'`))
	if n := eval[int](t, ctx, `window.applyPosts`); n != 1 {
		t.Errorf("the plan was sent to be applied %d times, not once", n)
	}
	if drawer := text(t, ctx, "#changes"); strings.Contains(drawer, "not applied") {
		t.Errorf("the drawer tells a refusal beside the apply:\n%s", drawer)
	}
}

// TestBrowserPlanApplyLostGivesTheButtonBack: an apply that does not reach the server says so,
// naming the plan, and the button to apply the plan is live again, as it was, with the focus.
func TestBrowserPlanApplyLostGivesTheButtonBack(t *testing.T) {
	ctx := openLeaverPlan(t)
	holdApplies(t, ctx, true)
	run(t, ctx, "apply it", append(applyShownPlan(), until(`window.applyPosts === 1`),
		chromedp.Evaluate[chromedp.Void](`window.releaseApplies()`),
		until(`document.querySelector('#changes').innerText.includes('not applied')`))...)
	wantButtonWaiting(t, ctx, false)
	wantText(t, text(t, ctx, "#changes"), "the drawer", "Plan leaver not applied: Failed to fetch")
}

// wantButtonWaiting checks the button to apply the shown plan: marked disabled and saying so
// while its apply is on its way (waiting), live again after; focusable and focused throughout,
// where the confirmation left the focus.
func wantButtonWaiting(t *testing.T, ctx context.Context, waiting bool) {
	t.Helper()
	state := eval[string](t, ctx, `(() => {
		const b = document.querySelector('#apply-plan');
		return [b.getAttribute('aria-disabled') ?? '', b.disabled, b.textContent, document.activeElement === b].join('|');
	})()`)
	want := "|false|Apply the plan|true"
	if waiting {
		want = "true|false|Applying…|true"
	}
	if state != want {
		t.Errorf("the button (aria-disabled|disabled|text|focused) is %s, want %s", state, want)
	}
}

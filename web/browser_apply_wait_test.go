package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

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

// TestBrowserPlanApplyWaits: while a plan's apply is on its way, its button is disabled and
// says so, and applying the plan again sends nothing; once it is through, the plan was
// applied once. (Found by a review: the button stayed live, and a second apply was refused
// beside the first, which went through.)
func TestBrowserPlanApplyWaits(t *testing.T) {
	ctx := openLeaverPlan(t)
	holdApplies(t, ctx, false)
	run(t, ctx, "apply it", append(applyShownPlan(), until(`window.applyPosts === 1`))...)
	if !eval[bool](t, ctx, `document.querySelector('#apply-plan').disabled`) {
		t.Error("the button to apply the plan is live while its apply is on its way")
	}
	wantText(t, text(t, ctx, "#apply-plan"), "the button", "Applying…")
	if busy := eval[string](t, ctx, `document.querySelector('#apply-plan').getAttribute('aria-busy') ?? ''`); busy != "true" {
		t.Errorf("the button's aria-busy is %q, not true", busy)
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
	if drawer := text(t, ctx, "#changes"); strings.Contains(drawer, "Not applied") {
		t.Errorf("the drawer tells a refusal beside the apply:\n%s", drawer)
	}
}

// TestBrowserPlanApplyLostGivesTheButtonBack: an apply that does not reach the server says so,
// and the button to apply the plan is live again, as it was.
func TestBrowserPlanApplyLostGivesTheButtonBack(t *testing.T) {
	ctx := openLeaverPlan(t)
	holdApplies(t, ctx, true)
	run(t, ctx, "apply it", append(applyShownPlan(), until(`window.applyPosts === 1`),
		chromedp.Evaluate[chromedp.Void](`window.releaseApplies()`),
		until(`document.querySelector('#changes').innerText.includes('Not applied')`))...)
	if eval[bool](t, ctx, `document.querySelector('#apply-plan').disabled`) {
		t.Error("the button to apply the plan stays disabled after its apply was lost")
	}
	wantText(t, text(t, ctx, "#apply-plan"), "the button", "Apply the plan")
	if eval[bool](t, ctx, `document.querySelector('#apply-plan').hasAttribute('aria-busy')`) {
		t.Error("the button stays busy after its apply was lost")
	}
}

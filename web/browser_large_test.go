package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// allInView checks, in the page, that every box shown is whole on screen and that the scale
// reads; it returns what it found, or "" when all is well.
const allInView = `(() => {
	const a = orgledger, v = a.view, lay = a.lay, out = [];
	for (let i = 0; i < a.org.n; i++) {
		if (!lay.shown(i)) continue;
		const x = v.sx(lay.x[i]), y = v.sy(lay.y[i]);
		if (x < 0 || y < 0 || x + lay.bw * v.s > v.w || y + lay.bh * v.s > v.h) out.push(a.org.ids[i]);
	}
	if (v.s < 0.5) out.push('scale ' + v.s.toFixed(3));
	return out.slice(0, 5).join(', ');
})()`

// TestBrowserLargeOrg: a large org opens on its top, its head and their reports, whole on
// screen and readable; Fit puts the chart in the middle of the screen; Collapse, from a view
// zoomed out, shows the collapsed chart. (Found by a first-hour review: a 10,000-person org
// opened on a few boxes among connectors running off the screen, Fit left the chart a strip at
// the top of an empty screen, and Collapse left it a speck in a corner.)
func TestBrowserLargeOrg(t *testing.T) {
	s, _ := genServer(t, 3000, 1)
	ctx := browser(t)
	shot := newShots(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	shot.take(ctx, "01-first-view")
	if url := eval[string](t, ctx, `location.search`); url != "?depth=1" {
		t.Errorf("the first view's URL is %q, want the top level open (?depth=1)", url)
	}
	if out := eval[string](t, ctx, allInView); out != "" {
		t.Errorf("the first view does not show the top of the org whole and readable: %s", out)
	}

	run(t, ctx, "open three levels and fit them", chromedp.Navigate(s.URL+"/?depth=3"), ready(), chromedp.Click(chromedp.ID("fit")))
	shot.take(ctx, "02-fit")
	if off := eval[float64](t, ctx, `(() => { const v = orgledger.view, lay = orgledger.lay;
		return Math.abs((v.ty + lay.height * v.s / 2) - v.h / 2) + Math.abs((v.tx + lay.width * v.s / 2) - v.w / 2); })()`); off > 2 {
		t.Errorf("after Fit, the chart's middle is %.0f px from the screen's", off)
	}

	run(t, ctx, "collapse", chromedp.Click(chromedp.ID("collapse-all")),
		until(`document.body.dataset.ready === 'true' && orgledger.lay.depth === 1`))
	shot.take(ctx, "03-collapsed")
	if out := eval[string](t, ctx, allInView); out != "" {
		t.Errorf("after Collapse, the chart is not whole on screen and readable: %s", out)
	}
}

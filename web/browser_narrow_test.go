package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserNarrowScreen opens the chart on a phone's width: the search box keeps room to
// type in, and the bar's and the controls' buttons are whole on screen, on one line each.
func TestBrowserNarrowScreen(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	shot := newShots(t)
	run(t, ctx, "log in on a narrow screen", chromedp.EmulateViewport(390, 844), login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13"), ready())
	if w := eval[float64](t, ctx, `document.querySelector('#search').getBoundingClientRect().width`); w < 200 {
		t.Errorf("the search box is %.0f px wide", w)
	}
	for _, sel := range []string{"#today", "#known-now", "#compare-off", ".logout button", "#nav-plans"} {
		box := eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect();
			return {left: r.left, right: r.right, height: r.height, width: innerWidth}; })()`)
		if box["left"] < 0 || box["right"] > box["width"] || box["height"] > 40 {
			t.Errorf("%s: %v, not whole on one line in a %v px wide window", sel, box, box["width"])
		}
	}
	for _, sel := range []string{"#zoom-out", "#zoom-in", "#fit", "#print"} {
		box := eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect();
			return {left: r.left, right: r.right, width: innerWidth}; })()`)
		if box["left"] < 0 || box["right"] > box["width"] {
			t.Errorf("the tool %s is off screen: %v", sel, box)
		}
	}
	shot.take(ctx, "narrow")

	// The side panel covers the chart: the focus goes to it, and what it covers takes none.
	run(t, ctx, "open the panel on huo-jia", chromedp.Navigate(s.URL+"/?at=2022-04-13&focus=huo-jia"), ready(),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`#panel .timeline`)))
	if got := eval[string](t, ctx, `document.activeElement.id + ' ' + document.querySelector('#chart').inert`); got != "panel-title true" {
		t.Errorf("with the panel open on a narrow screen: the focus on, and the chart inert: %q", got)
	}
	run(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape))
	if got := eval[string](t, ctx, `(document.activeElement.dataset.id || document.activeElement.id) + ' ' + document.querySelector('#chart').inert`); got != "industry-solutions-gm false" {
		t.Errorf("after the panel closed: the focus on, and the chart inert: %q", got)
	}
}

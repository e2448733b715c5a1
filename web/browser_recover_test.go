package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/orgledger/orgledger"
)

// TestBrowserTodayAfterABadDate: an address whose date is no date shows why the chart could not
// be loaded, and Today then shows today's chart, where it did nothing (found by QA).
func TestBrowserTodayAfterABadDate(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "a date that is no date", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=garbage"), until(`document.body.dataset.ready === 'error'`))
	run(t, ctx, "Today", chromedp.Click(chromedp.ID("today")),
		until(`document.body.dataset.ready === 'true' && document.querySelector('#empty').hidden`))
	if url := eval[string](t, ctx, `location.search`); strings.Contains(url, "garbage") {
		t.Errorf("the address still names the bad date: %s", url)
	}
}

// TestBrowserClearedComparisonTakesItsFailureAway: a comparison whose date is no date is told
// over the chart; cleared, the chart shows without it, where its message stayed drawn over the
// boxes (found by QA).
func TestBrowserClearedComparisonTakesItsFailureAway(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "compare with no date", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&compare=junk"), until(`document.body.dataset.ready === 'error'`))
	wantText(t, text(t, ctx, "#empty"), "the failure", "The changes from junk could not be shown")
	run(t, ctx, "Clear", chromedp.Click(chromedp.ID("compare-off")),
		until(`document.querySelector('#empty').hidden && document.body.dataset.ready === 'true'`))
}

// TestBrowserPlanDropsWhatItDoesNotDraw: a plan's chart is the org on its date as known now; a
// known_at beside it in the address is taken out of the address and the field, where the field
// showed it and the chart did not (found by QA).
func TestBrowserPlanDropsWhatItDoesNotDraw(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "the plan as known at a date", login(s, s.Secrets["planner"]), ready(),
		chromedp.Navigate(s.URL+"/?plan=secret-reorg&known_at=2022-04-12&compare=2022-01-01"), ready())
	if got := eval[string](t, ctx, `location.search + ' ' + document.querySelector('#known').value`); got != "?plan=secret-reorg " {
		t.Errorf("the address and the known-at field: %q", got)
	}
}

// TestBrowserLongNameKeepsThePanelBesideTheChart: a name of one long word wraps in the panel,
// which stays its width beside the chart, its close button on screen; the whole window's width
// with it, a phone's too. (Found by QA: the panel covered the chart, its close button off
// screen, and the chart's canvas, left no width, threw.)
func TestBrowserLongNameKeepsThePanelBesideTheChart(t *testing.T) {
	s := mustOpen(t)
	long := "Ngũ Văn Đặng-" + strings.Repeat("x", 180)
	day, _ := orgledger.ParseDate("2022-04-13")
	s.mustApply(&orgledger.Changeset{Effective: day, Changes: []orgledger.Change{
		{Op: &orgledger.Hire{ID: "long-person", Name: long}},
		{Op: &orgledger.CreatePosition{ID: "p-long", Title: "Engineer", Unit: "sales-ecosystem", ReportsTo: "sales-ecosystem-vp"}},
		{Op: &orgledger.Assign{Person: "long-person", Position: "p-long"}}}})
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	for _, width := range []int64{1280, 375} {
		run(t, ctx, "open the panel", chromedp.EmulateViewport(width, 800),
			chromedp.Navigate(s.URL+"/?at=2022-04-14&focus=long-person"), ready(),
			chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`#panel .timeline`)))
		box := eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector('#panel .close').getBoundingClientRect();
			return {right: r.right, page: document.documentElement.scrollWidth, window: innerWidth,
				panel: document.querySelector('#panel').getBoundingClientRect().width}; })()`)
		if box["right"] > box["window"] || box["page"] > box["window"] || width > 640 && box["panel"] > 0.5*box["window"] {
			t.Errorf("at %d px: the close button, the page's width and the panel's: %v", width, box)
		}
	}
}

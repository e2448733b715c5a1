package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserKeyboardWays checks the ways in and out that a keyboard user takes: Shift+Tab
// from a box of the chart goes back to the tools before it; a year typed into the date field
// (0002, 0020, 0202 on the way to 2022) moves the chart only to the date typed; Escape closes
// the side panel, and a link followed in it leaves the focus in it.
func TestBrowserKeyboardWays(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&focus=global-sales-president"), ready())

	run(t, ctx, "Shift+Tab from a box", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	if id := eval[string](t, ctx, `document.activeElement.id || document.activeElement.dataset?.id || ""`); id != "print" {
		t.Errorf("Shift+Tab from a box moved the focus to %q, want the Print button", id)
	}

	entries := eval[int](t, ctx, `history.length`)
	for _, d := range []string{"0002-04-01", "0020-04-01", "0202-04-01"} {
		run(t, ctx, "type the year: "+d, setDate("#at", d))
	}
	run(t, ctx, "the year typed", setDate("#at", "2022-04-01"),
		until(`document.body.dataset.at === '2022-04-01' && document.body.dataset.ready === 'true'`))
	if url := eval[string](t, ctx, `location.search`); url != "?at=2022-04-01&focus=global-sales-president" && url != "?focus=global-sales-president&at=2022-04-01" {
		t.Errorf("after typing a year the page is at %s", url)
	}
	if n := eval[int](t, ctx, `history.length`); n > entries+1 {
		t.Errorf("typing one date left %d entries in the history", n-entries)
	}

	// Typed with the keys, segment by segment: one load, of the date typed.
	entries = eval[int](t, ctx, `history.length`)
	run(t, ctx, "type 03/15/2022 into the date", chromedp.Focus(chromedp.ID("at")), chromedp.KeyEvent("03152022"),
		until(`document.body.dataset.at === '2022-03-15' && document.body.dataset.ready === 'true'`))
	if n := eval[int](t, ctx, `history.length`); n != entries+1 {
		t.Errorf("a date typed with the keys left %d entries in the history, want 1", n-entries)
	}

	run(t, ctx, "as known on the 12th", chromedp.Navigate(s.URL+"/?at=2022-04-13&known_at=2022-04-12"), ready(),
		setDate("#known", "0002-04-11"), chromedp.Sleep(600*time.Millisecond))
	if url := eval[string](t, ctx, `location.search`); !strings.Contains(url, "known_at=2022-04-12") {
		t.Errorf("a year half typed into As known at left the page at %s", url)
	}
	run(t, ctx, "the year typed", setDate("#known", "2022-04-11"), until(`location.search.includes('known_at=2022-04-11')`))

	run(t, ctx, "open the panel on huo-jia", chromedp.Navigate(s.URL+"/?at=2022-04-13&focus=huo-jia"), ready(),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`#panel .timeline`)),
		chromedp.Focus(chromedp.CSS(`#panel-body button.link`)), chromedp.KeyEvent("\r"),
		until(`!document.querySelector('#panel-title').textContent.includes('Loading')`))
	if inside := eval[bool](t, ctx, `document.querySelector('#panel').contains(document.activeElement)`); !inside {
		t.Errorf("a link followed in the panel left the focus on %s", eval[string](t, ctx, `document.activeElement.tagName`))
	}
	run(t, ctx, "Escape in the panel", chromedp.KeyEvent(kb.Escape))
	if hidden := eval[bool](t, ctx, `document.querySelector('#panel').hidden`); !hidden {
		t.Errorf("Escape left the panel open")
	}
}

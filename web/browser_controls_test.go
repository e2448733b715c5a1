package web_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserControls goes through the chart with the keyboard, collapses and expands a
// subtree, looks at what was known before the reshuffle was recorded, and exports and prints
// the view.
func TestBrowserControls(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	shot := newShots(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&focus=global-sales-president"), ready())

	focused := func() string { return eval[string](t, ctx, `document.activeElement?.dataset?.id || ""`) }
	for _, step := range []struct{ key, want string }{
		{"ArrowDown", "industry-solutions-gm"}, {"ArrowRight", "cloud-china-president"}, {"ArrowLeft", "industry-solutions-gm"},
		{"ArrowUp", "global-sales-president"}, {"ArrowRight", "alibaba-vp"}, {"Home", "global-sales-president"},
	} {
		run(t, ctx, "press "+step.key, chromedp.KeyEvent(keyOf(step.key)))
		if got := focused(); got != step.want {
			t.Errorf("after %s the focus is on %q, want %q", step.key, got, step.want)
		}
	}
	label := eval[string](t, ctx, `document.activeElement.getAttribute('aria-label') + ' ' + document.activeElement.getAttribute('aria-expanded')`)
	wantText(t, label, "the focused box's label", "President, Alibaba Cloud Global Sales: Cai Yinghua", "2 direct reports", "true")
	shot.take(ctx, "01-keyboard")

	shownBefore := shownCount(t, text(t, ctx, "#status"))
	run(t, ctx, "collapse with Space", chromedp.KeyEvent(" "), until(`!document.querySelector('#nodes').innerText.includes('Huo Jia')`))
	if after := shownCount(t, text(t, ctx, "#status")); after >= shownBefore {
		t.Errorf("the status line counts %d boxes shown after a subtree closed, %d before", after, shownBefore)
	}
	if url := eval[string](t, ctx, `location.search`); !strings.Contains(url, "toggle=global-sales-president") {
		t.Errorf("the collapsed subtree is not in the URL: %s", url)
	}
	shot.take(ctx, "02-collapsed")
	run(t, ctx, "expand with the button", chromedp.Click(chromedp.CSS(`.node[data-id="global-sales-president"] .toggle`)),
		until(`document.querySelector('#nodes').innerText.includes('Huo Jia')`))
	// Clicked while another box has the focus, a box's panel opens, though pressing it moves the
	// focus and the chart, and gives the element pressed to another box.
	run(t, ctx, "click the China president's box", chromedp.Click(chromedp.CSS(`.node[data-id="cloud-china-president"] .title`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel .timeline`)))
	wantText(t, text(t, ctx, "#panel-title"), "the panel of the box clicked", "Huang Haiqing")
	run(t, ctx, "back to the subtree's head", chromedp.KeyEvent(kb.Escape),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&focus=global-sales-president"), ready())

	run(t, ctx, "look as known at the end of 2022-04-12", setDate("#known", "2022-04-12"),
		until(`document.body.dataset.ready === 'true' && location.search.includes('known_at=2022-04-12')`))
	wantText(t, text(t, ctx, "#nodes"), "the chart of 2022-04-13 as known on 2022-04-12", "Ren Geng", "Guo Jijun")
	shot.take(ctx, "03-known-at")
	// A link's known_at with a time of day shows the time beside the date: as known at 08:00
	// on the 13th, before the reshuffle was recorded at 09:00, Ren Geng still holds his post.
	run(t, ctx, "open a link known at 08:00 on the 13th", chromedp.Navigate(s.URL+"/?at=2022-04-13&known_at=2022-04-13T08:00:00Z"), ready())
	wantText(t, text(t, ctx, "#known-time"), "the time beside the known-at date", "at 08:00:00Z")
	wantText(t, text(t, ctx, "#nodes"), "the chart as known at 08:00", "Ren Geng")
	if v := eval[string](t, ctx, `document.querySelector('#known').value`); v != "2022-04-13" {
		t.Errorf("the known-at date field holds %q", v)
	}

	// A click on a box, as a mouse makes it (pointer events first), opens that box's panel, though
	// pressing it focuses it and the chart moves. (Found by a review: the chart captured the
	// pointer and the click went to it; then the element clicked had been given another box.)
	run(t, ctx, "click the China president's box", chromedp.Click(chromedp.CSS(`.node[data-id="cloud-china-president"] .title`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel .timeline`)))
	wantText(t, text(t, ctx, "#panel-title"), "the panel of the box clicked", "Ren Geng")
	run(t, ctx, "close the panel", chromedp.KeyEvent(kb.Escape))
	run(t, ctx, "focus on someone who left", chromedp.Navigate(s.URL+"/?at=2022-05-01&focus=ren-geng"), ready())
	wantText(t, text(t, ctx, "#notice"), "the notice of a focus not on the chart", "ren-geng is not on the chart of 2022-05-01")

	// A date on which the focused box, zoomed in on, is not on the chart shows the chart from
	// its top, rather than the empty place where the box was.
	run(t, ctx, "zoom in on cloud-vp on 2022-04-01", chromedp.Navigate(s.URL+"/?at=2022-04-01&focus=cloud-vp"), ready(),
		chromedp.Evaluate[chromedp.Void](`(() => { const a = orgledger, i = a.org.find('cloud-vp');
			a.view.center(a.lay.x[i] + a.lay.bw / 2, a.lay.y[i] + a.lay.bh / 2, 6); a.render(); })()`))
	run(t, ctx, "change the date to after cloud-vp closed", setDate("#at", "2022-04-13"),
		until(`document.body.dataset.at === '2022-04-13' && document.body.dataset.ready === 'true'`))
	if scale := eval[float64](t, ctx, `orgledger.view.s`); scale > 1 {
		t.Errorf("the view stayed zoomed in (scale %.1f) where the closed position was", scale)
	}

	run(t, ctx, "open May 2022", chromedp.Navigate(s.URL+"/?at=2022-05-01"), ready())
	if hidden := eval[bool](t, ctx, `document.querySelector('#notice').hidden`); !hidden {
		t.Errorf("the notice stays on a chart without a focus")
	}
	wantText(t, text(t, ctx, `.node.assistant[data-id="gs-assistant"]`), "the assistant's box", "Chief of Staff", "Zhang Wei", "Assistant")
	wantText(t, text(t, ctx, `.node[data-id="architects-lead"]`), "the acting holder's box", "Chen Jing", "Acting", "Alibaba Cloud Architects")
	shot.take(ctx, "04-assistant-acting-dotted")

	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "back to what is known now", chromedp.Navigate(s.URL+"/?at=2022-04-13"), ready(),
		chromedp.Click(chromedp.ID("export-svg")))
	svg := waitFile(t, dir, 1)
	if !bytes.HasPrefix(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("Huo Jia")) || !bytes.Contains(svg, []byte("<title>Org chart on 2022-04-13")) ||
		!bytes.Contains(svg, []byte(`paint-order="stroke">Org chart on 2022-04-13</text>`)) { // a caption the image shows (found by QA)
		t.Errorf("the SVG export: %.300s", svg)
	}
	// A comparison's image says what it compares with, as the printed page does. (Found by QA:
	// it said only the day.)
	run(t, ctx, "export a comparison", chromedp.Navigate(s.URL+"/?at=2022-04-13&compare=2022-04-01"), ready(),
		chromedp.WaitVisible(chromedp.CSS(`#changes .changes-list`)), chromedp.Click(chromedp.ID("export-svg")))
	if svg := waitFile(t, dir, 2); !bytes.Contains(svg, []byte("<title>Org chart on 2022-04-13, changes since 2022-04-01</title>")) {
		t.Errorf("the SVG export of a comparison: %.300s", svg)
	}
	run(t, ctx, "back to the chart alone", chromedp.Navigate(s.URL+"/?at=2022-04-13"), ready(),
		chromedp.Click(chromedp.ID("export-png")))
	png := waitFile(t, dir, 3)
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("the PNG export starts %q", png[:min(8, len(png))])
	}
	shot.save("05-export.png", png)
	shot.save("05-export.svg", svg)

	// Printing lays the chart out for the page: the boxes inside the chart's box, the canvas of
	// its lines the same size; the view on screen comes back after. (Found by a review: boxes
	// kept their places on the screen, cut at the page's edge, and the lines missed them.)
	laid := eval[string](t, ctx, `(() => {
		const v = orgledger.view, before = [v.s, v.tx, v.ty].join();
		window.dispatchEvent(new Event('beforeprint'));
		const chart = document.querySelector('#chart').getBoundingClientRect();
		const canvas = document.querySelector('#chart canvas');
		const out = [...document.querySelectorAll('#nodes .node')].filter((n) => {
			const r = n.getBoundingClientRect();
			return r.width > 0 && (r.left < chart.left - 1 || r.right > chart.right + 1 || r.top < chart.top - 1 || r.bottom > chart.bottom + 1);
		}).map((n) => n.dataset.id);
		const sized = canvas.width === Math.round(chart.width * devicePixelRatio) || canvas.clientWidth === Math.round(chart.width);
		const printing = [chart.width, chart.height].map(Math.round).join('x');
		window.dispatchEvent(new Event('afterprint'));
		return JSON.stringify({out, sized, printing, back: [v.s, v.tx, v.ty].join() === before});
	})()`)
	if !strings.Contains(laid, `"out":[]`) || !strings.Contains(laid, `"sized":true`) || !strings.Contains(laid, `"back":true`) ||
		!strings.Contains(laid, `"printing":"1047x680"`) {
		t.Errorf("laid out for printing: %s, want the chart the size of a landscape page (277 by 180 mm), no box outside it, "+
			"the canvas its size, and the screen's view back after", laid)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shot.take(ctx, "06-print-media")
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFLandscape(), chromedp.PDFPrintBackground()))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("print to PDF: %v", err)
	}
	shot.save("07-print.pdf", pdf)
}

// shownCount reads how many boxes the status line says are shown.
func shownCount(t *testing.T, status string) int {
	t.Helper()
	m := regexp.MustCompile(`(\d+) shown`).FindStringSubmatch(status)
	if m == nil {
		t.Fatalf("the status line %q says nothing of the boxes shown", status)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// keyOf is the key a name stands for, as chromedp types it.
func keyOf(name string) string {
	return map[string]string{"ArrowDown": kb.ArrowDown, "ArrowUp": kb.ArrowUp, "ArrowLeft": kb.ArrowLeft, "ArrowRight": kb.ArrowRight, "Home": kb.Home}[name]
}

// waitFile waits until dir holds n files and returns the newest.
func waitFile(t *testing.T, dir string, n int) []byte {
	t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(50 * time.Millisecond) {
		es, _ := os.ReadDir(dir)
		var newest os.DirEntry
		var at time.Time
		count := 0
		for _, e := range es {
			info, err := e.Info()
			if err != nil || strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			count++
			if info.ModTime().After(at) || newest == nil {
				newest, at = e, info.ModTime()
			}
		}
		if count >= n {
			b, err := os.ReadFile(filepath.Join(dir, newest.Name()))
			if err == nil && len(b) > 0 {
				return b
			}
		}
	}
	t.Fatalf("no download %d in %s", n, dir)
	return nil
}

// TestBrowserImpossibleDateTyped: a date typed that is not on the calendar (February 30th)
// marks the date field invalid and says that the chart stays where it is; a date typed after
// clears both. (Found by QA: the field showed 02/30/2022 over the chart of another date, and
// nothing said so.)
func TestBrowserImpossibleDateTyped(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&depth=1"), ready(),
		chromedp.SendKeys(chromedp.ID("at"), "02302022"),
		// The message shows as the keys are typed ("No date is given" while the field is
		// partly filled): waited for is the one of the whole date, which a slow machine
		// reaches later.
		until(`!document.querySelector('#at-error').hidden && document.querySelector('#at-error').textContent.includes('not on the calendar')`))
	if got := eval[string](t, ctx, `document.querySelector('#at').getAttribute('aria-invalid') ?? ''`); got != "true" {
		t.Errorf("the field holding 02/30/2022 has aria-invalid %q", got)
	}
	wantText(t, text(t, ctx, "#at-error"), "the message", "not on the calendar", "the chart stays on 2022-04-13")
	if url := eval[string](t, ctx, `location.search`); !strings.Contains(url, "at=2022-04-13") {
		t.Errorf("the URL moved: %s", url)
	}
	run(t, ctx, "type a date", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.SendKeys(chromedp.ID("at"), "04012022"),
		until(`document.body.dataset.at === '2022-04-01' && document.body.dataset.ready === 'true'`))
	if got := eval[string](t, ctx, `document.querySelector('#at').getAttribute('aria-invalid') + ' ' + document.querySelector('#at-error').hidden`); got != "null true" {
		t.Errorf("after a valid date: aria-invalid, and the message hidden: %s", got)
	}
}

// TestBrowserDateLostKeepsTheChart: a date whose chart does not load (the network lost) leaves
// the chart, the date field and the URL on the date shown, and says so beside the date, not
// over the chart; the next date loads as ever. (Found by QA: the URL went on to the new date
// over the old chart, and the error was drawn over the boxes.)
func TestBrowserDateLostKeepsTheChart(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-13&depth=1"), ready())
	eval[bool](t, ctx, `(() => {
		const real = window.fetch;
		window.fetch = (u, o) => String(u).includes('at=2022-04-01') ? Promise.reject(new TypeError('Failed to fetch')) : real(u, o);
		return true;
	})()`)
	run(t, ctx, "move to 2022-04-01", setDate("#at", "2022-04-01"), until(`document.body.dataset.ready === 'error'`))
	got := eval[string](t, ctx, `[location.search, document.querySelector('#at').value, document.body.dataset.at,
		document.querySelector('#empty').hidden].join(' ')`)
	if got != "?at=2022-04-13&depth=1 2022-04-13 2022-04-13 true" {
		t.Errorf("after the chart of 2022-04-01 failed to load: the URL, the field, the chart's date, the chart's message hidden: %s", got)
	}
	wantText(t, text(t, ctx, "#at-error"), "the message beside the date", "The chart of 2022-04-01 could not be loaded", "Failed to fetch", "2022-04-13")
	run(t, ctx, "move to 2022-04-20", setDate("#at", "2022-04-20"), until(`document.body.dataset.at === '2022-04-20'`), ready())
	got = eval[string](t, ctx, `[location.search, document.querySelector('#at-error').hidden].join(' ')`)
	if got != "?at=2022-04-20&depth=1 true" {
		t.Errorf("after 2022-04-20 loaded: the URL, the message hidden: %s", got)
	}
}

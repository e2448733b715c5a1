package web_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// exceptions gathers the exceptions that the page throws and nothing catches, from now on.
type exceptions struct {
	mu   sync.Mutex
	msgs []string
}

func watchExceptions(t *testing.T, ctx context.Context) *exceptions {
	t.Helper()
	e := &exceptions{}
	err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			e.mu.Lock()
			e.msgs = append(e.msgs, msg)
			e.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *exceptions) String() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return strings.Join(e.msgs, "\n")
}

// beforeScripts runs script in each page the tab loads from now on, before the page's own.
func beforeScripts(t *testing.T, ctx context.Context, script string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserResizeWhileTheFirstChartLoads: the first chart, too large for a phone's screen,
// opens on its top, which the page asks for apart; the chart's box changing size while that
// answer is on its way, or the wheel turning, draws no half-loaded chart. (Found by QA: a frame drawn then threw
// "Cannot set properties of undefined" from Layout.visible, in about 3 loads of 8.)
func TestBrowserResizeWhileTheFirstChartLoads(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in on a narrow screen", chromedp.EmulateViewport(375, 740), login(s, s.Secrets["admin"]), ready())
	// The layout of the top levels waits while the chart's box changes size and the wheel
	// zooms out (so that boxes meet the screen wherever the view was), a frame apart.
	beforeScripts(t, ctx, `(() => {
		const real = window.fetch;
		window.topAsked = 0;
		const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
		window.fetch = async (u, o) => {
			if (String(u).includes('/ui/layout') && new URL(u, location.href).searchParams.get('depth') === '1') {
				window.topAsked++;
				const chart = document.getElementById('chart');
				for (const w of ['300px', '', '320px', '']) {
					chart.style.width = w;
					chart.dispatchEvent(new WheelEvent('wheel', {deltaY: 400, clientX: 10, clientY: 10, bubbles: true, cancelable: true}));
					await frame();
					await frame();
				}
			}
			return real(u, o);
		};
	})()`)
	ex := watchExceptions(t, ctx)
	run(t, ctx, "open the chart", chromedp.Navigate(s.URL+"/?at=2022-04-13"), ready())
	if n := eval[int](t, ctx, `window.topAsked`); n != 1 {
		t.Fatalf("the page asked for the chart's top levels %d times, not once: the test does not test what it should", n)
	}
	if got := ex.String(); got != "" {
		t.Errorf("the page threw while its first chart loaded:\n%s", got)
	}
	wantText(t, text(t, ctx, "#status"), "the status line", "The org on 2022-04-13")
}

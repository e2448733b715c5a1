package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/orgledger/orgledger"
)

// TestBrowserRightToLeftChange: a name in a right-to-left script changed to another is listed
// before → after, each value on its own side of the arrow. (Found by QA: the two values, drawn
// as one run of Arabic, read after → before.)
func TestBrowserRightToLeftChange(t *testing.T) {
	s := mustOpen(t)
	before, after := "محمد عبد الله", "محمد عبد الله الأحمد"
	day, _ := orgledger.ParseDate("2022-04-20")
	s.mustApply(&orgledger.Changeset{File: "rename.yaml", Effective: day,
		Changes: []orgledger.Change{{Op: &orgledger.UpdatePerson{Person: "huo-jia", Name: &before}}}})
	day, _ = orgledger.ParseDate("2022-04-25")
	s.mustApply(&orgledger.Changeset{File: "rename.yaml", Effective: day,
		Changes: []orgledger.Change{{Op: &orgledger.UpdatePerson{Person: "huo-jia", Name: &after}}}})
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	run(t, ctx, "compare 2022-04-25 with 2022-04-20", chromedp.Navigate(s.URL+"/?at=2022-04-25&compare=2022-04-20"), ready(),
		chromedp.WaitVisible(chromedp.CSS(`#changes .summary-line`)))
	got := eval[string](t, ctx, `(() => {
		const what = [...document.querySelectorAll('#changes .what')].find((w) => w.textContent.startsWith('name:'));
		if (!what) return 'no name change listed';
		const v = what.querySelectorAll('bdi');
		if (v.length !== 2) return 'values not isolated: ' + what.innerHTML;
		const [b, a] = [...v].map((x) => x.getBoundingClientRect());
		return v[0].textContent + ' | ' + v[1].textContent + (b.right <= a.left ? '' : ' | drawn after → before');
	})()`)
	if want := before + " | " + after; got != want {
		t.Errorf("the name change reads %q, want %q drawn before → after", got, want)
	}
}

// TestBrowserInitials: a box's initials are whole letters, of the words that have one, leaving
// out a name in parentheses. (Found by QA: an emoji and an ideograph beyond U+FFFF gave half
// characters, drawn as boxes, and "(David)" gave "(".)
func TestBrowserInitials(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	got := eval[string](t, ctx, `import('/assets/dom.js').then((m) =>
		['🦄 Sparkle 𠮷田', 'דוד כהן (David)', 'José Ñúñez', '(Bo)', 'Ana', 'Smith (Bobby Jo)'].map(m.initials).join('|'))`)
	if want := "S𠮷|דכ|JÑ|B|A|S"; got != want {
		t.Errorf("initials %q, want %q", got, want)
	}
}

// TestBrowserSearchRanksEveryMatch: in an org where a short query matches hundreds, the names
// that start with it come first, in order, wherever they are in the org. (Found by QA: only the
// first 500 matches in the org's order were ranked, so "li" missed every "Li Abe".)
func TestBrowserSearchRanksEveryMatch(t *testing.T) {
	s, _ := genServer(t, 3000, 1)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	got := eval[string](t, ctx, `(() => {
		const a = orgledger, org = a.org, collate = new Intl.Collator().compare;
		// the two letters most names hold, so that far more than 500 match
		const count = {};
		for (const n of org.personNames) for (let i = 0; i + 2 <= n.length; i++) {
			const q = n.slice(i, i + 2).toLowerCase();
			if (/^[a-z]{2}$/.test(q)) count[q] = (count[q] || 0) + 1;
		}
		const q = Object.keys(count).sort((x, y) => count[y] - count[x])
			.find((q) => org.personNames.some((n) => n.toLowerCase().startsWith(q)));
		const matches = org.personNames.filter((n) => n.toLowerCase().includes(q)).length;
		const starts = org.personNames.filter((n, p) => n.toLowerCase().startsWith(q) && org.personNode(p) >= 0)
			.sort(collate).slice(0, 5);
		const found = a.search.find(q).filter((r) => r.person != null).map((r) => r.text).slice(0, starts.length);
		return JSON.stringify({q, matches, starts, found});
	})()`)
	if !strings.Contains(got, `"matches":`) {
		t.Fatalf("the search's check gave %s", got)
	}
	var r struct {
		Q       string
		Matches int
		Starts  []string
		Found   []string
	}
	if err := json.Unmarshal([]byte(got), &r); err != nil {
		t.Fatal(err)
	}
	if r.Matches <= 500 {
		t.Fatalf("%q matches %d people: the org does not hold enough to test", r.Q, r.Matches)
	}
	if strings.Join(r.Found, "|") != strings.Join(r.Starts, "|") {
		t.Errorf("searching %q (%d matches) found first %q, want the names that start with it, in order: %q", r.Q, r.Matches, r.Found, r.Starts)
	}
}

// TestBrowserPanelUnavailable: a panel that cannot be loaded (the server down or busy) says
// so, not that the box's id was not found. (Found by QA.)
func TestBrowserPanelUnavailable(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	run(t, ctx, "open 2022-04-13", chromedp.Navigate(s.URL+"/?at=2022-04-13"), ready())
	run(t, ctx, "the server busy, open a panel", chromedp.Evaluate[chromedp.Void](`(() => {
		const real = window.fetch;
		window.fetch = (url, opt) => String(url).includes('/ui/show/')
			? Promise.resolve(new Response(JSON.stringify({status: 503, detail: 'the server is busy; try again shortly'}),
				{status: 503, headers: {'Content-Type': 'application/problem+json'}}))
			: real(url, opt);
		orgledger.panel.show('huo-jia');
	})()`), until(`document.getElementById('panel-title').textContent !== 'Loading…'`))
	if title := eval[string](t, ctx, `document.getElementById('panel-title').textContent`); title != "Could not be loaded" {
		t.Errorf("the panel of a busy server is titled %q, want \"Could not be loaded\"", title)
	}
	wantText(t, text(t, ctx, "#panel"), "the panel", "the server is busy; try again shortly. Choose the box again to try once more.")
}

// TestBrowserSearchFolds: search finds a name whatever its accents, composed or not, and
// whatever the spaces typed between its words. (Found by QA: "zoe" and a decomposed "Zoë"
// found no "Zoë", and "Cai   Yinghua" no Cai Yinghua.)
func TestBrowserSearchFolds(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	got := eval[string](t, ctx, `import('/assets/search.js').then((m) =>
		['Zoë', 'Zoe\u0308', 'zoe', 'Cai   Yinghua', 'ÅSA Ñúñez'].map(m.fold).join('|'))`)
	if want := "zoe|zoe|zoe|cai yinghua|asa nunez"; got != want {
		t.Errorf("folded %q, want %q", got, want)
	}
	run(t, ctx, "search with spaces", chromedp.SendKeys(chromedp.ID(`#search`), "cai   yíng"),
		chromedp.WaitVisible(chromedp.CSS(`#results li`)))
	wantText(t, text(t, ctx, "#results"), "the results", "Cai Yinghua")
}

// TestBrowserCompareLater: compared with a later date, the changes drawer says it reads back in
// time, where "joined" lists who is gone by the later date. (Found by QA: it read as if they
// had joined.)
func TestBrowserCompareLater(t *testing.T) {
	s := mustOpen(t)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready())
	run(t, ctx, "compare 2022-04-01 with 2022-04-13", chromedp.Navigate(s.URL+"/?at=2022-04-01&compare=2022-04-13"), ready(),
		chromedp.WaitVisible(chromedp.CSS(`#changes .summary-line`)))
	if got := text(t, ctx, "#changes-title"); got != "Changes going back in time, from 2022-04-13 to 2022-04-01" {
		t.Errorf("the changes drawer is headed %q, want it to say it goes back in time", got)
	}
}

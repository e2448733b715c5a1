package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/orgledger/orgledger"
)

// TestBrowserHistoryKeepsLines: a note and a source of several lines are shown in the side
// panel's history on as many lines. (Found by QA: they were run together on one.)
func TestBrowserHistoryKeepsLines(t *testing.T) {
	s := mustOpen(t)
	shanghai := "Shanghai"
	day, _ := orgledger.ParseDate("2022-04-20")
	cs := &orgledger.Changeset{File: "moves.yaml", Effective: day, Source: "Ticket HR-1\nTicket HR-2",
		Note:    "Moved for the new office.\nBack in a year.",
		Changes: []orgledger.Change{{Op: &orgledger.UpdatePerson{Person: "huo-jia", Location: &shanghai}}}}
	s.mustApply(cs)
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-20&depth=1"), ready(),
		chromedp.Evaluate[chromedp.Void](`orgledger.panel.show('huo-jia')`),
		chromedp.WaitVisible(chromedp.CSS(`#panel .timeline .event .note`)))
	got := eval[string](t, ctx, `[...document.querySelectorAll('#panel .event .note, #panel .event .source')].map((e) => e.innerText).join('|')`)
	for _, want := range []string{"Note: Moved for the new office.\nBack in a year.", "Source: Ticket HR-1\nTicket HR-2"} {
		if !strings.Contains(got, want) {
			t.Errorf("the history shows %q, not %q", got, want)
		}
	}
}

// TestBrowserWaitingSaidOnce: a change of a plan that waits for a leaving says once in the
// history whose leaving it waits for. (Found by QA: "…once huo-jia leaves (when huo-jia
// leaves)".)
func TestBrowserWaitingSaidOnce(t *testing.T) {
	s := mustOpen(t)
	s.mustPlan("successor", "admin", "effective: 2022-07-01\nchanges:\n  - assign: {person: li-feifei, position: industry-solutions-gm}\n    when: {leaves: huo-jia}\n")
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-06-01&depth=1"), ready(),
		chromedp.Evaluate[chromedp.Void](`orgledger.panel.show('huo-jia')`),
		until(`document.querySelector('#panel').innerText.includes('Waiting in plans')`))
	waiting := eval[string](t, ctx, `[...document.querySelectorAll('#panel h4 + ul li')].map((e) => e.innerText).join('\n')`)
	wantText(t, waiting, "the changes waiting", "successor@admin #1", "once huo-jia leaves")
	if n := strings.Count(waiting, "huo-jia leaves"); n != 1 {
		t.Errorf("the changes waiting say %d times that they wait for huo-jia to leave:\n%s", n, waiting)
	}
}

// TestBrowserAttributesUnderTheirHeading: a person's attributes are listed under a heading of
// their own, apart from the facts the panel states. (Found by QA: an attribute named as one of
// show's fields read as that field.)
func TestBrowserAttributesUnderTheirHeading(t *testing.T) {
	s := mustOpen(t)
	day, _ := orgledger.ParseDate("2022-04-20")
	s.mustApply(&orgledger.Changeset{File: "attrs.yaml", Effective: day, Changes: []orgledger.Change{{Op: &orgledger.UpdatePerson{
		Person: "huo-jia", Attrs: map[string]string{"Status": "Left on 2022-01-01"}}}}})
	ctx := browser(t)
	run(t, ctx, "log in", login(s, s.Secrets["admin"]), ready(),
		chromedp.Navigate(s.URL+"/?at=2022-04-20&depth=1"), ready(),
		chromedp.Evaluate[chromedp.Void](`orgledger.panel.show('huo-jia')`),
		until(`document.querySelector('#panel').innerText.includes('Attributes')`))
	facts := eval[string](t, ctx, `[...document.querySelectorAll('#panel dl.facts')].map((d) => (d.previousElementSibling?.tagName === 'H3' ? d.previousElementSibling.innerText + ': ' : '') + [...d.querySelectorAll('dt')].map((e) => e.innerText).join(',')).join(' | ')`)
	if want := "Status | Attributes: Status"; facts != want {
		t.Errorf("the panel's facts are %q, want %q", facts, want)
	}
}

package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestChartCacheKeysApart checks that charts as known at different times are cached apart:
// the Unix epoch is not "as known now", and two years past 2262 are not one another.
func TestChartCacheKeysApart(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	c.login("viewer")
	for _, pair := range [][2]string{
		{"/ui/labels?at=2022-04-20&known_at=1970-01-01T00:00:00Z", "/ui/labels?at=2022-04-20"},
		{"/ui/labels?at=2022-04-20&known_at=1000-01-01", "/ui/labels?at=2022-04-20&known_at=2169-02-09T23:09:07.419102232Z"},
	} {
		before := c.do("GET", pair[0], "")
		after := c.do("GET", pair[1], "")
		if before.Status != 200 || after.Status != 200 || strings.Contains(after.Body, `"ids":[]`) {
			t.Errorf("%s after %s: %d %.200s", pair[1], pair[0], after.Status, after.Body)
		}
		if !strings.Contains(before.Body, `"ids":[]`) {
			t.Errorf("%s, before anything was recorded: %.200s", pair[0], before.Body)
		}
	}
}

// TestLayoutHidesTheHead checks that a chart's answer names the ledger's head only as a
// digest: a viewer cannot count the events, future-dated ones hidden from them included.
func TestLayoutHidesTheHead(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	c.login("viewer")
	r := c.do("GET", "/ui/layout?at=2022-04-13", "")
	if r.Status != 200 || !regexp.MustCompile(`"head":"[0-9a-f]{16}"`).MatchString(r.Body) || regexp.MustCompile(`"head":\d`).MatchString(r.Body) {
		t.Errorf("the layout names the head as %s", regexp.MustCompile(`"head":[^,}]*`).FindString(r.Body))
	}
}

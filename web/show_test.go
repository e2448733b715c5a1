package web_test

import (
	"strings"
	"testing"
)

// TestPanelHistoryAsKnown checks that the side panel's history is the one the page's known_at
// asks for: as known on 2022-04-12, before the reshuffle was recorded, Huang Haiqing's holds
// none of it.
func TestPanelHistoryAsKnown(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	c.login("viewer")
	then := c.do("GET", "/ui/show/huang-haiqing?at=2022-04-13&known_at=2022-04-12", "")
	now := c.do("GET", "/ui/show/huang-haiqing?at=2022-04-13", "")
	if then.Status != 200 || now.Status != 200 {
		t.Fatalf("%d, %d", then.Status, now.Status)
	}
	history := func(body string) string { _, h, _ := strings.Cut(body, `"history"`); return h }
	if strings.Contains(history(then.Body), "cloud-china-president") || !strings.Contains(history(now.Body), "cloud-china-president") {
		t.Errorf("the history as known on 2022-04-12:\n%.600s\nnow:\n%.600s", history(then.Body), history(now.Body))
	}
}

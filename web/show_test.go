package web_test

import (
	"context"
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

// TestPanelHistoryNamesOnlyVisiblePlans checks that once a plan is applied, the side panel's
// history names it to those who may see the plan (its owner and admins), and shows its events
// without it to another planner.
func TestPanelHistoryNamesOnlyVisiblePlans(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Plans.Apply(context.Background(), adminCaller, "secret-reorg"); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"planner", "admin", "other-planner"} {
		r := s.newClient().login(who).do("GET", "/ui/show/zzplan-hire?at=2022-08-01", "")
		if r.Status != 200 || !strings.Contains(r.Body, `"verb":"hire"`) {
			t.Fatalf("%s: %d %.300s", who, r.Status, r.Body)
		}
		if named := strings.Contains(r.Body, "secret-reorg@planner"); named != (who != "other-planner") {
			t.Errorf("%s: the history names the plan: %v", who, named)
		}
	}
}

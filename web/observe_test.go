package web_test

import (
	"strings"
	"testing"
)

// TestRoutesInTheServersLog: the server's log and metrics name the web UI's route that
// answered, its pattern, where they named all of the UI "/"; a plan's name is not in either.
// (Found by an operator's review: the UI's errors and latency could not be told apart.)
func TestRoutesInTheServersLog(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("planner")
	c.do("GET", "/ui/show/huo-jia", "")
	c.do("GET", "/ui/plans/secret-reorg", "")
	c.do("GET", "/no/such/page", "")
	log := s.Log.String()
	for _, want := range []string{`"pattern":"POST /login"`, `"pattern":"GET /ui/show/{id}"`, `"pattern":"GET /ui/plans/{name}"`, `"pattern":"unmatched"`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
	metrics := s.newClient().do("GET", "/metrics", "", "Authorization", "Bearer "+s.Secrets["admin"]).Body
	if !strings.Contains(metrics, `pattern="GET /ui/show/{id}"`) || strings.Contains(metrics, "secret-reorg") {
		t.Errorf("the metrics lack the UI's routes, or name a plan:\n%s", metrics)
	}
}

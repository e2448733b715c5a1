package http_test

import "testing"

// TestViewerAskingBeyondTheHorizon: a viewer who asks for a date after today is answered for
// today, and the answer's Orgledger-Horizon header says so, a 404 included; a date within
// their horizon, or a planner's any date, has no such header.
func TestViewerAskingBeyondTheHorizon(t *testing.T) {
	ts := MustOpenServer(t)
	chart := ts.Do("GET", "/api/v1/chart?at=2099-01-01", "viewer", "")
	today := chart.Header.Get("Orgledger-Horizon")
	if chart.Status != 200 || len(today) != len("2006-01-02") || today >= "2099-01-01" {
		t.Errorf("a viewer's chart of 2099: %d, Orgledger-Horizon %q", chart.Status, today)
	}
	if r := ts.Do("GET", "/api/v1/people/nobody?at=2099-01-01", "viewer", ""); r.Status != 404 || r.Header.Get("Orgledger-Horizon") != today {
		t.Errorf("a viewer's 404 of 2099: %d, Orgledger-Horizon %q", r.Status, r.Header.Get("Orgledger-Horizon"))
	}
	for _, r := range []struct{ path, role string }{
		{"/api/v1/chart?at=2022-05-01", "viewer"}, {"/api/v1/chart?at=2099-01-01", "planner"}} {
		if h := ts.Do("GET", r.path, r.role, "").Header.Get("Orgledger-Horizon"); h != "" {
			t.Errorf("%s as %s: Orgledger-Horizon %q, want none", r.path, r.role, h)
		}
	}
}

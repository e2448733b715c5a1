package http_test

import (
	"testing"
)

// TestRoutesNotToldWithoutAToken: without a valid token, a path that is a route asked with
// another method answers as a path that is none does (401): a 405 with an Allow header would
// tell a caller without a token that the path is a route, and which methods it takes. (Found
// by a review.)
func TestRoutesNotToldWithoutAToken(t *testing.T) {
	ts := MustOpenServer(t)
	for _, tt := range []struct{ method, path string }{
		{"DELETE", "/api/v1/chart"},
		{"PUT", "/api/v1/imports"},
		{"OPTIONS", "/api/v1/plans/x"},
		{"GET", "/api/v1/plans/x/apply"},
	} {
		unknown := ts.Do(tt.method, "/api/v1/nothing-here", "", "")
		r := ts.Do(tt.method, tt.path, "", "")
		if r.Status != unknown.Status {
			t.Errorf("%s %s without a token: %d (Allow: %q), where a path that is no route answers %d",
				tt.method, tt.path, r.Status, r.Header.Get("Allow"), unknown.Status)
		}
	}
}

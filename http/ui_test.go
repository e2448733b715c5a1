package http_test

import (
	"net/http"
	"testing"

	orghttp "github.com/orgledger/orgledger/http"
)

// TestUISeam mounts a stand-in web UI: it answers "/" and "/login" and whatever else the API
// does not, while unknown paths under /api/ stay problem+json 404s.
func TestUISeam(t *testing.T) {
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>ui " + r.URL.Path))
	})
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.UI = ui })
	for _, path := range []string{"/", "/login", "/some/page"} {
		r := ts.Do("GET", path, "", "")
		if r.Status != 200 || string(r.Body) != "<p>ui "+path {
			t.Errorf("%s: %d %s", path, r.Status, r.Body)
		}
	}
	if r := ts.Do("GET", "/api/v2/chart", "viewer", ""); r.Status != 404 || r.Problem(t).Code != "not_found" {
		t.Errorf("/api/v2/chart: %d %s", r.Status, r.Body)
	}
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 200 {
		t.Errorf("the API beside the UI: %d", r.Status)
	}
}

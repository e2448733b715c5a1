package http_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestExportFormatAnyCase: the export's format is taken in any case, as the command line's
// --format is, and the OpenAPI document says so. (Found by a review: format=JSON was a bad
// request, its enum lower case.)
func TestExportFormatAnyCase(t *testing.T) {
	ts := MustOpenServer(t)
	lower := ts.Do("GET", "/api/v1/export?format=json", "viewer", "")
	for _, f := range []string{"JSON", "Json"} {
		r := ts.Do("GET", "/api/v1/export?format="+f, "viewer", "")
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || string(r.Body) != string(lower.Body) {
			t.Errorf("format=%s: %d %s\n%s", f, r.Status, r.Header.Get("Content-Type"), r.Body)
		}
	}
	if r := ts.Do("GET", "/api/v1/export?format=CSV", "viewer", ""); r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("format=CSV: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string
				Schema struct {
					Enum    []string
					Pattern string
				}
			}
		}
	}
	if err := json.Unmarshal(ts.Do("GET", "/api/v1/openapi.json", "viewer", "").Body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Paths["/api/v1/export"]["get"].Parameters {
		if p.Name == "format" && (len(p.Schema.Enum) > 0 || p.Schema.Pattern == "") {
			t.Errorf("the document's format parameter: %+v", p.Schema)
		}
	}
}

// TestKnownAtEndOfDayInMessages: a known_at date, the last microsecond of that day, is told
// as the end of the day, as on the command line, not as 23:59:59Z, a second that leaves out
// the events of its last one. (Found by a review.)
func TestKnownAtEndOfDayInMessages(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("GET", "/api/v1/people/nobody?at=2022-04-13&known_at=2022-04-12", "viewer", "")
	if r.Status != 404 || !strings.Contains(string(r.Body), "as known at the end of 2022-04-12 UTC") {
		t.Errorf("%d %s", r.Status, r.Body)
	}
}

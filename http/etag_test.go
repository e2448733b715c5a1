package http_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestETag checks conditional reads: 304 for the current tag, a new tag after a write, on a
// new day, and for a caller who sees the future.
func TestETag(t *testing.T) {
	ts := MustOpenServer(t)
	const path = "/api/v1/chart?root=global-sales"
	first := ts.Do("GET", path, "viewer", "")
	tag := first.Header.Get("ETag")
	if first.Status != 200 || !strings.HasPrefix(tag, `W/"`) {
		t.Fatalf("%d, ETag %q", first.Status, tag)
	}
	if v := first.Header.Get("Vary"); v != "Authorization, Accept-Encoding" {
		t.Errorf("Vary %q", v)
	}
	for _, inm := range []string{tag, strings.TrimPrefix(tag, "W/"), `"other", ` + tag} {
		r := ts.Do("GET", path, "viewer", "", "If-None-Match", inm)
		if r.Status != 304 || len(r.Body) != 0 || r.Header.Get("ETag") != tag || r.Header.Get("Vary") != "Authorization, Accept-Encoding" {
			t.Errorf("If-None-Match %s: %d %q, ETag %q, Vary %q", inm, r.Status, r.Body, r.Header.Get("ETag"), r.Header.Get("Vary"))
		}
	}
	if r := ts.Do("GET", path, "viewer", "", "If-None-Match", `"other"`); r.Status != 200 {
		t.Errorf("another tag: %d", r.Status)
	}
	if r := ts.Do("GET", path+"&depth=abc", "viewer", "", "If-None-Match", tag); r.Status != 400 {
		t.Errorf("a bad query with a current tag: %d, want 400", r.Status)
	}
	// "*" holds only where the answer exists, which is known once it is read: it is answered
	// in full, and a 404 stays a 404. (Found by a black-box review.)
	for p, want := range map[string]int{path: 200, "/api/v1/people/nobody": 404} {
		if r := ts.Do("GET", p, "viewer", "", "If-None-Match", "*"); r.Status != want {
			t.Errorf("GET %s, If-None-Match *: %d, want %d", p, r.Status, want)
		}
	}
	planner := ts.Do("GET", path, "planner", "", "If-None-Match", tag)
	if planner.Status != 200 || planner.Header.Get("ETag") == tag {
		t.Errorf("a planner's answer has the viewer's tag: %d %s", planner.Status, planner.Header.Get("ETag"))
	}

	w := ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-05-02\nchanges:\n  - hire: {id: etag-person, name: E}\n")
	if w.Status != 201 {
		t.Fatalf("write: %d %s", w.Status, w.Body)
	}
	after := ts.Do("GET", path, "viewer", "", "If-None-Match", tag)
	if after.Status != 200 || after.Header.Get("ETag") == tag {
		t.Errorf("after a write: %d, ETag %s", after.Status, after.Header.Get("ETag"))
	}
	tag = after.Header.Get("ETag")

	ts.Clock.Set(today.Add(24 * time.Hour))
	tomorrow := ts.Do("GET", path, "viewer", "", "If-None-Match", tag)
	if tomorrow.Status != 200 || tomorrow.Header.Get("ETag") == tag {
		t.Errorf("the next day: %d, ETag %s", tomorrow.Status, tomorrow.Header.Get("ETag"))
	}
}

// TestHead checks that HEAD answers as GET does, without a body.
func TestHead(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("HEAD", "/api/v1/people/huo-jia", "viewer", "")
	if r.Status != 200 || len(r.Body) != 0 || r.Header.Get("ETag") == "" {
		t.Errorf("HEAD: %d %q %v", r.Status, r.Body, r.Header)
	}
}

// TestWritesAreNotCached checks that a write's answer and a problem are never cached.
func TestWritesAreNotCached(t *testing.T) {
	ts := MustOpenServer(t)
	for _, r := range []*Response{
		ts.Do("POST", "/api/v1/changesets?dry_run=true", "admin", "effective: 2022-05-02\nchanges:\n  - hire: {id: x, name: X}\n"),
		ts.Do("GET", "/api/v1/people/nobody", "viewer", ""),
	} {
		if r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("ETag") != "" {
			t.Errorf("%d: Cache-Control %q, ETag %q", r.Status, r.Header.Get("Cache-Control"), r.Header.Get("ETag"))
		}
	}
}

// TestETagOfViewerIgnoresHiddenWrites checks that a write a viewer cannot see leaves their tag
// as it was, so that the tag does not tell them it happened, while a planner's changes; and
// that a retraction of what the viewer sees, recorded after it, changes it all the same.
func TestETagOfViewerIgnoresHiddenWrites(t *testing.T) {
	ts := MustOpenServer(t)
	const path = "/api/v1/chart?root=global-sales"
	viewer, planner := ts.Do("GET", path, "viewer", ""), ts.Do("GET", path, "planner", "")
	w := ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2031-01-01\nchanges:\n  - hire: {id: hidden-person, name: H}\n")
	if w.Status != 201 {
		t.Fatalf("write: %d %s", w.Status, w.Body)
	}
	if r := ts.Do("GET", path, "viewer", "", "If-None-Match", viewer.Header.Get("ETag")); r.Status != 304 {
		t.Errorf("a viewer's tag after a write hidden from them: %d, ETag %s, want 304", r.Status, r.Header.Get("ETag"))
	}
	if r := ts.Do("GET", path, "planner", "", "If-None-Match", planner.Header.Get("ETag")); r.Status != 200 {
		t.Errorf("a planner's tag after a future-dated write: %d, want 200 and a new tag", r.Status)
	}

	w = ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-05-02\nchanges:\n  - hire: {id: seen-person, name: S}\n")
	if w.Status != 201 {
		t.Fatalf("write: %d %s", w.Status, w.Body)
	}
	after := ts.Do("GET", path, "viewer", "", "If-None-Match", viewer.Header.Get("ETag"))
	if after.Status != 200 {
		t.Fatalf("a viewer's tag after a write they see: %d, want 200 and a new tag", after.Status)
	}
	seq := lastEvent(t, ts)
	w = ts.Do("POST", "/api/v1/changesets", "admin", fmt.Sprintf("changes:\n  - retract: {event: %d, reason: wrong person}\n", seq))
	if w.Status != 201 {
		t.Fatalf("retract: %d %s", w.Status, w.Body)
	}
	if r := ts.Do("GET", path, "viewer", "", "If-None-Match", after.Header.Get("ETag")); r.Status != 200 {
		t.Errorf("a viewer's tag after a retraction of what they see: %d, want 200 and a new tag", r.Status)
	}
}

// lastEvent returns the seq of the ledger's last event, as an admin reads the log.
func lastEvent(t *testing.T, ts *TestServer) int64 {
	t.Helper()
	r := ts.Do("GET", "/api/v1/log", "admin", "")
	var lg struct {
		Events []struct {
			Event int64 `json:"event"`
		} `json:"events"`
	}
	if err := json.Unmarshal(r.Body, &lg); err != nil || len(lg.Events) == 0 {
		t.Fatalf("log: %d %s", r.Status, r.Body)
	}
	return lg.Events[len(lg.Events)-1].Event
}

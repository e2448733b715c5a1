package http_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLogPages checks that the log comes in pages that name the next, in the body and in the
// Link header, and that following them reads every event once.
func TestLogPages(t *testing.T) {
	ts := MustOpenServer(t)
	var all struct{ Events []struct{ Event int64 } }
	if r := ts.Do("GET", "/api/v1/log?limit=10000", "admin", ""); r.Status != 200 || json.Unmarshal(r.Body, &all) != nil || len(all.Events) < 12 {
		t.Fatalf("the whole log: %d, %d events", r.Status, len(all.Events))
	}
	var seen []int64
	for path, pages := "/api/v1/log?limit=5", 0; path != ""; pages++ {
		r := ts.Do("GET", path, "admin", "")
		var page struct {
			Events []struct{ Event int64 }
			Next   string
		}
		if r.Status != 200 || json.Unmarshal(r.Body, &page) != nil || pages > len(all.Events) {
			t.Fatalf("%s: %d %s", path, r.Status, r.Body)
		}
		if link := r.Header.Get("Link"); (page.Next == "") != (link == "") || page.Next != "" && link != "<"+page.Next+`>; rel="next"` {
			t.Errorf("%s: next %q, Link %q", path, page.Next, link)
		}
		for _, e := range page.Events {
			seen = append(seen, e.Event)
		}
		path = page.Next
	}
	if len(seen) != len(all.Events) {
		t.Fatalf("the pages hold %d events, the log %d", len(seen), len(all.Events))
	}
	for i, e := range all.Events {
		if seen[i] != e.Event {
			t.Errorf("event %d of the pages is %d, of the log %d", i, seen[i], e.Event)
		}
	}
}

// TestKnownAtHistoryAndLog checks that the history and the log as known at a time hold only
// what was recorded by then, and that a page of such a log names the next with the same time.
func TestKnownAtHistoryAndLog(t *testing.T) {
	ts := MustOpenServer(t)
	type events struct {
		Events []struct {
			Event    int64
			Recorded string
			Summary  string
		}
		Next string
	}
	var then, now events
	json.Unmarshal(ts.Do("GET", "/api/v1/log?known_at=2022-04-12&limit=10000", "admin", "").Body, &then)
	json.Unmarshal(ts.Do("GET", "/api/v1/log?limit=10000", "admin", "").Body, &now)
	if len(then.Events) == 0 || len(then.Events) >= len(now.Events) {
		t.Fatalf("the log as known at 2022-04-12 holds %d events, now %d", len(then.Events), len(now.Events))
	}
	for _, e := range then.Events {
		if e.Recorded > "2022-04-13" {
			t.Errorf("event %d, recorded %s, is in the log as known at 2022-04-12", e.Event, e.Recorded)
		}
	}
	var page events
	json.Unmarshal(ts.Do("GET", "/api/v1/log?known_at=2022-04-12&limit=2", "admin", "").Body, &page)
	if !strings.Contains(page.Next, "known_at=2022-04-12T23") {
		t.Errorf("the next page of a log as known at a time: %q", page.Next)
	}
	r := ts.Do("GET", "/api/v1/history/huang-haiqing?known_at=2022-04-12", "viewer", "")
	if r.Status != 200 || strings.Contains(string(r.Body), "cloud-china-president") {
		t.Errorf("the history as known at 2022-04-12: %d %s", r.Status, r.Body)
	}
}

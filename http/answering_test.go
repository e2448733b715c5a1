package http_test

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	orghttp "github.com/orgledger/orgledger/http"
)

// TestAnswersWaitForAPlace: while every place among the answers being worked out is held (as
// that many large charts at once would hold them), a request waits for one and is answered
// once one is free; one that waits longer than the server allows is refused with 503, saying
// why; a request without a valid token is refused at once, holding no place. (Found by QA: a
// hundred charts of a 100k org asked at once took 8 GB.)
func TestAnswersWaitForAPlace(t *testing.T) {
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.AnswerWait = 300 * time.Millisecond })
	release := ts.API.HoldAnswering()
	began := time.Now()
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 503 || !strings.Contains(string(r.Body), "try again shortly") || r.Header.Get("Retry-After") != "1" {
		t.Errorf("with every place held: %d %s", r.Status, r.Body)
	}
	if took := time.Since(began); took < 250*time.Millisecond {
		t.Errorf("refused after %v, before the wait the server allows", took)
	}
	if r := ts.Do("GET", "/api/v1/chart", "revoked", ""); r.Status != 401 {
		t.Errorf("a request with a revoked token, every place held: %d", r.Status)
	}
	for _, light := range []struct{ path, token string }{{"/healthz", ""}, {"/api/v1/openapi.json", "viewer"}, {"/metrics", "admin"}} {
		if r := ts.Do("GET", light.path, light.token, ""); r.Status != 200 {
			t.Errorf("%s, every place held: %d, want it answered at once (found by a review: a busy server failed its health check)", light.path, r.Status)
		}
	}
	time.AfterFunc(100*time.Millisecond, release)
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 200 {
		t.Errorf("once the places are given back: %d %s", r.Status, r.Body)
	}
	for range 20 { // every place given back after each answer
		if r := ts.Do("GET", "/api/v1/people/ren-geng", "viewer", ""); r.Status == 503 {
			t.Fatalf("a place was not given back: %s", r.Body)
		}
	}
}

// TestUIReadsTakePlaces: a read of the web UI (mounted as Config.UI) takes a place among the
// answers being worked out, as the API's do, through HoldAnswerPlace: with every place held,
// it is refused after the wait, and with one free it is answered and gives the place back
// (found by a review: the UI's charts and plans were worked out without a bound).
func TestUIReadsTakePlaces(t *testing.T) {
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, err := orghttp.HoldAnswerPlace(w, r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer release()
		w.Write([]byte("drawn"))
	})
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.AnswerWait = 200 * time.Millisecond; c.UI = ui })
	release := ts.API.HoldAnswering()
	if r := ts.Do("GET", "/ui/layout", "", ""); r.Status != 503 || r.Header.Get("Retry-After") != "1" {
		t.Errorf("a UI read with every place held: %d %s", r.Status, r.Body)
	}
	release()
	for range 3 * runtime.GOMAXPROCS(0) { // more than there are places: each given back
		if r := ts.Do("GET", "/ui/layout", "", ""); r.Status != 200 {
			t.Fatalf("a UI read with places free: %d %s", r.Status, r.Body)
		}
	}
}

// TestAnswersWaitForRoomToBeWritten: while the room for the bytes of answers being written is
// taken (by clients that read slowly or not at all), an answer waits for room before it is
// written, holding its place, and is written once there is room (found by QA: two hundred
// clients that read nothing of a 100k org's chart held 5.9 GB).
func TestAnswersWaitForRoomToBeWritten(t *testing.T) {
	ts := MustOpenServer(t)
	release := ts.API.HoldUnsent()
	done := make(chan int, 1)
	go func() { done <- ts.Do("GET", "/api/v1/chart", "viewer", "").Status }()
	select {
	case status := <-done:
		t.Fatalf("answered %d while there was no room to write it", status)
	case <-time.After(200 * time.Millisecond):
	}
	release()
	select {
	case status := <-done:
		if status != 200 {
			t.Errorf("once there was room: %d", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("not answered once there was room")
	}
}

// TestAnswerWithinTheWriteTimeout: a request that waits for something that does not come (here
// a place among the answers, every one held; on PostgreSQL, a table locked or a server that
// stopped answering) is answered 503 a little before its write timeout, saying to try again,
// rather than waiting on until the connection is closed on it. (Found by QA: reads waited as
// long as their client would.)
func TestAnswerWithinTheWriteTimeout(t *testing.T) {
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.WriteTimeout, c.AnswerWait = time.Second, time.Minute })
	release := ts.API.HoldAnswering()
	began := time.Now()
	r := ts.Do("GET", "/api/v1/chart", "viewer", "")
	if took := time.Since(began); r.Status != 503 || !strings.Contains(string(r.Body), "not ready within the time a request may take") || took > 5*time.Second {
		t.Errorf("after %v: %d %s", took, r.Status, r.Body)
	}
	if strings.Contains(ts.Log.String(), "request ended by its client") {
		t.Errorf("the deadline was logged as the client's leaving:\n%s", ts.Log.String())
	}
	// An answer worked out, waiting for room to be written when the time runs out, is a 503
	// too, without the length of the answer it replaces. (Found by a review: a 200 with a
	// Content-Length and no body.)
	release()
	holdRoom := ts.API.HoldUnsent()
	defer holdRoom()
	for _, path := range []string{"/api/v1/chart", "/api/v1/export"} {
		r = ts.Do("GET", path, "admin", "")
		if r.Status != 503 || !strings.Contains(string(r.Body), "not ready within the time") || r.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s, no room to write it: %d %v %s", path, r.Status, r.Header, r.Body)
		}
	}
}

package http_test

import (
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

package http_test

import (
	"testing"
	"time"
)

// TestChangesetsDecodedAFewAtATime: while every place for decoding a changeset is taken, a
// changeset waits, and is recorded once one is free.
func TestChangesetsDecodedAFewAtATime(t *testing.T) {
	ts := MustOpenServer(t)
	release := ts.API.HoldDecoding()
	status := make(chan int, 1)
	go func() {
		status <- ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-06-01\nchanges:\n  - hire: {id: waited, name: Waited}\n",
			"Content-Type", "application/yaml").Status
	}()
	select {
	case got := <-status:
		t.Fatalf("a changeset was decoded while every place was taken: %d", got)
	case <-time.After(100 * time.Millisecond):
	}
	release()
	if got := <-status; got != 201 {
		t.Errorf("once a place is free: %d, want 201", got)
	}
}

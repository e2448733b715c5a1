package http_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestImportOutlastsTheReadTimeout: an export uploaded more slowly than the server's read
// timeout allows a request is still read and answered, where a changeset sent as slowly is cut
// off: an export of a million rows takes longer to upload than other requests may. (Found by
// a black-box review.)
func TestImportOutlastsTheReadTimeout(t *testing.T) {
	ts := MustOpenServer(t)
	srv := httptest.NewUnstartedServer(ts.API.Handler())
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	send := func(path, ctype, head, rest string) (int, error) {
		pr, pw := io.Pipe()
		go func() {
			io.WriteString(pw, head)
			time.Sleep(500 * time.Millisecond) // past the read timeout
			io.WriteString(pw, rest)
			pw.Close()
		}()
		req, _ := http.NewRequest("POST", srv.URL+path, pr)
		req.Header.Set("Authorization", "Bearer "+ts.Secrets["admin"])
		req.Header.Set("Content-Type", ctype)
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// The file, read whole, is checked: as a dry run it is refused (later events need the
	// people it drops), not cut off as a body that could not be read (400).
	if code, err := send("/api/v1/imports?at=2022-06-01&dry_run=true", "text/csv", "employee_id,name,title,manager_id\n", "E1,Ann,CEO,\n"); err != nil || code != 422 {
		t.Errorf("a slow import: %d %v, want it read whole and checked (422)", code, err)
	}
	if code, err := send("/api/v1/changesets?dry_run=true", "application/yaml", "effective: 2022-05-02\n", "changes:\n  - hire: {id: x, name: X}\n"); err == nil && code != 400 {
		t.Errorf("a changeset sent past the read timeout: %d, want it cut off (400)", code)
	}
}

// waitedOut is a store whose appends wait, then give up with nothing written, as PostgreSQL's
// do when another writer holds the ledger for longer than an append waits.
type waitedOut struct {
	orgledger.Store
	wait time.Duration
}

func (s waitedOut) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	time.Sleep(s.wait)
	return errors.Join(orgledger.Errorf(orgledger.EUNAVAILABLE, "another writer has held the ledger; nothing was written"), orgledger.ErrNotWritten)
}

// TestAWriteWaitedOutIsAnswered: a write that waits for another writer for longer than the
// server's write timeout still gets its answer (503, nothing written), not a closed connection
// that leaves the client unable to tell whether it was recorded. (Found by an operator's
// review: PostgreSQL's appends wait a minute, the write timeout was a minute too.)
func TestAWriteWaitedOutIsAnswered(t *testing.T) {
	ts := MustOpenServer(t)
	if status := writeThrough(t, ts, waitedOut{ts.Ledger.Store(), 300 * time.Millisecond}, "x"); status != 503 {
		t.Errorf("a write that waited past the write timeout: %d, want 503", status)
	}
}

// writeThrough records a hire of id through a server on store whose write timeout is 100 ms,
// and returns the answer's status; a write with no answer fails the test.
func writeThrough(t *testing.T, ts *TestServer, store orgledger.Store, id string) int {
	t.Helper()
	l, err := ledger.Open(context.Background(), store, ts.Clock)
	if err != nil {
		t.Fatal(err)
	}
	api, err := orghttp.New(orghttp.Config{Ledger: l, Tokens: ts.Tokens, Plans: sqlite.NewPlanStore(ts.DB),
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), WriteTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(api.Handler())
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/changesets", strings.NewReader("effective: 2022-05-02\nchanges:\n  - hire: {id: "+id+", name: X}\n"))
	req.Header.Set("Authorization", "Bearer "+ts.Secrets["admin"])
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("a write that waited past the write timeout got no answer: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestAUIWriteWaitedOutIsAnswered: the web UI's writes (a plan applied from the page) may wait
// for other writers as the API's do, once the UI has let them (MayWaitForWriters, after it
// checked the session); another request to the UI keeps the server's write timeout.
func TestAUIWriteWaitedOutIsAnswered(t *testing.T) {
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ui/plans/p/apply" {
			if err := orghttp.MayWaitForWriters(w, r); err != nil {
				t.Error(err)
			}
		}
		time.Sleep(300 * time.Millisecond)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.UI = ui; c.WriteTimeout = 100 * time.Millisecond })
	srv := httptest.NewUnstartedServer(ts.API.Handler())
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	for path, answered := range map[string]bool{"/ui/plans/p/apply": true, "/login": false} {
		resp, err := srv.Client().Post(srv.URL+path, "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
		}
		switch {
		case answered && (err != nil || resp.StatusCode != 503):
			t.Errorf("a UI write that waited past the write timeout: %v %v, want 503", resp, err)
		case !answered && err == nil:
			t.Errorf("%s, not a write the UI let wait, was answered past the write timeout: %d", path, resp.StatusCode)
		}
	}
}

// slowAppend is a store whose appends wait, as long as their context lets them, before
// appending: a writer's lock held a while by another.
type slowAppend struct {
	orgledger.Store
	wait time.Duration
}

func (s slowAppend) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	select {
	case <-time.After(s.wait):
		return s.Store.Append(ctx, head, c)
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// TestAWriteMayWaitPastTheWriteTimeout: a write whose append waits for another writer longer
// than the server's write timeout is recorded and answered 201: its request's time moved with
// its write deadline (answerBy). (Found by a review: no test failed with the time left where
// it was, and the write cut off.)
func TestAWriteMayWaitPastTheWriteTimeout(t *testing.T) {
	ts := MustOpenServer(t)
	if status := writeThrough(t, ts, slowAppend{ts.Ledger.Store(), 300 * time.Millisecond}, "slow"); status != 201 {
		t.Errorf("a write that waited past the write timeout: %d, want 201", status)
	}
}

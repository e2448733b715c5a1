package http_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// stallingTokens is a token store whose reads wait for release while stall is set.
type stallingTokens struct {
	orgledger.TokenStore
	stall   atomic.Bool
	release chan struct{}
}

func (s *stallingTokens) Tokens(ctx context.Context) ([]*orgledger.Token, error) {
	if s.stall.Load() {
		<-s.release
	}
	return s.TokenStore.Tokens(ctx)
}

// TestRevokedWhileTheStoreStalls: a token revoked while a read of the tokens is held up by the
// database is not accepted from the old snapshot past twice the tokens' TTL: the request reads
// the tokens itself, and is refused once they come.
func TestRevokedWhileTheStoreStalls(t *testing.T) {
	const ttl = 50 * time.Millisecond
	st := &stallingTokens{release: make(chan struct{})}
	ts := MustOpenServer(t, func(c *orghttp.Config) { st.TokenStore, c.Tokens, c.TokenTTL = c.Tokens, st, ttl })
	if r := ts.Do("GET", "/api/v1/chart", "admin", ""); r.Status != 200 {
		t.Fatalf("before: %d", r.Status)
	}
	if err := ts.Tokens.RevokeToken(context.Background(), "admin", today); err != nil {
		t.Fatal(err)
	}
	st.stall.Store(true)
	time.Sleep(ttl + 10*time.Millisecond)
	go ts.Do("GET", "/api/v1/chart", "viewer", "") // reads the tokens again, and waits
	time.Sleep(2*ttl + 10*time.Millisecond)
	status := make(chan int, 1)
	go func() { status <- ts.Do("GET", "/api/v1/chart", "admin", "").Status }()
	select {
	case got := <-status:
		t.Errorf("the revoked token answered %d from a snapshot more than twice its TTL old", got)
		close(st.release) // so that the server can close
		return
	case <-time.After(2 * ttl):
	}
	close(st.release)
	if got := <-status; got != 401 {
		t.Errorf("the revoked token, once the tokens are read: %d, want 401", got)
	}
}

// countingTokens counts the reads of a token store.
type countingTokens struct {
	orgledger.TokenStore
	reads atomic.Int32
}

func (s *countingTokens) Tokens(ctx context.Context) ([]*orgledger.Token, error) {
	s.reads.Add(1)
	return s.TokenStore.Tokens(ctx)
}

// TestNewTokenWorksAtOnce: a token made while the server runs works on its first request,
// however long the tokens' TTL, and however soon after the server last read them (found by
// QA: made within a tenth of a second of a read, it was refused); and requests with unknown
// tokens read the store ten times a second at most, however many come at once, reads and
// writes alike (found by a review: a write read the store at every request).
func TestNewTokenWorksAtOnce(t *testing.T) {
	st := &countingTokens{}
	ts := MustOpenServer(t, func(c *orghttp.Config) { st.TokenStore, c.Tokens, c.TokenTTL = c.Tokens, st, time.Hour })
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 200 {
		t.Fatalf("before: %d", r.Status)
	}
	for i := range 5 {
		name := fmt.Sprintf("fresh-%d", i)
		ts.MustCreateToken(name, orgledger.RoleViewer)
		if r := ts.Do("GET", "/api/v1/chart", name, ""); r.Status != 200 {
			t.Errorf("a token made a moment ago, the tokens read just before: %d %s", r.Status, r.Body)
		}
	}
	fresh := ts.Secrets["fresh-0"]
	ts.Secrets["unknown"] = orgledger.TokenPrefix + strings.Repeat("x", len(fresh)-len(orgledger.TokenPrefix)) // the shape of a token
	for method, path := range map[string]string{"GET": "/api/v1/chart", "POST": "/api/v1/changesets?dry_run=true"} {
		before, began := st.reads.Load(), time.Now()
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				if r := ts.Do(method, path, "unknown", ""); r.Status != 401 {
					t.Errorf("%s with an unknown token: %d", method, r.Status)
				}
			})
		}
		wg.Wait()
		if n, most := st.reads.Load()-before, int32(time.Since(began)/(100*time.Millisecond))+2; n > most {
			t.Errorf("50 %ss with an unknown token at once read the tokens %d times in %v", method, n, time.Since(began))
		}
	}
}

// TestRevokedTokenWritesNothing: a request that writes looks its token up in the tokens as
// stored when it came, not in the snapshot reads answer from: a token revoked a moment ago
// writes nothing more, to the ledger or to the plans, however long the tokens' TTL (found by
// a review: it wrote for up to a second).
func TestRevokedTokenWritesNothing(t *testing.T) {
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.TokenTTL = time.Hour })
	for _, name := range []string{"admin", "planner"} {
		if r := ts.Do("GET", "/api/v1/chart", name, ""); r.Status != 200 {
			t.Fatalf("%s before: %d", name, r.Status)
		}
		if err := ts.Tokens.RevokeToken(context.Background(), name, today); err != nil {
			t.Fatal(err)
		}
	}
	head, _ := ts.Ledger.Head()
	if r := ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-05-02\nchanges:\n  - hire: {id: late-person, name: L}\n"); r.Status != 401 {
		t.Errorf("a changeset with a token revoked a moment ago: %d %s", r.Status, r.Body)
	}
	if now, _ := ts.Ledger.Head(); now != head {
		t.Errorf("the ledger's head moved from %d to %d", head, now)
	}
	if r := ts.Do("POST", "/api/v1/plans", "planner", `{"name": "late-plan", "effective": "2022-06-01"}`, "Content-Type", "application/json"); r.Status != 401 {
		t.Errorf("a plan made with a token revoked a moment ago: %d %s", r.Status, r.Body)
	}
	if r := ts.Do("GET", "/api/v1/plans/late-plan", "admin", ""); r.Status != 401 && r.Status != 404 {
		t.Errorf("the plan: %d %s", r.Status, r.Body)
	}
}

// TestRevokedWhileItsBodyCame: a write whose token is revoked while its body is still coming
// (sent slowly, a byte at a time, say) is refused once the body is read, and writes nothing
// (found by QA: the token was looked up when the headers came, and the write recorded).
func TestRevokedWhileItsBodyCame(t *testing.T) {
	ts := MustOpenServer(t)
	head, _ := ts.Ledger.Head()
	body, send := io.Pipe()
	req := ts.Request("POST", "/api/v1/changesets", "admin", "", "Content-Type", "application/yaml")
	req.Body = body
	status := make(chan int, 1)
	go func() {
		resp, err := ts.Client().Do(req)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	send.Write([]byte("effective: 2022-05-02\n"))
	waitUsed(t, ts, "admin") // the headers are in, and the token looked up
	if err := ts.Tokens.RevokeToken(context.Background(), "admin", today); err != nil {
		t.Fatal(err)
	}
	send.Write([]byte("changes:\n  - hire: {id: slow-person, name: S}\n"))
	send.Close()
	if got := <-status; got != 401 {
		t.Errorf("a write whose token was revoked while its body came: %d", got)
	}
	if now, _ := ts.Ledger.Head(); now != head {
		t.Errorf("the ledger's head moved from %d to %d", head, now)
	}
}

// waitUsed waits until the server has recorded a use of the named token, which it does once
// it has looked the token up: it was never used before, so the first use is recorded.
func waitUsed(t *testing.T, ts *TestServer, name string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		tokens, err := ts.Tokens.Tokens(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range tokens {
			if tok.Name == name && !tok.LastUsed.IsZero() {
				return
			}
		}
	}
	t.Fatalf("the server did not look token %s up within 10 s", name)
}

package http_test

import (
	"context"
	"strings"
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
// however long the tokens' TTL; and requests with unknown tokens do not read the store each.
func TestNewTokenWorksAtOnce(t *testing.T) {
	st := &countingTokens{}
	ts := MustOpenServer(t, func(c *orghttp.Config) { st.TokenStore, c.Tokens, c.TokenTTL = c.Tokens, st, time.Hour })
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 200 {
		t.Fatalf("before: %d", r.Status)
	}
	time.Sleep(2 * 100 * time.Millisecond) // past the age at which an unknown token reads again
	ts.MustCreateToken("fresh", orgledger.RoleViewer)
	if r := ts.Do("GET", "/api/v1/chart", "fresh", ""); r.Status != 200 {
		t.Errorf("a token made a moment ago: %d %s", r.Status, r.Body)
	}
	before := st.reads.Load()
	fresh := ts.Secrets["fresh"]
	ts.Secrets["unknown"] = orgledger.TokenPrefix + strings.Repeat("x", len(fresh)-len(orgledger.TokenPrefix)) // the shape of a token
	for range 50 {
		if r := ts.Do("GET", "/api/v1/chart", "unknown", ""); r.Status != 401 {
			t.Fatalf("an unknown token: %d", r.Status)
		}
	}
	if n := st.reads.Load() - before; n > 3 {
		t.Errorf("50 requests with an unknown token read the tokens %d times", n)
	}
}

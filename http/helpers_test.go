package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/examples"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// today is the servers' today in these tests: noon, 2022-06-01.
var today = time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)

// testClock is a clock that tests set.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// future is a changeset effective after today: every id and name in it contains "zzfuture",
// which no viewer may ever read.
const future = `effective: 2022-09-01
note: a lab that opens in September
changes:
  - create-unit: {id: zzfuture-lab, name: Zzfuture Lab, parent: global-sales}
  - create-position: {id: zzfuture-role, title: Zzfuture Role, unit: zzfuture-lab, reports-to: global-sales-president}
  - hire: {id: zzfuture-hire, name: Zzfuture Hire}
  - assign: {person: zzfuture-hire, position: zzfuture-role}
  - assign: {person: huo-jia, position: zzfuture-role, share: true}
`

// TestServer is an API server on a new SQLite ledger holding the Alibaba Cloud example and
// the future changeset, with a clock fixed at today and a token of each role.
type TestServer struct {
	*httptest.Server
	tb      testing.TB
	API     *orghttp.Server
	Ledger  *ledger.Ledger
	Clock   *testClock
	DB      *sqlite.DB
	Tokens  *sqlite.TokenStore
	Secrets map[string]string // by token name: viewer, planner, admin, revoked
	Log     *syncBuffer       // the server's log, as JSON lines
}

// MustOpenServer starts a TestServer; configure may change its Config.
func MustOpenServer(tb testing.TB, configure ...func(*orghttp.Config)) *TestServer {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	clock := &testClock{t: today}
	l, err := ledger.Open(ctx, sqlite.NewStore(db), clock)
	if err != nil {
		tb.Fatal(err)
	}
	ts := &TestServer{tb: tb, Ledger: l, Clock: clock, DB: db, Tokens: sqlite.NewTokenStore(db), Secrets: map[string]string{}, Log: &syncBuffer{}}
	files, err := examples.Changesets(examples.AlibabaCloud2022)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		ts.MustApply(f.Name, string(f.Data))
	}
	ts.MustApply("future.yaml", future)
	for _, role := range []orgledger.Role{orgledger.RoleViewer, orgledger.RolePlanner, orgledger.RoleAdmin} {
		ts.MustCreateToken(string(role), role)
	}
	ts.MustCreateToken("revoked", orgledger.RoleAdmin)
	if err := ts.Tokens.RevokeToken(ctx, "revoked", today); err != nil {
		tb.Fatal(err)
	}
	cfg := orghttp.Config{Ledger: l, Tokens: ts.Tokens, Plans: sqlite.NewPlanStore(db), Logger: slog.New(slog.NewJSONHandler(ts.Log, nil))}
	for _, fn := range configure {
		fn(&cfg)
	}
	if ts.API, err = orghttp.New(cfg); err != nil {
		tb.Fatal(err)
	}
	ts.Server = httptest.NewServer(ts.API.Handler())
	tb.Cleanup(ts.Server.Close)
	return ts
}

// MustApply applies a changeset file to the ledger directly.
func (ts *TestServer) MustApply(name, data string) {
	ts.tb.Helper()
	cs, err := changeset.Decode(name, []byte(data))
	if err != nil {
		ts.tb.Fatal(err)
	}
	if _, err := ts.Ledger.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
		ts.tb.Fatalf("%s: %v", name, err)
	}
}

// MustCreateToken stores a new token and keeps its secret under its name.
func (ts *TestServer) MustCreateToken(name string, role orgledger.Role) string {
	ts.tb.Helper()
	secret, hash, err := orgledger.NewTokenSecret()
	if err != nil {
		ts.tb.Fatal(err)
	}
	if err := ts.Tokens.CreateToken(context.Background(), &orgledger.Token{Name: name, Role: role, Hash: hash, Created: today}); err != nil {
		ts.tb.Fatal(err)
	}
	ts.Secrets[name] = secret
	return secret
}

// Response is an answer, read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Problem decodes a problem+json answer.
func (r *Response) Problem(tb testing.TB) orghttp.ProblemDetails {
	tb.Helper()
	var p orghttp.ProblemDetails
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		tb.Fatalf("content type %q, want application/problem+json; body %s", ct, r.Body)
	}
	if err := json.Unmarshal(r.Body, &p); err != nil {
		tb.Fatalf("problem: %v\n%s", err, r.Body)
	}
	return p
}

// Do sends a request with the token of the name given ("" for none) and reads the answer.
// Headers come in pairs of name and value.
func (ts *TestServer) Do(method, path, token string, body string, headers ...string) *Response {
	ts.tb.Helper()
	req := ts.Request(method, path, token, body, headers...)
	resp, err := ts.Client().Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.tb.Fatal(err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// Request makes a request to the server; token is a name in Secrets, or a literal secret.
func (ts *TestServer) Request(method, path, token string, body string, headers ...string) *http.Request {
	ts.tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, r)
	if err != nil {
		ts.tb.Fatal(err)
	}
	if secret, ok := ts.Secrets[token]; ok {
		token = secret
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return req
}

// syncBuffer is a buffer that a server's goroutines may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

package http_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/internal/exampletest"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// today is the servers' today in these tests: noon, 2022-06-01.
var today = exampletest.Today

// TestServer is an API server on a new SQLite ledger holding the Alibaba Cloud example and
// the future changeset, with a clock fixed at today and a token of each role.
type TestServer struct {
	*httptest.Server
	tb      testing.TB
	API     *orghttp.Server
	Ledger  *ledger.Ledger
	Clock   *exampletest.Clock
	DB      *sqlite.DB
	Tokens  *sqlite.TokenStore
	Secrets map[string]string      // by token name: viewer, planner, admin, revoked
	Log     *exampletest.LogBuffer // the server's log, as JSON lines
}

// MustOpenServer starts a TestServer; configure may change its Config.
func MustOpenServer(tb testing.TB, configure ...func(*orghttp.Config)) *TestServer {
	tb.Helper()
	ctx := context.Background()
	clock := exampletest.NewClock()
	db, l := exampletest.Open(tb, clock, exampletest.Future)
	ts := &TestServer{tb: tb, Ledger: l, Clock: clock, DB: db, Tokens: sqlite.NewTokenStore(db), Secrets: map[string]string{}, Log: &exampletest.LogBuffer{}}
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
	var err error
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
	exampletest.Apply(ts.tb, ts.Ledger, name, data)
}

// MustCreateToken stores a new token and keeps its secret under its name.
func (ts *TestServer) MustCreateToken(name string, role orgledger.Role) string {
	ts.tb.Helper()
	ts.Secrets[name] = exampletest.Token(ts.tb, ts.Tokens, name, role)
	return ts.Secrets[name]
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

package http_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// TestSecretsNeverLogged captures the server's log over requests with good, bad, revoked and
// misplaced tokens, and an internal error, and checks that no secret is in it.
func TestSecretsNeverLogged(t *testing.T) {
	ts := MustOpenServer(t)
	stranger := ts.MustCreateToken("stranger", "viewer")
	ts.Do("GET", "/api/v1/chart", "viewer", "")
	ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-05-01\nchanges:\n  - leave: {person: nobody}\n")
	ts.Do("GET", "/api/v1/people/huo-jia", "revoked", "")
	ts.Do("GET", "/metrics", "planner", "")
	ts.Do("GET", "/api/v1/chart", "", "", "Authorization", "Bearer "+stranger[:20]) // mistyped
	ts.Do("GET", "/api/v1/chart", "", "", "Authorization", stranger)                // without the scheme
	ts.Do("GET", "/api/v1/nothing", "admin", "")
	ts.DB.Close()
	ts.Do("GET", "/api/v1/history/huo-jia", "viewer", "") // 500, its cause logged
	log := ts.Log.String()
	for name, secret := range ts.Secrets {
		for _, part := range []string{secret, secret[len("olg_"):], secret[:24]} {
			if strings.Contains(log, part) {
				t.Errorf("the log holds (part of) the secret of %s", name)
			}
		}
	}
	for _, want := range []string{`"token":"viewer"`, `"token":"admin"`, `"status":500`, `"status":401`, `"status":403`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
}

// TestHealthChecksLoggedAtDebug: a health check that finds all well is logged at debug level
// (a balancer asks every few seconds); one that fails is logged as other requests are.
func TestHealthChecksLoggedAtDebug(t *testing.T) {
	ts := MustOpenServer(t)
	ts.Do("GET", "/healthz", "", "")
	if strings.Contains(ts.Log.String(), "/healthz") {
		t.Errorf("a health check that found all well is logged at info level:\n%s", ts.Log)
	}
	ts.DB.Close()
	if r := ts.Do("GET", "/healthz", "", ""); r.Status != 503 || !strings.Contains(ts.Log.String(), `"path":"/healthz","pattern":"GET /healthz","status":503`) {
		t.Errorf("a failed health check: %d, log:\n%s", r.Status, ts.Log)
	}
}

// TestPlanNamesNeverLogged: the log of a request to a plan's paths has {name} for the plan's
// name, which is for its owner, those it is shared with and admins; the rest of the path stays.
func TestPlanNamesNeverLogged(t *testing.T) {
	ts := MustOpenServer(t)
	ts.Do("POST", "/api/v1/plans", "planner", `{"name": "layoff-huo-jia", "effective": "2022-07-01"}`, "Content-Type", "application/json")
	ts.Do("GET", "/api/v1/plans/layoff-huo-jia/diff", "planner", "")
	ts.Do("GET", "/api/v1/plans/layoff-huo-jia", "viewer", "")
	log := ts.Log.String()
	if strings.Contains(log, "layoff") {
		t.Errorf("the log names the plan:\n%s", log)
	}
	if !strings.Contains(log, `"path":"/api/v1/plans/{name}/diff"`) || !strings.Contains(log, `"path":"/api/v1/plans"`) {
		t.Errorf("the log lacks the plans' paths:\n%s", log)
	}
}

func TestLogPath(t *testing.T) {
	for path, want := range map[string]string{
		"/api/v1/plans/layoff/changes": "/api/v1/plans/{name}/changes",
		"/ui/plans/layoff/apply":       "/ui/plans/{name}/apply",
		"/ui/plans/layoff":             "/ui/plans/{name}",
		"/api/v1/plans":                "/api/v1/plans",
		"/plans":                       "/plans",
		"/api/v1/people/plans":         "/api/v1/people/plans",
		"/olg_3YdAHPYm":                "/{token}", // a token pasted into the address
		"/api/v1/people/xolg_3YdA":     "/api/v1/people/{token}",
		"/api/v1/plans/olg_3YdA/diff":  "/api/v1/plans/{token}/diff",
	} {
		if got := orghttp.LogPath(path); got != want {
			t.Errorf("LogPath(%s) = %s, want %s", path, got, want)
		}
	}
}

// TestRequestID checks that a sane X-Request-ID is kept and echoed, and another replaced by a
// random one: ids numbered in turn would tell a caller how many requests came between theirs.
func TestRequestID(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("GET", "/healthz", "", "", "X-Request-ID", "trace-42.a:b")
	if got := r.Header.Get("X-Request-ID"); got != "trace-42.a:b" {
		t.Errorf("X-Request-ID %q", got)
	}
	for _, bad := range []string{"has space", strings.Repeat("x", 65), "quote\"", "semi;colon"} {
		r := ts.Do("GET", "/healthz", "", "", "X-Request-ID", bad)
		if got := r.Header.Get("X-Request-ID"); got == bad || got == "" {
			t.Errorf("X-Request-ID %q kept as %q", bad, got)
		}
	}
	a, b := ts.Do("GET", "/api/v1/chart", "viewer", "").Header.Get("X-Request-ID"), ts.Do("GET", "/api/v1/chart", "viewer", "").Header.Get("X-Request-ID")
	if a == b || !strings.Contains(ts.Log.String(), `"request_id":"`+a+`"`) {
		t.Errorf("generated ids %q and %q", a, b)
	}
	if len(a) < 16 || a[:8] == b[:8] {
		t.Errorf("generated ids %q and %q, one after the other, look alike: they tell how many requests came between", a, b)
	}
}

// TestRevocationTakesEffect revokes a token in the store behind the server's back: within
// TokenTTL, it stops working.
func TestRevocationTakesEffect(t *testing.T) {
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.TokenTTL = 10 * time.Millisecond })
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 200 {
		t.Fatalf("before: %d", r.Status)
	}
	if err := ts.Tokens.RevokeToken(context.Background(), "viewer", today); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if r := ts.Do("GET", "/api/v1/chart", "viewer", ""); r.Status != 401 {
		t.Errorf("after: %d", r.Status)
	}
}

// TestLastUse checks that a token's use is recorded.
func TestLastUse(t *testing.T) {
	ts := MustOpenServer(t)
	ts.Do("GET", "/api/v1/chart", "planner", "")
	toks, err := ts.Tokens.Tokens(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range toks {
		if used := !tok.LastUsed.IsZero(); used != (tok.Name == "planner") {
			t.Errorf("%s: last used %v", tok.Name, tok.LastUsed)
		}
	}
}

// TestMetrics checks the request counts by route pattern and the ledger's size and head.
func TestMetrics(t *testing.T) {
	ts := MustOpenServer(t)
	ts.Do("GET", "/api/v1/people/huo-jia", "viewer", "")
	ts.Do("GET", "/api/v1/people/nobody", "viewer", "")
	ts.Do("GET", "/nothing", "", "")
	head, _ := ts.Ledger.Head()
	r := ts.Do("GET", "/metrics", "admin", "")
	for _, want := range []string{
		`orgledger_http_requests_total{code="200",pattern="GET /api/v1/people/{id}"} 1`,
		`orgledger_http_requests_total{code="404",pattern="GET /api/v1/people/{id}"} 1`,
		`orgledger_http_requests_total{code="404",pattern="unmatched"} 1`,
		`orgledger_http_request_duration_seconds_count{pattern="GET /api/v1/people/{id}"} 2`,
		fmt.Sprintf("orgledger_ledger_events %d", head),
		fmt.Sprintf("orgledger_ledger_head_seq %d", head),
		"go_goroutines",
	} {
		if !strings.Contains(string(r.Body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// downTokens is a token store whose database does not answer.
type downTokens struct{ orgledger.TokenStore }

func (downTokens) Tokens(context.Context) ([]*orgledger.Token, error) {
	return nil, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}

// TestDatabaseDown checks that a request the server cannot check the token of, its database
// down, is answered 503 with the code unavailable, not 500, and the cause goes to the log.
func TestDatabaseDown(t *testing.T) {
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.Tokens = downTokens{c.Tokens} })
	r := ts.Do("GET", "/api/v1/people/huo-jia", "viewer", "")
	if p := r.Problem(t); r.Status != 503 || p.Code != orgledger.EUNAVAILABLE || strings.Contains(p.Detail, "refused") {
		t.Errorf("%d %+v", r.Status, p)
	}
	if !strings.Contains(ts.Log.String(), "connection refused") {
		t.Errorf("the cause is not in the log:\n%s", ts.Log.String())
	}
}

// TestClientGoneIsNotAFailure checks that a request whose client went away before the answer
// is logged as that, at info level, and not as a server error.
func TestClientGoneIsNotAFailure(t *testing.T) {
	ts := MustOpenServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/log", nil)
	req.Header.Set("Authorization", "Bearer "+ts.Secrets["viewer"])
	w := httptest.NewRecorder()
	ts.API.Handler().ServeHTTP(w, req)
	log := ts.Log.String()
	if w.Code != orghttp.StatusClientGone || !strings.Contains(log, "request ended by its client") || strings.Contains(log, `"level":"ERROR"`) {
		t.Errorf("status %d, log:\n%s", w.Code, log)
	}
}

package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/internal/exampletest"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
	"github.com/orgledger/orgledger/sqlite"
	"github.com/orgledger/orgledger/web"
)

// today is the servers' today in these tests: noon, 2022-06-01.
var today = exampletest.Today

// fixedClock is the ledger's clock in these tests.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// kinds adds, in May 2022, what the chart draws apart: an assistant, an acting holder and a
// dotted line. The people are made up for the tests.
const kinds = `effective: 2022-05-01
changes:
  - create-position: {id: gs-assistant, title: Chief of Staff, unit: global-sales, reports-to: global-sales-president, kind: assistant}
  - hire: {id: zhang-wei, name: Zhang Wei}
  - assign: {person: zhang-wei, position: gs-assistant}
  - create-position: {id: architects-lead, title: Head of Architects, unit: architects, reports-to: industry-solutions-gm}
  - hire: {id: chen-jing, name: Chen Jing}
  - assign: {person: chen-jing, position: architects-lead, acting: true}
  - dotted: {position: architects-lead, to: cloud-china-president}
`

// secretPlan is a plan owned by the planner: the admin sees it, another planner does not.
const secretPlan = `effective: 2022-07-01
changes:
  - hire: {id: zzplan-hire, name: Zzplan Hire}
  - assign: {person: zzplan-hire, position: sales-ecosystem-vp}
  - retitle: {position: alibaba-vp, title: "Vice President, Alibaba Group Cloud"}
`

// server is the API and the web UI on a SQLite ledger holding the Alibaba Cloud example and
// the future changeset, with a token of each role and a plan.
type server struct {
	*httptest.Server
	tb      testing.TB
	Ledger  *ledger.Ledger
	Tokens  *sqlite.TokenStore
	Plans   *plans.Service
	Secrets map[string]string  // by token name: viewer, planner, admin, other-planner
	now     *exampletest.Clock // the sessions' clock, which tests move forward
	Log     *exampletest.LogBuffer
}

func mustOpen(tb testing.TB) *server {
	tb.Helper()
	db, l := exampletest.Open(tb, fixedClock{today}, exampletest.File{Name: "kinds.yaml", Data: kinds}, exampletest.Future)
	s := &server{tb: tb, Ledger: l, Tokens: sqlite.NewTokenStore(db), Secrets: map[string]string{}, now: exampletest.NewClock(),
		Log: &exampletest.LogBuffer{}}
	for name, role := range map[string]orgledger.Role{"viewer": orgledger.RoleViewer, "planner": orgledger.RolePlanner,
		"admin": orgledger.RoleAdmin, "other-planner": orgledger.RolePlanner} {
		s.mustToken(name, role)
	}
	s.Plans = &plans.Service{Ledger: l, Store: sqlite.NewPlanStore(db), Clock: fixedClock{today}}
	s.mustPlan("secret-reorg", "planner", secretPlan)
	ui, err := web.New(web.Config{Ledger: l, Tokens: s.Tokens, Plans: s.Plans, Now: s.now.Now})
	if err != nil {
		tb.Fatal(err)
	}
	api, err := orghttp.New(orghttp.Config{Ledger: l, Tokens: s.Tokens, PlanService: s.Plans, UI: ui,
		Logger: slog.New(slog.NewJSONHandler(s.Log, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	s.Server = httptest.NewServer(api.Handler())
	tb.Cleanup(s.Server.Close)
	return s
}

func (s *server) mustToken(name string, role orgledger.Role) {
	s.tb.Helper()
	s.Secrets[name] = exampletest.Token(s.tb, s.Tokens, name, role)
}

// mustApply records cs in the server's ledger, as HR would.
func (s *server) mustApply(cs *orgledger.Changeset) *orgledger.Commit {
	s.tb.Helper()
	res, err := s.Ledger.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "hr"})
	if err != nil {
		s.tb.Fatal(err)
	}
	return res.Commit
}

func (s *server) mustPlan(name, owner, data string) {
	s.tb.Helper()
	cs, err := changeset.Decode(name+".yaml", []byte(data))
	if err != nil {
		s.tb.Fatal(err)
	}
	c := plans.Caller{Name: owner, Role: orgledger.RolePlanner}
	changes, err := plans.ChangesOf(cs)
	if err != nil {
		s.tb.Fatal(err)
	}
	if _, err := s.Plans.Create(context.Background(), c, name, cs.Effective, changes); err != nil {
		s.tb.Fatal(err)
	}
}

// client is a browser stand-in: a cookie jar, no redirects followed, and the Origin a page of
// the server sends.
type client struct {
	tb   testing.TB
	s    *server
	http *http.Client
	csrf string
}

func (s *server) newClient() *client {
	jar, _ := cookiejar.New(nil)
	return &client{tb: s.tb, s: s, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// response is an answer, read whole.
type response struct {
	Status int
	Header http.Header
	Body   string
}

// do sends a request; headers come in pairs of name and value.
func (c *client) do(method, path, body string, headers ...string) *response {
	c.tb.Helper()
	req, err := http.NewRequest(method, c.s.URL+path, strings.NewReader(body))
	if err != nil {
		c.tb.Fatal(err)
	}
	if method != "GET" {
		req.Header.Set("Origin", c.s.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	return &response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// login logs in with the named token and reads the page's CSRF token.
func (c *client) login(name string) *client {
	c.tb.Helper()
	r := c.do("POST", "/login", url.Values{"token": {c.s.Secrets[name]}, "next": {"/"}}.Encode())
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		c.tb.Fatalf("login as %s: %d %s", name, r.Status, r.Body)
	}
	page := c.do("GET", "/", "")
	m := csrfMeta.FindStringSubmatch(page.Body)
	if page.Status != 200 || m == nil {
		c.tb.Fatalf("the page after login: %d %s", page.Status, page.Body)
	}
	c.csrf = m[1]
	return c
}

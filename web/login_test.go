package web_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestLoginPage checks the form: an input named token, posted to /login, with where to go
// after.
func TestLoginPage(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	r := c.do("GET", "/", "")
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/login?next=%2F" {
		t.Fatalf("/ without a session: %d, Location %q", r.Status, r.Header.Get("Location"))
	}
	page := c.do("GET", "/login?next=%2F%3Fat%3D2022-04-13", "")
	for _, want := range []string{`<form method="post" action="/login"`, `name="token"`, `type="password"`, `name="next" value="/?at=2022-04-13"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the login page lacks %s:\n%s", want, page.Body)
		}
	}
}

// TestLogin checks that a valid token sets an HttpOnly, SameSite=Strict session cookie and
// leads on, and that a wrong one is refused with a message and no cookie.
func TestLogin(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	for _, bad := range []string{"olg_" + strings.Repeat("A", 43), "not a token", s.Secrets["viewer"] + "x"} {
		r := c.do("POST", "/login", url.Values{"token": {bad}}.Encode())
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "not valid") || len(r.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("token %q: %d, cookies %q", bad, r.Status, r.Header.Values("Set-Cookie"))
		}
	}
	// No token is not an invalid one. (Found by QA: a login with no form at all was told
	// "That token is not valid".)
	for _, body := range []string{url.Values{"token": {" "}}.Encode(), "", "next=%2F"} {
		r := c.do("POST", "/login", body)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Enter a token") || len(r.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("a login of %q: %d, cookies %q", body, r.Status, r.Header.Values("Set-Cookie"))
		}
	}
	r := c.do("POST", "/login", url.Values{"token": {" " + s.Secrets["viewer"] + "\n"}, "next": {"/?at=2022-04-13"}}.Encode())
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/?at=2022-04-13" {
		t.Fatalf("login: %d, Location %q", r.Status, r.Header.Get("Location"))
	}
	ck := r.Header.Get("Set-Cookie")
	for _, want := range []string{"orgledger_session=", "Path=/", "HttpOnly", "SameSite=Strict"} {
		if !strings.Contains(ck, want) {
			t.Errorf("the session cookie %q lacks %s", ck, want)
		}
	}
	if strings.Contains(ck, "Secure") || strings.Contains(ck, s.Secrets["viewer"]) {
		t.Errorf("the session cookie over plain HTTP: %q", ck)
	}
	if page := c.do("GET", "/", ""); page.Status != 200 || !strings.Contains(page.Body, `data-user="viewer"`) {
		t.Errorf("the page after login: %d", page.Status)
	}
	if again := c.do("GET", "/login?next=/plans", ""); again.Status != http.StatusSeeOther || again.Header.Get("Location") != "/plans" {
		t.Errorf("the login page when logged in: %d %q", again.Status, again.Header.Get("Location"))
	}
}

// TestLoginNext checks that the login form leads only to pages of this site.
func TestLoginNext(t *testing.T) {
	s := mustOpen(t)
	for next, want := range map[string]string{
		"/plans": "/plans", "/?at=2022-04-13&focus=huo-jia": "/?at=2022-04-13&focus=huo-jia",
		"https://evil.example/": "/", "//evil.example/x": "/", "/\\evil.example": "/", "javascript:alert(1)": "/", "": "/",
	} {
		c := s.newClient()
		r := c.do("POST", "/login", url.Values{"token": {s.Secrets["viewer"]}, "next": {next}}.Encode())
		if got := r.Header.Get("Location"); got != want {
			t.Errorf("next %q: Location %q, want %q", next, got, want)
		}
	}
}

// TestSecureCookie checks that over TLS the cookie is Secure and HSTS is sent.
func TestSecureCookie(t *testing.T) {
	s := mustOpen(t)
	ts := httptest.NewTLSServer(s.Config.Handler)
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	hc := ts.Client()
	hc.Jar = jar
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	hc.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(url.Values{"token": {s.Secrets["admin"]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ck := resp.Header.Get("Set-Cookie"); !strings.Contains(ck, "Secure") || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("over TLS: cookie %q, HSTS %q", ck, resp.Header.Get("Strict-Transport-Security"))
	}
	// Behind a proxy that ends TLS and says so, the same.
	c := s.newClient()
	r := c.do("POST", "/login", url.Values{"token": {s.Secrets["admin"]}}.Encode(),
		"Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-Proto", "https")
	if ck := r.Header.Get("Set-Cookie"); !strings.Contains(ck, "Secure") || r.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("behind a TLS proxy: %d, cookie %q, HSTS %q", r.Status, ck, r.Header.Get("Strict-Transport-Security"))
	}
}

// TestLogout checks that logging out needs the CSRF token, ends the session on the server
// and deletes the cookie.
func TestLogout(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("admin")
	if r := c.do("POST", "/logout", ""); r.Status != http.StatusForbidden {
		t.Errorf("logout without the CSRF token: %d", r.Status)
	}
	u, _ := url.Parse(s.URL)
	old := c.http.Jar.Cookies(u)
	r := c.do("POST", "/logout", url.Values{"csrf": {c.csrf}}.Encode())
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/login" || !strings.Contains(r.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("logout: %d %q %q", r.Status, r.Header.Get("Location"), r.Header.Get("Set-Cookie"))
	}
	c.http.Jar.SetCookies(u, old) // the cookie, kept by someone who copied it
	if r := c.do("GET", "/ui/span", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("the session after logout: %d", r.Status)
	}
	// Log out from a page whose session has ended (the server restarted, say): to the login,
	// with nothing to come back to, not to a /logout page that does not exist.
	if r := c.do("POST", "/logout", url.Values{"csrf": {c.csrf}}.Encode()); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Errorf("logout of an ended session: %d %q", r.Status, r.Header.Get("Location"))
	}
}

// TestLargeFormIsTooLarge: a write whose form is larger than the pages send is refused as too
// large, not as lacking its CSRF token, which it may well carry. (Found by a security review.)
func TestLargeFormIsTooLarge(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("admin")
	form := url.Values{"csrf": {c.csrf}, "pad": {strings.Repeat("a", 5000)}}.Encode()
	if r := c.do("POST", "/logout", form, "Content-Type", "application/x-www-form-urlencoded"); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a logout of %d bytes: %d %s, want 413", len(form), r.Status, r.Body)
	}
	if r := c.do("GET", "/ui/span", ""); r.Status != http.StatusOK {
		t.Errorf("the session after a refused logout: %d, want it still open", r.Status)
	}
}

// TestSessionEnds checks that a session ends after its TTL, and within the recheck interval
// of its token being revoked.
func TestSessionEnds(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("viewer")
	s.now.Add(11 * time.Hour)
	if r := c.do("GET", "/ui/span", ""); r.Status != 200 {
		t.Fatalf("after 11 hours: %d", r.Status)
	}
	s.now.Add(time.Hour)
	r := c.do("GET", "/", "")
	if r.Status != http.StatusSeeOther {
		t.Errorf("after 12 hours: %d, want the login page", r.Status)
	}
	// The login page says the session ended (found by QA: it said nothing); a first visit's not.
	if page := c.do("GET", r.Header.Get("Location"), ""); !strings.Contains(page.Body, "Your session has ended") {
		t.Errorf("the login page after the session ended (%s): %.400s", r.Header.Get("Location"), page.Body)
	}
	fresh := s.newClient()
	if first := fresh.do("GET", fresh.do("GET", "/", "").Header.Get("Location"), ""); strings.Contains(first.Body, "Your session has ended") {
		t.Errorf("a first visit's login page says a session ended")
	}

	c = s.newClient().login("planner")
	other := s.newClient().login("viewer")
	s.now.Add(500 * time.Millisecond)
	other.do("GET", "/ui/span", "") // due: reads the tokens for the snapshot the sessions share
	if err := s.Tokens.RevokeToken(context.Background(), "planner", today); err != nil {
		t.Fatal(err)
	}
	s.now.Add(100 * time.Millisecond)
	if r := c.do("GET", "/ui/span", ""); r.Status != 200 {
		t.Errorf("just after the revocation, the tokens read before it: %d", r.Status)
	}
	s.now.Add(time.Second - 100*time.Millisecond)
	if r := c.do("GET", "/ui/span", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("a second after the revocation: %d", r.Status)
	}
	if r := s.newClient().do("POST", "/login", url.Values{"token": {s.Secrets["planner"]}}.Encode()); r.Status != http.StatusUnauthorized {
		t.Errorf("login with a revoked token: %d", r.Status)
	}
}

// TestCSRF checks that every write needs the session's CSRF token, and that a request the
// browser marks as cross-site is refused even with it, each as problem+json (QA found the
// cross-site refusal in net/http's text).
func TestCSRF(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("admin")
	apply := "/ui/plans/secret-reorg/apply"
	for _, tc := range []struct {
		name    string
		headers []string
		want    int
	}{
		{"no token", nil, http.StatusForbidden},
		{"a wrong token", []string{"X-CSRF-Token", "x" + c.csrf}, http.StatusForbidden},
		{"from another site", []string{"X-CSRF-Token", c.csrf, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, http.StatusForbidden},
		{"from another origin, without fetch metadata", []string{"X-CSRF-Token", c.csrf, "Sec-Fetch-Site", "", "Origin", "https://evil.example"}, http.StatusForbidden},
	} {
		for _, write := range []string{apply, "/ui/plans/secret-reorg/changes/1/withdraw"} {
			if r := c.do("POST", write, "", tc.headers...); r.Status != tc.want || r.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s, %s: %d %s, want %d as problem+json: %s", write, tc.name, r.Status, r.Header.Get("Content-Type"), tc.want, r.Body)
			}
		}
	}
	if p, _ := s.Plans.Get(context.Background(), adminCaller, "secret-reorg"); p.Status != "draft" {
		t.Fatalf("a refused write applied the plan: %s", p.Status)
	}
	if r := c.do("POST", apply, "", "X-CSRF-Token", c.csrf); r.Status != 200 {
		t.Errorf("with the token: %d %s", r.Status, r.Body)
	}
	cross := s.newClient()
	r := cross.do("POST", "/login", url.Values{"token": {s.Secrets["admin"]}}.Encode(), "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if r.Status != http.StatusForbidden {
		t.Errorf("a login posted from another site: %d", r.Status)
	}
}

// TestLoginAndLogoutRefusals: a login form larger than a login sends is a 413, not an invalid
// token, and a GET of /logout is a 405 naming POST, not a page that is not there. (Found by a
// black-box review.)
func TestLoginAndLogoutRefusals(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	if r := c.do("POST", "/login", url.Values{"token": {strings.Repeat("x", 9<<10)}}.Encode()); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a login of 9 KiB: %d", r.Status)
	}
	if r := c.do("GET", "/logout", ""); r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
		t.Errorf("GET /logout: %d, Allow %q", r.Status, r.Header.Get("Allow"))
	}
}

// TestRequestLogNamesTheSessionsToken checks that the log line of a request made through a
// session, and of the login that made it, names the session's token (never its secret), as
// the API's lines name the caller's.
func TestRequestLogNamesTheSessionsToken(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("planner")
	if r := c.do("GET", "/ui/labels?at=2022-04-20", ""); r.Status != 200 {
		t.Fatalf("labels: %d %s", r.Status, r.Body)
	}
	seen := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(s.Log.String()), "\n") {
		var rec struct{ Msg, Path, Token string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec.Msg == "request" {
			seen[rec.Path] = rec.Token
		}
	}
	for _, path := range []string{"/login", "/", "/ui/labels"} {
		if got, ok := seen[path]; !ok || got != "planner" {
			t.Errorf("the request line of %s names token %q (logged: %v)", path, got, ok)
		}
	}
	if strings.Contains(s.Log.String(), s.Secrets["planner"]) {
		t.Error("the log holds the token's secret")
	}
}

// TestRevokedSessionWritesNothing: a write looks the session's token up in the tokens as stored
// when it came, not in those the sessions' look-ups share: a session whose token was revoked a
// moment ago applies no plan, though it may still read until its next look-up; and it can
// still log out (found by a review: it could write for up to a second).
func TestRevokedSessionWritesNothing(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("admin")
	if r := c.do("GET", "/ui/span", ""); r.Status != 200 {
		t.Fatalf("before: %d", r.Status)
	}
	if err := s.Tokens.RevokeToken(context.Background(), "admin", today); err != nil {
		t.Fatal(err)
	}
	s.now.Add(time.Millisecond)
	if r := c.do("POST", "/ui/plans/secret-reorg/apply", "", "X-CSRF-Token", c.csrf); r.Status != http.StatusUnauthorized {
		t.Errorf("a plan applied with a token revoked a moment ago: %d %s", r.Status, r.Body)
	}
	if p, _ := s.Plans.Get(context.Background(), adminCaller, "secret-reorg"); p.Status != "draft" {
		t.Errorf("the plan is %s", p.Status)
	}
	other := s.newClient().login("viewer")
	if err := s.Tokens.RevokeToken(context.Background(), "viewer", today); err != nil {
		t.Fatal(err)
	}
	s.now.Add(time.Millisecond)
	if r := other.do("POST", "/logout", url.Values{"csrf": {other.csrf}}.Encode()); r.Status != http.StatusSeeOther {
		t.Errorf("logging out with a token revoked a moment ago: %d %s", r.Status, r.Body)
	}
}

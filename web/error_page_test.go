package web_test

import (
	"strings"
	"testing"
)

// TestErrorPage: a page that is not there answers a browser with a page of the app's own, which
// says what was not found and leads back to the chart, and a script with the plain text it
// reads; the path asked for is escaped, not run.
func TestErrorPage(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("viewer")
	page := c.do("GET", "/no-such-page/<b>x</b>", "", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	if page.Status != 404 || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("a browser asking for a page that is not there: %d %s", page.Status, page.Header.Get("Content-Type"))
	}
	for _, want := range []string{"<title>Not Found · orgledger</title>", "there is no page at /no-such-page/&lt;b&gt;x&lt;/b&gt;", `<a href="/">`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the page of a page not found lacks %q:\n%s", want, page.Body)
		}
	}
	if strings.Contains(page.Body, "<b>x</b>") {
		t.Error("the path asked for is in the page unescaped")
	}
	text := c.do("GET", "/no-such-page", "", "Accept", "*/*")
	if text.Status != 404 || !strings.HasPrefix(text.Header.Get("Content-Type"), "text/plain") ||
		strings.TrimSpace(text.Body) != "Not Found: there is no page at /no-such-page" {
		t.Errorf("a script asking for a page that is not there: %d %s %q", text.Status, text.Header.Get("Content-Type"), text.Body)
	}
}

// TestMethodNotAllowed: a page or a route of the UI asked with a method it does not take is a
// 405 naming those it takes, not a page that is not there (found by QA); a browser gets the
// app's page of it, the page's scripts problem+json.
func TestMethodNotAllowed(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("viewer")
	for _, r := range []struct{ method, path, allow string }{
		{"PUT", "/", "GET, HEAD"}, {"POST", "/plans", "GET, HEAD"}, {"PUT", "/login", "GET, HEAD, POST"},
		{"GET", "/logout", "POST"}, {"DELETE", "/ui/layout", "GET, HEAD"}, {"GET", "/ui/plans/x/apply", "POST"},
	} {
		got := c.do(r.method, r.path, "", "Accept", "text/html")
		if got.Status != 405 || got.Header.Get("Allow") != r.allow {
			t.Errorf("%s %s: %d, Allow %q, want 405 and %q", r.method, r.path, got.Status, got.Header.Get("Allow"), r.allow)
		}
		want := "text/html"
		if strings.HasPrefix(r.path, "/ui/") {
			want = "application/problem+json"
		}
		if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, want) || !strings.Contains(got.Body, r.method+" is not allowed on "+r.path+"; use "+r.allow) {
			t.Errorf("%s %s: %s %s", r.method, r.path, ct, got.Body)
		}
	}
}

package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestSecurityHeaders checks the headers of every kind of answer: pages, assets, JSON and
// errors all carry the Content-Security-Policy; what holds the org is never cached.
func TestSecurityHeaders(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	login := c.do("GET", "/login", "")
	c.login("viewer")
	for _, r := range []*response{login, c.do("GET", "/", ""), c.do("GET", "/plans", ""), c.do("GET", "/assets/app.js", ""),
		c.do("GET", "/ui/labels?at=2022-04-13", ""), c.do("GET", "/ui/show/nobody", ""), c.do("GET", "/nowhere", "")} {
		h := r.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self';", "style-src 'self';", "img-src 'self' data: blob:",
			"connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%d answer: the CSP %q lacks %s", r.Status, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-") {
			t.Errorf("the CSP allows %q", csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%d answer: headers %v", r.Status, h)
		}
	}
	for _, path := range []string{"/", "/ui/labels", "/ui/layout", "/ui/span", "/ui/show/huo-jia"} {
		if r := c.do("GET", path, ""); r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, r.Header.Get("Cache-Control"))
		}
	}
	a := c.do("GET", "/assets/app.css", "")
	if a.Header.Get("ETag") == "" || !strings.HasPrefix(a.Header.Get("Content-Type"), "text/css") {
		t.Errorf("an asset: %v", a.Header)
	}
	for _, inm := range []string{a.Header.Get("ETag"), "W/" + a.Header.Get("ETag"), `"other", ` + a.Header.Get("ETag"), "*"} {
		if r := c.do("GET", "/assets/app.css", "", "If-None-Match", inm); r.Status != 304 {
			t.Errorf("an asset unchanged, If-None-Match %s: %d", inm, r.Status)
		}
	}
	if r := c.do("GET", "/assets/app.css", "", "If-None-Match", `"other"`); r.Status != 200 || r.Header.Get("Content-Length") == "" {
		t.Errorf("an asset with another tag: %d %v", r.Status, r.Header)
	}
}

// TestNoInlineCode checks the pages and scripts for what the CSP would block, or what could
// run text as code: inline scripts and styles, event attributes, eval, and HTML from strings.
func TestNoInlineCode(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient()
	pages := []string{c.do("GET", "/login", "").Body}
	c.login("admin")
	pages = append(pages, c.do("GET", "/", "").Body, c.do("GET", "/plans", "").Body)
	for _, p := range pages {
		if m := inlineCode(p); m != "" {
			t.Errorf("a page holds inline code: %q", m)
		}
	}
	for path, body := range crawl(t, c) {
		for _, bad := range []string{"innerHTML", "outerHTML =", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'"} {
			if strings.HasSuffix(path, ".js") && strings.Contains(body, bad) {
				t.Errorf("%s uses %s", path, bad)
			}
		}
	}
}

// inlineCode returns the first inline script, style element, style attribute or event
// attribute in an HTML page, or "".
func inlineCode(page string) string {
	scripts := regexp.MustCompile(`<script[^>]*>([^<]*)</script>`)
	for _, m := range scripts.FindAllStringSubmatch(page, -1) {
		if !strings.Contains(m[0], ` src="/assets/`) || strings.TrimSpace(m[1]) != "" {
			return m[0]
		}
	}
	for _, re := range []*regexp.Regexp{regexp.MustCompile(`<style`), regexp.MustCompile(`\sstyle=`), regexp.MustCompile(`\son[a-z]+=`)} {
		if m := re.FindString(page); m != "" {
			return m
		}
	}
	return ""
}

// crawl returns every asset the pages load and the scripts import, by path, failing the test
// for any that is missing or served without its type.
func crawl(t *testing.T, c *client) map[string]string {
	t.Helper()
	refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`)
	imports := regexp.MustCompile(`from '\./([a-z]+\.js)'`)
	seen := map[string]string{}
	var visit func(path string)
	visit = func(path string) {
		if _, ok := seen[path]; ok {
			return
		}
		r := c.do("GET", path, "")
		seen[path] = r.Body
		if r.Status != 200 || r.Header.Get("Content-Type") == "" {
			t.Errorf("%s: %d %q", path, r.Status, r.Header.Get("Content-Type"))
			return
		}
		if strings.HasSuffix(path, ".js") && !strings.HasPrefix(r.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("%s is served as %s, which browsers refuse to run as a module", path, r.Header.Get("Content-Type"))
		}
		for _, m := range imports.FindAllStringSubmatch(r.Body, -1) {
			visit("/assets/" + m[1])
		}
	}
	for _, page := range []string{"/", "/login"} {
		for _, m := range refs.FindAllStringSubmatch(c.do("GET", page, "").Body, -1) {
			visit(m[1])
		}
	}
	return seen
}

// TestAssetsEmbedded checks that the binary holds every file the pages load and every module
// the scripts import, each served with its type.
func TestAssetsEmbedded(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("admin")
	seen := crawl(t, c)
	for _, want := range []string{"/assets/app.js", "/assets/chartapp.js", "/assets/model.js", "/assets/app.css", "/assets/print.css", "/assets/icon.svg"} {
		if _, ok := seen[want]; !ok {
			t.Errorf("the pages do not load %s; they load %d files", want, len(seen))
		}
	}
	if r := c.do("GET", "/assets/nothing.js", ""); r.Status != 404 {
		t.Errorf("an unknown asset: %d", r.Status)
	}
}

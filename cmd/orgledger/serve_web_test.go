package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestServeWebUI checks that serve mounts the web UI: / leads to the login form, and the
// demo's token logs in.
func TestServeWebUI(t *testing.T) {
	s := startServe(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--log-level", "warn")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2F" {
		t.Fatalf("GET /: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = client.Get(s.url + "login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `name="token"`) {
		t.Fatalf("the login page: %s", page)
	}
	resp, err = client.PostForm(s.url+"login", url.Values{"token": {s.token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Set-Cookie"), "HttpOnly") {
		t.Errorf("login with the demo's token: %d %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
}

// TestServeDemoLandsOnItsStory: the demo points to its chart on the day its story is told,
// the day the reshuffle was reported, and logging in from there leads back to it. (Found by a
// first-hour review: the demo landed on today, years after its story.)
func TestServeDemoLandsOnItsStory(t *testing.T) {
	s := startServe(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--log-level", "warn")
	if s.chart != s.url+"?at=2022-04-13" {
		t.Fatalf("the demo points to %q, want %s?at=2022-04-13", s.chart, s.url)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.chart)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	next := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || next != "/login?next=%2F%3Fat%3D2022-04-13" {
		t.Fatalf("GET %s: %d %q", s.chart, resp.StatusCode, next)
	}
	resp, err = client.PostForm(s.url+"login", url.Values{"token": {s.token}, "next": {"/?at=2022-04-13"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != "/?at=2022-04-13" {
		t.Errorf("logging in from the demo's chart leads to %d %q", resp.StatusCode, got)
	}
}

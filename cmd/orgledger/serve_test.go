package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger/internal/exampletest"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// served is an orgledger serve started through Main, as a user starts it.
type served struct {
	tb     testing.TB
	url    string // http://127.0.0.1:PORT/
	token  string // the demo's admin token
	chart  string // the demo's chart on the day of its story
	db     string // the database it announced
	cancel context.CancelFunc
	exit   chan int
	stderr *exampletest.LogBuffer
}

var (
	urlLine   = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)
	chartLine = regexp.MustCompile(`^\s+(http://127\.0\.0\.1:[0-9]+/\?at=\S+)$`)
	tokenLine = regexp.MustCompile(`admin token:\s+(olg_[A-Za-z0-9_-]{43})$`)
	dbLine    = regexp.MustCompile(`database at (\S+), (?:removed|kept)`)
)

// startServe runs orgledger with args (serve and its flags) in the background and waits until
// it has announced its address.
func startServe(tb testing.TB, args ...string) *served {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &served{tb: tb, cancel: cancel, exit: make(chan int, 1), stderr: &exampletest.LogBuffer{}}
	m := &Main{Stdin: strings.NewReader(""), Stdout: pw, Stderr: s.stderr, Getenv: func(string) string { return "" },
		Clock: fixedClock{time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)}}
	go func() {
		s.exit <- m.Run(ctx, args)
		pw.Close()
	}()
	tb.Cleanup(func() { cancel(); <-s.exit })
	ready := make(chan struct{})
	go s.read(pr, ready)
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		tb.Fatalf("orgledger %s did not announce its address; stderr:\n%s", strings.Join(args, " "), s.stderr)
	}
	return s
}

// read reads the announcement: the address, and the demo's database, token and chart, the
// demo's ready once it says how to stop it, its last line.
func (s *served) read(r io.Reader, ready chan<- struct{}) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch m := tokenLine.FindStringSubmatch(line); {
		case strings.HasPrefix(line, "orgledger: serving "):
			s.url = urlLine.FindString(line)
			close(ready)
		case dbLine.MatchString(line):
			s.db = dbLine.FindStringSubmatch(line)[1]
		case strings.Contains(line, "address:"):
			s.url = urlLine.FindString(line)
		case m != nil:
			s.token = m[1]
		case chartLine.MatchString(line):
			s.chart = chartLine.FindStringSubmatch(line)[1]
		case line == "Stop with Ctrl-C.":
			close(ready)
		}
	}
	io.Copy(io.Discard, r)
}

// get sends a request with the token and decodes a JSON answer into v, if v is not nil.
func (s *served) get(path, token string, v any) int {
	s.tb.Helper()
	req, _ := http.NewRequest("GET", s.url+strings.TrimPrefix(path, "/"), nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.tb.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			s.tb.Fatalf("%s: %v", path, err)
		}
	}
	return resp.StatusCode
}

// TestServeDemo starts the demo through Main on a free port, reads it with the token it
// printed, and stops it by cancelling the context while a changeset is still arriving: the
// server stops accepting, finishes that request, and exits 0, removing its database.
func TestServeDemo(t *testing.T) {
	s := startServe(t, "serve", "--demo", "--addr", "127.0.0.1:0")
	if s.token == "" || s.url == "" || s.db == "" {
		t.Fatalf("announced url %q, token %q, db %q", s.url, s.token, s.db)
	}
	if code := s.get("/healthz", "", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	var huo struct{ Managers []struct{ ID string } }
	if code := s.get("/api/v1/people/huo-jia?at=2022-04-13", s.token, &huo); code != 200 || len(huo.Managers) != 1 || huo.Managers[0].ID != "cai-yinghua" {
		t.Errorf("huo-jia on 2022-04-13: %d %+v", code, huo)
	}
	if code := s.get("/api/v1/chart", "", nil); code != 401 {
		t.Errorf("without a token: %d", code)
	}
	gracefulShutdown(t, s)
	if _, err := os.Stat(s.db); !os.IsNotExist(err) {
		t.Errorf("the demo's database %s is still there: %v", s.db, err)
	}
	if strings.Contains(s.stderr.String(), s.token) {
		t.Error("the log holds the admin token")
	}
}

// gracefulShutdown cancels the server's context while a request is in flight.
func gracefulShutdown(t *testing.T, s *served) {
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", s.url+"api/v1/changesets", pr)
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/yaml")
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	io.WriteString(pw, "effective: 2022-05-01\nnote: in flight\nchanges:\n")
	time.Sleep(200 * time.Millisecond) // the server is reading the body now
	s.cancel()
	waitRefused(t, s.url)
	select {
	case code := <-s.exit:
		t.Fatalf("orgledger exited %d with a request in flight", code)
	default:
	}
	io.WriteString(pw, "  - hire: {id: late-arrival, name: Late Arrival}\n")
	pw.Close()
	if code := <-answered; code != 201 {
		t.Errorf("the request in flight: %d, want 201", code)
	}
	if code := <-s.exit; code != 0 {
		t.Errorf("exit %d; stderr:\n%s", code, s.stderr)
	}
	s.exit <- 0 // for the cleanup
}

// waitRefused waits until the server accepts no new connection.
func waitRefused(t *testing.T, url string) {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: time.Second}
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(10 * time.Millisecond) {
		resp, err := client.Get(url + "healthz")
		if err != nil {
			return
		}
		resp.Body.Close()
	}
	t.Error("the server still accepts connections after its context ended")
}

// TestServePreparedDB serves a ledger prepared on the command line, with a token made by
// token create, and checks that what the token writes records its name.
func TestServePreparedDB(t *testing.T) {
	p := withExample(t)
	out := p.ok("token", "create", "--name", "ci-bot", "--role", "admin")
	secret := lastLine(out)
	s := startServe(t, "--db", p.db, "serve", "--addr", "127.0.0.1:0")
	body := strings.NewReader("effective: 2022-05-01\nchanges:\n  - hire: {id: via-api, name: Via API}\n")
	req, _ := http.NewRequest("POST", s.url+"api/v1/changesets", body)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	var h struct{ Events []struct{ Actor string } }
	if code := s.get("/api/v1/history/via-api", secret, &h); code != 200 || len(h.Events) != 1 || h.Events[0].Actor != "ci-bot" {
		t.Errorf("history: %d %+v", code, h)
	}
}

// TestServeDemoRefusesALedger checks that --demo will not load into a database in use.
func TestServeDemoRefusesALedger(t *testing.T) {
	p := withExample(t)
	code, _, errOut := p.run("", "serve", "--demo", "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errOut, "holds a ledger already") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestServeBadAddress: an --addr that is not host:port, or whose port is no port, is a usage
// error (exit 2) naming the flag and the form it takes, before any database is opened. (Found
// by a bad-input review: it exited 1 with Go's "listen tcp: address nonsense: missing port".)
func TestServeBadAddress(t *testing.T) {
	p := newProgram(t)
	for addr, says := range map[string]string{
		"nonsense":          `--addr "nonsense" is not host:port: give host:port, such as 127.0.0.1:8080`,
		"nonsense:address:": `--addr "nonsense:address:" is not host:port`,
		"127.0.0.1:99999":   `--addr "127.0.0.1:99999": the port "99999" is not a number from 0 to 65535`,
		"127.0.0.1:no-port": `the port "no-port" is not a number`,
		"[::1]:8080:1":      `is not host:port`,
		"127.0.0.1:":        `the port "" is not a number`, // not port 0, a free one (found by a review)
		"127.0.0.1:http":    `the port "http" is not a number`,
		"127.0.0.1:+0":      `the port "+0" is not a number`,
	} {
		code, _, errOut := p.run("", "serve", "--addr", addr)
		if code != exitUsage || !strings.Contains(errOut, says) || !strings.Contains(errOut, "orgledger serve --help") {
			t.Errorf("--addr %s: exit %d, want %d saying %q:\n%s", addr, code, exitUsage, says, errOut)
		}
	}
	if _, err := os.Stat(p.db); !os.IsNotExist(err) {
		t.Errorf("a bad address made the database (%v)", err)
	}
	// Durations that would spin a core or mean nothing. (Found by QA.)
	for _, args := range [][]string{{"--settle-every", "1ns"}, {"--settle-every", "-1m"}, {"--shutdown-timeout", "-5s"}} {
		code, _, errOut := p.run("", append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if code != exitUsage || !strings.Contains(errOut, args[0]) {
			t.Errorf("serve %s %s: exit %d, want %d naming the flag:\n%s", args[0], args[1], code, exitUsage, errOut)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestLoad runs the load tool briefly against the demo server.
func TestLoad(t *testing.T) {
	s := startServe(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--log-level", "warn")
	p := newProgram(t)
	var results []struct {
		Kind     string
		Requests int
		Errors   int
		P99      float64 `json:"p99_ms"`
	}
	p.json(&results, "load", "--url", s.url, "--token", s.token, "--workers", "4", "--duration", "300ms", "--warmup", "0s", "--subtree", "0.5")
	if len(results) != 3 || results[2].Kind != "total" || results[2].Requests == 0 || results[2].Errors != 0 || results[2].P99 <= 0 {
		t.Errorf("results: %+v", results)
	}
	if code, _, errOut := p.run("", "load", "--url", s.url, "--token", "olg_wrong", "--duration", "100ms"); code != 1 || !strings.Contains(errOut, "401") {
		t.Errorf("a wrong token: exit %d: %s", code, errOut)
	}
}

// TestServeWarnsBeyondTheLoopback: serve, which speaks plain HTTP, warns in its log when it
// listens beyond this machine, and not on the loopback; its log says where it serves what.
func TestServeWarnsBeyondTheLoopback(t *testing.T) {
	p := withExample(t)
	for addr, warns := range map[string]bool{"127.0.0.1:0": false, "0.0.0.0:0": true} {
		s := startServe(t, "--db", p.db, "serve", "--addr", addr)
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(s.stderr.String(), "msg=serving") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		log := s.stderr.String()
		if !strings.Contains(log, "msg=serving") || strings.Contains(log, "without TLS") != warns {
			t.Errorf("serve --addr %s: the log (a warning wanted: %v):\n%s", addr, warns, log)
		}
		s.cancel()
		<-s.exit
		s.exit <- 0 // for the cleanup's wait
	}
}

// TestServeDemoOnPostgresHidesThePassword: the demo's banner names a PostgreSQL database with
// its password masked, as every other message does. (Found by QA: it printed it in clear.)
func TestServeDemoOnPostgresHidesThePassword(t *testing.T) {
	db := strings.Replace(pgtest.URL(t), "://postgres@", "://postgres:DemoSecret9@", 1) // trust auth takes any password
	if !strings.Contains(db, "DemoSecret9") {
		t.Skipf("the test database's URL %s names no user postgres to give a password", postgres.Redact(db))
	}
	s := startServe(t, "--db", db, "serve", "--demo", "--addr", "127.0.0.1:0")
	if !strings.Contains(s.db, "xxxxx") || strings.Contains(s.db, "DemoSecret9") {
		t.Errorf("the banner names the database %q", s.db)
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgledger/orgledger/postgres/pgtest"
)

// TestCopy copies the example, with a plan and a token, from SQLite to PostgreSQL and back, and
// checks that every copy answers as the original does.
func TestCopy(t *testing.T) {
	p := withExample(t)
	p.ok("token", "create", "--name", "reader", "--role", "viewer")
	p.ok("plan", "create", "later", "--effective", "2022-12-01")
	pg := pgtest.URL(t)
	out := p.ok("copy", "--from", p.db, "--to", pg)
	if !strings.Contains(out, "copied 38 events; the log's digest is") {
		t.Fatalf("copy to PostgreSQL:\n%s", out)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	out2 := p.ok("copy", "--from", pg, "--to", back)
	if digest(out) != digest(out2) {
		t.Errorf("digests differ:\n%s\n%s", out, out2)
	}
	for _, db := range []string{pg, back} {
		q := &program{tb: t, db: db}
		for _, args := range [][]string{{"export", "--at", "2022-04-13"}, {"log", "--format", "json"}, {"plan", "list"}, {"token", "list"}} {
			if a, b := p.ok(args...), q.ok(args...); a != b {
				t.Errorf("%s on %s:\n%s\nwant:\n%s", strings.Join(args, " "), db, b, a)
			}
		}
	}
	if code, _, errOut := p.run("", "copy", "--from", back, "--to", pg); code != 1 || !strings.Contains(errOut, "holds a ledger already") {
		t.Errorf("copy into a used database: exit %d %s", code, errOut)
	}
}

func digest(out string) string { return out[strings.LastIndex(out, " is ")+4:] }

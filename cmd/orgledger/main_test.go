package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixedClock tells the same time always.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// program runs orgledger on one database, as a user would, with a clock in June 2022.
type program struct {
	tb   testing.TB
	db   string
	user string // $USER, "tester" when empty

	logCopied       func() // see Main.logCopied
	copyMarked      func() // see Main.copyMarked
	ledgerCopied    func() // see Main.ledgerCopied
	checkpointEvery int64  // see Main.checkpointEvery
}

func newProgram(tb testing.TB) *program {
	return &program{tb: tb, db: filepath.Join(tb.TempDir(), "test.db")}
}

// run runs the command line and returns the exit status, stdout and stderr.
func (p *program) run(stdin string, args ...string) (int, string, string) {
	p.tb.Helper()
	var out, errOut bytes.Buffer
	code := p.runTo(&out, &errOut, stdin, args...)
	return code, out.String(), errOut.String()
}

// runTo runs the command line with its output to stdout and stderr, and returns the exit status.
func (p *program) runTo(stdout, stderr io.Writer, stdin string, args ...string) int {
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: stdout, Stderr: stderr,
		Getenv: func(k string) string {
			if k == "USER" {
				return cmp.Or(p.user, "tester")
			}
			return ""
		},
		Clock: fixedClock{time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)}, logCopied: p.logCopied, copyMarked: p.copyMarked, ledgerCopied: p.ledgerCopied,
		checkpointEvery: p.checkpointEvery}
	return m.Run(context.Background(), append([]string{"--db", p.db}, args...))
}

// ok runs a command that must succeed and returns its stdout.
func (p *program) ok(args ...string) string {
	p.tb.Helper()
	code, out, errOut := p.run("", args...)
	if code != 0 {
		p.tb.Fatalf("orgledger %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// json runs a command with --format json and decodes its output into v.
func (p *program) json(v any, args ...string) {
	p.tb.Helper()
	out := p.ok(append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		p.tb.Fatalf("orgledger %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

var exampleFiles = []string{
	"../../examples/alibaba-cloud-2022/01-leadership-2022-03.yaml",
	"../../examples/alibaba-cloud-2022/02-reshuffle-2022-04-12.yaml",
}

func withExample(tb testing.TB) *program {
	p := newProgram(tb)
	p.ok(append([]string{"apply"}, exampleFiles...)...)
	return p
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// laterProgram runs orgledger with a clock after the end of every generated history.
type laterProgram struct {
	t  *testing.T
	db string
}

func newLaterProgram(t *testing.T) *laterProgram {
	return &laterProgram{t: t, db: filepath.Join(t.TempDir(), "gen.db")}
}

// run runs the command line, with --db first unless db is "".
func (p *laterProgram) run(args ...string) (int, string, string) {
	p.t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" },
		Clock: fixedClock{time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
	if p.db != "" {
		args = append([]string{"--db", p.db}, args...)
	}
	return m.Run(context.Background(), args), out.String(), errOut.String()
}

func TestGen(t *testing.T) {
	p := newLaterProgram(t)
	code, out, errOut := p.run("gen", "--people", "300", "--years", "1", "--seed", "3")
	if code != 0 || !strings.Contains(out, "people") {
		t.Fatalf("gen: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = p.run("chart", "--at", "2024-06-01", "--format", "json")
	var nodes []map[string]any
	if err := json.Unmarshal([]byte(out), &nodes); code != 0 || err != nil || len(nodes) < 250 || len(nodes) > 350 {
		t.Fatalf("chart after gen: exit %d, %d nodes, %v", code, len(nodes), err)
	}
	if code, out, _ = p.run("show", "p0000001", "--at", "2024-06-01"); code != 0 || !strings.Contains(out, "pos-p0000001") {
		t.Errorf("show p0000001: exit %d\n%s", code, out)
	}
	if code, out, _ = p.run("checkpoint"); code != 0 || !strings.Contains(out, "checkpoint after event") || !strings.Contains(out, "replaying 0 events") {
		t.Errorf("checkpoint: exit %d, %s", code, out)
	}
	if code, _, errOut = p.run("gen", "--people", "10"); code != 1 || !strings.Contains(errOut, "empty ledger") {
		t.Errorf("gen into a ledger of another history: exit %d, %s", code, errOut)
	}
	if code, out, errOut = p.run("gen", "--people", "300", "--years", "1", "--seed", "3"); code != 0 ||
		!strings.Contains(out, "all of them in") || !strings.Contains(errOut, "going on with the history") {
		t.Errorf("gen again, on its whole history: exit %d\n%s%s", code, out, errOut)
	}
}

// TestGenUsage: gen refuses a headcount it cannot make (found by QA: 99,999,999,999 took the
// machine's memory, 23 GB, before the kernel stopped it) and other bad options.
func TestGenUsage(t *testing.T) {
	p := newLaterProgram(t)
	for _, args := range [][]string{{"gen"}, {"gen", "--people", "10", "--years", "0"}, {"bench", "--people", "5"},
		{"gen", "--people", "99999999999"}, {"gen", "--people", "10000001"}} {
		if code, _, _ := p.run(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestBench runs bench as a user would, on a small org it generates in a temporary
// directory, and checks that it reports every measurement with its goal.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("generates an org; skipped with -short")
	}
	p := &laterProgram{t: t}
	code, out, errOut := p.run("bench", "--people", "300", "--years", "1", "--runs", "1", "--one-shot=false",
		"--postgres", "off", "--format", "json")
	if code != 0 {
		t.Fatalf("bench: exit %d\n%s", code, errOut)
	}
	var report benchReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("bench --format json: %v\n%s", err, out)
	}
	if report.Events == 0 || report.People < 250 || report.Machine.Cores == 0 || len(report.Measurements) != 7 {
		t.Fatalf("report: %+v", report)
	}
	for _, m := range report.Measurements {
		if m.Value <= 0 || m.Goal == "" || m.Unit == "" {
			t.Errorf("measurement %+v", m)
		}
		if strings.Contains(m.Name, "subtree") || strings.Contains(m.Name, "chain") {
			if len(m.Baselines) != 1 || m.Baselines[0].DB != "sqlite" || m.Baselines[0].Ratio <= 0 {
				t.Errorf("%s: baselines %+v", m.Name, m.Baselines)
			}
		}
	}
}

// TestGenWhoseImageCannotBeWritten: the history is written when its image cannot be (a full
// disk; here a directory where the image goes): gen says so as a warning and succeeds, where
// it failed as an internal error and a second gen was then refused, the ledger not empty.
// (Found by a crash-safety review.)
func TestGenWhoseImageCannotBeWritten(t *testing.T) {
	p := newLaterProgram(t)
	if err := os.MkdirAll(filepath.Join(imagePath(p.db), "in-the-way"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := p.run("gen", "--people", "50", "--years", "1")
	if code != 0 || !strings.Contains(out, "people on its last day") || !strings.Contains(errOut, "warning: the history is written, but its checkpoint or image is not") {
		t.Errorf("gen: exit %d\n%s%s", code, out, errOut)
	}
}

// TestInterrupted: a command stopped by an interrupt says so and exits 130, with what the
// command says of what it had written: not as an internal error whose cause is a canceled
// context, and not with a word of its own that hides the command's (found by a review: a copy
// stopped midway lost its note that the incomplete copy was removed).
func TestInterrupted(t *testing.T) {
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" },
		Clock: fixedClock{time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code := m.Run(ctx, []string{"--db", filepath.Join(t.TempDir(), "org.db"), "gen", "--people", "100", "--years", "1"})
	if code != exitInterrupted || !strings.Contains(errOut.String(), "orgledger: interrupted: ") || strings.Contains(errOut.String(), "internal error") {
		t.Errorf("gen interrupted: exit %d\n%s", code, errOut.String())
	}

	p := withExample(t)
	to := filepath.Join(t.TempDir(), "copy.db")
	errOut.Reset()
	ctx, cancel = context.WithCancel(context.Background())
	m.logCopied = cancel // the interrupt comes once the log is copied
	code = m.Run(ctx, []string{"copy", "--from", p.db, "--to", to})
	if code != exitInterrupted || !strings.Contains(errOut.String(), "orgledger: interrupted: ") ||
		!strings.Contains(errOut.String(), "the incomplete copy "+to+" was removed") {
		t.Errorf("copy interrupted: exit %d\n%s", code, errOut.String())
	}
}

// TestGenInterruptedMidway: a gen stopped after some changesets are written says they are,
// and how to go on, not only that the write under way was not. (Found by a QA pass of the
// docs: it said "nothing was written".)
func TestGenInterruptedMidway(t *testing.T) {
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" },
		Clock: fixedClock{time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
	db := filepath.Join(t.TempDir(), "org.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- m.Run(ctx, []string{"--db", db, "gen", "--people", "3000", "--years", "10"}) }()
	for written := false; !written; time.Sleep(10 * time.Millisecond) {
		select {
		case code := <-done:
			t.Fatalf("gen ended before it was interrupted: exit %d\n%s", code, errOut.String())
		default:
		}
		written = commitsIn(t, db) >= 2 // the first, and the progress it told, behind it
	}
	cancel()
	if code := <-done; code != exitInterrupted || !strings.Contains(errOut.String(), "are written (") ||
		!strings.Contains(errOut.String(), "run gen again with the same options to go on") {
		t.Errorf("gen interrupted midway: exit %d\n%s", code, errOut.String())
	}
}

// commitsIn returns how many commits the SQLite ledger at path holds; none before it is made.
func commitsIn(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sqlite.OpenReadOnly(path)
	if err != nil {
		return 0
	}
	defer db.Close()
	n := 0
	sqlite.NewStore(db).Commits(context.Background(), 0, func(*orgledger.Commit) error { n++; return nil })
	return n
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/baseline"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// baselines opens the baseline databases, loading the ledger's table into each that does not
// hold it yet: a SQLite file beside the ledger and, when one answers, PostgreSQL.
func (b *benchRun) baselines(ctx context.Context) ([]baseline.DB, error) {
	s, err := baseline.OpenSQLite(ctx, baselineName(b.path))
	if err != nil {
		return nil, err
	}
	dbs := []baseline.DB{s}
	if url := b.postgresURL(); url != "" {
		if p, err := baseline.OpenPostgres(ctx, url, baseline.SchemaFor(b.path)); err == nil {
			dbs = append(dbs, p)
		} else {
			fmt.Fprintf(b.m.Stderr, "PostgreSQL baseline skipped: %v\n", err)
		}
	}
	if err := b.loadBaselines(ctx, dbs); err != nil {
		for _, db := range dbs {
			db.Close()
		}
		return nil, err
	}
	return dbs, readThrough(baselineName(b.path))
}

// readThrough reads a file once, end to end, so that it is in the page cache, as the file of a
// database in use is. A baseline loaded long before may have left it: at a million people its
// chains were then timed reading the disk (330 µs, against 27 µs from memory), while the
// ledger answers from memory. Asking the questions once before timing them would do it too,
// but would also leave the ledger's records of those very questions in the processor's
// caches, which flatters the ledger (its chains took 4 µs instead of 14).
func readThrough(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func (b *benchRun) postgresURL() string {
	switch b.c.postgres {
	case "off":
		return ""
	case "":
		if u := b.m.Getenv("ORGLEDGER_TEST_POSTGRES"); u != "" {
			return u
		}
		return baseline.DefaultPostgres
	}
	return b.c.postgres
}

// loadBaselines builds the table from the ledger's events, once, and loads it where needed.
func (b *benchRun) loadBaselines(ctx context.Context, dbs []baseline.DB) error {
	store, err := sqlite.OpenStore(ctx, b.path)
	if err != nil {
		return err
	}
	defer store.Close()
	head, _, err := store.Head(ctx)
	if err != nil {
		return err
	}
	var rows []baseline.Row
	for _, db := range dbs {
		if db.Loaded(ctx, b.path, head) {
			continue
		}
		if rows == nil {
			start := time.Now()
			if rows, err = baseline.Rows(ctx, store); err != nil {
				return err
			}
			fmt.Fprintf(b.m.Stderr, "baseline: %d rows built from %d events in %s\n", len(rows), head, time.Since(start).Round(time.Second))
		}
		start := time.Now()
		if err := db.Load(ctx, b.path, head, rows); err != nil {
			return err
		}
		fmt.Fprintf(b.m.Stderr, "baseline: loaded into %s in %s\n", db.Name(), time.Since(start).Round(time.Second))
	}
	return nil
}

func (b *benchRun) closeBaselines() {
	for _, db := range b.bases {
		db.Close()
	}
}

// oneShot times a subtree query from a new process each time: orgledger chart against the
// sqlite3 shell running the recursive CTE on the baseline's SQLite file.
func (b *benchRun) oneShot(ctx context.Context) error {
	if !b.c.oneShot || len(b.subtrees) == 0 {
		return nil // --one-shot=false, or no subtree to ask about
	}
	shell, err := exec.LookPath("sqlite3")
	self, err2 := os.Executable()
	if err != nil || err2 != nil {
		fmt.Fprintln(b.m.Stderr, "one-shot comparison skipped: it needs the sqlite3 shell (apt-get install sqlite3)")
		return nil
	}
	if err := b.freshImage(ctx); err != nil {
		return err
	}
	// Three questions, each asked of both in turn, so that neither is timed on one root only.
	var procs []process
	qs := b.subtrees[:min(3, len(b.subtrees))]
	for _, s := range qs {
		d, _ := orgledger.ParseDate(s[1])
		procs = append(procs,
			process{[]string{self, "--db", b.path, "chart", "--root", s[0], "--at", s[1], "--format", "json"}, ""},
			process{[]string{shell, baselineName(b.path)}, baseline.SubtreeScript(s[0], d)})
	}
	took, err := timeProcesses(ctx, procs)
	if err != nil {
		return err
	}
	var ours, sqlite3 []time.Duration
	for i := range took {
		if i%2 == 0 {
			ours = append(ours, took[i]...)
		} else {
			sqlite3 = append(sqlite3, took[i]...)
		}
	}
	mine, theirs := median(ours), median(sqlite3)
	b.add(measurement{Name: "a one-shot subtree query from the command line", Value: ms(mine), Unit: "ms",
		Goal: "no slower than sqlite3 running the CTE (at 100k people)", Met: mine <= theirs,
		Baselines: []baselineResult{{DB: "sqlite3 shell", Value: ms(theirs), Ratio: ms(theirs) / ms(mine)}},
		Note: fmt.Sprintf("a new process each time, taking turns: orgledger chart --root ID --at D --format json, and sqlite3 "+
			"with the CTE, for %d subtrees (the first: %s on %s); the binary %s", len(qs), qs[0][0], qs[0][1], binaryKind())})
	return nil
}

// binaryKind says whether this binary was built with cgo, which makes it dynamic and slower to
// start, for the note of a measurement that starts it again and again.
func binaryKind() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "CGO_ENABLED" && s.Value == "1" {
				return "built with cgo, so dynamic (build it with CGO_ENABLED=0 for the static binary)"
			}
		}
	}
	return "static, built without cgo"
}

// freshImage writes the ledger's image when it has none built at its head, as a checkpoint
// does: a one-shot chart reads the image, and the ledger only without one.
func (b *benchRun) freshImage(ctx context.Context) error {
	h := readHead(ctx, b.path)
	if h.err != nil {
		return h.err
	}
	if im, err := ledger.OpenImage(imagePath(b.path)); err == nil {
		fresh := im.Fresh(h.ImageHead)
		im.Close()
		if fresh {
			return nil
		}
	}
	fmt.Fprintln(b.m.Stderr, "image: writing it next to the ledger, for the one-shot query")
	return writeImage(ctx, b.l, b.path)
}

// process is a command line to time, and what it reads on stdin.
type process struct {
	args  []string
	stdin string
}

// timeProcesses runs the commands in turn, round after round, until they have run for a
// minute or forty rounds after a first that warms the page cache, and returns the times of
// each. Taking turns, rather than timing one command's runs and then the other's, gives
// both the same moments of a machine whose speed drifts.
func timeProcesses(ctx context.Context, procs []process) ([][]time.Duration, error) {
	took := make([][]time.Duration, len(procs))
	start := time.Now()
	for round := 0; round < 41 && (round < 6 || time.Since(start) < time.Minute); round++ {
		for i, p := range procs {
			cmd := exec.CommandContext(ctx, p.args[0], p.args[1:]...)
			cmd.Stdin = strings.NewReader(p.stdin)
			var errOut strings.Builder
			cmd.Stderr = &errOut
			d, err := timed(cmd.Run)
			if err != nil {
				return nil, fmt.Errorf("%s: %v: %s", p.args[0], err, errOut.String())
			}
			if round > 0 {
				took[i] = append(took[i], d)
			}
		}
	}
	return took, nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/sqlite"
)

type benchConfig struct {
	people   int
	years    int
	seed     uint64
	runs     int
	postgres string
	oneShot  bool
	format   formatFlag
}

func (m *Main) benchCommand(g *globalConfig) *cobra.Command {
	c := &benchConfig{}
	cmd := &cobra.Command{
		Use:   "bench [--people N] [--format text|json]",
		Short: "Measure orgledger on a large synthetic org, against the SQL a user would write",
		Long: `Bench measures orgledger on a generated org history (see gen) and prints each measurement
with its goal: opening the ledger cold, the whole org on a random date, a chain of command, the
subtree of a 1,000-person unit, a diff over a year, applying 1,000 changes durably, the memory
held per event, and a one-shot subtree query from the command line.

Beside the ledger, on the same data, it builds the baseline a user would otherwise build: the org
as a temporal adjacency table in SQLite (and in PostgreSQL when one is reachable, at
$ORGLEDGER_TEST_POSTGRES or 127.0.0.1:5432), indexed as an expert would and queried with recursive
CTEs, and reports the ratio for each query. The one-shot comparison runs the sqlite3 shell, when
it is installed.

With --db (or ORGLEDGER_DB), bench measures that ledger, generating it there with --people first
if it does not exist, and keeps its baseline in PATH.baseline; a ledger it measures is never
written to: applying is measured on a copy. Without, it generates the org in a temporary
directory and removes it afterwards.`,
		Example: `  orgledger bench --people 10000
  orgledger --db big.db bench --people 1000000 --format json`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.bench(cmd.Context(), g, c) }),
	}
	cmd.Flags().IntVar(&c.people, "people", 10000, "the headcount of the org to generate")
	cmd.Flags().IntVar(&c.years, "years", 10, "years of history to generate")
	cmd.Flags().Uint64Var(&c.seed, "seed", 1, "the seed of the generated history")
	cmd.Flags().IntVar(&c.runs, "runs", 7, "times each slow measurement is repeated (the median is reported)")
	cmd.Flags().StringVar(&c.postgres, "postgres", "", `the PostgreSQL server for the baseline (default $ORGLEDGER_TEST_POSTGRES or 127.0.0.1:5432; "off" for none)`)
	cmd.Flags().BoolVar(&c.oneShot, "one-shot", true, "time one-shot queries in new processes (orgledger chart, sqlite3)")
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) bench(ctx context.Context, g *globalConfig, c *benchConfig) error {
	if err := c.format.check(); err != nil {
		return err
	}
	if c.people < 10 || c.years < 1 || c.runs < 1 {
		return usageErrorf("--people must be at least 10, --years and --runs at least 1")
	}
	path, cleanup, err := m.benchData(ctx, g, c)
	if err != nil {
		return err
	}
	defer cleanup()
	work, err := os.MkdirTemp("", "orgledger-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &benchRun{m: m, c: c, path: path, work: work}
	report, err := b.run(ctx)
	if err != nil {
		return err
	}
	if c.format.value == "json" {
		return writeJSON(m.Stdout, report)
	}
	report.writeText(m.Stdout)
	return nil
}

// benchData returns the ledger to measure: --db, generated there if it does not exist, or a
// new one in a temporary directory, which cleanup removes.
func (m *Main) benchData(ctx context.Context, g *globalConfig, c *benchConfig) (string, func(), error) {
	path, cleanup := m.dbPath(g), func() {}
	if g.db == "" && m.Getenv("ORGLEDGER_DB") == "" {
		dir, err := os.MkdirTemp("", "orgledger-bench-data-")
		if err != nil {
			return "", nil, err
		}
		path, cleanup = filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }
	}
	if !sqlite.IsPath(path) {
		return "", nil, usageErrorf("bench measures a ledger in a SQLite file, and %s is not one", path)
	}
	if _, err := os.Stat(path); err == nil {
		return path, cleanup, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, err
	}
	start := time.Now()
	fmt.Fprintf(m.Stderr, "generating %d people with %d years of history in %s\n", c.people, c.years, path)
	opt := gen.Options{People: c.people, Years: c.years, Seed: c.seed}
	if err := m.generate(ctx, &globalConfig{db: path}, opt, m.Stderr); err != nil {
		cleanup()
		return "", nil, err
	}
	fmt.Fprintf(m.Stderr, "generated in %s\n", time.Since(start).Round(time.Second))
	return path, cleanup, nil
}

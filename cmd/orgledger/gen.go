package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
)

type genConfig struct {
	people int
	years  int
	seed   uint64
}

func (m *Main) genCommand(g *globalConfig) *cobra.Command {
	c := &genConfig{}
	cmd := &cobra.Command{
		Use:   "gen --people N [--years Y] [--seed S]",
		Short: "Write a synthetic org history into an empty ledger (or go on with one cut short), for trying orgledger at scale",
		Long: `Gen writes a realistic, made-up org history into a new ledger: a company of N people built
on the first day (divisions, departments, groups and teams; spans with a median of about six;
eight to twelve levels at a million people), then years of what happens to it, a changeset a
week: about 15% of people leave each year and are replaced, people are promoted and change
teams, managers who leave are succeeded from inside or outside, teams merge, split and move.

The history ends on 2024-12-31. The same --seed gives the same history. Person p0000123 holds
position pos-p0000123. A million people with ten years of history is about 13 million events
and takes several minutes and about 9 GB of memory (the history is worked out whole before it
is written); at most 10 million people. The ledger is checkpointed at the end, so that it opens fast. A gen cut
short (Ctrl-C, a crash) goes on where it stopped when run again with the same options: it
checks the changesets the ledger holds against its history first, and refuses any other ledger.`,
		Example: `  orgledger --db big.db gen --people 100000
  orgledger --db small.db gen --people 500 --years 2 --seed 7`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.gen(cmd.Context(), g, c) }),
	}
	cmd.Flags().IntVar(&c.people, "people", 0, "the headcount of the org")
	required(cmd, "people")
	cmd.Flags().IntVar(&c.years, "years", 10, "years of history after the first day, 1 to 100")
	cmd.Flags().Uint64Var(&c.seed, "seed", 1, "the seed of the random history")
	return cmd
}

// maxGenPeople bounds gen's headcount: a mistyped one would take the machine's memory before
// a byte is written.
const maxGenPeople = 10_000_000

func (m *Main) gen(ctx context.Context, g *globalConfig, c *genConfig) error {
	if c.people < 1 || c.people > maxGenPeople {
		return usageErrorf("--people is required and must be 1 to %d (a million takes about 9 GB of memory), not %d", maxGenPeople, c.people)
	}
	if c.years < 1 || c.years > 100 {
		return usageErrorf("--years must be between 1 and 100")
	}
	return m.generate(ctx, g, gen.Options{People: c.people, Years: c.years, Seed: c.seed}, m.Stdout)
}

// generate writes the history into the ledger --db names, checkpoints it, and says what it
// made on out.
func (m *Main) generate(ctx context.Context, g *globalConfig, opt gen.Options, out io.Writer) error {
	l, err := m.openLedger(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Store().Close()
	start := time.Now()
	bar := m.progressBar(opt)
	var last gen.Progress
	err = gen.Into(ctx, l, opt, func(p gen.Progress) {
		if p.Resumed > 0 && last.Changesets == 0 {
			fmt.Fprintf(m.Stderr, "orgledger: going on with the history an earlier gen wrote the first %d changesets of (%d events)\n", p.Resumed, p.Events)
		}
		last = p
		if bar != nil {
			bar.Set(p.Day)
		}
	})
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(m.Stderr)
	}
	if err != nil && last.Changesets > 0 && ctx.Err() != nil {
		return withNote(err, fmt.Sprintf("the %d changesets before it are written (%d events): run gen again with the same options to go on", last.Changesets, last.Events))
	}
	if err != nil {
		return err
	}
	if err := saveCheckpoint(ctx, l, m.dbPath(g)); err != nil { // the history is written: only a warning
		fmt.Fprintf(m.Stderr, "orgledger: warning: the history is written, but its checkpoint or image is not (orgledger checkpoint writes them): %s\n", printable(checkpointError(err)))
	}
	written := "written to"
	switch added := last.Changesets - last.Resumed; {
	case last.Resumed > 0 && added == 0:
		written = "all of them in"
	case last.Resumed > 0:
		written = fmt.Sprintf("the last %d changesets written to", added)
	}
	fmt.Fprintf(out, "%d events in %d changesets, %s to %s (%d people on its last day), %s %s in %s\n",
		last.Events, last.Changesets, opt.Start(), last.Date, len(l.Employees(ledger.Query{At: last.Date})),
		written, redactURL(m.dbPath(g)), time.Since(start).Round(time.Millisecond))
	return nil
}

// progressBar returns a bar of the history's days on standard error when it is a terminal,
// else nil: a script's log should not fill with redrawn bars.
func (m *Main) progressBar(opt gen.Options) *progressbar.ProgressBar {
	if !m.isTerminal(m.Stderr) {
		return nil
	}
	return progressbar.NewOptions(opt.Days(), progressbar.OptionSetWriter(m.Stderr),
		progressbar.OptionSetDescription("generating days"), progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(200*time.Millisecond))
}

// isTerminal reports whether w is a terminal.
func (m *Main) isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

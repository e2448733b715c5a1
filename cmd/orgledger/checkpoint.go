package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func (m *Main) checkpointCommand(g *globalConfig) *cobra.Command {
	return &cobra.Command{
		Use:   "checkpoint",
		Short: "Save the ledger's index in the database, so that it opens fast",
		Long: `Checkpoint saves the ledger's index in memory into the database, after the last event. Opening
the ledger then reads the checkpoint and replays only the events recorded after it, instead
of every event: seconds instead of a minute for ten million events. A checkpoint is a cache of
what the events say; it is checked against them before it is used, and replaced by the next.
gen writes one at the end, apply and import save one once 100,000 events follow the last, and
so does serve when it opens; run this to save one now.

For a SQLite file, checkpoint (and gen, apply and import when they save one) also writes the
image next to it (FILE.image): the chart of every day as known now, which chart reads without
opening the ledger while nothing has been recorded since, so that a one-shot chart takes
milliseconds instead of the time it takes to open the ledger.`,
		Example: `  orgledger --db big.db checkpoint`,
		Args:    noArgs,
		RunE:    run(func(cmd *cobra.Command, _ []string) error { return m.checkpoint(cmd.Context(), g) }),
	}
}

func (m *Main) checkpoint(ctx context.Context, g *globalConfig) error {
	l, err := m.openLedger(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Store().Close()
	start := time.Now()
	if err := saveCheckpoint(ctx, l, m.dbPath(g)); err != nil {
		return err
	}
	head, _ := l.Head()
	st := l.OpenStats()
	fmt.Fprintf(m.Stdout, "checkpoint after event %d, in %s (the ledger opened in %s, replaying %d events)\n",
		head, time.Since(start).Round(time.Millisecond), st.Took.Round(time.Millisecond), st.Replayed)
	return nil
}

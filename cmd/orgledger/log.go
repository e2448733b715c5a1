package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/ledger"
)

type logConfig struct {
	after   int64
	limit   int
	knownAt string
	format  formatFlag
}

func (m *Main) logCommand(g *globalConfig) *cobra.Command {
	c := &logConfig{}
	cmd := &cobra.Command{
		Use:   "log",
		Short: "The ledger's events in recorded order",
		Long: `Log lists the events of the ledger in the order they were recorded, each with its
effective date, recorded time, actor, source and note. With --known-at it is the log as it
stood then: the events recorded by then, retracted only by what was recorded by then, a
leaving vacating what its person held as known then.`,
		Example: `  orgledger log
  orgledger log --after 120 --limit 20 --format json
  orgledger log --known-at 2022-04-12`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.log(cmd.Context(), g, c) }),
	}
	cmd.Flags().Int64Var(&c.after, "after", 0, "only events after this event number")
	cmd.Flags().IntVar(&c.limit, "limit", 0, "at most this many events (0, the default: all)")
	registerKnownAt(cmd, &c.knownAt)
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) log(ctx context.Context, g *globalConfig, c *logConfig) error {
	if c.after < 0 || c.limit < 0 {
		return usageErrorf("--after and --limit must not be negative")
	}
	knownAt, err := knownAtOf(c.knownAt)
	if err != nil {
		return err
	}
	return m.reading(ctx, g, &c.format, func(l *ledger.Ledger) error {
		lg, err := l.Log(ctx, ledger.LogOptions{After: c.after, Limit: c.limit, KnownAt: knownAt})
		if err != nil {
			return err
		}
		if c.format.value == "json" {
			return writeJSON(m.Stdout, lg)
		}
		return m.buffered(func(w io.Writer) { writeEvents(w, lg.Events) })
	})
}

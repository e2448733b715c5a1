package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/ledger"
)

type diffConfig struct {
	from, to, knownAt string
	format            formatFlag
}

func (m *Main) diffCommand(g *globalConfig) *cobra.Command {
	c := &diffConfig{}
	cmd := &cobra.Command{
		Use:   "diff --from DATE --to DATE",
		Short: "What changed in the org between two dates",
		Long: `Diff compares the org on two dates, as known at one time, and lists what changed: for
people, joined, left, position, acting (the positions held as an interim holder), title, unit,
manager, name, email, location and attrs; for
units, created, closed, renamed, moved and head; for positions, created, closed, reports-to,
retitled, moved, vacated, filled and dotted. The text names each id (a person or unit by
name, a position by title) and ends with how many changes there are of each kind.`,
		Example: `  orgledger diff --from 2022-04-01 --to 2022-04-13
  orgledger diff --from 2022-04-01 --to 2022-04-13 --known-at 2022-04-12 --format json`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.diff(cmd.Context(), g, c) }),
	}
	cmd.Flags().StringVar(&c.from, "from", "", "the earlier date, YYYY-MM-DD")
	cmd.Flags().StringVar(&c.to, "to", "", "the later date, YYYY-MM-DD")
	required(cmd, "from", "to")
	registerKnownAt(cmd, &c.knownAt)
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) diff(ctx context.Context, g *globalConfig, c *diffConfig) error {
	from, err := parseDateFlag("from", c.from)
	if err != nil {
		return err
	}
	to, err := parseDateFlag("to", c.to)
	if err != nil {
		return err
	}
	tf := timeFlags{knownAt: c.knownAt}
	q, err := tf.query()
	if err != nil {
		return err
	}
	if from > to {
		fmt.Fprintf(m.Stderr, "orgledger: note: --from %s is after --to %s: this is what changed going back in time\n", from, to)
	}
	return m.reading(ctx, g, &c.format, func(l *ledger.Ledger) error {
		d, err := l.Diff(from, to, q.KnownAt, 0)
		if err != nil {
			return err
		}
		if c.format.value == "json" {
			return writeJSON(m.Stdout, d)
		}
		names := l.DiffNames(d, q.KnownAt)
		return m.buffered(func(w io.Writer) { writeDiffText(w, d, "", names) })
	})
}

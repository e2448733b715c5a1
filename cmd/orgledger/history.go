package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

type historyConfig struct {
	knownAt string
	format  formatFlag
}

func (m *Main) historyCommand(g *globalConfig) *cobra.Command {
	c := &historyConfig{}
	cmd := &cobra.Command{
		Use:   "history ID",
		Short: "Every event touching a person, position or unit, oldest first",
		Long: `History lists every event that touched the id, oldest first (in effective order), each with the
date it took effect, the time it was recorded, who recorded it and its source. A retracted
event is listed with the event that retracted it. An event touches the ids it names: a
person's hire, assignments and leaving are theirs; their position's new title, reporting line,
dotted line or unit (a merge of its unit too) is the position's, and theirs too while they
hold it, as it changes their row; a leaving is also the history of the positions it vacates, and a move of a position or
unit that of the unit it leaves. What a leaving vacates, and whom an assignment with replace steps out, are told as
the ledger knows them (a later correction may have changed who held what). With
--known-at it is the history as it stood then: the events recorded by then, retracted only by
what was recorded by then.`,
		Example: `  orgledger history huang-haiqing
  orgledger history cloud-china-president --format json
  orgledger history cloud-china-president --known-at 2022-04-12`,
		Args: oneID,
		RunE: run(func(cmd *cobra.Command, args []string) error { return m.history(cmd.Context(), g, c, args[0]) }),
	}
	registerKnownAt(cmd, &c.knownAt)
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) history(ctx context.Context, g *globalConfig, c *historyConfig, id string) error {
	if err := c.format.check(); err != nil {
		return err
	}
	knownAt, err := knownAtOf(c.knownAt)
	if err != nil {
		return err
	}
	b, err := m.open(ctx, g, false)
	if err != nil {
		return err
	}
	defer b.ledger.Store().Close()
	h, err := b.ledger.History(ctx, id, ledger.HistoryOptions{KnownAt: knownAt})
	if err != nil {
		return err
	}
	if knownAt.IsZero() { // what waits now is no part of a history as known before
		if h.Waiting, err = b.plans.WaitingFor(ctx, plans.Caller{Name: m.actor(), Role: orgledger.RoleAdmin}, id); err != nil {
			return err
		}
	}
	if c.format.value == "json" {
		return writeJSON(m.Stdout, h)
	}
	return m.buffered(func(out io.Writer) {
		writeEvents(out, h.Events)
		for _, w := range h.Waiting {
			where := "waiting in plan"
			if !w.Applied {
				where = "drafted, not applied, in plan" // it waits for nothing until the plan is applied
			}
			fmt.Fprintf(out, "%s %s (change %d): %s\n", where, w.Plan, w.Change, indentLines(w.Summary, "  "))
		}
	})
}

// writeEvents writes events one per line, with their source and note beneath.
func writeEvents(w io.Writer, events []orgledger.HistoryEvent) {
	for _, e := range events {
		fmt.Fprintf(w, "#%-5d effective %s  recorded %s  by %s\n", e.Event, e.Effective, e.Recorded, e.Actor)
		fmt.Fprintf(w, "       %s\n", indentLines(e.Summary, "         "))
		if e.Plan != "" {
			fmt.Fprintf(w, "       plan: %s\n", e.Plan)
		}
		if e.Source != "" {
			fmt.Fprintf(w, "       source: %s\n", indentLines(e.Source, "               "))
		}
		if e.Note != "" {
			fmt.Fprintf(w, "       note: %s\n", indentLines(e.Note, "             "))
		}
		if e.RetractedBy != 0 {
			fmt.Fprintf(w, "       retracted by #%d\n", e.RetractedBy)
		}
	}
}

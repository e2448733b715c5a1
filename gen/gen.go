package gen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Options describe a history.
type Options struct {
	People int            // the headcount: the org is built with this many and stays near it
	Years  int            // years of history after the first day; 0 means 10
	Seed   uint64         // the same seed gives the same history
	End    orgledger.Date // the last day of the history; zero means 2024-12-31
}

// withDefaults fills the zero fields.
func (o Options) withDefaults() (Options, error) {
	if o.People < 1 {
		return o, errors.New("gen: People must be at least 1")
	}
	if o.Years == 0 {
		o.Years = 10
	}
	if o.Years < 0 || o.Years > 100 {
		return o, fmt.Errorf("gen: Years %d is not between 0 and 100", o.Years)
	}
	if o.End == 0 {
		o.End = orgledger.DateOf(time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	}
	return o, nil
}

// Start returns the first day of the history: the day the org is built.
func (o Options) Start() orgledger.Date {
	o, _ = o.withDefaults()
	return orgledger.DateOf(o.End.Time().AddDate(-o.Years, 0, 1))
}

// Days returns the number of days of the history, the first day included.
func (o Options) Days() int {
	o, _ = o.withDefaults()
	return int(o.End-o.Start()) + 1
}

// Progress tells how far a history has come.
type Progress struct {
	Date       orgledger.Date // the last day of the changeset just made
	Day, Days  int            // days done, of the whole history
	Changesets int
	Events     int64 // changes made so far
}

// Into writes the history into an empty ledger, one changeset at a time, and calls progress
// (when not nil) after each, and once more at the end. The ledger's clock must be after the history's last day: every
// changeset is recorded at the end of its week.
func Into(ctx context.Context, l *ledger.Ledger, opt Options, progress func(Progress)) error {
	if head, _ := l.Head(); head != 0 {
		return orgledger.Errorf(orgledger.EINVALID, "gen writes into an empty ledger; this one has %d events", head)
	}
	g, err := New(opt)
	if err != nil {
		return orgledger.Errorf(orgledger.EINVALID, "%v", err)
	}
	for cs := g.Next(); cs != nil; cs = g.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "gen"}); err != nil {
			return fmt.Errorf("gen: changeset %d (%s): %w", g.Progress().Changesets, cs.Note, err)
		}
		if progress != nil {
			progress(g.Progress())
		}
	}
	if progress != nil {
		progress(g.Progress()) // the end of the history
	}
	return nil
}

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
	// Resumed is how many changesets of the history the ledger held already, written by an
	// earlier run cut short: Into went on after them.
	Resumed int
}

// Into writes the history into the ledger, one changeset at a time, and calls progress
// (when not nil) after each, and once more at the end. The ledger's clock must be after the
// history's last day: every changeset is recorded at the end of its week. The ledger is empty,
// or holds the start of this very history (the same options), as an Into cut short left it:
// Into then goes on after the changesets written. It refuses any other ledger, writing nothing.
func Into(ctx context.Context, l *ledger.Ledger, opt Options, progress func(Progress)) error {
	g, err := New(opt)
	if err != nil {
		return orgledger.Errorf(orgledger.EINVALID, "%v", err)
	}
	if err := skipWritten(ctx, l, g); err != nil {
		return err
	}
	if progress != nil && g.progress.Resumed > 0 {
		progress(g.Progress())
	}
	for cs := g.Next(); cs != nil; cs = g.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: actor}); err != nil {
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

// actor is the name gen records its changesets under.
const actor = "gen"

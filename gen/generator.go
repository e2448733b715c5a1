package gen

import (
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
)

// initialBatch is the most changes in one changeset of the org's first day: the first day of
// a million-person org is millions of changes, applied as several changesets.
const initialBatch = 60_000

// Generator makes a history's changesets in order.
type Generator struct {
	opt      Options
	m        *model
	start    orgledger.Date
	next     orgledger.Date       // the first day not yet made
	initial  [][]orgledger.Change // the first day's changes, in batches not yet returned
	progress Progress
}

// New returns the generator of the history opt describes.
func New(opt Options) (*Generator, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	g := &Generator{opt: opt, m: newModel(opt.Seed), start: opt.Start()}
	g.m.day = g.start
	g.m.build(opt.People)
	for out := g.m.out; len(out) > 0; {
		n := min(len(out), initialBatch)
		g.initial = append(g.initial, out[:n:n])
		out = out[n:]
	}
	g.m.out = nil
	g.next = g.start + 1
	g.progress.Days = opt.Days()
	return g, nil
}

// Progress tells how far the generator has come.
func (g *Generator) Progress() Progress { return g.progress }

// Next returns the next changeset, or nil at the end of the history. The first day's come
// first; then one changeset for each week, each change effective on its own working day,
// recorded at 18:00 UTC on the week's last day.
func (g *Generator) Next() *orgledger.Changeset {
	if len(g.initial) > 0 {
		k := g.progress.Changesets
		changes := g.initial[0]
		g.initial[0] = nil
		g.initial = g.initial[1:]
		return g.changeset(g.start, g.start, g.start.Time().Add(18*time.Hour+time.Duration(k)*time.Second),
			fmt.Sprintf("the org on %s, part %d", g.start, k+1), changes)
	}
	for g.next <= g.opt.End {
		from := g.next
		to := min(from+6, g.opt.End)
		for d := from; d <= to; d++ {
			if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
				g.m.day = d
				g.m.workday(g.opt.People)
			}
		}
		g.next = to + 1
		changes := g.m.out
		g.m.out = nil
		if len(changes) > 0 {
			return g.changeset(from, to, to.Time().Add(18*time.Hour), "week of "+from.String(), changes)
		}
	}
	g.progress.Date, g.progress.Day = g.opt.End, g.progress.Days // quiet days at the end make no changeset
	return nil
}

func (g *Generator) changeset(from, to orgledger.Date, recorded time.Time, note string, changes []orgledger.Change) *orgledger.Changeset {
	g.progress.Date, g.progress.Day = to, int(to-g.start)+1
	g.progress.Changesets++
	g.progress.Events += int64(len(changes))
	return &orgledger.Changeset{Effective: from, Recorded: recorded,
		Source: fmt.Sprintf("orgledger gen --seed %d", g.opt.Seed), Note: note, Changes: changes}
}

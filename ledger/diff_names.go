package ledger

import (
	"time"

	"github.com/orgledger/orgledger"
)

// DiffNames returns what each id d names is called (a person's or unit's name, a position's
// title), as known at knownAt (zero: now): on d's later date, or, for what was not there
// then (a leaver on a date before they were hired, say), on its earlier one. Text that lists
// a diff names its ids with it.
func (l *Ledger) DiffNames(d *orgledger.Diff, knownAt time.Time) map[string]string {
	names := map[string]string{}
	l.read(Query{At: d.To, KnownAt: knownAt}, func(to view) error {
		from := l.viewOf(to.s, Query{At: d.From, KnownAt: knownAt})
		addDiffNames(names, d, to, from)
		return nil
	})
	return names
}

// CommitNames is DiffNames for the diffs of a recorded commit (CommitDiffs): each diff's ids
// named on its date with the commit, or, for what the commit ends, without it.
func (l *Ledger) CommitNames(c *orgledger.Commit, diffs []orgledger.Diff) map[string]string {
	if len(c.Events) == 0 {
		return map[string]string{}
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return commitNames(&state{index: l.x}, diffs, uint32(c.Events[0].Seq-1), uint32(c.Events[len(c.Events)-1].Seq))
}

// DiffNames is DiffNames for the preview's Diff: d's ids named with the changeset, or, for what
// the changeset ends, without it.
func (p *Preview) DiffNames(d *orgledger.Diff) map[string]string {
	names := map[string]string{}
	with := view{s: p.s, at: dayEnd(int32(d.To)), known: ^uint32(0)}
	without := view{s: &state{index: p.s.index}, at: dayEnd(int32(d.To)), known: ^uint32(0)}
	addDiffNames(names, d, with, without)
	return names
}

// commitNames names the ids of a commit's diffs: before is the last seq known before the
// commit, after its last (as commitDiffs takes them).
func commitNames(s *state, diffs []orgledger.Diff, before, after uint32) map[string]string {
	names := map[string]string{}
	for i := range diffs {
		at := dayEnd(int32(diffs[i].To))
		addDiffNames(names, &diffs[i], view{s: s, at: at, known: after}, view{s: s, at: at, known: before})
	}
	return names
}

// addDiffNames adds to names what each id of d not named yet is called in the first of views
// that has it.
func addDiffNames(names map[string]string, d *orgledger.Diff, views ...view) {
	for i := range d.Changes {
		for _, id := range d.Changes[i].IDs() {
			if _, done := names[id]; !done {
				names[id] = nameIn(views, id)
			}
		}
	}
}

// nameIn returns what id is called in the first of views that has it; "" when none does.
func nameIn(views []view, id string) string {
	for _, v := range views {
		if b, ok := brief(v, id); ok {
			return b.Name
		}
	}
	return ""
}

package ledger

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
)

type unitSnap struct {
	open               bool
	name, parent, head string
}

func snapUnit(v view, u int32) unitSnap {
	if u >= v.s.countUnits() || !v.unitOpen(u) {
		return unitSnap{}
	}
	rec := v.s.unit(u)
	s := unitSnap{open: true, name: v.text(rec.name)}
	if pa := v.parentOf(u); pa != none {
		s.parent = v.s.unit(pa).id
	}
	if h := v.head(u); h != none {
		s.head = v.s.position(h).id
	}
	return s
}

func diffUnit(a, b view, u int32) []orgledger.DiffChange {
	x, y := snapUnit(a, u), snapUnit(b, u)
	id := ""
	if u < b.s.countUnits() {
		id = b.s.unit(u).id
	} else {
		id = a.s.unit(u).id
	}
	switch {
	case !x.open && !y.open:
		return nil
	case !x.open:
		return []orgledger.DiffChange{{Kind: orgledger.DiffUnitCreated, Unit: id}}
	case !y.open:
		return []orgledger.DiffChange{{Kind: orgledger.DiffUnitClosed, Unit: id}}
	}
	var out []orgledger.DiffChange
	add := func(k orgledger.DiffKind, before, after string) {
		if before != after {
			out = append(out, orgledger.DiffChange{Kind: k, Unit: id, Before: nonNil(one(before)), After: nonNil(one(after))})
		}
	}
	add(orgledger.DiffUnitRenamed, x.name, y.name)
	add(orgledger.DiffUnitMoved, x.parent, y.parent)
	add(orgledger.DiffUnitHead, x.head, y.head)
	return out
}

type positionSnap struct {
	open                   bool
	reportsTo, title, unit string
	holders                []string
}

func snapPosition(v view, p int32) positionSnap {
	if p >= v.s.countPositions() || !v.posOpen(p) {
		return positionSnap{}
	}
	s := positionSnap{open: true, title: v.text(v.s.position(p).title)}
	if to := v.reportsTo(p); to != none {
		s.reportsTo = v.s.position(to).id
	}
	if u := v.unitOf(p); u != none {
		s.unit = v.s.unit(u).id
	}
	for _, h := range v.holders(p) {
		s.holders = append(s.holders, v.s.person(h.person).id)
	}
	slices.Sort(s.holders)
	return s
}

func diffPosition(a, b view, p int32) []orgledger.DiffChange {
	x, y := snapPosition(a, p), snapPosition(b, p)
	id := ""
	if p < b.s.countPositions() {
		id = b.s.position(p).id
	} else {
		id = a.s.position(p).id
	}
	switch {
	case !x.open && !y.open:
		return nil
	case !x.open:
		return []orgledger.DiffChange{{Kind: orgledger.DiffPositionCreated, Position: id}}
	case !y.open:
		return []orgledger.DiffChange{{Kind: orgledger.DiffPositionClosed, Position: id}}
	}
	var out []orgledger.DiffChange
	if x.reportsTo != y.reportsTo {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffReportsTo, Position: id,
			Before: nonNil(one(x.reportsTo)), After: nonNil(one(y.reportsTo))})
	}
	if x.title != y.title {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionTitle, Position: id, Before: []string{x.title}, After: []string{y.title}})
	}
	if x.unit != y.unit {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionMoved, Position: id,
			Before: nonNil(one(x.unit)), After: nonNil(one(y.unit))})
	}
	switch {
	case len(x.holders) > 0 && len(y.holders) == 0:
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionVacated, Position: id, Before: x.holders, After: []string{}})
	case len(x.holders) == 0 && len(y.holders) > 0:
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionFilled, Position: id, Before: []string{}, After: y.holders})
	}
	return appendDotted(a, b, p, out)
}

// kindOrder is the order in which a diff lists kinds: people first, then units, then positions.
var kindOrder = func() map[orgledger.DiffKind]int {
	m := make(map[orgledger.DiffKind]int)
	for i, k := range []orgledger.DiffKind{
		orgledger.DiffJoined, orgledger.DiffLeft, orgledger.DiffPosition, orgledger.DiffActing, orgledger.DiffTitle,
		orgledger.DiffUnit, orgledger.DiffManager, orgledger.DiffName, orgledger.DiffEmail,
		orgledger.DiffLocation, orgledger.DiffAttrs, orgledger.DiffUnitCreated, orgledger.DiffUnitClosed,
		orgledger.DiffUnitRenamed, orgledger.DiffUnitMoved, orgledger.DiffUnitHead,
		orgledger.DiffPositionCreated, orgledger.DiffPositionClosed, orgledger.DiffReportsTo,
		orgledger.DiffPositionTitle, orgledger.DiffPositionMoved,
		orgledger.DiffPositionVacated, orgledger.DiffPositionFilled, orgledger.DiffDotted,
	} {
		m[k] = i
	}
	return m
}()

func group(k orgledger.DiffKind) int {
	switch {
	case kindOrder[k] < kindOrder[orgledger.DiffUnitCreated]:
		return 0
	case kindOrder[k] < kindOrder[orgledger.DiffPositionCreated]:
		return 1
	}
	return 2
}

// sortChanges orders a diff: people by id, then units, then positions, each by kind.
func sortChanges(cs []orgledger.DiffChange) {
	slices.SortStableFunc(cs, func(a, b orgledger.DiffChange) int {
		if c := cmp.Compare(group(a.Kind), group(b.Kind)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Subject(), b.Subject()); c != 0 {
			return c
		}
		return cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind])
	})
}

// dryRunDiffs is what CommitDiffs says of a validated changeset: s holds it after the index.
func dryRunDiffs(s *state, c *orgledger.Commit) []orgledger.Diff {
	return commitDiffs(s, c, s.index.head(), ^uint32(0))
}

// CommitDiffs says what a recorded commit changed in the org, on each date it takes effect
// (see commitDiffs).
func (l *Ledger) CommitDiffs(c *orgledger.Commit) []orgledger.Diff {
	if len(c.Events) == 0 {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return commitDiffs(&state{index: l.x}, c, uint32(c.Events[0].Seq-1), uint32(c.Events[len(c.Events)-1].Seq))
}

// commitDiffs compares, on each date the commit's events take effect, the org with the
// commit's changes of that date against the org with only those of the dates before it: what
// the commit changes on that date, once (someone hired in August and placed in September is
// hired on the first date and placed on the second). before is the last seq known before the
// commit, after its last. A commit's changes take their seqs in effective order, so the org
// without a date's changes is the org just before the first of them. Retractions take theirs
// first, whatever date they undo; a commit holding them and several dates compares the org
// without the whole commit on each date instead, which shows each retraction where it
// matters, and leaves out on a date what the date before it showed already, the same change
// from the same value to the same value (a title a retraction gives back in May, still given
// back in June).
func commitDiffs(s *state, c *orgledger.Commit, before, after uint32) []orgledger.Diff {
	days := commitDays(c)
	first, retracts := firstSeqs(c)
	out := make([]orgledger.Diff, 0, len(days))
	var shown map[string]bool // the changes of the date before, all of them, for a commit that retracts
	for i, d := range days {
		without := view{s: s, at: dayEnd(int32(d)), known: before}
		if i > 0 && !retracts {
			without = view{s: s, at: point{int32(d), first[d]}, known: after}
		}
		diff := diffViews(without, view{s: s, at: dayEnd(int32(d)), known: after})
		if retracts {
			all := make(map[string]bool, len(diff.Changes))
			for _, ch := range diff.Changes {
				all[diffChangeKey(ch)] = true
			}
			diff.Changes = slices.DeleteFunc(diff.Changes, func(ch orgledger.DiffChange) bool { return shown[diffChangeKey(ch)] })
			shown = all
		}
		out = append(out, diff)
	}
	return out
}

// diffChangeKey names a change of a diff: the same key is the same change of the same record
// from the same value to the same value.
func diffChangeKey(c orgledger.DiffChange) string {
	return fmt.Sprintf("%s %q %q %q %q %q", c.Kind, c.Person, c.Position, c.Unit, c.Before, c.After) // nil and [""] apart
}

// firstSeqs returns the seq of the first of a commit's events on each date, and whether it
// holds a retraction.
func firstSeqs(c *orgledger.Commit) (map[orgledger.Date]uint32, bool) {
	first, retracts := make(map[orgledger.Date]uint32), false
	for _, e := range c.Events {
		if _, ok := first[e.Effective]; !ok {
			first[e.Effective] = uint32(e.Seq)
		}
		retracts = retracts || e.Op.Verb() == orgledger.VerbRetract
	}
	return first, retracts
}

func commitDays(c *orgledger.Commit) []orgledger.Date {
	var days []orgledger.Date
	for _, e := range c.Events {
		if !slices.Contains(days, e.Effective) {
			days = append(days, e.Effective)
		}
	}
	slices.Sort(days)
	return days
}

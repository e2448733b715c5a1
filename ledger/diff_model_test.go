package ledger_test

// The diff between two days, as the model sees it, and the ledger's diff in the same shape.

import (
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// checkDiffs compares the diffs between consecutive days, as known at ka.
func (h *harness) checkDiffs(l *ledger.Ledger, ka knownAt) *mismatch {
	prev := newSnapshot(h.m.orgAt(queryDays[0], ka.seq))
	for _, day := range queryDays[1:] {
		next := newSnapshot(h.m.orgAt(day, ka.seq))
		d, err := l.Diff(day.AddDays(-1), day, ka.at, 0)
		if err != nil {
			return mismatchf("diff", "the ledger's diff fails: %v", err)
		}
		if got, want := engineDiffs(d), modelDiffs(prev, next); !slices.Equal(got, want) {
			return mismatchf("diff", "diff %s to %s as known at %s:\nledger: %q\nmodel:  %q",
				day.AddDays(-1), day, ka.label, got, want)
		}
		prev = next
	}
	return nil
}

// modelDiffs lists the differences between two days of the model, sorted.
func modelDiffs(a, b *snapshot) []string {
	var out []string
	for _, id := range unionKeys(a.o.people, b.o.people) {
		out = append(out, personDiffs(a, b, id)...)
	}
	for _, id := range unionKeys(a.o.units, b.o.units) {
		out = append(out, unitDiffs(a, b, id)...)
	}
	for _, id := range unionKeys(a.o.positions, b.o.positions) {
		out = append(out, positionDiffs(a, b, id)...)
	}
	slices.Sort(out)
	return out
}

func unionKeys[V any](a, b map[string]V) []string {
	keys := sortedKeys(a)
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// personDiffs: joined and left, or what changed of someone active on both days.
func personDiffs(a, b *snapshot, id string) []string {
	x, y := a.o.active(id), b.o.active(id)
	switch {
	case !x && !y:
		return nil
	case !x:
		return []string{diffString(orgledger.DiffJoined, id, nil, nil)}
	case !y:
		return []string{diffString(orgledger.DiffLeft, id, nil, nil)}
	}
	var out []string
	add := func(kind orgledger.DiffKind, before, after []string) {
		if !slices.Equal(before, after) {
			out = append(out, diffString(kind, id, before, after))
		}
	}
	p, q := a.o.people[id], b.o.people[id]
	add(orgledger.DiffPosition, a.o.heldBy(id), b.o.heldBy(id))
	add(orgledger.DiffActing, a.o.actingIn(id), b.o.actingIn(id))
	add(orgledger.DiffTitle, a.heldAttr(id, titleOf), b.heldAttr(id, titleOf))
	add(orgledger.DiffUnit, a.heldAttr(id, unitOf), b.heldAttr(id, unitOf))
	add(orgledger.DiffManager, a.managers[id], b.managers[id])
	add(orgledger.DiffName, nonEmpty(p.name), nonEmpty(q.name))
	add(orgledger.DiffEmail, nonEmpty(p.email), nonEmpty(q.email))
	add(orgledger.DiffLocation, nonEmpty(p.location), nonEmpty(q.location))
	var before, after []string // key=value of each attribute that is not the same on both days
	for _, k := range unionKeys(p.attrs, q.attrs) {
		x, inP := p.attrs[k]
		y, inQ := q.attrs[k]
		if inP && (!inQ || x != y) {
			before = append(before, k+"="+x)
		}
		if inQ && (!inP || x != y) {
			after = append(after, k+"="+y)
		}
	}
	add(orgledger.DiffAttrs, before, after)
	return out
}

// actingIn returns the open positions the person holds as an interim holder, sorted.
func (o *org) actingIn(person string) []string {
	var out []string
	for _, p := range o.heldBy(person) {
		if o.positions[p].holds[person] {
			out = append(out, p)
		}
	}
	return out
}

func titleOf(p *modelPosition) string { return p.title }
func unitOf(p *modelPosition) string  { return p.unit }

// heldAttr returns the distinct values of f over the positions the person holds, sorted.
func (s *snapshot) heldAttr(person string, f func(*modelPosition) string) []string {
	var out []string
	for _, p := range s.o.heldBy(person) {
		out = append(out, f(s.o.positions[p]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unitDiffs: a unit that opened or closed, or what changed of one open on both days.
func unitDiffs(a, b *snapshot, id string) []string {
	x, y := a.o.unitOpen(id), b.o.unitOpen(id)
	switch {
	case !x && !y:
		return nil
	case !x:
		return []string{structString(orgledger.DiffUnitCreated, id, nil, nil)}
	case !y:
		return []string{structString(orgledger.DiffUnitClosed, id, nil, nil)}
	}
	var out []string
	add := func(kind orgledger.DiffKind, before, after []string) {
		if !slices.Equal(before, after) {
			out = append(out, structString(kind, id, before, after))
		}
	}
	u, v := a.unit(id), b.unit(id)
	add(orgledger.DiffUnitMoved, nonEmpty(u.Parent), nonEmpty(v.Parent))
	add(orgledger.DiffUnitRenamed, nonEmpty(u.Name), nonEmpty(v.Name))
	add(orgledger.DiffUnitHead, nonEmpty(u.Head), nonEmpty(v.Head))
	return out
}

// positionDiffs: a position that opened or closed, or what changed of one open on both days.
func positionDiffs(a, b *snapshot, id string) []string {
	x, y := a.o.posOpen(id), b.o.posOpen(id)
	switch {
	case !x && !y:
		return nil
	case !x:
		return []string{structString(orgledger.DiffPositionCreated, id, nil, nil)}
	case !y:
		return []string{structString(orgledger.DiffPositionClosed, id, nil, nil)}
	}
	var out []string
	hx, hy := sortedKeys(a.o.holders(id)), sortedKeys(b.o.holders(id))
	if len(hx) > 0 && len(hy) == 0 {
		out = append(out, structString(orgledger.DiffPositionVacated, id, hx, nil))
	} else if len(hx) == 0 && len(hy) > 0 {
		out = append(out, structString(orgledger.DiffPositionFilled, id, nil, hy))
	}
	if p, q := a.o.positions[id].title, b.o.positions[id].title; p != q {
		out = append(out, structString(orgledger.DiffPositionTitle, id, []string{p}, []string{q}))
	}
	if p, q := a.o.positions[id].unit, b.o.positions[id].unit; p != q {
		out = append(out, structString(orgledger.DiffPositionMoved, id, nonEmpty(p), nonEmpty(q)))
	}
	if p, q := a.o.positions[id].reportsTo, b.o.positions[id].reportsTo; p != q {
		out = append(out, structString(orgledger.DiffReportsTo, id, nonEmpty(p), nonEmpty(q)))
	}
	if p, q := a.openDotted(id), b.openDotted(id); !slices.Equal(p, q) {
		out = append(out, structString(orgledger.DiffDotted, id, p, q))
	}
	return out
}

// openDotted returns the open positions the position has a dotted line to, sorted: a line to
// a closed position is not shown.
func (s *snapshot) openDotted(id string) []string {
	var out []string
	for to := range s.o.positions[id].dotted {
		if s.o.posOpen(to) {
			out = append(out, to)
		}
	}
	slices.Sort(out)
	return out
}

// engineDiffs reduces the ledger's diff to the model's strings.
func engineDiffs(d *orgledger.Diff) []string {
	var out []string
	for _, c := range d.Changes {
		if c.Person != "" {
			out = append(out, diffString(c.Kind, c.Person, c.Before, c.After))
		} else {
			out = append(out, structString(c.Kind, c.Unit+c.Position, c.Before, c.After))
		}
	}
	slices.Sort(out)
	return out
}

func diffString(kind orgledger.DiffKind, person string, before, after []string) string {
	if kind == orgledger.DiffJoined || kind == orgledger.DiffLeft {
		return string(kind) + " " + person
	}
	return fmt.Sprintf("%s %s %s -> %s", kind, person, joinOrDash(before), joinOrDash(after))
}

func structString(kind orgledger.DiffKind, id string, before, after []string) string {
	return fmt.Sprintf("%s %s %s -> %s", kind, id, joinOrDash(before), joinOrDash(after))
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

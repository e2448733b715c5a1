package ledger

import (
	"maps"
	"slices"
	"time"

	"github.com/orgledger/orgledger"
)

// Diff returns what changed between the org on from and on to, both as known at knownAt.
func (l *Ledger) Diff(from, to orgledger.Date, knownAt time.Time, horizon orgledger.Date) (*orgledger.Diff, error) {
	if from == 0 || to == 0 {
		return nil, orgledger.Errorf(orgledger.EINVALID, "diff needs both a from and a to date")
	}
	out := &orgledger.Diff{}
	err := l.read(Query{}, func(v view) error {
		a := l.viewOf(v.s, Query{At: from, KnownAt: knownAt, Horizon: horizon})
		b := l.viewOf(v.s, Query{At: to, KnownAt: knownAt, Horizon: horizon})
		*out = diffViews(a, b)
		return nil
	})
	out.From, out.To = from, to
	return out, err
}

// diffViews compares two views, which may be of different states: a plan's preview compares
// the ledger without and with the plan. See diff_frame.go.
func diffViews(a, b view) orgledger.Diff {
	d := orgledger.Diff{From: orgledger.Date(a.at.day), To: orgledger.Date(b.at.day), Changes: []orgledger.DiffChange{}}
	fa, fb := newFrame(a), newFrame(b)
	np := max(a.s.countPeople(), b.s.countPeople())
	pd := &personDiffer{a: fa, b: fb, pa: fa.personPositions(), pb: fb.personPositions(), arenas: make([]strArena, parts(int(np)))}
	people := diffRecords(np, pd.diff,
		func(p int32) string { return personID(a, b, p) })
	units := diffRecords(max(a.s.countUnits(), b.s.countUnits()),
		func(_ int, u int32, out []orgledger.DiffChange) []orgledger.DiffChange {
			return append(out, diffUnit(a, b, u)...)
		},
		func(u int32) string { return recordID(a, b, kindUnit, u) })
	positions := diffRecords(max(a.s.countPositions(), b.s.countPositions()),
		func(_ int, p int32, out []orgledger.DiffChange) []orgledger.DiffChange {
			return positionDiff(fa, fb, p, out)
		},
		func(p int32) string { return recordID(a, b, kindPosition, p) })
	sortedChanges(&d, people, units, positions)
	fa.done()
	fb.done()
	return d
}

// recordID returns the id of a unit or position in b's state, or in a's when b has no such
// record.
func recordID(a, b view, k kind, i int32) string {
	if k == kindUnit && i < b.s.countUnits() || k == kindPosition && i < b.s.countPositions() {
		return idOf(b.s, ref{k, i})
	}
	return idOf(a.s, ref{k, i})
}

// personSnap is what the diff compares of a person.
type personSnap struct {
	active                bool
	name, email, location string
	attrs                 map[string]string
	positions, titles     []string
	acting                []string // the positions held as an interim holder
	units, managers       []string
}

func snapPerson(v view, p int32) personSnap {
	if p >= v.s.countPeople() || !v.active(p) {
		return personSnap{}
	}
	rec := v.s.person(p)
	s := personSnap{active: true, name: v.text(rec.name), email: v.text(rec.email), location: v.text(rec.location),
		attrs: attrsAt(v, rec)}
	for _, h := range v.positionsOf(p) {
		pos := v.s.position(h.position)
		s.positions = append(s.positions, pos.id)
		if h.acting {
			s.acting = append(s.acting, pos.id)
		}
		s.titles = append(s.titles, v.text(pos.title))
		if u := v.unitOf(h.position); u != none {
			s.units = append(s.units, v.s.unit(u).id)
		}
	}
	for _, m := range managersOf(v, p) {
		s.managers = append(s.managers, v.s.person(m).id)
	}
	for _, l := range [][]string{s.positions, s.acting, s.titles, s.units, s.managers} {
		slices.Sort(l)
	}
	s.units, s.titles = slices.Compact(s.units), slices.Compact(s.titles)
	return s
}

func diffPerson(a, b view, p int32) []orgledger.DiffChange {
	x, y := snapPerson(a, p), snapPerson(b, p)
	if !x.active && !y.active {
		return nil
	}
	id := personID(a, b, p)
	switch {
	case !x.active:
		return []orgledger.DiffChange{{Kind: orgledger.DiffJoined, Person: id}}
	case !y.active:
		return []orgledger.DiffChange{{Kind: orgledger.DiffLeft, Person: id}}
	}
	var out []orgledger.DiffChange
	add := func(k orgledger.DiffKind, before, after []string) {
		if !slices.Equal(before, after) {
			out = append(out, orgledger.DiffChange{Kind: k, Person: id, Before: nonNil(before), After: nonNil(after)})
		}
	}
	add(orgledger.DiffPosition, x.positions, y.positions)
	add(orgledger.DiffActing, x.acting, y.acting)
	add(orgledger.DiffTitle, x.titles, y.titles)
	add(orgledger.DiffUnit, x.units, y.units)
	add(orgledger.DiffManager, x.managers, y.managers)
	add(orgledger.DiffName, one(x.name), one(y.name))
	add(orgledger.DiffEmail, one(x.email), one(y.email))
	add(orgledger.DiffLocation, one(x.location), one(y.location))
	before, after := attrsChanged(x.attrs, y.attrs)
	add(orgledger.DiffAttrs, before, after)
	return out
}

// attrsChanged returns, as key=value sorted by key, the attributes that differ between two
// snapshots of a person: the values before and after, each absent where there was none.
func attrsChanged(a, b map[string]string) (before, after []string) {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		x, inA := a[k]
		y, inB := b[k]
		if inA && inB && x == y {
			continue
		}
		if inA {
			before = append(before, k+"="+x)
		}
		if inB {
			after = append(after, k+"="+y)
		}
	}
	return before, after
}

func personID(a, b view, p int32) string {
	if p < b.s.countPeople() {
		return b.s.person(p).id
	}
	return a.s.person(p).id
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

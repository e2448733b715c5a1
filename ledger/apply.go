package ledger

import (
	"maps"
	"slices"

	"github.com/orgledger/orgledger"
)

// apply writes event seq into the timelines of the records it touches and adds it to the
// events of the state. m is the event as resolve left it; a record the event creates is made
// here, and m is returned with its index. Changes are applied in seq order, which within a
// commit is effective order, so that every record a change names already exists.
func apply(s *state, seq uint32, m evMeta, merged []int32, ev *orgledger.Event) evMeta {
	a := applier{s: s, seq: seq, day: m.day}
	switch c := ev.Op.(type) {
	case *orgledger.Hire:
		m.a = a.hire(m.a, c)
	case *orgledger.Leave:
		a.set(&s.editPerson(m.a).active, 0)
		for _, id := range ev.Effects.Vacated {
			if r, ok := s.lookup(id); ok && r.kind == kindPosition {
				a.touch(r)
			}
		}
	case *orgledger.UpdatePerson:
		a.updatePerson(m.a, c)
	case *orgledger.CreateUnit:
		m.a = a.createUnit(m.a, m.b, c)
	case *orgledger.RenameUnit:
		a.set(&s.editUnit(m.a).name, s.intern(c.Name))
	case *orgledger.MoveUnit:
		a.setParent(m.a, m.b)
	case *orgledger.MergeUnits:
		a.merge(m.a, merged, ev.Effects)
	case *orgledger.CloseUnit:
		a.set(&s.editUnit(m.a).open, 0)
	case *orgledger.SetHead:
		u := s.editUnit(m.a)
		if !u.head.had(m.b) {
			p := s.editPosition(m.b)
			p.heads = append(p.heads, m.a)
		}
		a.set(&u.head, m.b)
	case *orgledger.CreatePosition:
		m.a = a.createPosition(m.a, m.b, m.c, c)
	case *orgledger.Retitle:
		a.set(&s.editPosition(m.a).title, s.intern(c.Title))
	case *orgledger.MovePosition:
		a.setUnit(m.a, m.b)
	case *orgledger.Report:
		a.setLine(m.a, m.b)
	case *orgledger.Dotted:
		a.setDotted(m.a, m.b, 1)
	case *orgledger.Undotted:
		a.setDotted(m.a, m.b, 0)
	case *orgledger.ClosePosition:
		a.set(&s.editPosition(m.a).open, 0)
	case *orgledger.Assign:
		a.assign(m, seq, ev.Effects.Replaced)
	case *orgledger.Unassign:
		a.setHold(m.b, m.a, notHeld)
	case *orgledger.Retract:
		a.retract(uint32(m.a))
	}
	s.appendEv(m)
	for _, r := range touched(s, m, seq) {
		a.touch(r)
	}
	return m
}

// applier writes the entries of one event.
type applier struct {
	s   *state
	seq uint32
	day int32
}

func (a applier) set(t *timeline, val int32) {
	e := entry{day: a.day, seq: a.seq, val: val}
	if len(*t) == 0 {
		*t = a.s.firstEntry(e)
		return
	}
	*t = t.with(e)
}

func (a applier) hire(idx int32, c *orgledger.Hire) int32 {
	if idx == none {
		idx = a.s.add(kindPerson, c.ID)
	}
	p := a.s.editPerson(idx)
	p.created = a.seq
	a.set(&p.active, 1)
	a.set(&p.name, a.s.intern(c.Name))
	if c.Email != "" {
		a.set(&p.email, a.s.intern(c.Email))
	}
	if c.Location != "" {
		a.set(&p.location, a.s.intern(c.Location))
	}
	a.setAttrs(p, c.Attrs)
	return idx
}

func (a applier) updatePerson(idx int32, c *orgledger.UpdatePerson) {
	p := a.s.editPerson(idx)
	if c.Name != nil {
		a.set(&p.name, a.s.intern(*c.Name))
	}
	if c.Email != nil {
		a.set(&p.email, a.s.intern(*c.Email))
	}
	if c.Location != nil {
		a.set(&p.location, a.s.intern(*c.Location))
	}
	a.setAttrs(p, c.Attrs)
}

// setAttrs records attribute values; an empty value removes the attribute. They are taken in
// the order of their keys, so that the strings they intern are numbered alike whenever the
// event is applied: in the overlay that validates it and when the ledger is opened again.
func (a applier) setAttrs(p *person, attrs map[string]string) {
	if len(attrs) == 0 {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		v := attrs[k]
		key := a.s.intern(k)
		i := 0
		for i < len(p.attrs) && p.attrs[i].key != key {
			i++
		}
		if i == len(p.attrs) {
			p.attrs = append(p.attrs, attrTimeline{key: key})
		}
		a.set(&p.attrs[i].tl, a.s.intern(v))
	}
}

func (a applier) createUnit(idx, parent int32, c *orgledger.CreateUnit) int32 {
	if idx == none {
		idx = a.s.add(kindUnit, c.ID)
	}
	u := a.s.editUnit(idx)
	u.created = a.seq
	a.set(&u.open, 1)
	a.set(&u.name, a.s.intern(c.Name))
	a.set(&u.kind, a.s.intern(c.Kind))
	a.setParent(idx, parent)
	return idx
}

func (a applier) setParent(u, parent int32) {
	rec := a.s.editUnit(u)
	if parent != none && !rec.parent.had(parent) {
		p := a.s.editUnit(parent)
		p.units = append(p.units, u)
	}
	a.set(&rec.parent, parent)
	a.s.parentSet(point{a.day, a.seq})
}

func (a applier) merge(into int32, merged []int32, eff orgledger.Effects) {
	for _, u := range merged {
		a.set(&a.s.editUnit(u).open, 0)
	}
	for _, id := range eff.Positions {
		if r, ok := a.s.lookup(id); ok && r.kind == kindPosition {
			a.setUnit(r.idx, into)
		}
	}
	for _, id := range eff.Units {
		if r, ok := a.s.lookup(id); ok && r.kind == kindUnit {
			a.setParent(r.idx, into)
		}
	}
	me := &mergeEffects{units: merged}
	me.positions, me.children = a.refs(kindPosition, eff.Positions), a.refs(kindUnit, eff.Units)
	a.s.setMerge(a.seq, me)
}

func (a applier) refs(k kind, xs []string) []int32 {
	var out []int32
	for _, id := range xs {
		if r, ok := a.s.lookup(id); ok && r.kind == k {
			out = append(out, r.idx)
		}
	}
	return out
}

func (a applier) createPosition(idx, u, to int32, c *orgledger.CreatePosition) int32 {
	if idx == none {
		idx = a.s.add(kindPosition, c.ID)
	}
	p := a.s.editPosition(idx)
	p.created = a.seq
	a.set(&p.open, 1)
	a.set(&p.title, a.s.intern(c.Title))
	a.set(&p.kind, a.s.intern(c.Kind))
	a.setUnit(idx, u)
	a.setLine(idx, to)
	return idx
}

func (a applier) setUnit(p, u int32) {
	rec := a.s.editPosition(p)
	if !rec.unit.had(u) {
		ur := a.s.editUnit(u)
		ur.positions = append(ur.positions, p)
	}
	a.set(&rec.unit, u)
}

func (a applier) setLine(p, to int32) {
	rec := a.s.editPosition(p)
	if to != none && !rec.reportsTo.had(to) {
		tr := a.s.editPosition(to)
		tr.reports = append(tr.reports, p)
	}
	a.set(&rec.reportsTo, to)
	a.s.lineSet(point{a.day, a.seq})
}

func (a applier) setDotted(p, to int32, val int32) {
	rec := a.s.editPosition(p)
	i := 0
	for i < len(rec.dotted) && rec.dotted[i].to != to {
		i++
	}
	if i == len(rec.dotted) {
		rec.dotted = append(rec.dotted, lineTimeline{to: to})
		target := a.s.editPosition(to)
		target.dottedFrom = append(target.dottedFrom, p)
	}
	a.set(&rec.dotted[i].tl, val)
}

func (a applier) assign(m evMeta, seq uint32, replaced []string) {
	state := held
	if m.flags&flagActing != 0 {
		state = acting
	}
	a.setHold(m.b, m.a, state)
	var out []int32
	for _, id := range replaced {
		if r, ok := a.s.lookup(id); ok && r.kind == kindPerson {
			a.setHold(m.b, r.idx, notHeld)
			out = append(out, r.idx)
		}
	}
	if len(out) == 0 {
		return
	}
	a.s.setReplaced(seq, out)
}

func (a applier) setHold(p, person int32, state int32) {
	rec := a.s.editPosition(p)
	i := 0
	for i < len(rec.holders) && rec.holders[i].person != person {
		i++
	}
	if i == len(rec.holders) {
		rec.holders = append(rec.holders, holdTimeline{person: person})
		pr := a.s.editPerson(person)
		pr.positions = append(pr.positions, p)
	}
	a.set(&rec.holders[i].tl, state)
}

// touch adds the event to the history of a record.
func (a applier) touch(r ref) {
	switch r.kind {
	case kindPerson:
		p := a.s.editPerson(r.idx)
		p.events = p.events.with(a.seq)
	case kindUnit:
		u := a.s.editUnit(r.idx)
		u.events = u.events.with(a.seq)
	case kindPosition:
		p := a.s.editPosition(r.idx)
		p.events = p.events.with(a.seq)
	}
}

func later(a, b point) point {
	if a.day > b.day || (a.day == b.day && a.seq > b.seq) {
		return a
	}
	return b
}

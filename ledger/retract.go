package ledger

import "github.com/orgledger/orgledger"

// touched lists the records an event names, and for a retraction those of the event it
// retracts: the records whose history shows it, and whose later events a change before it may
// break.
func touched(s *state, m evMeta, seq uint32) []ref {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbRetract:
		target := uint32(m.a)
		return touched(s, s.ev(target), target)
	case orgledger.VerbHire, orgledger.VerbLeave, orgledger.VerbUpdatePerson:
		return refs(kindPerson, m.a)
	case orgledger.VerbCreateUnit, orgledger.VerbMoveUnit:
		return refs(kindUnit, m.a, m.b)
	case orgledger.VerbRenameUnit, orgledger.VerbCloseUnit:
		return refs(kindUnit, m.a)
	case orgledger.VerbMergeUnits:
		me := s.merge(seq)
		out := refs(kindUnit, m.a)
		out = append(out, refs(kindUnit, me.units...)...)
		out = append(out, refs(kindUnit, me.children...)...)
		return append(out, refs(kindPosition, me.positions...)...)
	case orgledger.VerbSetHead:
		return append(refs(kindUnit, m.a), refs(kindPosition, m.b)...)
	case orgledger.VerbCreatePosition:
		return append(refs(kindPosition, m.a, m.c), refs(kindUnit, m.b)...)
	case orgledger.VerbRetitle, orgledger.VerbClosePosition:
		return refs(kindPosition, m.a)
	case orgledger.VerbMovePosition:
		return append(refs(kindPosition, m.a), refs(kindUnit, m.b)...)
	case orgledger.VerbReport, orgledger.VerbDotted, orgledger.VerbUndotted:
		return refs(kindPosition, m.a, m.b)
	case orgledger.VerbAssign:
		out := append(refs(kindPerson, m.a), refs(kindPosition, m.b)...)
		return append(out, refs(kindPerson, s.replacedBy(seq)...)...)
	case orgledger.VerbUnassign:
		return append(refs(kindPerson, m.a), refs(kindPosition, m.b)...)
	}
	return nil
}

func refs(k kind, xs ...int32) []ref {
	out := make([]ref, 0, len(xs))
	for _, x := range xs {
		if x != none {
			out = append(out, ref{k, x})
		}
	}
	return out
}

// retract takes back every entry of the target event, from this event on in recorded time.
func (a applier) retract(target uint32) {
	a.s.markGone(target, a.seq)
	for _, r := range touched(a.s, a.s.ev(target), target) {
		switch r.kind {
		case kindPerson:
			a.retractPerson(a.s.editPerson(r.idx), target)
		case kindUnit:
			a.retractUnit(a.s.editUnit(r.idx), target)
		case kindPosition:
			a.retractPosition(a.s.editPosition(r.idx), target)
		}
	}
}

func (a applier) gone(t *timeline, target uint32) {
	*t = t.retracted(target, a.seq, a.s.fresh())
}

func (a applier) retractPerson(p *person, target uint32) {
	for _, t := range []*timeline{&p.active, &p.name, &p.email, &p.location} {
		a.gone(t, target)
	}
	for i := range p.attrs {
		a.gone(&p.attrs[i].tl, target)
	}
}

func (a applier) retractUnit(u *unit, target uint32) {
	for _, t := range []*timeline{&u.open, &u.name, &u.kind, &u.parent, &u.head} {
		a.gone(t, target)
	}
	a.s.parentSet(point{a.s.ev(target).day, target})
}

func (a applier) retractPosition(p *position, target uint32) {
	for _, t := range []*timeline{&p.open, &p.title, &p.unit, &p.reportsTo, &p.kind} {
		a.gone(t, target)
	}
	for i := range p.dotted {
		a.gone(&p.dotted[i].tl, target)
	}
	for i := range p.holders {
		a.gone(&p.holders[i].tl, target)
	}
	a.s.lineSet(point{a.s.ev(target).day, target})
}

package ledger

import (
	"fmt"
	"math"

	"github.com/orgledger/orgledger"
)

// resolve turns the ids a change names into record indexes, as evMeta fields:
//
//	hire, leave, update-person           a = person
//	create-unit, move-unit               a = unit, b = parent
//	rename-unit, close-unit              a = unit
//	merge-units                          a = the unit merged into (the units: mergeEffects)
//	set-head                             a = unit, b = position
//	create-position                      a = position, b = unit, c = reports-to
//	retitle, close-position              a = position
//	move-position                        a = position, b = unit
//	report, dotted, undotted             a = position, b = to (none: report to no one)
//	assign, unassign                     a = person, b = position
//	retract                              a = the event retracted
//
// A record a change creates is not made here but when the change is applied, so that a refused
// change leaves nothing behind; until then its index is none. An unknown id, or an id of the
// wrong kind, is the returned reason, with the field that holds it; hint, when set, adds what
// it knows of an unknown id of a kind (a later change of the same changeset that creates it,
// or the id it likely misspells).
func resolve(s *state, op orgledger.Op, hint func(k kind, id string) string) (m evMeta, merged []int32, reason, field string) {
	m, merged, fails := resolveAll(s, op, hint)
	if len(fails) > 0 {
		reason, field = fails[0].reason, fails[0].field
	}
	return m, merged, reason, field
}

// unresolved is an id of a change that could not be resolved: why, and the field that holds it.
type unresolved struct{ reason, field string }

// resolveAll is resolve with every id that could not be resolved, in the order it resolves
// them, so that a refusal names each: an unknown person and an unknown position of one
// assign, say (each id once a kind: zz as a person and as a position is told twice).
func resolveAll(s *state, op orgledger.Op, hint func(k kind, id string) string) (m evMeta, merged []int32, fails []unresolved) {
	m = evMeta{verb: verbNumber[op.Verb()], a: none, b: none, c: none}
	r := resolver{s: s, hint: hint}
	switch c := op.(type) {
	case *orgledger.Hire:
		m.a = r.created(kindPerson, c.ID)
	case *orgledger.Leave:
		m.a = r.need(kindPerson, c.Person)
	case *orgledger.UpdatePerson:
		m.a = r.need(kindPerson, c.Person)
	case *orgledger.CreateUnit:
		m.a, m.b = r.created(kindUnit, c.ID), r.maybe(kindUnit, c.Parent)
	case *orgledger.RenameUnit:
		m.a = r.need(kindUnit, c.Unit)
	case *orgledger.MoveUnit:
		m.a, m.b = r.need(kindUnit, c.Unit), r.maybe(kindUnit, c.Parent)
	case *orgledger.MergeUnits:
		m.a = r.need(kindUnit, c.Into)
		for _, u := range c.Units {
			merged = append(merged, r.need(kindUnit, u))
		}
	case *orgledger.CloseUnit:
		m.a = r.need(kindUnit, c.Unit)
	case *orgledger.SetHead:
		m.a, m.b = r.need(kindUnit, c.Unit), r.need(kindPosition, c.Position)
	case *orgledger.CreatePosition:
		m.a, m.b = r.created(kindPosition, c.ID), r.need(kindUnit, c.Unit)
		m.c = r.maybe(kindPosition, c.ReportsTo)
	case *orgledger.Retitle:
		m.a = r.need(kindPosition, c.Position)
	case *orgledger.MovePosition:
		m.a, m.b = r.need(kindPosition, c.Position), r.need(kindUnit, c.Unit)
	case *orgledger.Report:
		m.a, m.b = r.need(kindPosition, c.Position), r.maybe(kindPosition, c.To)
	case *orgledger.Dotted:
		m.a, m.b = r.need(kindPosition, c.Position), r.need(kindPosition, c.To)
	case *orgledger.Undotted:
		m.a, m.b = r.need(kindPosition, c.Position), r.need(kindPosition, c.To)
	case *orgledger.ClosePosition:
		m.a = r.need(kindPosition, c.Position)
	case *orgledger.Assign:
		m.a, m.b = r.need(kindPerson, c.Person), r.need(kindPosition, c.Position)
		m.flags = assignFlags(c)
	case *orgledger.Unassign:
		m.a, m.b = r.need(kindPerson, c.Person), r.need(kindPosition, c.Position)
	case *orgledger.Retract:
		m.a = r.event(c.Event)
		for i := range r.fails {
			r.fails[i].field = "event"
		}
		return m, merged, r.fails
	}
	for i := range r.fails { // the same id asked as another kind before: the next field holding it
		fields, n := orgledger.FieldsOf(op, r.ids[i]), 0
		for _, id := range r.ids[:i] {
			if id == r.ids[i] {
				n++
			}
		}
		if len(fields) > 0 {
			r.fails[i].field = fields[min(n, len(fields)-1)]
		}
	}
	return m, merged, r.fails
}

func assignFlags(c *orgledger.Assign) uint8 {
	var f uint8
	if c.Acting {
		f |= flagActing
	}
	if c.Replace {
		f |= flagReplace
	}
	if c.Share {
		f |= flagShare
	}
	return f
}

// resolver keeps each reason an id could not be resolved, and that id, once an id and kind.
type resolver struct {
	s     *state
	hint  func(k kind, id string) string
	fails []unresolved // their fields are set once the change is resolved
	ids   []string     // the id of each of fails
	kinds []kind       // the kind it was asked as
}

func (r *resolver) fail(k kind, id, format string, args ...any) int32 {
	for i := range r.ids {
		if r.ids[i] == id && r.kinds[i] == k {
			return none
		}
	}
	r.fails, r.ids, r.kinds = append(r.fails, unresolved{reason: fmt.Sprintf(format, args...)}), append(r.ids, id), append(r.kinds, k)
	return none
}

// need resolves an id that must name a record of kind k.
func (r *resolver) need(k kind, id string) int32 {
	ref, ok := r.s.lookup(id)
	if !ok || !r.s.createdVisible(ref) {
		if r.hint != nil {
			return r.fail(k, id, "unknown %s %s%s", k, id, r.hint(k, id))
		}
		return r.fail(k, id, "unknown %s %s", k, id)
	}
	if ref.kind != k {
		return r.fail(k, id, "%s is a %s, not a %s", id, ref.kind, k)
	}
	return ref.idx
}

// maybe resolves an optional id.
func (r *resolver) maybe(k kind, id string) int32 {
	if id == "" {
		return none
	}
	return r.need(k, id)
}

// created checks that a new id is free: never used, or used only by a retracted creation of
// the same kind. It returns the record to reuse, or none.
func (r *resolver) created(k kind, id string) int32 {
	ref, ok := r.s.lookup(id)
	if !ok {
		return none
	}
	if r.s.createdVisible(ref) {
		again := ""
		if ref.kind == k && r.s.ended(ref) {
			again = createdAgain[k]
		}
		return r.fail(k, id, "id %s already exists: it is a %s created on %s%s", id, ref.kind,
			orgledger.Date(r.s.ev(r.s.createdSeq(ref)).day), again)
	}
	if ref.kind != k {
		return r.fail(k, id, "id %s was a %s (since retracted); an id is never reused for another kind", id, ref.kind)
	}
	return ref.idx
}

// ended reports whether a record of the ledger (not one a change of the changeset being
// checked created) has left or closed, as known now: an id created again as one that ended
// is a rehire or a reopening.
func (s *state) ended(r ref) bool {
	if s.createdSeq(r) > s.index.head() {
		return false
	}
	var t timeline
	switch r.kind {
	case kindPerson:
		t = s.person(r.idx).active
	case kindUnit:
		t = s.unit(r.idx).open
	default:
		t = s.position(r.idx).open
	}
	e, ok := t.last(maxPoint, math.MaxUint32)
	return ok && e.val == 0
}

// createdAgain says, of an id created again as the same kind that ended, what to do instead.
var createdAgain = map[kind]string{
	kindPerson:   "; an id is hired once: someone who left and returns is hired under a new id",
	kindPosition: "; a position closed is not opened again: create one under a new id",
	kindUnit:     "; a unit closed is not opened again: create one under a new id",
}

func (r *resolver) event(seq int64) int32 {
	if seq < 1 || seq > int64(r.s.index.head()) {
		return r.fail(0, "", "unknown event %d", seq)
	}
	return int32(seq)
}

// createdSeq returns the event that created the record.
func (s *state) createdSeq(r ref) uint32 {
	switch r.kind {
	case kindPerson:
		return s.person(r.idx).created
	case kindUnit:
		return s.unit(r.idx).created
	}
	return s.position(r.idx).created
}

// createdVisible reports whether the record's creation stands, as the ledger knows now.
func (s *state) createdVisible(r ref) bool {
	c := s.createdSeq(r)
	return c != 0 && s.ev(c).gone == 0
}

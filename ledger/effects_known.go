package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// An assign with replace records whom it steps out: the holders of the position when it was
// appended. A retraction or a backdated change recorded later (an unassign, a leaving) may
// leave some of them no longer holding it just before, as known then; history and the log tell the event as known
// at the time asked about, as they tell a leave's vacated positions: stepping out those of
// them who held it then, and under their histories only.

// replacedAsKnown returns whom the assign at seq steps out as the ledger knew it at seq known
// (a retracted one as it stood when taken back: readAt): of those it recorded, the ones who
// held the position just before it. ok is false for any event but an assign that recorded
// some.
func replacedAsKnown(s *state, seq, known uint32) (ids []string, ok bool) {
	m, v, ok := knownEvent(s, seq, known, orgledger.VerbAssign)
	recorded := s.replacedBy(seq)
	if !ok || len(recorded) == 0 {
		return nil, false
	}
	for _, p := range recorded {
		if heldBy(v, p, m.b) {
			ids = append(ids, s.person(p).id)
		}
	}
	return ids, true
}

// heldBy reports whether person holds position p at the view's place: a holding of someone
// who has left holds nothing.
func heldBy(v view, person, p int32) bool {
	held, _ := v.holds(person, p)
	return held && v.active(person)
}

// steppedOutOnRecord reports whether the event at seq is an assign that recorded person as
// stepping out, who as known at seq known did not hold the position just before it: an event
// of another's, which person's history leaves out.
func steppedOutOnRecord(s *state, person int32, seq, known uint32) bool {
	m := s.ev(seq)
	if orgledger.Verbs[m.verb] != orgledger.VerbAssign || m.a == person || !slices.Contains(s.replacedBy(seq), person) {
		return false
	}
	return !heldBy(justBefore(s, seq, known), person, m.b)
}

// A merge records the positions and child units it moves: those in (under) the units it
// merges when it was appended. A retraction recorded later (of a position's creation, say),
// or a backdated close, may leave some of them never there, or closed before; history and the
// log tell what it moved as known.

// mergedAsKnown returns the positions and child units the merge at seq moves as the ledger
// knew it at seq known: of those it recorded, the ones in (under) a unit it merges just
// before it. ok is false for any event but a merge.
func mergedAsKnown(s *state, seq, known uint32) (positions, units []string, ok bool) {
	_, v, ok := knownEvent(s, seq, known, orgledger.VerbMergeUnits)
	me := s.merge(seq)
	if !ok || me == nil {
		return nil, nil, false
	}
	for _, p := range me.positions {
		if mergedPosition(v, me, p) {
			positions = append(positions, s.position(p).id)
		}
	}
	for _, c := range me.children {
		if mergedChild(v, me, c) {
			units = append(units, s.unit(c).id)
		}
	}
	return positions, units, true
}

// mergedPosition reports whether position p is open in a unit the merge closes at the view's
// place (just before it), and so moved by it.
func mergedPosition(v view, me *mergeEffects, p int32) bool {
	return v.posOpen(p) && slices.Contains(me.units, v.unitOf(p))
}

// mergedChild reports whether unit c is open under a unit the merge closes at the view's
// place (just before it), and so moved by it.
func mergedChild(v view, me *mergeEffects, c int32) bool {
	return v.unitOpen(c) && slices.Contains(me.units, v.parentOf(c))
}

// movedOnRecord reports whether the event at seq is a merge that recorded moving position or
// child unit r, which as known at seq known was not in (under) a unit it merges just before:
// an event of others, which r's history leaves out.
func movedOnRecord(s *state, r ref, seq, known uint32) bool {
	m := s.ev(seq)
	me := s.merge(seq)
	if orgledger.Verbs[m.verb] != orgledger.VerbMergeUnits || me == nil {
		return false
	}
	v := justBefore(s, seq, known)
	switch {
	case r.kind == kindPosition && slices.Contains(me.positions, r.idx):
		return !mergedPosition(v, me, r.idx)
	case r.kind == kindUnit && slices.Contains(me.children, r.idx):
		return !mergedChild(v, me, r.idx)
	}
	return false
}

// effectsKnown is what history and the log tell of an event's effects as known at some seq,
// where that may differ from what was recorded with it: a leave's vacated positions, an
// assign's replaced holders, a merge's moved positions and units.
type effectsKnown struct {
	vacated, replaced, positions, units []string
	leave, replace, merge               bool
}

// effectsAsKnown returns the effects of the event at seq as known at seq known, ok false when
// they are the ones recorded.
func effectsAsKnown(s *state, seq, known uint32) (k effectsKnown, ok bool) {
	if k.vacated, k.leave = vacatedAsKnown(s, seq, known); k.leave {
		return k, true
	}
	if k.replaced, k.replace = replacedAsKnown(s, seq, known); k.replace {
		return k, true
	}
	k.positions, k.units, k.merge = mergedAsKnown(s, seq, known)
	return k, k.merge
}

// setOn sets an event's effects to those known.
func (k effectsKnown) setOn(e *orgledger.Event) {
	if k.leave {
		e.Effects.Vacated = k.vacated
	}
	if k.replace {
		e.Effects.Replaced = k.replaced
	}
	if k.merge {
		e.Effects.Positions, e.Effects.Units = k.positions, k.units
	}
}

// effectsRecorded reports whether an event's effects are ones history and the log tell as
// known (effectsAsKnown): a leave's, an assign's that replaced, a merge's.
func effectsRecorded(e *orgledger.Event) bool {
	switch e.Op.(type) {
	case *orgledger.Leave, *orgledger.MergeUnits:
		return true
	}
	return len(e.Effects.Replaced) > 0
}

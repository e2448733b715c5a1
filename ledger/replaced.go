package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// An assign with replace records whom it steps out: the holders of the position when it was
// appended. A retraction or a backdated change recorded later may leave some of them no
// longer holding it just before, as known then; history and the log tell the event as known
// at the time asked about, as they tell a leave's vacated positions: stepping out those of
// them who held it then, and under their histories only.

// replacedAsKnown returns whom the assign at seq steps out as the ledger knew it at seq known
// (a retracted one as it stood when taken back: readAt): of those it recorded, the ones who
// held the position just before it. ok is false for any event but an assign that recorded
// some.
func replacedAsKnown(s *state, seq, known uint32) (ids []string, ok bool) {
	if seq == 0 || seq > s.evCount() || seq > known {
		return nil, false
	}
	m := s.ev(seq)
	recorded := s.replacedBy(seq)
	if orgledger.Verbs[m.verb] != orgledger.VerbAssign || len(recorded) == 0 {
		return nil, false
	}
	v := view{s: s, at: point{m.day, seq}, known: readAt(m, known)}
	for _, p := range recorded {
		if held, _ := v.holds(p, m.b); held {
			ids = append(ids, s.person(p).id)
		}
	}
	return ids, true
}

// steppedOutOnRecord reports whether the event at seq is an assign that recorded person as
// stepping out, who as known at seq known did not hold the position just before it: an event
// of another's, which person's history leaves out.
func steppedOutOnRecord(s *state, person int32, seq, known uint32) bool {
	m := s.ev(seq)
	if orgledger.Verbs[m.verb] != orgledger.VerbAssign || m.a == person || !slices.Contains(s.replacedBy(seq), person) {
		return false
	}
	held, _ := view{s: s, at: point{m.day, seq}, known: readAt(m, known)}.holds(person, m.b)
	return !held
}

// effectsKnown is what history and the log tell of an event's effects as known at some seq,
// where that differs from what was recorded with it: a leave's vacated positions, an assign's
// replaced holders.
type effectsKnown struct {
	vacated, replaced []string
	leave, replace    bool
}

// effectsAsKnown returns the effects of the event at seq as known at seq known, ok false when
// they are the ones recorded.
func effectsAsKnown(s *state, seq, known uint32) (k effectsKnown, ok bool) {
	if k.vacated, k.leave = vacatedAsKnown(s, seq, known); k.leave {
		return k, true
	}
	k.replaced, k.replace = replacedAsKnown(s, seq, known)
	return k, k.replace
}

// setOn sets an event's effects to those known.
func (k effectsKnown) setOn(e *orgledger.Event) {
	if k.leave {
		e.Effects.Vacated = k.vacated
	}
	if k.replace {
		e.Effects.Replaced = k.replaced
	}
}

// effectsRecorded reports whether an event's effects are ones history and the log tell as
// known (effectsAsKnown): a leave's, an assign's that replaced.
func effectsRecorded(e *orgledger.Event) bool {
	_, leave := e.Op.(*orgledger.Leave)
	return leave || len(e.Effects.Replaced) > 0
}

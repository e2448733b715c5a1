package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// A leave vacates every position its person holds at that moment. Holdings are read through
// the person's active flag, so the positions vacated are whatever the person holds then as
// the ledger knows it; the event's stored effects say only what was vacated when it was
// recorded. A backdated assignment or unassignment recorded after the leave changes what it
// vacates, and history and log tell it as it is known at the time they are asked about (now,
// or a known-at: vacatedAsKnown), listing the leave under every position it vacates.

// vacatedAsKnown returns the positions the leave at seq vacates as the ledger knew it at seq
// known: those its person holds just before it (for a leave retracted by then, as it stood
// when it was taken back: readAt). ok is false when seq is no leave recorded by then.
func vacatedAsKnown(s *state, seq, known uint32) (ids []string, ok bool) {
	m, v, ok := knownEvent(s, seq, known, orgledger.VerbLeave)
	if !ok {
		return nil, false
	}
	return vacatedBy(v, m.a), true
}

// knownEvent returns the event at seq when it is one of verb recorded by seq known, with the
// view just before it as known then (for one retracted by then, as it stood when it was taken
// back: readAt).
func knownEvent(s *state, seq, known uint32, verb orgledger.Verb) (evMeta, view, bool) {
	if seq == 0 || seq > s.evCount() || seq > known || orgledger.Verbs[s.ev(seq).verb] != verb {
		return evMeta{}, view{}, false
	}
	return s.ev(seq), justBefore(s, seq, known), true
}

// justBefore returns the view just before the event at seq, as known at seq known (readAt).
func justBefore(s *state, seq, known uint32) view {
	m := s.ev(seq)
	return view{s: s, at: point{m.day, seq}, known: readAt(m, known)}
}

// standsAt reports whether an event was not yet retracted at seq known.
func standsAt(m evMeta, known uint32) bool { return m.gone == 0 || m.gone > known }

// readAt returns the seq what an event does is read as known at, asked at seq known: known
// while it stands; once retracted, just before its retraction, so that a retracted leave is
// told as it stood when it was taken back, not as it was first recorded.
func readAt(m evMeta, known uint32) uint32 {
	if standsAt(m, known) {
		return known
	}
	return m.gone - 1
}

// vacatedBy returns the positions person's leave at the view's place vacates: those they hold
// just before it.
func vacatedBy(v view, person int32) []string {
	var ids []string
	for _, h := range v.positionsOf(person) {
		ids = append(ids, v.s.position(h.position).id)
	}
	return ids
}

// leavesVacating returns the leaves that vacate position p as known at seq known (a retracted
// one as it stood when taken back: readAt): the leaves of everyone who ever held it, when they
// held it just before leaving.
func leavesVacating(s *state, p int32, known uint32) []uint32 {
	var out []uint32
	for _, h := range s.position(p).holders {
		for _, seq := range s.person(h.person).events {
			m := s.ev(seq)
			if orgledger.Verbs[m.verb] != orgledger.VerbLeave || seq > known {
				continue
			}
			v := justBefore(s, seq, known)
			if held, _ := v.holds(h.person, p); held && v.active(h.person) {
				out = append(out, seq)
			}
		}
	}
	return out
}

// eventsAsKnown returns the events history lists for record r as the ledger knew them at seq
// known: those touching it recorded by then; of a position, less a standing leave that no
// longer vacates it, plus the leaves that vacate it though they named other positions when
// they were recorded, the solid lines that took its reports away, the closes that ended its
// dotted lines and the heads set that ended its heading a unit; of a unit, plus the moves of
// positions and units out of it and the close of its head (moved_out.go); of a person, plus
// the events that changed a position they held (held_changes.go). The retraction of each, recorded by
// then, is listed too: an event listed for what it took away names other records than r,
// and so does its retraction.
func eventsAsKnown(s *state, r ref, known uint32) []uint32 {
	seqs := touching(s, r, known)
	for _, seq := range seqs {
		if gone := s.ev(seq).gone; gone != 0 && gone <= known {
			seqs = append(seqs, gone)
		}
	}
	slices.Sort(seqs)
	return slices.Compact(seqs)
}

// touching returns the events of eventsAsKnown but the retractions it adds.
func touching(s *state, r ref, known uint32) []uint32 {
	seqs := slices.DeleteFunc(slices.Clone(s.eventsOf(r)), func(seq uint32) bool { return seq > known })
	seqs = slices.DeleteFunc(seqs, func(seq uint32) bool { return movedOnRecord(s, r, seq, known) })
	if r.kind == kindUnit {
		return withMovesOut(s, r.idx, known, append(seqs, headsClosed(s, r.idx, known)...))
	}
	if r.kind == kindPerson {
		seqs = slices.DeleteFunc(seqs, func(seq uint32) bool { return steppedOutOnRecord(s, r.idx, seq, known) })
		return append(seqs, heldChanged(s, r.idx, known)...) // eventsAsKnown sorts them
	}
	if r.kind != kindPosition {
		return seqs
	}
	vacating := leavesVacating(s, r.idx, known)
	seqs = slices.DeleteFunc(seqs, func(seq uint32) bool {
		_, leave := vacatedAsKnown(s, seq, known)
		return leave && !slices.Contains(vacating, seq)
	})
	seqs = append(seqs, vacating...)
	seqs = append(seqs, linesOut(s, r.idx, known)...)
	seqs = append(seqs, dottedClosed(s, r.idx, known)...)
	seqs = append(seqs, headsReplaced(s, r.idx, known)...)
	slices.Sort(seqs)
	return slices.Compact(seqs)
}

package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// A leave vacates every position its person holds at that moment. Holdings are read through
// the person's active flag, so the positions vacated are whatever the person holds then as
// the ledger knows it now; the event's stored effects say only what was vacated when it was
// recorded. A backdated assignment or unassignment recorded after the leave changes what it
// vacates, and history and log tell it as it is known now (vacatedNow), listing the leave
// under every position it vacates.

// vacatedNow returns the positions the leave at seq vacates as the ledger knows it now: those
// its person holds just before it. ok is false when seq is no standing leave in the index.
func vacatedNow(s *state, seq uint32) (ids []string, ok bool) {
	if seq == 0 || seq > s.evCount() {
		return nil, false
	}
	m := s.ev(seq)
	if orgledger.Verbs[m.verb] != orgledger.VerbLeave || m.gone != 0 {
		return nil, false
	}
	return vacatedBy(view{s: s, at: point{m.day, seq}, known: ^uint32(0)}, m.a), true
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

// leavesVacating returns the standing leaves that vacate position p as known now: the leaves
// of everyone who ever held it, when they held it just before leaving.
func leavesVacating(s *state, p int32) []uint32 {
	var out []uint32
	for _, h := range s.position(p).holders {
		for _, seq := range s.person(h.person).events {
			m := s.ev(seq)
			if orgledger.Verbs[m.verb] != orgledger.VerbLeave || m.gone != 0 {
				continue
			}
			v := view{s: s, at: point{m.day, seq}, known: ^uint32(0)}
			if held, _ := v.holds(h.person, p); held && v.active(h.person) {
				out = append(out, seq)
			}
		}
	}
	return out
}

// eventsNow returns the events history lists for record r as the ledger knows it now: those
// touching it, less a standing leave that no longer vacates it, plus the leaves that vacate it
// though they named other positions when they were recorded.
func eventsNow(s *state, r ref) []uint32 {
	seqs := slices.Clone(s.eventsOf(r))
	if r.kind != kindPosition {
		return seqs
	}
	vacating := leavesVacating(s, r.idx)
	seqs = slices.DeleteFunc(seqs, func(seq uint32) bool {
		_, standingLeave := vacatedNow(s, seq)
		return standingLeave && !slices.Contains(vacating, seq)
	})
	for _, seq := range vacating {
		if !slices.Contains(seqs, seq) {
			seqs = append(seqs, seq)
		}
	}
	slices.Sort(seqs)
	return seqs
}

// withVacatedNow sets the vacated positions of a standing leave to those it vacates as known
// now.
func withVacatedNow(s *state, e *orgledger.Event) {
	if e.Seq <= 0 || e.Seq > int64(s.evCount()) {
		return
	}
	if ids, ok := vacatedNow(s, uint32(e.Seq)); ok {
		e.Effects.Vacated = ids
	}
}

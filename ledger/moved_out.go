package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// A move names what moves and where it goes, not where it comes from, and a close names only
// what closes: a position moved from unit A to unit B is an event of the position and of B, a
// solid line moved from position M to N an event of the position and of N, and a position
// closed in unit A an event of the position alone. The unit it leaves, and the manager, are
// found as a leave's vacated positions are, when a history is asked for: among the positions
// and child units the unit ever had (the positions that ever reported to the manager), the
// moves, closes and merges that took away those that were in it (reported to it) just before,
// as the ledger knew it at the time asked about.

// movesOut returns the events recorded by seq known that took a position or a child unit out
// of unit u: a move elsewhere, a close, a merge (a retracted one too, which history lists with
// its retraction).
func movesOut(s *state, u int32, known uint32) []uint32 {
	var out []uint32
	rec := s.unit(u)
	for _, p := range rec.positions {
		out = append(out, takenFrom(s, p, s.position(p).events, positionOut, u, known,
			func(v view) int32 { return v.unitOf(p) })...)
	}
	for _, c := range rec.units {
		out = append(out, takenFrom(s, c, s.unit(c).events, unitOut, u, known,
			func(v view) int32 { return v.parentOf(c) })...)
	}
	return out
}

// positionOut reports whether an event of position x takes it out of its unit: its move, its
// close, or a merge of its unit (which moves its positions into the unit merged into).
func positionOut(m evMeta, x int32) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbMovePosition, orgledger.VerbClosePosition:
		return m.a == x
	}
	return orgledger.Verbs[m.verb] == orgledger.VerbMergeUnits
}

// unitOut reports whether an event of unit x takes it out of its parent: its move, its close,
// or a merge that closes it or its parent (a merge names the unit merged into first, which
// stays where it is).
func unitOut(m evMeta, x int32) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbMoveUnit, orgledger.VerbCloseUnit:
		return m.a == x
	case orgledger.VerbMergeUnits:
		return m.a != x
	}
	return false
}

// lineOut reports whether an event of position x takes its solid line away from the position
// it reports to: a solid line elsewhere, or its close.
func lineOut(m evMeta, x int32) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbReport, orgledger.VerbClosePosition:
		return m.a == x
	}
	return false
}

// takenFrom returns the events of record x among seqs, recorded by seq known, that out says
// take x away, and before which in reads u. An event of another record that names x (as the
// unit it goes under, the position it reports to) is among x's events, and does not take x
// away.
func takenFrom(s *state, x int32, seqs []uint32, out func(evMeta, int32) bool, u int32, known uint32, in func(view) int32) []uint32 {
	var taken []uint32
	for _, seq := range seqs {
		m := s.ev(seq)
		if seq > known || !out(m, x) {
			continue
		}
		if in(view{s: s, at: point{m.day, seq}, known: known}) == u {
			taken = append(taken, seq)
		}
	}
	return taken
}

// linesOut returns the events recorded by seq known that took a position away from reporting
// to position p: a solid line elsewhere, a close (a retracted one too).
func linesOut(s *state, p int32, known uint32) []uint32 {
	var out []uint32
	for _, c := range s.position(p).reports {
		out = append(out, takenFrom(s, c, s.position(c).events, lineOut, p, known,
			func(v view) int32 { return v.reportsTo(c) })...)
	}
	return out
}

// dottedClosed returns the events recorded by seq known that closed a position p had a dotted
// line to just before (a retracted one too): the line ends with the close, hidden, though no
// event of p's ends it, and p's history would otherwise keep it standing.
func dottedClosed(s *state, p int32, known uint32) []uint32 {
	var out []uint32
	for _, d := range s.position(p).dotted {
		to := d.to
		out = append(out, takenFrom(s, to, s.position(to).events, closes, to, known, func(v view) int32 {
			if v.hasDotted(p, to) {
				return to
			}
			return none
		})...)
	}
	return out
}

// closes reports whether an event of position x closes it.
func closes(m evMeta, x int32) bool {
	return orgledger.Verbs[m.verb] == orgledger.VerbClosePosition && m.a == x
}

// withMovesOut adds to the events of unit u the moves out of it.
func withMovesOut(s *state, u int32, known uint32, seqs []uint32) []uint32 {
	seqs = append(seqs, movesOut(s, u, known)...)
	slices.Sort(seqs)
	return slices.Compact(seqs)
}

// A position heads a unit until a set-head of the unit names another, or the position closes:
// the first is an event of the unit and of the position it names, the second of the position
// alone. Each is found for the record it does not name as the moves out are.

// headsClosed returns the events recorded by seq known that closed the position heading unit
// u just before (a retracted one too): the unit is left without a head, though no event of
// its own says so.
func headsClosed(s *state, u int32, known uint32) []uint32 {
	var out []uint32
	for _, p := range headsEver(s.unit(u).head) {
		out = append(out, takenFrom(s, p, s.position(p).events, closes, u, known, func(v view) int32 {
			if v.ref(v.s.unit(u).head) == p {
				return u
			}
			return none
		})...)
	}
	return out
}

// headsReplaced returns the events recorded by seq known that made another position the head
// of a unit position p headed just before (a retracted one too).
func headsReplaced(s *state, p int32, known uint32) []uint32 {
	var out []uint32
	for _, u := range s.position(p).heads {
		out = append(out, takenFrom(s, u, s.unit(u).events, headedByAnother(p), p, known,
			func(v view) int32 { return v.ref(v.s.unit(u).head) })...)
	}
	return out
}

// headedByAnother reports whether an event of unit x makes a position other than p its head.
func headedByAnother(p int32) func(evMeta, int32) bool {
	return func(m evMeta, x int32) bool {
		return orgledger.Verbs[m.verb] == orgledger.VerbSetHead && m.a == x && m.b != p
	}
}

// headsEver returns the positions a unit's head timeline ever names, once each.
func headsEver(t timeline) []int32 {
	var out []int32
	for _, e := range t {
		if e.val != none && !slices.Contains(out, e.val) {
			out = append(out, e.val)
		}
	}
	return out
}

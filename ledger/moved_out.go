package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// A move names what moves and where it goes, not where it comes from: a position moved from
// unit A to unit B is an event of the position and of B, and a solid line moved from position
// M to N an event of the position and of N. The unit it leaves, and the manager, are found as
// a leave's vacated positions are, when a history is asked for: among the positions and child
// units the unit ever had (the positions that ever reported to the manager), the moves of
// those that were in it (reported to it) just before they moved, as the ledger knew it at the
// time asked about.

// movesOut returns the moves recorded by seq known that took a position or a child unit out
// of unit u (a retracted one too, which history lists with its retraction).
func movesOut(s *state, u int32, known uint32) []uint32 {
	var out []uint32
	rec := s.unit(u)
	for _, p := range rec.positions {
		out = append(out, movedFrom(s, p, s.position(p).events, orgledger.VerbMovePosition, u, known,
			func(v view) int32 { return v.unitOf(p) })...)
	}
	for _, c := range rec.units {
		out = append(out, movedFrom(s, c, s.unit(c).events, orgledger.VerbMoveUnit, u, known,
			func(v view) int32 { return v.parentOf(c) })...)
	}
	return out
}

// movedFrom returns the moves of record x among its events seqs, of the verb, recorded by seq
// known, before which in reads u. A move of another record that names x (as the unit it goes
// under, the position it reports to) is among x's events, and is not x's move.
func movedFrom(s *state, x int32, seqs []uint32, verb orgledger.Verb, u int32, known uint32, in func(view) int32) []uint32 {
	var out []uint32
	for _, seq := range seqs {
		m := s.ev(seq)
		if seq > known || orgledger.Verbs[m.verb] != verb || m.a != x {
			continue
		}
		if in(view{s: s, at: point{m.day, seq}, known: known}) == u {
			out = append(out, seq)
		}
	}
	return out
}

// linesOut returns the solid lines recorded by seq known that took a position away from
// reporting to position p (a retracted one too).
func linesOut(s *state, p int32, known uint32) []uint32 {
	var out []uint32
	for _, c := range s.position(p).reports {
		out = append(out, movedFrom(s, c, s.position(c).events, orgledger.VerbReport, p, known,
			func(v view) int32 { return v.reportsTo(c) })...)
	}
	return out
}

// withMovesOut adds to the events of unit u the moves out of it.
func withMovesOut(s *state, u int32, known uint32, seqs []uint32) []uint32 {
	seqs = append(seqs, movesOut(s, u, known)...)
	slices.Sort(seqs)
	return slices.Compact(seqs)
}

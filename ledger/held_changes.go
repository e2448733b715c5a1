package ledger

import "github.com/orgledger/orgledger"

// A person's row (an HRIS export's, show's) tells the title, the manager and the unit of the
// positions they hold, which events of those positions change: a retitle, a solid or dotted
// line drawn elsewhere, a move to another unit. Each is an event of the position alone, found
// for the person as the moves out of a unit are found for the unit (moved_out.go).

// heldChanged returns the events recorded by seq known that changed a position person held
// just before them (a retracted one too): its title, its lines, its unit (a merge too).
func heldChanged(s *state, person int32, known uint32) []uint32 {
	var out []uint32
	for _, p := range s.person(person).positions {
		out = append(out, takenFrom(s, p, s.position(p).events, changesHeld, person, known, func(v view) int32 {
			if held, _ := v.holds(person, p); held && v.active(person) {
				return person
			}
			return none
		})...)
	}
	return out
}

// changesHeld reports whether an event of position p changes what its holders' rows show: its
// own retitle, lines and move, or a merge of its unit (which moves it into the unit merged
// into, as positionOut has it).
func changesHeld(m evMeta, p int32) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbRetitle, orgledger.VerbReport, orgledger.VerbMovePosition, orgledger.VerbDotted, orgledger.VerbUndotted:
		return m.a == p
	}
	return orgledger.Verbs[m.verb] == orgledger.VerbMergeUnits
}

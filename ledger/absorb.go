package ledger

import "maps"

// absorb makes the index what replaying the overlay's events into it would make it: the
// records the overlay changed take the place of the index's, the records it made are added,
// and so are its strings, events, merges, replaced holders and the latest points of solid
// lines and unit parents it set. The overlay must have been built on this index with nothing
// written to the index since (the ledger's write lock sees to it), and is not used again.
//
// A commit is made visible this way instead of by replaying its events: the overlay that
// validated them already holds what they do, and readers wait a fraction of the time.
func (x *index) absorb(ov *overlay) {
	for i, p := range ov.people {
		x.people[i] = p
	}
	for i, u := range ov.units {
		x.units[i] = u
	}
	for i, p := range ov.positions {
		x.positions[i] = p
	}
	people, units, positions := len(x.people), len(x.units), len(x.positions)
	for _, p := range ov.newPos {
		x.appendPosition(p)
	}
	x.people = append(x.people, ov.newPeople...)
	x.units = append(x.units, ov.newUnits...)
	x.absorbIDs(people, units, positions)
	x.strs = append(x.strs, ov.strs...)
	maps.Copy(x.strIdx, ov.strIdx)
	for seq, by := range ov.gone {
		x.evs[seq-1].gone = by
	}
	x.evs = append(x.evs, ov.evs...)
	maps.Copy(x.merges, ov.merges)
	maps.Copy(x.replaced, ov.replaced)
	x.maxLine, x.maxParent = later(x.maxLine, ov.maxLine), later(x.maxParent, ov.maxParent)
}

// absorbIDs adds the ids of the records from the given counts on, the table grown once for
// all of them.
func (x *index) absorbIDs(people, units, positions int) {
	x.reserveIDs(len(x.people) - people + len(x.units) - units + len(x.positions) - positions)
	for i := people; i < len(x.people); i++ {
		x.putID(x.people[i].id, ref{kindPerson, int32(i)})
	}
	for i := units; i < len(x.units); i++ {
		x.putID(x.units[i].id, ref{kindUnit, int32(i)})
	}
	for i := positions; i < len(x.positions); i++ {
		x.putID(x.positions[i].id, ref{kindPosition, int32(i)})
	}
}

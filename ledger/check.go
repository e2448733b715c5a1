package ledger

import (
	"fmt"
	"math"
	"strings"

	"github.com/orgledger/orgledger"
)

// checker holds the rules a change must keep: it is asked about an event at its own place in
// effective order, against everything the ledger (with the changeset being validated) knows.
// The same rules run for a new change and, again, for an existing event that a backdated change
// or a retraction lands before; again is set in the second case, where the event's stored
// effects must still describe the org.
type checker struct {
	s     *state
	again bool
	// fault, when set, is where a refusal puts the record whose state refused the event (a
	// person not active, a unit not open), for checkAgain to find the change that did it.
	fault *ref
}

// faultOn records the record whose state refused the event, and returns the reason. The
// checks of an event are all made (first picks the reason), so the first refusal's record
// is kept: the one whose reason first gives.
func (c checker) faultOn(k kind, idx int32, reason string) string {
	if c.fault != nil && *c.fault == (ref{}) {
		*c.fault = ref{k, idx}
	}
	return reason
}

// check returns why the event cannot stand at its place, or "".
func (c checker) check(m evMeta, seq uint32) string {
	v := view{s: c.s, at: point{m.day, seq}, known: math.MaxUint32}
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbHire:
		return ""
	case orgledger.VerbLeave, orgledger.VerbUpdatePerson:
		return c.activePerson(v, m.a)
	case orgledger.VerbCreateUnit:
		return c.openUnitIf(v, m.b)
	case orgledger.VerbRenameUnit:
		return c.openUnit(v, m.a)
	case orgledger.VerbMoveUnit:
		return first(c.openUnit(v, m.a), c.openUnitIf(v, m.b), c.unitCycle(v, m.a, m.b))
	case orgledger.VerbMergeUnits:
		return c.merge(v, m, seq)
	case orgledger.VerbCloseUnit:
		return first(c.openUnit(v, m.a), c.unitEmpty(v, m.a))
	case orgledger.VerbSetHead:
		return first(c.openUnit(v, m.a), c.openPos(v, m.b))
	case orgledger.VerbCreatePosition:
		return first(c.openUnit(v, m.b), c.openPosIf(v, m.c))
	case orgledger.VerbRetitle, orgledger.VerbMovePosition:
		return first(c.openPos(v, m.a), c.openUnitIf(v, m.b))
	case orgledger.VerbReport:
		return first(c.openPos(v, m.a), c.openPosIf(v, m.b), c.lineCycle(v, m.a, m.b))
	case orgledger.VerbDotted:
		return first(c.openPos(v, m.a), c.openPos(v, m.b), c.noDotted(v, m.a, m.b))
	case orgledger.VerbUndotted:
		return first(c.openPos(v, m.a), c.isDotted(v, m.a, m.b))
	case orgledger.VerbClosePosition:
		return first(c.openPos(v, m.a), c.posEmpty(v, m.a))
	case orgledger.VerbAssign:
		return first(c.activePerson(v, m.a), c.openPos(v, m.b), c.assign(v, m, seq))
	case orgledger.VerbUnassign:
		return first(c.activePerson(v, m.a), c.isHolder(v, m.a, m.b))
	case orgledger.VerbRetract:
		return c.retract(m)
	}
	return "unknown verb"
}

func first(reasons ...string) string {
	for _, r := range reasons {
		if r != "" {
			return r
		}
	}
	return ""
}

func day(p point) orgledger.Date { return orgledger.Date(p.day) }

func (c checker) activePerson(v view, p int32) string {
	if v.active(p) {
		return ""
	}
	rec := v.s.person(p)
	reason := fmt.Sprintf("person %s is not active on %s", rec.id, day(v.at))
	if e, ok := rec.active.last(v.at, v.known); ok && e.val == 0 {
		reason += fmt.Sprintf(": they left on %s", orgledger.Date(e.day))
	} else if e, ok := rec.active.next(v.at, v.known); ok && e.val != 0 {
		reason += fmt.Sprintf(": they are hired on %s", orgledger.Date(e.day))
	} else {
		reason += ": no hire of theirs stands (it was retracted)"
	}
	return c.faultOn(kindPerson, p, reason)
}

func (c checker) openUnit(v view, u int32) string {
	if v.unitOpen(u) {
		return ""
	}
	rec := v.s.unit(u)
	return c.faultOn(kindUnit, u, notOpen("unit", rec.id, rec.open, v))
}

func (c checker) openUnitIf(v view, u int32) string {
	if u == none {
		return ""
	}
	return c.openUnit(v, u)
}

func (c checker) openPos(v view, p int32) string {
	if v.posOpen(p) {
		return ""
	}
	rec := v.s.position(p)
	return c.faultOn(kindPosition, p, notOpen("position", rec.id, rec.open, v))
}

func (c checker) openPosIf(v view, p int32) string {
	if p == none {
		return ""
	}
	return c.openPos(v, p)
}

// notOpen says why a unit or position is not open at the view's place.
func notOpen(what, id string, open timeline, v view) string {
	if e, ok := open.last(v.at, v.known); ok && e.val == 0 {
		return fmt.Sprintf("%s %s is not open on %s: it closed on %s", what, id, day(v.at), orgledger.Date(e.day))
	}
	if e, ok := open.next(v.at, v.known); ok && e.val == 1 {
		return fmt.Sprintf("%s %s is not open on %s: it opens on %s", what, id, day(v.at), orgledger.Date(e.day))
	}
	return fmt.Sprintf("%s %s is not open on %s", what, id, day(v.at))
}

func (c checker) lineCycle(v view, p, to int32) string {
	if to == none {
		return ""
	}
	path, ok := v.lineReaches(to, p)
	if !ok {
		return ""
	}
	names := []string{v.s.position(p).id}
	for _, q := range path {
		names = append(names, v.s.position(q).id)
	}
	names = append(names, v.s.position(p).id)
	return "the solid line would make a cycle: " + orgledger.JoinPath(names) +
		recordedLines(v, path, func(q int32) (timeline, string) { pos := v.s.position(q); return pos.reportsTo, pos.id }, v.reportsTo)
}

func (c checker) unitCycle(v view, u, parent int32) string {
	path, ok := v.parentReaches(parent, u)
	if !ok {
		return ""
	}
	names := []string{v.s.unit(u).id}
	for _, q := range path {
		names = append(names, v.s.unit(q).id)
	}
	names = append(names, v.s.unit(u).id)
	return "the unit parents would make a cycle: " + orgledger.JoinPath(names) +
		recordedLines(v, path, func(q int32) (timeline, string) { unit := v.s.unit(q); return unit.parent, unit.id }, v.parentOf)
}

// recordedLines names, of the lines up a cycle's path (each from a record of path to the one
// next above it), those the ledger records already, each by the event that set it, as known
// to the view: a cycle made with lines another person or plan recorded is told with the
// events to look up (found by QA: a plan refused for the cycle it made with another's named
// neither). line gives a record's line timeline and id; up the record above it. "" when all
// of them are the changeset's own.
func recordedLines(v view, path []int32, line func(int32) (timeline, string), up func(int32) int32) string {
	var out []string
	for _, q := range path {
		t, id := line(q)
		e, ok := t.last(v.at, v.known)
		if !ok || int(e.seq) > len(v.s.evs) {
			continue // the changeset's own
		}
		_, above := line(up(q))
		out = append(out, fmt.Sprintf("%s → %s by event %d", id, above, e.seq))
	}
	if len(out) == 0 {
		return ""
	}
	return " (recorded: " + strings.Join(out, ", ") + ")"
}

func (c checker) noDotted(v view, p, to int32) string {
	if v.hasDotted(p, to) {
		return fmt.Sprintf("position %s already has a dotted line to %s", v.s.position(p).id, v.s.position(to).id)
	}
	return ""
}

func (c checker) isDotted(v view, p, to int32) string {
	if !v.hasDotted(p, to) {
		return fmt.Sprintf("position %s has no dotted line to %s on %s", v.s.position(p).id, v.s.position(to).id, day(v.at))
	}
	return ""
}

func (c checker) isHolder(v view, person, p int32) string {
	if ok, _ := v.holds(person, p); !ok {
		return fmt.Sprintf("person %s does not hold position %s on %s", v.s.person(person).id, v.s.position(p).id, day(v.at))
	}
	return ""
}

// unitEmpty refuses to close a unit that something still hangs from.
func (c checker) unitEmpty(v view, u int32) string {
	id := v.s.unit(u).id
	if ps := v.unitPositions(u); len(ps) > 0 {
		return c.faultOn(kindUnit, u, fmt.Sprintf("unit %s still has open positions: %s", id, listIDs(v.s, kindPosition, ps)))
	}
	if us := v.childUnits(u); len(us) > 0 {
		return c.faultOn(kindUnit, u, fmt.Sprintf("unit %s still has open child units: %s", id, listIDs(v.s, kindUnit, us)))
	}
	return ""
}

// posEmpty refuses to close a position that is held or that others report to.
func (c checker) posEmpty(v view, p int32) string {
	id := v.s.position(p).id
	if hs := v.holders(p); len(hs) > 0 {
		people := make([]int32, len(hs))
		for i, h := range hs {
			people[i] = h.person
		}
		return c.faultOn(kindPosition, p, fmt.Sprintf("position %s is still held by %s", id, listIDs(v.s, kindPerson, people)))
	}
	if cs := v.children(p); len(cs) > 0 {
		return c.faultOn(kindPosition, p, fmt.Sprintf("positions still report to %s: %s", id, listIDs(v.s, kindPosition, cs)))
	}
	return ""
}

// listIDs names up to five records, and how many more there are.
func listIDs(s *state, k kind, xs []int32) string {
	var names []string
	for i, x := range xs {
		if i == 5 {
			names = append(names, fmt.Sprintf("and %d more", len(xs)-5))
			break
		}
		switch k {
		case kindPerson:
			names = append(names, s.person(x).id)
		case kindUnit:
			names = append(names, s.unit(x).id)
		default:
			names = append(names, s.position(x).id)
		}
	}
	return strings.Join(names, ", ")
}

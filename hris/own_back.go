package hris

import (
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// takeOwnBack gives a person who holds no position, and whose row gives them one, back the
// position of their own they gave up, as the import does for a department that empties and
// comes back (closedEarlier): left open, vacant, until this date (openLater), or closed by an
// earlier import, its close retracted, so that it stayed open, vacant, in between. The person
// then holds the same position on both sides of the gap, and diff across it names no one
// whose row is the same; a new position would name them, and everyone reporting to them, as
// moved. It reports whether it did: one closed in a unit closed since that the rows do not
// name again, or whose line points at a position closed since, is not taken back, and the row
// gets a new one; one in another unit than the row's moves to it.
func (p *planner) takeOwnBack(row *Row) bool {
	pos, was, closed, ok := p.ownGivenUp(row.ID)
	if !ok || closed.Seq != 0 && !p.units.openThrough(was.Unit.ID) || !p.openThrough(lineOf(was)) {
		return false
	}
	unit := p.units.of(row)
	if closed.Seq != 0 {
		p.retractFor(row.Line, closed, "the HRIS export of "+p.at.String()+" gives "+row.ID+" a position again: "+pos+
			" stayed open, vacant, from "+closed.Effective.String())
	}
	if was.Title != row.Title {
		p.add(row.Line, &orgledger.Retitle{Position: pos, Title: row.Title})
	}
	if was.Unit.ID != unit {
		p.add(row.Line, &orgledger.MovePosition{Position: pos, Unit: unit})
		p.movedOut[pos] = true
	}
	if to := p.managerPosition(row); lineOf(was) != to {
		p.add(row.Line, &orgledger.Report{Position: pos, To: to})
		p.lines[pos] = to
	}
	p.add(row.Line, &orgledger.Assign{Person: row.ID, Position: pos})
	p.newPos[row.ID], p.newPosIDs[pos] = pos, true // those reporting to them report to it
	p.takenBack[pos] = true
	return true
}

// reportsOfTakenBack has the positions that report to one taken back (takeOwnBack) report
// where their holders' rows say, where the plan left their lines as they were: compared with a
// row while the position was vacant, the line showed the manager above it, or none, and held
// again, it would show its holder. So do the held positions under a vacant one that reports
// to it, whose rows showed the same manager (found by a review: only its direct reports).
func (p *planner) reportsOfTakenBack() {
	for _, pos := range sortedKeys(p.takenBack) {
		p.reportsUnder(pos, pos, map[string]bool{pos: true})
	}
}

// reportsUnder has each held position reporting to under, or to a vacant position under it,
// report where its holder's row says, when that is not the position taken back.
func (p *planner) reportsUnder(under, takenBack string, seen map[string]bool) {
	for _, r := range p.reportsOf(under) {
		if seen[r] {
			continue
		}
		seen[r] = true
		if _, moved := p.lines[r]; moved {
			continue
		}
		row := p.rowHolding(r)
		if row == nil {
			p.reportsUnder(r, takenBack, seen)
			continue
		}
		if to := p.managerPosition(row); to != takenBack {
			p.add(row.Line, &orgledger.Report{Position: r, To: to})
			p.lines[r] = to
		}
	}
}

// rowHolding returns the row of the first holder of position pos who holds it still once the
// file is imported, nil for none.
func (p *planner) rowHolding(pos string) *Row {
	if info := p.positionInfo(pos); info != nil {
		for _, h := range info.Holders {
			if p.holdsStill(h.ID) && p.cur[h.ID].Position == pos {
				return p.rows[h.ID]
			}
		}
	}
	return nil
}

// ownGivenUp returns a position of the person's own that they held and gave up, as it was
// when they last could hold it: open and vacant on the planner's date, or closed before it by
// an import (closed, its close). Of several, the last the person's record names.
func (p *planner) ownGivenUp(person string) (pos string, was *orgledger.PositionInfo, closed ledger.EventRef, ok bool) {
	rec, known := p.org.Record(person)
	if !known {
		return "", nil, ledger.EventRef{}, false
	}
	for _, id := range positionsHeld(rec) {
		if !ownedBy(person, id) {
			continue
		}
		if info, e, given := p.givenUp(id); given {
			pos, was, closed, ok = id, info, e, true
		}
	}
	return pos, was, closed, ok
}

// givenUp returns position pos as it was on the last day it was held, if it is open and
// vacant on the planner's date (a close after it, with its holder's leaving, aside), or was
// closed before it by an import (its close, e); the org is not asked to reopen a position
// closed by hand, or on this date (a corrected export, which is recorded in place of the first
// instead: undoesImport), or one that changed on the day it closed (changedOnClosing).
func (p *planner) givenUp(pos string) (info *orgledger.PositionInfo, e ledger.EventRef, ok bool) {
	rec, known := p.org.Record(pos)
	if !known || rec.Kind != "position" {
		return nil, e, false
	}
	if close, closed := own(rec, orgledger.VerbClosePosition); closed && close.Effective <= p.at {
		if !close.Imported || close.Effective == p.at || changedOnClosing(rec, close) {
			return nil, e, false
		}
		info = p.positionOn(pos, close.Effective.AddDays(-1)) // its holder gave it up on the day it closed
		return info, close, info != nil
	}
	info = p.positionOn(pos, p.at)
	return info, e, info != nil && len(info.Holders) == 0
}

// changedOnClosing reports whether the position changed on the day it closed, but for its
// holder giving it up: moved, retitled or reporting elsewhere (a corrected export recorded on
// top of the first), it was not on the day before as it closed, which is how it would be
// taken back. A retraction then is no change of it: the date recorded again, on top of a late
// export, retracts the close it records anew; nor is an assignment, which, the position
// closing, its unassignment that day undoes (a correction that has its holder give up the
// position the first export gave them back).
func changedOnClosing(rec ledger.Record, close ledger.EventRef) bool {
	for _, e := range rec.Events {
		own := len(e.IDs) > 0 && e.IDs[0] == rec.ID && e.Verb != orgledger.VerbRetract
		if !e.Retracted && e.Effective == close.Effective && e.Seq != close.Seq && own {
			return true
		}
	}
	return false
}

// positionOn returns position pos as the org has it on day, nil when it is not open then.
func (p *planner) positionOn(pos string, day orgledger.Date) *orgledger.PositionInfo {
	return openPosition(p.org, pos, day)
}

// openPosition returns position pos as o has it on day, nil when it is not open then.
func openPosition(o org, pos string, day orgledger.Date) *orgledger.PositionInfo {
	v, err := o.Show(pos, ledger.Query{At: day})
	if info, ok := v.(*orgledger.PositionInfo); err == nil && ok && info.Open {
		return info
	}
	return nil
}

// openThrough reports whether position pos, the line of a position taken back, is open on the
// planner's date, or is none: open when the position taken back was last held, and now, it
// stayed open in between (ids are never created twice). A position this plan takes back, its
// holder's row above in the tree, is open then too (a manager who gave up theirs with them).
func (p *planner) openThrough(pos string) bool {
	return pos == "" || p.takenBack[pos] || p.positionOn(pos, p.at) != nil
}

// openThrough reports whether unit id, that of a position taken back, is open on the
// planner's date, or is named again by the rows, its close retracted (closedEarlier): open
// when the position was last held, and now, it stayed open in between, and the position can
// stay open in it, vacant, through the gap, to move to the row's unit.
func (u *unitPlan) openThrough(id string) bool {
	_, open := u.open[id]
	return open || u.back[id]
}

// openLater reports whether position pos is open on a later imported date, before this
// import: the imports of those dates decided when it closes, so a person who gives it up now
// leaves it open, vacant, until then, as a department that empties (usedLater), and takes it
// back there (takeOwnBack).
func (p *planner) openLater(pos string) bool {
	return slices.ContainsFunc(p.laterImports, func(d orgledger.Date) bool { return openPosition(p.before, pos, d) != nil })
}

// openEarlier retracts the opening of the person's own position (PositionID) by the import of
// a later date, with their taking it then, so that the position a late export gives them is
// that one (ownPosition finds its id free), as a department a later import opened is
// (openedLater): the person holds one position on both sides, and diff across the dates names
// no one whose row is the same. The later dates, recorded again, have them keep it or give
// it up.
func (p *planner) openEarlier(row *Row) {
	pos := PositionID(row.ID)
	rec, ok := p.org.Record(pos)
	if !ok {
		return
	}
	create, ok := own(rec, orgledger.VerbCreatePosition)
	if !ok || !create.Imported || create.Effective <= p.at || !slices.Contains(p.laterImports, create.Effective) {
		return
	}
	p.retract(row.Line, create, "opened earlier, on "+p.at.String())
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbAssign && !e.Retracted && e.Effective == create.Effective && slices.Contains(e.IDs, row.ID) {
			p.retract(row.Line, e, "assigned earlier, on "+p.at.String())
		}
	}
}

package hris

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/orgledger/orgledger"
)

// update records what changed for a person active on the date: details, title, department
// and manager.
func (p *planner) update(row *Row) {
	c := p.cur[row.ID]
	p.details(row, c)
	pos := c.Position
	switch {
	case pos == "" && row.Positionless():
		return
	case row.Positionless(): // they give up their position, closed once free if it was their own
		p.add(row.Line, &orgledger.Unassign{Person: row.ID, Position: pos})
		if ownedBy(row.ID, pos) && !p.openLater(pos) {
			p.vacated[pos] = true
		}
		return
	}
	if pos == "" && p.takeOwnBack(row) {
		return
	}
	if pos == "" { // active but holding nothing: give them a position of their own
		p.openEarlier(row)
		pos = p.ownPosition(row.ID)
		p.add(row.Line, &orgledger.CreatePosition{ID: pos, Title: row.Title, Unit: p.units.of(row), ReportsTo: p.managerPosition(row)})
		p.add(row.Line, &orgledger.Assign{Person: row.ID, Position: pos})
		return
	}
	to, unit := p.managerPosition(row), p.units.of(row)
	_, managerMoved := p.newPos[row.Manager]
	if c.Title == row.Title && c.Unit == unit && c.ManagerID == row.Manager && !managerMoved && p.underReopened[pos] == "" {
		return // the row as the org has it: the position is not looked up
	}
	info := p.positionInfo(pos)
	moves := p.moves(c, row, info, to)
	if c.Title == row.Title && c.Unit == unit && !moves {
		return
	}
	switch sharing := p.sharing(info, row, to); {
	case sharing == shareAlone:
		p.splitOff(row, pos, to, unit)
		return
	case sharing == shareAlike && p.changedShared[pos]:
		return // another holder's row changed it already
	}
	p.changedShared[pos] = true
	if c.Title != row.Title {
		p.add(row.Line, &orgledger.Retitle{Position: pos, Title: row.Title})
	}
	if c.Unit != unit {
		p.add(row.Line, &orgledger.MovePosition{Position: pos, Unit: unit})
		p.movedOut[pos] = true
	}
	if moves {
		p.add(row.Line, &orgledger.Report{Position: pos, To: to})
		p.lines[pos] = to
	}
}

// moves reports whether a row's manager asks for a new solid line from the person's position
// (info) to to, the manager's position. It does not when the manager is the one the org shows,
// nor when the row's manager and the one shown hold one position, which pos reports to
// directly or through vacancies: an export shows the first of its holders, and the line
// stands as it is.
//
// A line to a kept leaver's position that the plan closes again (reopen) moves all the same,
// to the row's manager: the export shows through that vacancy the manager it reports to, but
// the position cannot close while pos reports to it.
func (p *planner) moves(c orgledger.Employee, row *Row, info *orgledger.PositionInfo, to string) bool {
	if pos, moved := p.newPos[row.Manager]; moved {
		return lineOf(info) != pos // a position of their own this import, new or taken back (takeOwnBack)
	}
	if reopened := p.underReopened[c.Position]; reopened != "" && lineOf(info) == reopened {
		return to != reopened
	}
	if c.ManagerID == row.Manager || to == lineOf(info) {
		return false
	}
	return c.ManagerID == "" || p.positionOf(c.ManagerID) != to
}

// How the holders of a position share a row's change of it (planner.sharing).
const (
	shareNone  = iota // nobody else in the file holds it as the position their row shows
	shareAlike        // others do, and their rows change it the same way
	shareAlone        // others do, and their rows do not change it so
)

// sharing tells whether the position a row changes (info) is also the position the rows of
// others in the file show (a position shared by hand), and whether their rows agree with the
// change.
func (p *planner) sharing(info *orgledger.PositionInfo, row *Row, to string) int {
	if info == nil {
		return shareNone
	}
	if to == info.ID {
		return shareAlone // the row's manager holds the same position: it cannot report to itself
	}
	sharing := shareNone
	for _, h := range info.Holders {
		other := p.rows[h.ID]
		if h.ID == row.ID || !p.holdsStill(h.ID) || p.cur[h.ID].Position != info.ID {
			continue // not another holder the position's change would reach
		}
		if other.Title != row.Title || p.units.of(other) != p.units.of(row) || p.managerPosition(other) != to {
			return shareAlone
		}
		sharing = shareAlike
	}
	return sharing
}

// showManager gives a row's manager a position of their own when the one they hold is shared
// with others an export names first (the first id of its holders is the manager it shows of
// whoever reports to it): the row names this one, and its person can then report to them
// (having split off themselves, if they hold it too).
func (p *planner) showManager(row *Row) {
	m := row.Manager
	if _, own := p.newPos[m]; m == "" || own || p.cur[row.ID].ManagerID == m {
		return // no manager, one with a position of their own, or the one shown already
	}
	pos := p.cur[m].Position
	info := p.positionInfo(pos)
	if pos == "" || info == nil {
		return
	}
	for _, h := range info.Holders {
		if h.ID < m && h.ID != row.ID && p.holdsStill(h.ID) {
			mrow := p.rows[m]
			p.splitOff(mrow, pos, p.managerPosition(mrow), p.units.of(mrow))
			return
		}
	}
}

// holdsStill reports whether a holder of a position on the planner's date holds it once the
// file is imported: they are in the file, and have not split off into a position of their own.
func (p *planner) holdsStill(id string) bool {
	_, inFile := p.rows[id]
	_, splitOff := p.newPos[id]
	return inFile && !splitOff
}

// positionInfo returns position pos as the org has it on the planner's date, nil for none.
func (p *planner) positionInfo(pos string) *orgledger.PositionInfo {
	v, err := p.org.Show(pos, p.query())
	if err != nil {
		return nil
	}
	info, _ := v.(*orgledger.PositionInfo)
	return info
}

// lineOf returns the position a position reports to, "" for none.
func lineOf(info *orgledger.PositionInfo) string {
	if info == nil || info.ReportsTo == nil {
		return ""
	}
	return info.ReportsTo.ID
}

// splitOff gives a person whose row changes a position others hold too a position of their
// own, as the row has it (acting, if they acted in the shared one), and leaves the shared one
// to the others. An export shows, of a person's positions, one held for good before one acted
// in, then the one held longest (orgledger.ShownFirst): one who holds another that the new
// one, held from the file's date, would not come before (all but one they act in, where the
// new one is not) is refused, since the file's row could not be theirs.
func (p *planner) splitOff(row *Row, shared, to, unit string) {
	v, _ := p.org.Show(row.ID, p.query())
	person, _ := v.(*orgledger.PersonInfo)
	if person == nil { // update reads only people active on the date
		p.fail(row.Line, "employee %s is not in the org on %s", row.ID, p.at)
		return
	}
	pos := p.ownPosition(row.ID)
	i := slices.IndexFunc(person.Positions, func(h orgledger.HeldPosition) bool { return h.ID == shared })
	acting := i >= 0 && person.Positions[i].Acting // found first: the positions are in no order of this
	for _, h := range person.Positions {
		if h.ID != shared && (!h.Acting || acting) {
			p.fail(row.Line, "employee %s holds position %s, shared with others whose rows differ, and %s besides, which an export would show in place of a position of their own: change them with a changeset",
				row.ID, shared, h.ID)
			return
		}
	}
	p.add(row.Line, &orgledger.Unassign{Person: row.ID, Position: shared})
	p.add(row.Line, &orgledger.CreatePosition{ID: pos, Title: row.Title, Unit: unit, ReportsTo: to})
	p.add(row.Line, &orgledger.Assign{Person: row.ID, Position: pos, Acting: acting})
}

// details records a changed name, email, location or start date.
func (p *planner) details(row *Row, c orgledger.Employee) {
	u := &orgledger.UpdatePerson{Person: row.ID}
	changed := false
	set := func(dst **string, before, after string, has bool) {
		if has && before != after {
			v := after
			*dst, changed = &v, true
		}
	}
	set(&u.Name, c.Name, row.Name, true)
	set(&u.Email, c.Email, row.Email, p.has.email)
	set(&u.Location, c.Location, row.Location, p.has.location)
	if p.has.startDate && c.StartDate != row.StartDate {
		u.Attrs, changed = map[string]string{"start_date": row.StartDate}, true
	}
	if changed {
		p.add(row.Line, u)
	}
}

// leavers records the leaving of everyone active on the date who is not in the rows, and
// closes their positions once nothing reports to them.
func (p *planner) leavers() {
	var gone []string
	for id := range p.cur {
		if _, ok := p.rows[id]; !ok {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	if !p.allowMassLeaving && massLeaving(len(gone), len(p.cur)) {
		p.fail(0, "%s", p.cutShortProblem(gone))
		return
	}
	closing := maps.Clone(p.vacated) // the positions of people who gave theirs up close as leavers' do
	for _, id := range gone {
		p.moveLeaveEarlier(id)
		p.add(0, &orgledger.Leave{Person: id, Reason: "not in the HRIS export of " + p.at.String()})
		if pos := p.cur[id].Position; ownedBy(id, pos) {
			closing[pos] = true
		}
	}
	p.closePositions(closing)
}

// cutShortProblem says why a file that leaves out most of the org is refused, and what
// importing it all the same records: those people leaving, or, for a corrected export, which
// is then recorded in place of the first (importChanges), the hires that the first recorded
// taken back, as the export of that date no longer lists them, and only the others leaving.
func (p *planner) cutShortProblem(gone []string) string {
	hiredThen := 0
	if p.corrects {
		for _, id := range gone {
			if p.hiredByImportOn(id) {
				hiredThen++
			}
		}
	}
	const allow = "import it allowing mass leaving (import --allow-mass-leaving; allow_mass_leaving=true over HTTP)"
	missing := fmt.Sprintf("%d of the %d people in the org on %s are not in this export", len(gone), len(p.cur), p.at)
	const corrected = ", which corrects the one imported for that date: "
	switch hiredThen {
	case 0:
		return missing + ", and would be recorded leaving: is the file whole? If they did leave, " + allow
	case len(gone):
		return missing + corrected + "their hires, which that one recorded, would be taken back, as if it had never listed them: is the file whole? If it listed them by mistake, " + allow
	}
	return missing + corrected + fmt.Sprintf("the hires of %d, which that one recorded, would be taken back, as if it had never listed them, and %d would be recorded leaving: is the file whole? If so, %s",
		hiredThen, len(gone)-hiredThen, allow)
}

// hiredByImportOn reports whether an import hired the person on the planner's date.
func (p *planner) hiredByImportOn(id string) bool {
	rec, ok := p.org.Record(id)
	if !ok {
		return false
	}
	hire, hired := own(rec, orgledger.VerbHire)
	return hired && hire.Imported && hire.Effective == p.at
}

// massLeaving reports whether n of an org of size leaving at once looks more like an export cut
// short (a spreadsheet's first rows, a filter left on) than like what happened: more than half
// of the org, and five people or more.
func massLeaving(n, size int) bool { return n >= 5 && 2*n > size }

// moveLeaveEarlier retracts a leaving recorded for a later date, and the closing of the
// leaver's position then: the late export shows they had left by this date.
func (p *planner) moveLeaveEarlier(id string) {
	if p.next() != 0 && p.stays(id) {
		p.fail(0, "employee %s is not in this export but is in the org on %s, after it; an id is never hired twice", id, p.next())
	}
	if rec, ok := p.org.Record(id); ok {
		if e, ok := own(rec, orgledger.VerbLeave); ok && e.Effective > p.at {
			p.retract(0, e, "left earlier, by "+p.at.String())
		}
	}
	pos := p.cur[id].Position
	if !ownedBy(id, pos) {
		pos = PositionID(id)
	}
	if rec, ok := p.org.Record(pos); ok {
		if e, ok := own(rec, orgledger.VerbClosePosition); ok && e.Effective > p.at {
			p.retract(0, e, "closed earlier, by "+p.at.String())
		}
	}
}

// stays reports whether a person active on the planner's date was, before this import, still
// active on the next imported date: in the export of that date. One whose hire was taken back
// (by the correction of an export that hired them) was not.
func (p *planner) stays(id string) bool {
	rec, ok := p.before.Record(id)
	if !ok {
		return false
	}
	if h, hired := own(rec, orgledger.VerbHire); !hired || h.Effective > p.next() {
		return false
	}
	e, left := own(rec, orgledger.VerbLeave)
	return !left || e.Effective > p.next()
}

// reopen has the plan close again the own positions of leavers the file keeps whose closing
// it takes back (beside.reopened), as it closes a leaver's, and move the positions reporting
// to them (moves): the closing and the moves, where the file keeps them as the first export
// recorded them, are recorded again unchanged, and stand (withoutRecordedAgain).
func (p *planner) reopen(positions map[string]bool) {
	for pos := range positions {
		p.vacated[pos] = true
		for _, r := range p.reportsOf(pos) {
			p.underReopened[r] = pos
		}
	}
}

// closePositions closes leavers' positions from the bottom up: each once every position that
// reports to it is closing or moves elsewhere. One that keeps a report stays open, vacant.
func (p *planner) closePositions(closing map[string]bool) {
	reports := map[string][]string{}
	for pos := range closing {
		reports[pos] = p.reportsOf(pos)
	}
	closed := map[string]bool{}
	for progress := true; progress; {
		progress = false
		for _, pos := range sortedKeys(closing) {
			if closed[pos] || !p.free(reports[pos], pos, closed) {
				continue
			}
			p.add(0, &orgledger.ClosePosition{Position: pos})
			closed[pos], progress = true, true
			p.closedPositions[pos] = true
		}
	}
}

// free reports whether none of the positions reporting to pos will still report to it.
func (p *planner) free(reports []string, pos string, closed map[string]bool) bool {
	for _, r := range reports {
		if to, moved := p.lines[r]; (!moved || to == pos) && !closed[r] {
			return false
		}
	}
	return true
}

func (p *planner) reportsOf(pos string) []string {
	info := p.positionInfo(pos)
	if info == nil {
		return nil
	}
	out := make([]string, len(info.Reports))
	for i, r := range info.Reports {
		out[i] = r.ID
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

package hris

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// org is what planning reads: the ledger, or a preview of it with changes not yet recorded.
type org interface {
	Employees(q ledger.Query) []orgledger.Employee
	Units(q ledger.Query) []orgledger.UnitInfo
	Show(id string, q ledger.Query) (any, error)
	Record(id string) (ledger.Record, bool)
}

// planner works out the changes that make the org on one date equal a set of rows.
type planner struct {
	org org
	// before is the ledger as it was before this import: what the later imports decided, which
	// a preview of the import (org) may already have taken back.
	before  org
	at      orgledger.Date
	cur     map[string]orgledger.Employee // the people active on at
	rows    map[string]*Row
	units   *unitPlan
	changes []orgledger.Change
	// later lists the dates of the later events the plan retracts: the org must be checked
	// again on those dates.
	later    []orgledger.Date
	problems []orgledger.Problem
	file     string
	has      columns
	// laterImports are the imported dates after at, in order.
	laterImports []orgledger.Date
	// lines maps a position to where the plan points its solid line; closedPositions holds
	// the positions the plan closes.
	lines           map[string]string
	closedPositions map[string]bool
	movedOut        map[string]bool     // positions the plan moves to another unit
	vacated         map[string]bool     // own positions of people who give them up, or of leavers kept (reopen), to close
	underReopened   map[string]string   // positions reporting to a kept leaver's reopened position, to it (reopen)
	newPos          map[string]string   // people given a new position of their own, to its id
	newPosIDs       map[string]bool     // the ids of those positions
	takenBack       map[string]bool     // own positions given back to people who gave them up (takeOwnBack)
	freed           map[string]bool     // positions whose later opening the plan retracts, to open again
	retracted       map[int64]bool      // events the changeset retracts already
	changedShared   map[string]bool     // positions a row changed, which others' rows may share
	folded          map[string]activeID // the leavers' ids folded, to their ids (sameButCase)
	// allowMassLeaving lets the file leave out most of the org (see massLeaving).
	allowMassLeaving bool
	// corrects says the file corrects an export of at imported already (importRun.corrects).
	corrects bool
}

// columns says which optional columns the rows carry: a file without an email column says
// nothing about emails.
type columns struct {
	email, location, startDate bool
}

func (p *planner) query() ledger.Query { return ledger.Query{At: p.at} }

func newPlanner(o org, file string, at orgledger.Date, rows []Row, has columns) *planner {
	o = asReadOrg(o)
	people := o.Employees(ledger.Query{At: at})
	p := &planner{org: o, before: o, at: at, file: file, has: has, cur: byID(people),
		retracted: map[int64]bool{}, rows: make(map[string]*Row, len(rows)), lines: map[string]string{},
		closedPositions: map[string]bool{}, movedOut: map[string]bool{}, vacated: map[string]bool{}, underReopened: map[string]string{},
		newPos: map[string]string{}, newPosIDs: map[string]bool{}, takenBack: map[string]bool{}, freed: map[string]bool{}, changedShared: map[string]bool{}}
	hires := 0
	for i := range rows {
		p.rows[rows[i].ID] = &rows[i]
		if _, ok := p.cur[rows[i].ID]; !ok {
			hires++
		}
	}
	p.changes = make([]orgledger.Change, 0, 3*hires+len(rows)/16) // a hire takes three: hire, position, assign
	p.units = newUnitPlan(p)
	return p
}

// add appends a change effective on the planner's date, placed at a row of the file.
func (p *planner) add(line int, op orgledger.Op) {
	p.changes = append(p.changes, orgledger.Change{Op: op, Effective: p.at, Line: line})
}

func (p *planner) fail(line int, format string, args ...any) {
	p.problems = append(p.problems, orgledger.Problem{File: p.file, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// plan returns the changes, in an order the ledger accepts: units, then people from the top of
// the new tree down (so a solid line never points into a subtree not yet placed), then
// leavers, their positions and the units left empty.
func (p *planner) plan() ([]orgledger.Change, error) {
	p.units.plan()
	for _, row := range p.topDown() {
		p.showManager(row)
		if _, ok := p.cur[row.ID]; ok {
			p.update(row)
		} else {
			p.join(row)
		}
	}
	p.reportsOfTakenBack()
	p.leavers()
	p.units.closeEmpty()
	if len(p.problems) > 0 {
		slices.SortStableFunc(p.problems, func(a, b orgledger.Problem) int { return a.Line - b.Line }) // rows are planned from the top of the tree down
		return nil, orgledger.Refused(p.file+": file refused; nothing was written", p.problems)
	}
	return p.changes, nil
}

// topDown orders the rows breadth first from the people with no manager.
func (p *planner) topDown() []*Row {
	kids := map[string][]*Row{}
	var queue []*Row
	for _, row := range p.rows {
		if row.Manager == "" {
			queue = append(queue, row)
		} else {
			kids[row.Manager] = append(kids[row.Manager], row)
		}
	}
	byID := func(a, b *Row) int {
		if a.ID < b.ID {
			return -1
		}
		return 1
	}
	slices.SortFunc(queue, byID)
	for i := 0; i < len(queue); i++ {
		k := kids[queue[i].ID]
		slices.SortFunc(k, byID)
		queue = append(queue, k...)
	}
	return queue
}

// positionOf returns the position a person of the rows holds, or will hold.
func (p *planner) positionOf(id string) string {
	if pos, ok := p.newPos[id]; ok {
		return pos
	}
	if e, ok := p.cur[id]; ok && e.Position != "" {
		return e.Position
	}
	return PositionID(id)
}

// ownPosition returns the id of a new position of a person's own: PositionID, or, when the
// ledger has that id already (their position, given up and closed, say, or opened on a later
// date apart from their hire; ids are never created twice), the first of its numbered
// successors it does not have. An id whose opening the plan retracts is free again.
func (p *planner) ownPosition(person string) string {
	id := PositionID(person)
	for n := 2; p.taken(id, person); n++ {
		id = successor(person, n)
	}
	p.newPos[person], p.newPosIDs[id] = id, true
	return id
}

// taken reports whether id cannot be the new position of person's own: the ledger has it, a
// person in the file has it (pos-E2 may be an employee's id), another new position of the
// import has it, or it is the own position of another person in the file (E2's successor
// pos-E2.2 is employee E2.2's own; found by QA: a valid file refused for creating it twice).
func (p *planner) taken(id, person string) bool {
	if p.known(id) && !p.freed[id] || p.rows[id] != nil || p.newPosIDs[id] {
		return true
	}
	other, ok := strings.CutPrefix(id, "pos-")
	return ok && other != person && p.rows[other] != nil && PositionID(other) == id
}

// successor is the n-th of the numbered successors of a person's own position: PositionID and
// .n, or, where that would be longer than an id may be, the digest form (digestPositionID)
// and .n.
func successor(person string, n int) string {
	if id := fmt.Sprintf("%s.%d", PositionID(person), n); len(id) <= 64 {
		return id
	}
	return fmt.Sprintf("%s.%d", digestPositionID(person), n)
}

// known reports whether the ledger has a record of id whose creation stands: an id whose
// creation was taken back may be created again.
func (p *planner) known(id string) bool {
	rec, ok := p.org.Record(id)
	return ok && rec.Exists
}

// PositionID is the id of the position of its own that an import gives each person: pos- and
// their id, or, for an id too long for that (61 to 64 characters), the digest form.
func PositionID(person string) string {
	if len(person) <= maxIDLen {
		return "pos-" + person
	}
	return digestPositionID(person)
}

// digestPositionID is pos-, the first 47 characters of the person's id and a digest of the
// whole id: 60 characters, with room for a numbered successor.
func digestPositionID(person string) string {
	sum := sha256.Sum256([]byte(person))
	return "pos-" + person[:min(47, len(person))] + "-" + hex.EncodeToString(sum[:4])
}

// ownedBy reports whether pos is a position of person's own: PositionID, or one of its
// numbered successors (successor), which the import closes when they give it up or leave.
func ownedBy(person, pos string) bool {
	if pos == PositionID(person) {
		return true
	}
	if n, numbered := strings.CutPrefix(pos, PositionID(person)+"."); numbered {
		_, err := strconv.Atoi(n)
		return err == nil
	}
	n, numbered := strings.CutPrefix(pos, digestPositionID(person)+".")
	k, err := strconv.Atoi(n)
	return numbered && err == nil && successor(person, k) == pos // the digest form only where the plain one is too long
}

func (p *planner) managerPosition(row *Row) string {
	if row.Manager == "" {
		return ""
	}
	return p.positionOf(row.Manager)
}

// join hires a person who is not active on the date, or moves to it a hire recorded later.
func (p *planner) join(row *Row) {
	rec, known := p.org.Record(row.ID)
	switch {
	case known && rec.Exists && rec.Kind != "person":
		p.fail(row.Line, "employee id %s is already the id of a %s in the ledger", row.ID, rec.Kind)
		return
	case known && rec.Exists:
		if !p.moveHireEarlier(row, rec) {
			return
		}
	case !known:
		if was, ok := p.sameButCase(row.ID); ok {
			p.fail(row.Line, "employee %s is new, and %s, in the org on %s, is not in this export: %s, so this would record %s leaving and %s joining; write the id as before",
				row.ID, was.id, was.on, howIDsDiffer(was.id, row.ID), was.id, row.ID)
			return
		}
	}
	attrs := map[string]string{}
	if row.StartDate != "" {
		attrs[ledger.StartDateAttr] = row.StartDate
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	email, location := row.Email, row.Location
	if !p.has.email {
		email = ""
	}
	if !p.has.location {
		location = ""
	}
	p.add(row.Line, &orgledger.Hire{ID: row.ID, Name: row.Name, Email: email, Location: location, Attrs: attrs})
	if row.Positionless() {
		return
	}
	p.openEarlier(row)
	pos := p.ownPosition(row.ID)
	p.add(row.Line, &orgledger.CreatePosition{ID: pos, Title: row.Title, Unit: p.units.of(row), ReportsTo: p.managerPosition(row)})
	p.add(row.Line, &orgledger.Assign{Person: row.ID, Position: pos})
}

// sameButCase returns someone not in the rows, active on the date or, for an export that
// arrives late, on the next imported date, whose id is id but for its case, or but for the
// leading zeros of a number: an id that changed between two exports by mistake, or because a
// spreadsheet read it as a number.
func (p *planner) sameButCase(id string) (activeID, bool) {
	if p.folded == nil {
		p.folded = make(map[string]activeID, len(p.cur))
		if next := p.next(); next != 0 {
			for _, e := range p.before.Employees(ledger.Query{At: next}) {
				p.foldActive(e.ID, next)
			}
		}
		for cur := range p.cur { // the date's own people first
			p.foldActive(cur, p.at)
		}
	}
	was, ok := p.folded[foldID(id)]
	return was, ok
}

// activeID is a person's id, and a date they are active on.
type activeID struct {
	id string
	on orgledger.Date
}

// foldActive notes the folded id of someone active on day, unless the rows keep them.
func (p *planner) foldActive(id string, day orgledger.Date) {
	if _, stays := p.rows[id]; !stays {
		p.folded[foldID(id)] = activeID{id, day}
	}
}

// foldID returns id in lower case, and a number without its leading zeros and without a
// fraction of zeros (123456.0, as a spreadsheet that read it as a number may write it).
func foldID(id string) string {
	if whole, frac, ok := strings.Cut(id, "."); ok && digits(whole) && digits(frac) && strings.Trim(frac, "0") == "" {
		id = whole // a number only: E2.0 is an id of its own (found by a review)
	}
	if digits(id) {
		if n := strings.TrimLeft(id, "0"); n != "" {
			return n
		}
		return "0"
	}
	return strings.ToLower(id)
}

// digits reports whether s is one or more decimal digits.
func digits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// howIDsDiffer says why two ids that foldID makes one are two.
func howIDsDiffer(was, now string) string {
	if strings.EqualFold(was, now) {
		return "ids are case-sensitive"
	}
	if strings.Contains(now, ".") != strings.Contains(was, ".") {
		return "ids are compared as written (a spreadsheet that reads them as numbers may write them with .0)"
	}
	return "ids are compared as written, leading zeros too (a spreadsheet that reads them as numbers drops them)"
}

// moveHireEarlier retracts the hire of a person that the export of a later date recorded, with
// their position and assignment, so that they are hired on the planner's date instead. A hire
// recorded by a changeset is not moved, and a person who left before the date cannot come back
// under the same id.
func (p *planner) moveHireEarlier(row *Row, rec ledger.Record) bool {
	hire, ok := own(rec, orgledger.VerbHire)
	if left, gone := own(rec, orgledger.VerbLeave); ok && gone && hire.Effective <= p.at && left.Effective <= p.at {
		p.fail(row.Line, "employee %s left on %s and appears again here; an id is never hired twice: give the returning employee a new id", row.ID, left.Effective)
		return false
	}
	if ok && hire.Effective > p.at && !hire.Imported {
		p.fail(row.Line, "employee %s was hired on %s by a changeset, not by an HRIS export, so an export of %s cannot move the hire earlier: import this file on or after %s, or retract that hire first", row.ID, hire.Effective, p.at, hire.Effective)
		return false
	}
	if !ok || hire.Effective <= p.at || (p.next() != 0 && hire.Effective > p.next()) {
		p.fail(row.Line, "employee %s is not in the org on %s but appears here and on another date; an id is never hired twice: give the returning employee a new id", row.ID, p.nextOr(hire.Effective))
		return false
	}
	p.retract(row.Line, hire, "hired earlier, on "+p.at.String())
	pos := PositionID(row.ID)
	if prec, ok := p.org.Record(pos); ok {
		if create, ok := own(prec, orgledger.VerbCreatePosition); ok && create.Effective == hire.Effective {
			p.retract(row.Line, create, "opened earlier, on "+p.at.String())
		}
		for _, e := range prec.Events {
			if e.Verb == orgledger.VerbAssign && !e.Retracted && e.Effective == hire.Effective && slices.Contains(e.IDs, row.ID) {
				p.retract(row.Line, e, "assigned earlier, on "+p.at.String())
			}
		}
	}
	return true
}

// next returns the first imported date after the planner's, or zero.
func (p *planner) next() orgledger.Date {
	if len(p.laterImports) == 0 {
		return 0
	}
	return p.laterImports[0]
}

func (p *planner) nextOr(d orgledger.Date) orgledger.Date {
	if p.next() != 0 && p.next() < d {
		return p.next()
	}
	if d <= p.at {
		return p.at
	}
	return d
}

// own returns the first standing event of the verb that is about the record itself (a
// position's history also holds the creation of the positions that report to it).
func own(rec ledger.Record, verb orgledger.Verb) (ledger.EventRef, bool) {
	for _, e := range rec.Events {
		if e.Verb == verb && !e.Retracted && len(e.IDs) > 0 && e.IDs[0] == rec.ID {
			return e, true
		}
	}
	return ledger.EventRef{}, false
}

// retract retracts a later event that a late export shows wrong, saying why.
func (p *planner) retract(line int, e ledger.EventRef, why string) {
	p.retractFor(line, e, "a late HRIS export shows it "+why)
}

// retractFor retracts event e for the reason given, once; the org is checked again on its day.
func (p *planner) retractFor(line int, e ledger.EventRef, reason string) {
	if p.retracted[e.Seq] {
		return
	}
	p.retracted[e.Seq] = true
	p.changes = append(p.changes, orgledger.Change{Line: line,
		Op: &orgledger.Retract{Event: e.Seq, Reason: reason}})
	if e.Verb == orgledger.VerbCreatePosition && len(e.IDs) > 0 {
		p.freed[e.IDs[0]] = true // its opening taken back, the id may open again
	}
	if !slices.Contains(p.later, e.Effective) {
		p.later = append(p.later, e.Effective)
	}
}

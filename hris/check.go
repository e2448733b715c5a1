package hris

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// maxIDLen is the longest employee id whose own position is pos- and the id itself; a longer
// one's is the digest form (PositionID), as is a numbered successor that would be too long.
const maxIDLen = 60

// noTitleHint says what a row without a title needs: a person with a manager or a department
// holds a position of their own, which has a title.
const noTitleHint = ": someone with a manager or a department holds a position, which needs one (a row without a title, a manager and a department is someone who holds no position)"

// check refuses rows that cannot become an org: bad or duplicate ids, empty names or titles,
// managers that are not in the file, and cycles of managers.
func (r *reader) check(f *File, h *header) {
	byID := make(map[string]*Row, len(f.Rows))
	byFolded := make(map[string]*Row, len(f.Rows))
	byEmail := make(map[string][]*Row)
	for i := range f.Rows {
		row := &f.Rows[i]
		r.checkRow(row)
		folded := strings.ToLower(row.ID)
		if first, dup := byID[row.ID]; dup && row.ID != "" {
			r.fail(row.Line, "employee id %s appears twice (also on line %d)", row.ID, first.Line)
		} else if other, near := byFolded[folded]; near && row.ID != "" {
			r.fail(row.Line, "employee ids %s and %s (line %d) differ only in case; ids are case-sensitive, so they would be two people", row.ID, other.ID, other.Line)
		}
		byID[row.ID], byFolded[folded] = row, row
		if row.Email != "" {
			byEmail[strings.ToLower(row.Email)] = append(byEmail[strings.ToLower(row.Email)], row)
		}
	}
	for i := range f.Rows {
		r.resolveManager(&f.Rows[i], byID, byEmail, f.Rows)
	}
	r.namesForManagers()
	r.checkCycles(f.Rows, byID)
	r.checkManagersHoldPositions(f.Rows, byID)
	f.Warnings = append(append(f.Warnings, selfManaged(r.ownManagers)...), sharedEmails(f.Rows, byEmail)...)
}

// sharedEmails warns of each email that several rows give, in the order of their first
// lines: an email is a person's (a manager given by one that several have is refused), so
// that several of one are likely a mailbox entered for people without one of their own, or
// a mistake in the export.
func sharedEmails(rows []Row, byEmail map[string][]*Row) []string {
	var out []string
	for i := range rows {
		shared := byEmail[strings.ToLower(rows[i].Email)]
		if len(shared) < 2 || shared[0] != &rows[i] {
			continue
		}
		lines := make([]int, len(shared))
		for j, row := range shared {
			lines[j] = row.Line
		}
		out = append(out, fmt.Sprintf("the email %s is given to the %s: an email is one person's", rows[i].Email, strings.TrimSuffix(peopleOfLines(lines), " have")))
	}
	return out
}

func (r *reader) checkRow(row *Row) {
	switch {
	case row.ID == "":
		r.fail(row.Line, "the employee id is empty")
	case !orgledger.ValidID(row.ID):
		r.fail(row.Line, "employee id %q must be letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 long", row.ID)
	}
	if row.Name == "" {
		r.fail(row.Line, "employee %s has no name", row.ID)
	}
	if row.Title == "" && !holdsNoPosition(row) {
		r.fail(row.Line, "employee %s has no title%s", row.ID, noTitleHint)
	}
	if row.Department == NoDepartment { // it would export blank, as if the file had said nothing
		r.fail(row.Line, "employee %s: department %q is the name of the unit of those whose department is blank; leave it blank, or name the department", row.ID, NoDepartment)
	}
	r.checkFields(row)
}

// checkFields refuses the row's text that the changes an import makes of it would be refused
// for (a name too long, a control character in a title, ...), with the ledger's own checks of
// those changes, so that the file is refused on the row's line, naming the column.
func (r *reader) checkFields(row *Row) {
	const id = "x" // a valid id: the row's own is checked above
	person := &orgledger.UpdatePerson{Person: id, Email: &row.Email, Location: &row.Location}
	if row.Name != "" {
		person.Name = &row.Name
	}
	type check struct {
		column string // "" when the problem's field names it
		op     orgledger.Op
	}
	checks := []check{{"", person}}
	if row.Title != "" {
		checks = append(checks, check{"title", &orgledger.Retitle{Position: id, Title: row.Title}})
	}
	if row.Department != "" {
		checks = append(checks, check{"department", &orgledger.RenameUnit{Unit: id, Name: row.Department}})
	}
	if row.StartDate != "" {
		checks = append(checks, check{"start date", &orgledger.UpdatePerson{Person: id, Attrs: map[string]string{ledger.StartDateAttr: row.StartDate}}})
	}
	for _, c := range checks {
		for _, p := range c.op.Check() {
			r.fail(row.Line, "employee %s: the %s %s", row.ID, cmp.Or(c.column, p.Field), p.Reason)
		}
	}
}

// holdsNoPosition reports whether a row, as the file has it, is of someone who holds no
// position, as an export writes them: no title, manager or department. A row without a title
// that has either of the others lacks its title.
func holdsNoPosition(row *Row) bool {
	return row.Title == "" && row.Manager == "" && row.managerEmail == "" && row.Department == ""
}

// checkManagersHoldPositions refuses a row whose manager holds no position: a person reports
// to a person through the manager's position.
func (r *reader) checkManagersHoldPositions(rows []Row, byID map[string]*Row) {
	for i := range rows {
		if m := managerRow(&rows[i], byID); m != nil && holdsNoPosition(m) {
			r.fail(rows[i].Line, "employee %s reports to %s (line %d), who has no title and so no position to report to",
				rows[i].ID, m.ID, m.Line)
		}
	}
}

// resolveManager turns the manager columns into an id: by id, else by email; never by name.
// The id column may hold an email itself (Pingboard's Reports To); a value that is no id and
// names no employee gives way to the manager email column, when the file has one (HiBob's
// Reports To holds a name beside it). A value shaped as an id that names no one, and is not the
// name of the one the email names, is refused, email or not.
func (r *reader) resolveManager(row *Row, byID map[string]*Row, byEmail map[string][]*Row, rows []Row) {
	id, email := row.Manager, row.managerEmail
	row.managerEmail = "" // read: only Manager says who it is
	if id != "" {
		if _, ok := byID[id]; ok {
			if other := byEmail[strings.ToLower(email)]; len(other) == 1 && other[0].ID != id {
				r.fail(row.Line, "manager %s and manager email %s are two employees (%s is %s's, line %d); the file contradicts itself",
					id, email, email, other[0].ID, other[0].Line)
			}
			r.notSelf(row)
			return
		}
	}
	given := email != ""
	if !given {
		email = id
	}
	if email == "" {
		return
	}
	r.resolveByEmail(row, id, email, given, byEmail, rows)
}

// resolveByEmail finds the manager that resolveManager did not find by id by email, or
// refuses the row, naming the values as shownValue shows them (a zero-width space in an id
// would make the message seem false).
func (r *reader) resolveByEmail(row *Row, id, email string, given bool, byEmail map[string][]*Row, rows []Row) {
	shownID, shownEmail := shownValue(id), shownValue(email)
	switch found := byEmail[strings.ToLower(email)]; {
	case given && orgledger.ValidID(id) && len(found) == 1 && !strings.EqualFold(id, found[0].Name):
		r.fail(row.Line, "manager %s is not an employee id in this file (manager email %s is %s's): a manager id names someone in the file; if the column holds names, not ids, drop it with --map", shownID, shownEmail, found[0].ID)
	case strings.Contains(email, "@") && len(found) == 1:
		row.Manager = found[0].ID
		r.notSelf(row)
	case len(found) > 1:
		r.fail(row.Line, "manager %s: the email belongs to more than one employee (lines %d and %d)", shownEmail, found[0].Line, found[1].Line)
	case given && id != "":
		r.fail(row.Line, "manager %s is not an employee id in this file, and manager email %s is not the email of an employee in it", shownID, shownEmail)
	case given && !r.hasEmail:
		r.fail(row.Line, "manager email %s is not the email of an employee in this file, which has no email column", shownEmail)
	case given:
		r.fail(row.Line, "manager email %s is not the email of an employee in this file", shownEmail)
	case r.nameOf(id, rows) != nil:
		named := r.nameOf(id, rows)
		r.fail(row.Line, "manager %s is not an employee id (or email) in this file, but the name of %s (line %d)", shownID, named.ID, named.Line)
		r.namedManagers++
	default:
		r.fail(row.Line, "manager %s is not an employee id (or email) in this file", shownID)
	}
}

// nameOf returns the first row whose name is v, written as the row has it or as "Last,
// First" (BambooHR's Reports To), case and spaces aside; nil for none. A manager is never
// found so: this only tells a column of names for what it is.
func (r *reader) nameOf(v string, rows []Row) *Row {
	if r.byName == nil {
		r.byName = make(map[string]*Row, len(rows))
		for i := range rows {
			if key := nameKey(rows[i].Name); key != "" && r.byName[key] == nil {
				r.byName[key] = &rows[i]
			}
		}
	}
	if row := r.byName[nameKey(v)]; row != nil {
		return row
	}
	if last, first, ok := strings.Cut(v, ","); ok {
		return r.byName[nameKey(first+" "+last)]
	}
	return nil
}

// nameKey is a name in lower case, its words one space apart.
func nameKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// namesForManagers tells, once, that the manager column holds names where managers not found
// are the names of people in the file: one of them is no typo of an id, and a --map that
// reads the ids or emails is what the file needs. It is told on the header's line, and past
// the most problems a refusal lists, which it explains.
func (r *reader) namesForManagers() {
	if r.namedManagers == 0 || r.managerColumn == "" {
		return
	}
	rows := "1 row"
	if r.namedManagers > 1 {
		rows = fmt.Sprintf("%d rows", r.namedManagers)
	}
	r.problems = append(r.problems, orgledger.Problem{File: r.name, Line: r.headLine, Reason: fmt.Sprintf(
		"column %q, read as the manager's employee id, holds names of people in the file (on %s): "+
			"a manager is found by employee id or email, never by name, which two people may share; "+
			"export the managers' ids or emails, and read their column with --map %q or --map %q",
		r.managerColumn, rows, "COLUMN=manager_id", "COLUMN=manager_email")})
}

// shownValue returns a value of the file as a problem shows it: as it is, or quoted as %q
// quotes the employee id a problem refuses (strconv.Quote) where that escapes something, so
// that a value holding what does not show (a zero-width space, a byte order mark inside it)
// does not read as the one it looks like, which the message would then seem to deny.
func shownValue(v string) string {
	if q := strconv.Quote(v); q[1:len(q)-1] != v {
		return q
	}
	return v
}

// notSelf reads a row whose manager is its own employee as reporting to no one: the top of the
// org, which some tools write so (OrgChart Now's top box reports to itself). It is told in a
// warning (selfManaged).
func (r *reader) notSelf(row *Row) {
	if row.Manager == row.ID {
		row.Manager = ""
		r.ownManagers = append(r.ownManagers, row)
	}
}

// selfManaged warns of the rows notSelf read as reporting to no one, the first few in the
// file's order, by id and line.
func selfManaged(rows []*Row) []string {
	if len(rows) == 0 {
		return nil
	}
	const shown = 5
	var named []string
	for _, row := range rows[:min(len(rows), shown)] {
		named = append(named, fmt.Sprintf("%s (line %d)", row.ID, row.Line))
	}
	who := "employee " + named[0] + " is their own manager"
	if len(rows) > 1 {
		who = "employees " + strings.Join(named, ", ")
		if len(rows) > shown {
			who += fmt.Sprintf(" and %d more", len(rows)-shown)
		}
		who += " are their own managers"
	}
	return []string{who + ", as some HR tools write whoever heads the org: read as reporting to no one"}
}

// checkCycles finds every cycle of managers, walking each chain once (an employee who was
// their own manager reports to no one by now: notSelf).
func (r *reader) checkCycles(rows []Row, byID map[string]*Row) {
	state := make(map[string]int8, len(rows)) // 1: on the current walk, 2: walked before
	for i := range rows {
		var path []*Row
		for row := &rows[i]; row != nil && state[row.ID] != 2; {
			if state[row.ID] == 1 {
				r.fail(row.Line, "managers form a cycle: %s", cyclePath(path, row))
				break
			}
			state[row.ID] = 1
			path = append(path, row)
			row = managerRow(row, byID)
		}
		for _, p := range path {
			state[p.ID] = 2
		}
	}
}

// managerRow returns the row of an employee's manager, nil at the top (or for a manager not
// in the file, already refused).
func managerRow(row *Row, byID map[string]*Row) *Row {
	if row.Manager == "" {
		return nil
	}
	return byID[row.Manager]
}

func cyclePath(path []*Row, start *Row) string {
	var ids []string
	on := false
	for _, p := range path {
		on = on || p == start
		if on {
			ids = append(ids, fmt.Sprintf("%s (line %d)", p.ID, p.Line))
		}
	}
	return orgledger.JoinPath(append(ids, start.ID))
}

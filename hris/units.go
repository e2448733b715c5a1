package hris

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// NoDepartment names the unit of people whose department is blank.
const NoDepartment = "(no department)"

// unitPlan maps the departments of the rows to units: the open unit of that name (of several,
// the one the row's person or manager is in: keepSharedNames), else a unit a later import
// opened under that name (its opening moved to this date), else one an earlier import closed
// under that name (its close retracted: closedEarlier), else a new one. A department is its
// name: a department renamed in the HR system shows as its people moving to a new unit. To
// record a rename as one, apply a rename-unit changeset before importing.
type unitPlan struct {
	p      *planner
	byName map[string]string // department name to unit id, as planned
	open   map[string]orgledger.UnitInfo
	shared map[string]bool // the names of several open units
	used   map[string]bool // units the rows map to
	line   map[string]int  // department name to the first line that names it, for problems
	back   map[string]bool // units closed earlier whose close the plan retracts (closedEarlier)
}

func newUnitPlan(p *planner) *unitPlan {
	u := &unitPlan{p: p, byName: map[string]string{}, open: map[string]orgledger.UnitInfo{}, shared: map[string]bool{},
		used: map[string]bool{}, line: map[string]int{}, back: map[string]bool{}}
	for _, info := range p.org.Units(p.query()) {
		u.open[info.ID] = info
		if _, dup := u.byName[info.Name]; dup {
			u.shared[info.Name] = true
		} else {
			u.byName[info.Name] = info.ID
		}
	}
	return u
}

func department(row *Row) string {
	if row.Department == "" {
		return NoDepartment
	}
	return row.Department
}

// of returns the unit of a row's department.
func (u *unitPlan) of(row *Row) string {
	if row.unit != "" {
		return row.unit
	}
	return u.byName[department(row)]
}

// keepDepartments is for a file without a department column, which says nothing about
// departments: people keep their units, and a new hire joins the unit of their manager.
func (p *planner) keepDepartments() {
	for _, row := range p.topDown() {
		if c, ok := p.cur[row.ID]; ok && c.Unit != "" {
			row.unit, row.Department = c.Unit, c.Department
		} else if m, ok := p.rows[row.Manager]; ok && m.unit != "" {
			row.unit, row.Department = m.unit, m.Department
		}
	}
}

// plan resolves every department of the rows, creating or renaming units as needed.
func (u *unitPlan) plan() {
	u.keepSharedNames()
	members := map[string][]string{} // department to the ids of its rows
	known := map[string]string{}     // unit id to name, for rows that name their unit
	for id, row := range u.p.rows {
		if row.Positionless() {
			continue // no position, no unit
		}
		if l, ok := u.line[department(row)]; !ok || row.Line < l {
			u.line[department(row)] = row.Line
		}
		if row.unit != "" {
			known[row.unit] = department(row)
			continue
		}
		members[department(row)] = append(members[department(row)], id)
	}
	u.keepUnits(known)
	var missing []string
	for _, name := range sortedKeys(keysOf(members)) {
		if id, ok := u.byName[name]; ok {
			u.used[id] = true
		} else {
			missing = append(missing, name)
		}
	}
	for _, name := range missing {
		u.resolve(name)
	}
}

// keepSharedNames gives each row whose department is the name of several open units (a
// "Platform" team in two divisions, both exported as "Platform") the one of them its person
// is in, else the one its manager is in: the org's own export, imported again, moves no one.
// A row whose person and manager are in neither takes the first of them the ledger opened.
func (u *unitPlan) keepSharedNames() {
	if len(u.shared) == 0 {
		return
	}
	for _, row := range u.p.rows {
		if row.unit != "" || row.Positionless() || !u.shared[department(row)] {
			continue
		}
		for _, id := range []string{row.ID, row.Manager} {
			if c, ok := u.p.cur[id]; ok && c.Unit != "" && c.Department == department(row) {
				row.unit = c.Unit
				break
			}
		}
	}
}

func keysOf(m map[string][]string) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// keepUnits makes sure the units that rows name by id are open under their names: renamed if
// open under another, opened again if their opening was retracted.
func (u *unitPlan) keepUnits(known map[string]string) {
	ids := make([]string, 0, len(known))
	for id := range known {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		name := known[id]
		u.used[id] = true
		switch info, open := u.open[id]; {
		case !open:
			u.create(id, name)
		case info.Name != name:
			u.p.add(u.line[name], &orgledger.RenameUnit{Unit: id, Name: name})
		}
	}
}

// resolve finds or makes the unit of a department that no open unit is named after.
func (u *unitPlan) resolve(name string) {
	if id := u.openedLater(name); id != "" {
		u.create(id, name)
		return
	}
	if id := u.closedEarlier(name); id != "" {
		u.byName[name], u.used[id] = id, true
		return
	}
	u.create(u.freeID(name), name)
}

// closedEarlier returns the unit of this name that an earlier import closed when it had no one
// left, after retracting its close: the department is back, and stayed open, empty, in
// between, as it does when the exports arrive the other way round (usedLater), and the
// people in it before and now are in the same unit. Of several, the last closed; a unit closed
// by hand, or under another name, is left closed. The import's units have the ids freeID
// gives.
func (u *unitPlan) closedEarlier(name string) string {
	var last ledger.EventRef
	found := ""
	base := unitIDBase(name)
	for n := 1; ; n++ {
		id := numberedID(base, n)
		rec, ok := u.p.org.Record(id)
		if !ok {
			return u.reopen(found, last, name)
		}
		e, closed := own(rec, orgledger.VerbCloseUnit)
		if rec.Kind == "unit" && closed && e.Imported && e.Effective < u.p.at && e.Effective > last.Effective &&
			!u.used[id] && u.nameOn(id, e.Effective.AddDays(-1)) == name {
			found, last = id, e
		}
	}
}

// reopen retracts the close of unit id, if any, that closedEarlier found, and returns the id.
func (u *unitPlan) reopen(id string, closed ledger.EventRef, name string) string {
	if id != "" {
		u.back[id] = true
		u.p.retractFor(u.line[name], closed, "the HRIS export of "+u.p.at.String()+" names department "+name+
			" again: it stayed open, empty, from "+closed.Effective.String())
	}
	return id
}

// nameOn returns the name of unit id on day, "" when it is not open then.
func (u *unitPlan) nameOn(id string, day orgledger.Date) string {
	if info, err := u.p.org.Show(id, ledger.Query{At: day}); err == nil {
		if unit, ok := info.(*orgledger.UnitInfo); ok && unit.Open {
			return unit.Name
		}
	}
	return ""
}

func (u *unitPlan) create(id, name string) {
	u.p.add(u.line[name], &orgledger.CreateUnit{ID: id, Name: name, Kind: "department"})
	u.byName[name], u.used[id] = id, true
}

// openedLater returns a unit of this name that a later imported date opened, after retracting
// its opening: the late export shows the department existed already. It stays open, maybe
// empty, in between.
func (u *unitPlan) openedLater(name string) string {
	for _, d := range u.p.laterImports {
		for _, info := range u.p.before.Units(ledger.Query{At: d}) {
			if info.Name != name || u.used[info.ID] {
				continue
			}
			rec, ok := u.p.before.Record(info.ID)
			if !ok {
				continue
			}
			// Only a unit opened on that date under this name: one renamed since is another
			// department's.
			if e, ok := own(rec, orgledger.VerbCreateUnit); ok && e.Effective == d {
				u.p.retract(0, e, "existed already on "+u.p.at.String())
				return info.ID
			}
		}
	}
	return ""
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// freeID makes an id for a new department's unit from its name: the first of
// unitIDBase(name), then -2, -3 and so on, not taken.
func (u *unitPlan) freeID(name string) string {
	base := unitIDBase(name)
	n := 1
	for u.taken(numberedID(base, n)) {
		n++
	}
	return numberedID(base, n)
}

// unitIDBase returns the id of a department's first unit: dept- and its name as a slug.
func unitIDBase(name string) string {
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(slug) > 50 {
		slug = strings.Trim(slug[:50], "-")
	}
	if slug == "" {
		slug = "unit"
	}
	return "dept-" + slug
}

// numberedID returns the nth id of a base: the base itself, then base-2, base-3.
func numberedID(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "-" + itoa(n)
}

func (u *unitPlan) taken(id string) bool {
	if rec, ok := u.p.org.Record(id); ok && (rec.Exists || rec.Kind != "unit") || u.p.rows[id] != nil {
		return true // by a record, or by a person of the file
	}
	for _, v := range u.byName {
		if v == id {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }

// closeEmpty closes the units that had people on the date and that the plan leaves with no
// one: no open position stays in them, and they have no open child unit.
func (u *unitPlan) closeEmpty() {
	had := map[string]bool{}
	for _, e := range u.p.cur {
		had[e.Unit] = true
	}
	later := u.usedLater()
	for _, id := range sortedKeys(had) {
		if id == "" || u.used[id] || later[id] || !u.emptied(id) {
			continue
		}
		if rec, ok := u.p.org.Record(id); ok {
			if e, ok := own(rec, orgledger.VerbCloseUnit); ok && e.Effective > u.p.at {
				u.p.retract(0, e, "closed earlier, by "+u.p.at.String())
			}
		}
		u.p.add(0, &orgledger.CloseUnit{Unit: id})
	}
}

// usedLater returns the units open on any later imported date: the imports of those dates
// decided when they close, so a department that empties now stays open, empty, until then.
func (u *unitPlan) usedLater() map[string]bool {
	out := map[string]bool{}
	for _, d := range u.p.laterImports {
		for _, info := range u.p.before.Units(ledger.Query{At: d}) {
			out[info.ID] = true
		}
	}
	return out
}

// emptied reports whether every open position of the unit closes or moves out in the plan.
func (u *unitPlan) emptied(id string) bool {
	v, err := u.p.org.Show(id, u.p.query())
	info, ok := v.(*orgledger.UnitInfo)
	if err != nil || !ok || len(info.Units) > 0 {
		return false
	}
	for _, pos := range info.Positions {
		if !u.p.closedPositions[pos.ID] && !u.p.movedOut[pos.ID] {
			return false
		}
	}
	return true
}

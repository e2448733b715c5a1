package hris

import (
	"fmt"
	"slices"
	"strings"
)

// leaverColumns are what the names of columns that may tell who has left hold: a status
// (Active, Terminated), whether someone is active (1 or 0, Yes or No), or a day or reason of
// leaving, which only a leaver has. An export of every worker, former ones too, carries one.
var leaverColumns = []struct {
	kind  leaverKind
	words []string // one of them in the column's name (looseKey); "status" must be all of it
}{
	{leaverDate, []string{"terminationdate", "inactivedate", "termdate", "separationdate", "employmentenddate", "leftdate", "dateleft",
		"exitdate", "leavingdate", "lastdayofwork", "lastworkingday"}},
	{leaverReason, []string{"terminationreason", "termreason", "separationreason", "leavingreason"}},
	{leaverInactive, []string{"inactive"}},
	{leaverActive, []string{"isactive", "activestatus", "active"}},
	{leaverStatus, []string{"employmentstatus", "employeestatus", "workerstatus", "positionstatus", "status"}},
}

// leaverKind is what a column that may tell who has left holds.
type leaverKind int

const (
	leaverDate     leaverKind = iota + 1 // a day of leaving: anyone with one has left
	leaverReason                         // a reason for leaving: anyone with one has left
	leaverInactive                       // whether someone is inactive
	leaverActive                         // whether someone is active
	leaverStatus                         // a status, of which some say someone has left
)

// leftWords are the words of a status that say someone has left.
var leftWords = []string{"terminat", "inactive", "separat", "resign", "retire", "former", "deceased", "dismiss", "left", "withdrawn", "exited"}

// leaverKindOf returns what a column of that name holds, 0 for none of the above.
func leaverKindOf(col string) leaverKind {
	key := looseKey(col)
	for _, c := range leaverColumns {
		if slices.ContainsFunc(c.words, func(w string) bool { return strings.Contains(key, w) && (w != "status" || key == w) }) {
			return c.kind
		}
	}
	return 0
}

// saysLeft reports whether a value of a column of that kind says its person has left.
func saysLeft(kind leaverKind, value string) bool {
	v := strings.ToLower(strings.TrimSpace(value))
	switch {
	case v == "":
		return false
	case kind == leaverDate || kind == leaverReason:
		return true
	case kind == leaverInactive:
		return slices.Contains([]string{"1", "true", "yes", "y", "inactive", "terminated"}, v)
	case kind == leaverActive:
		return slices.Contains([]string{"0", "false", "no", "n", "inactive", "terminated"}, v)
	default: // "Active - Pending Termination" is working still
		return !strings.Contains(v, "pending") && slices.ContainsFunc(leftWords, func(w string) bool { return strings.Contains(v, w) })
	}
}

// leavers notes the rows whose unread columns say their person has left: a file's rows are
// the people working on its date, and those rows would be imported as such.
type leavers struct {
	cols  []int // the columns, read as nothing, that may tell who has left
	names []string
	kinds []leaverKind
	lines [][]int    // by column, the lines that say so
	first [][]string // by column, the first value that says so
}

// newLeavers returns the notes of the header's columns that may tell who has left and that
// nothing reads (a --map COLUMN=- drops one without a word).
func newLeavers(h *header, cols []string) *leavers {
	n := &leavers{}
	for i, c := range cols {
		if _, named := h.mapped[i]; named || h.fields[i] != "" {
			continue
		}
		if kind := leaverKindOf(c); kind != 0 {
			n.cols, n.names, n.kinds = append(n.cols, i), append(n.names, c), append(n.kinds, kind)
		}
	}
	n.lines, n.first = make([][]int, len(n.cols)), make([][]string, len(n.cols))
	return n
}

// note notes a record of the file, read on line.
func (n *leavers) note(rec []string, line int) {
	for j, i := range n.cols {
		if i < len(rec) && saysLeft(n.kinds[j], rec[i]) {
			n.lines[j] = append(n.lines[j], line)
			if len(n.first[j]) == 0 {
				n.first[j] = append(n.first[j], oneLine(rec[i]))
			}
		}
	}
}

// warnings words what was noted, a warning a column.
func (n *leavers) warnings() []string {
	var out []string
	for j, lines := range n.lines {
		if len(lines) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("column %q says that the %s left (%q): everyone the file lists is imported as working on its date, whatever the column says "+
			"(a leaver is someone the export leaves out); take their rows out first, or --map %q imports them as they are without this warning",
			n.names[j], peopleOfLines(lines), n.first[j][0], n.names[j]+"=-"))
	}
	return out
}

// peopleOfLines words "person of line 4 has" or "people of lines 4, 9 and 12 have", naming
// at most five lines.
func peopleOfLines(lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("person of line %d has", lines[0])
	}
	named := make([]string, 0, 5)
	for _, l := range lines[:min(len(lines), 5)] {
		named = append(named, fmt.Sprint(l))
	}
	list := strings.Join(named[:len(named)-1], ", ") + " and " + named[len(named)-1]
	if more := len(lines) - len(named); more > 0 {
		list = strings.Join(named, ", ") + fmt.Sprintf(" and %d more", more)
	}
	return fmt.Sprintf("people of lines %s have", list)
}

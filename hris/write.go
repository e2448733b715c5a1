package hris

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/orgledger/orgledger"
)

// Had says which optional columns an export writes even when nobody in it has a value: those
// someone had on or before its date (ledger.EmployeeFields), so that the file imported again
// clears them rather than saying nothing of them.
type Had struct{ Email, StartDate bool }

// Columns returns the columns an export of these people writes: the canonical six, then email
// and start_date when anyone has them or had says so, so that a file exported and imported
// again reads the same.
func Columns(people []orgledger.Employee, had Had) []Field {
	cols := []Field{FieldID, FieldName, FieldTitle, FieldManagerID, FieldDepartment, FieldLocation}
	email, start := had.Email, had.StartDate
	for _, p := range people {
		email = email || p.Email != ""
		start = start || p.StartDate != ""
	}
	if email {
		cols = append(cols, FieldEmail)
	}
	if start {
		cols = append(cols, FieldStartDate)
	}
	return cols
}

// WriteCSV writes the people as an export, one row per person, in the order given.
func WriteCSV(w io.Writer, people []orgledger.Employee) error { return WriteExport(w, people, Had{}) }

// WriteExport writes the people as WriteCSV does, with the optional columns had names.
func WriteExport(w io.Writer, people []orgledger.Employee, had Had) error {
	cw := csv.NewWriter(w)
	cols := Columns(people, had)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = string(c)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for _, p := range people {
		for i, c := range cols {
			rec[i] = guardFormula(value(p, c))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formulaStarts are the first characters that make a spreadsheet read a cell as a formula.
const formulaStarts = "=+-@\t\r\n"

// guardFormula writes a value that a spreadsheet would run as a formula (=HYPERLINK(…), say, in
// a name) with a ' before it, which shows it as text, as OWASP advises for CSV files people
// open in Excel; and a value that begins with such a ' with one more, so that unguardFormula,
// reading the file, gives back every value as it was.
func guardFormula(v string) string {
	if v != "" && (strings.IndexByte(formulaStarts, v[0]) >= 0 || len(v) > 1 && v[0] == '\'' && isGuarded(v[1:])) {
		return "'" + v
	}
	return v
}

// isGuarded reports whether v, once a ' is taken off its start, is a value guardFormula wrote:
// one that starts as a formula, or with such a '.
func isGuarded(v string) bool {
	for len(v) > 0 && v[0] == '\'' {
		v = v[1:]
	}
	return v != "" && strings.IndexByte(formulaStarts, v[0]) >= 0
}

// unguardFormula takes off the ' that guardFormula puts before a value.
func unguardFormula(v string) string {
	if len(v) > 1 && v[0] == '\'' && isGuarded(v[1:]) {
		return v[1:]
	}
	return v
}

func value(p orgledger.Employee, f Field) string {
	switch f {
	case FieldID:
		return p.ID
	case FieldName:
		return p.Name
	case FieldTitle:
		return p.Title
	case FieldManagerID:
		return p.ManagerID
	case FieldDepartment:
		if p.Department == NoDepartment {
			return "" // the unit that people with a blank department were imported into
		}
		return p.Department
	case FieldLocation:
		return p.Location
	case FieldEmail:
		return p.Email
	case FieldStartDate:
		return p.StartDate
	}
	return ""
}

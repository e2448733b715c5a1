package hris

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/orgledger/orgledger"
)

// MaxSize is the largest file read: a million rows of an ordinary export fit easily.
const MaxSize = 512 << 20

// MaxRows is the most rows a file may have, twice the largest employer's headcount. Each row
// read takes a few hundred bytes however short it is, so without it a file of MaxSize of
// nearly empty rows would take tens of gigabytes.
const MaxRows = 4_000_000

// maxProblems bounds the problems a refusal lists; the rest are counted.
const maxProblems = 1000

// Row is one person of a file.
type Row struct {
	Line                                  int // where the row starts in the file
	ID, Name, Title, Department, Location string
	Email, StartDate                      string
	Manager                               string // the manager's id, resolved; "" at the top
	managerEmail                          string // the manager's email, when the file gives one
	unit                                  string // the unit's id, when known rather than named
}

// Positionless reports whether the row is of a person who holds no position: no title. The
// reader refuses a row without one that names a manager or a department (holdsNoPosition), so past
// it the title says it all, even once keepDepartments has given the row its old department.
// An export writes such a row for someone hired without a position; an import hires them so.
func (r *Row) Positionless() bool { return r.Title == "" }

// File is a read and checked export.
type File struct {
	Name string
	Rows []Row // in the file's order
	// HasEmail and HasStartDate say whether the file carries those optional columns.
	HasEmail, HasStartDate, HasDepartment, HasLocation bool
	// Warnings says what may be wrong with a file that is read all the same.
	Warnings []string
}

// Options adjust reading. Map says what columns mean, overriding the aliases: its keys are
// column names, matched as ParseMap says, and FieldIgnore drops a column. ParseMap builds it
// from --map values.
type Options struct {
	Map map[string]Field

	maxRows int // MaxRows when zero; tests lower it
}

// Read reads and checks an export. A bad file returns an EINVALID *orgledger.Error listing
// every problem with its line; only an empty or too large file has a problem without one.
// A file with a header and no rows is refused too.
func Read(name string, data []byte, opt Options) (*File, error) {
	r := &reader{name: name, maxRows: cmp.Or(opt.maxRows, MaxRows)}
	f := r.read(data, opt)
	if len(r.problems) > 0 {
		slices.SortStableFunc(r.problems, func(a, b orgledger.Problem) int { return cmp.Compare(a.Line, b.Line) })
		if r.dropped > 0 {
			r.problems = append(r.problems, orgledger.Problem{File: name,
				Reason: fmt.Sprintf("%d more problems are not listed; fix these first", r.dropped)})
		}
		return nil, orgledger.Refused(name+": file refused; nothing was written", r.problems)
	}
	return f, nil
}

// reader collects the problems of one file.
type reader struct {
	name     string
	problems []orgledger.Problem
	dropped  int    // problems past maxProblems
	hasEmail bool   // the header has an email column
	text     []byte // what the CSV reader reads, for the place of a problem in a line
	maxRows  int
	leavers  *leavers // the rows whose unread columns say their person has left
	// ownManagers are the rows whose manager was their own employee, read as reporting to no
	// one (notSelf).
	ownManagers []*Row
	// managerColumn is the name of the column read as the manager's id, "" for none, and
	// headLine the header's line: a hint that it holds names is told there (namedManagers).
	managerColumn string
	headLine      int
	// byName maps the rows' names, as nameKey has them, to their first row: built once a
	// manager is not found (nameOf).
	byName map[string]*Row
	// namedManagers counts the managers not found that are the names of rows.
	namedManagers int
}

func (r *reader) fail(line int, format string, args ...any) {
	if len(r.problems) >= maxProblems {
		r.dropped++
		return
	}
	r.problems = append(r.problems, orgledger.Problem{File: r.name, Line: line, Reason: fmt.Sprintf(format, args...)})
}

func (r *reader) read(data []byte, opt Options) *File {
	data, ok := r.plainText(data)
	if !ok {
		return nil
	}
	comma, data := separator(data)
	r.text = data
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		r.csvError(err, "the file has no header row")
		return nil
	}
	h, problems := mapHeader(head, opt.Map)
	if len(problems) > 0 && len(head) == 1 && strings.Contains(head[0], "|") {
		problems = append([]string{"the header is one column holding |: for a file whose separator is |, begin it with the line sep=|"}, problems...)
	}
	headLine, _ := cr.FieldPos(0)
	for _, p := range problems {
		r.fail(headLine, "%s", p)
	}
	if len(problems) > 0 {
		return nil
	}
	f := &File{Name: r.name}
	_, f.HasEmail = h.has[FieldEmail]
	r.hasEmail = f.HasEmail
	_, f.HasStartDate = h.has[FieldStartDate]
	_, f.HasDepartment = h.has[FieldDepartment]
	_, f.HasLocation = h.has[FieldLocation]
	r.leavers = newLeavers(h, head)
	f.Rows = r.rows(cr, h, len(head), namedWidth(head), likelyRows(data, comma, namedWidth(head), r.maxRows))
	r.checkTitles(f, head, h, headLine, opt.Map)
	if len(f.Rows) == 0 && len(r.problems) == 0 {
		// Importing makes the org equal the file: an export cut short after its header would
		// record everyone as leaving.
		r.fail(headLine, "the file has no employees after the header; an empty export would record everyone as leaving")
	}
	if len(r.problems) == 0 {
		if i, ok := h.has[FieldManagerID]; ok {
			r.managerColumn = head[i]
		}
		r.headLine = headLine
		r.check(f, h)
	}
	f.Warnings = append(append(append(h.unread(head, headLine), r.leavers.warnings()...), f.Warnings...), endsMidRow(data, f.Rows)...)
	return f
}

// plainText returns the file's text without its byte order mark, its lines ended by line
// feeds, or refuses a file too large, in UTF-16, a spreadsheet workbook, or not UTF-8.
func (r *reader) plainText(data []byte) ([]byte, bool) {
	if len(data) > MaxSize {
		r.fail(0, "the file is larger than %d MiB", MaxSize>>20)
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\n') < 0 { // lines ended by CR alone, as Excel's "CSV (Macintosh)" saves them
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if orgledger.IsUTF16(data) {
		r.fail(1, "the text is UTF-16; save the export as UTF-8 (in Excel: CSV UTF-8)")
		return nil, false
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		r.fail(1, "this is a spreadsheet workbook, not CSV; save it as CSV UTF-8 (in Excel: File, Save As, CSV UTF-8)")
		return nil, false
	}
	if line, ok := invalidUTF8(data); ok {
		r.fail(line, "the text is not valid UTF-8; save the export as UTF-8")
		return nil, false
	}
	return data, true
}

// endsMidRow warns of a file whose last row ends without a line break: an export ends its last
// row with one, as every other; a file cut short in transit, inside a row, does not, and its
// last row may hold half a value.
func endsMidRow(data []byte, rows []Row) []string {
	if len(rows) == 0 || bytes.HasSuffix(data, []byte("\n")) || bytes.HasSuffix(data, []byte("\r")) {
		return nil
	}
	last := rows[len(rows)-1]
	return []string{fmt.Sprintf("the file does not end with a line break: if it was cut short, its last row (line %d, %s) may be too, and the employees after it are missing", last.Line, last.ID)}
}

// rows reads the records after the header, width fields each, of which the first named have a
// name in the header. A row may have more fields if the ones past width are empty, or fewer
// if the ones it lacks are unnamed: a spreadsheet edited by hand leaves a comma at the end of
// some rows, or of the header.
func (r *reader) rows(cr *csv.Reader, h *header, width, named, likely int) []Row {
	out := make([]Row, 0, likely)
	for {
		rec, err := cr.Read()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return out
		case errors.As(err, &pe):
			r.csvError(err, "")
			continue // the reader goes on at the next line: every such line is listed
		case err != nil:
			r.csvError(err, "")
			return out
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue // Excel leaves rows of empty cells at the end
		}
		if len(out) == r.maxRows {
			r.fail(line, "the file has more than %d rows", r.maxRows)
			return out
		}
		if len(rec) < named || len(rec) > width && !blank(rec[width:]) {
			r.fail(line, "the row has %d fields; the header has %d", len(rec), width)
			continue
		}
		for len(rec) < width {
			rec = append(rec, "")
		}
		out = append(out, r.row(rec, h, line))
		r.leavers.note(rec, line)
	}
}

// likelyRows counts the lines of data that look like rows of named fields: with the
// separators of that many fields and something besides them. It sizes the rows before they are
// read, which a file of 100,000 rows otherwise grows and copies a dozen times. A blank line of
// separators, which Excel leaves, is not counted; nor, past limit, any line. A line counted may
// be no row (a line inside a quoted value, one the reader refuses), so the count is held to
// what would make the rows take four times the file's bytes: a real export's rows, 50 to 150
// bytes a line, fit, while a file of short lines that are not rows takes no more than that.
func likelyRows(data []byte, comma rune, named, limit int) int {
	limit = min(limit, len(data)*4/int(unsafe.Sizeof(Row{})))
	sep := []byte(string(comma))
	blank := func(r rune) bool { return r == comma || r == '"' || unicode.IsSpace(r) }
	n := 0
	for len(data) > 0 && n < limit {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if bytes.Count(line, sep) >= named-1 && len(bytes.TrimFunc(line, blank)) > 0 {
			n++
		}
	}
	return n
}

func (r *reader) csvError(err error, empty string) {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && len(r.problems) >= maxProblems:
		r.dropped++ // counted, not placed: placing reads the file from its start (charAt)
	case errors.As(err, &pe):
		// An unclosed quote reads on to the end of the file, so the line where reading stopped
		// can be far from the mistake: place the problem on the row's first line, and say
		// where reading stopped.
		char := charAt(r.text, pe.Line, pe.Column)
		line, where := pe.StartLine, fmt.Sprintf("character %d", char)
		if line == 0 {
			line = pe.Line
		} else if pe.Line != line {
			where = fmt.Sprintf("line %d, character %d", pe.Line, char)
		}
		r.fail(line, "%s (%s)", quoteProblem(pe.Err), where)
	case errors.Is(err, io.EOF):
		r.fail(0, "%s", empty)
	default:
		r.fail(0, "%v", err)
	}
}

// charAt returns which character of a line (from 1) its byte col (from 1) is: the CSV reader
// counts bytes, and a name before the mistake may have letters of several.
func charAt(text []byte, line, col int) int {
	for range line - 1 {
		_, text, _ = bytes.Cut(text, []byte("\n"))
	}
	if col < 1 || col-1 > len(text) {
		return col
	}
	return utf8.RuneCount(text[:col-1]) + 1
}

// quoteProblem says what a CSV reader's error means for whoever fixes the file.
func quoteProblem(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a " inside a value that is not quoted: double it ("") and quote the whole value, or remove it`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted value is not closed, or has a " inside it that is not doubled ("")`
	}
	return err.Error()
}

// namedWidth returns how many of the header's columns there are up to its last named one.
func namedWidth(head []string) int {
	n := len(head)
	for n > 0 && strings.TrimSpace(head[n-1]) == "" {
		n--
	}
	return n
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// row takes one record's values, in Unicode's composed form (NFC): a name one export writes
// with "é" and the next with "e" and a combining accent, as some systems write it, is the same
// name, and importing the second records no change.
func (r *reader) row(rec []string, h *header, line int) Row {
	get := func(f Field) string {
		if i, ok := h.has[f]; ok {
			return asRead(unguardFormula(rec[i]))
		}
		return ""
	}
	name := func(f Field) string { return oneLine(get(f)) }
	row := Row{Line: line, ID: get(FieldID), Name: name(FieldName), Title: name(FieldTitle),
		Department: name(FieldDepartment), Location: get(FieldLocation), Email: get(FieldEmail),
		StartDate: get(FieldStartDate), Manager: get(FieldManagerID)}
	if row.Name == "" {
		// A preferred name stands for the first (BambooHR's), or for the whole name where
		// there is no last name (Workday's).
		preferred := name(FieldPreferred)
		given := cmp.Or(preferred, name(FieldFirstName))
		row.Name = given
		if _, split := h.has[FieldLastName]; split && !endsWithName(preferred, name(FieldLastName)) {
			row.Name = strings.TrimSpace(given + " " + name(FieldLastName))
		}
	}
	row.managerEmail = get(FieldManagerEmail)
	return row
}

// endsWithName reports whether a preferred name is a whole name already, ending with the last
// name after another word (Workday's "Preferred Name" beside its "Last Name"), whatever its
// case. A first name is never taken so, nor a one-word preferred name: Li Li is a name.
func endsWithName(preferred, last string) bool {
	p, l := strings.ToLower(preferred), strings.ToLower(last)
	return l != "" && strings.HasSuffix(p, " "+l)
}

// oneLine puts a name spread over lines (a title with a line break in a quoted value, say) on
// one, as the ledger keeps names, titles and units' names: each run of spaces that holds a line
// break or a tab becomes one space. A run of spaces alone is kept, so that a name recorded by a
// changeset comes back unchanged from its export.
func oneLine(v string) string {
	if !strings.ContainsAny(v, "\t\n\v\f\r") {
		return v
	}
	return lineBreak.ReplaceAllLiteralString(v, " ")
}

// lineBreak is a run of spaces that holds a line break or a tab.
var lineBreak = regexp.MustCompile(`[ \t\n\v\f\r]*[\t\n\v\f\r][ \t\n\v\f\r]*`)

// foldCRLF drops each run of "\r" before a "\n". encoding/csv reads a CRLF inside quotes as
// "\n", but only the last "\r" of "\r\r\n"; WriteCSV writes the "\r\n" it leaves as is, and
// reading that back would give "\n": a value would not survive an export and an import.
func foldCRLF(v string) string {
	if !strings.Contains(v, "\r\n") {
		return v
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(v, '\r')
		if i < 0 {
			b.WriteString(v)
			return b.String()
		}
		j := i
		for j < len(v) && v[j] == '\r' {
			j++
		}
		b.WriteString(v[:i])
		if j == len(v) || v[j] != '\n' {
			b.WriteString(v[i:j])
		}
		v = v[j:]
	}
}

// separator returns the field separator and the data to read. Excel may write a first line
// "sep=;" that names it; that line is then left blank, so that the others keep their numbers.
// Otherwise the separator is guessed from the header line (guessSeparator).
func separator(data []byte) (rune, []byte) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 5 && bytes.EqualFold(line[:4], []byte("sep=")) && bytes.IndexByte([]byte(",;\t|"), line[4]) >= 0 {
		return rune(line[4]), data[len(line):]
	}
	return guessSeparator(data), data
}

// guessSeparator guesses the field separator from the header line, the first that is not
// blank: the most frequent of comma, semicolon (Excel in much of Europe) and tab outside quotes.
func guessSeparator(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	// The bytes looked for are ASCII, which no other UTF-8 character's bytes can be.
	for _, c := range bytes.TrimLeft(data, " \t\r\n") {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			return best(counts)
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[rune(c)]++
		}
	}
	return best(counts)
}

func best(counts map[rune]int) rune {
	sep := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[sep] {
			sep = c
		}
	}
	return sep
}

// invalidUTF8 returns the line of the first byte that is not UTF-8.
func invalidUTF8(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, false
	}
	line := 1
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size <= 1 {
			return line, true
		}
		if c == '\n' {
			line++
		}
		i += size
	}
	return line, true
}

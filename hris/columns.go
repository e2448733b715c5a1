package hris

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Field is a column's meaning.
type Field string

// The fields a file may carry.
const (
	FieldID           Field = "employee_id"
	FieldName         Field = "name"
	FieldFirstName    Field = "first_name"
	FieldPreferred    Field = "preferred_name" // with a last name, a given name used instead of the first (BambooHR); else the whole name (Workday)
	FieldLastName     Field = "last_name"
	FieldTitle        Field = "title"
	FieldManagerID    Field = "manager_id"
	FieldManagerEmail Field = "manager_email"
	FieldDepartment   Field = "department"
	FieldLocation     Field = "location"
	FieldEmail        Field = "email"
	FieldStartDate    Field = "start_date"
	FieldIgnore       Field = "-" // --map COLUMN=- drops a column
)

// aliasNames are the column names the common HR tools export, by field. A bare "manager" or
// "employee" is left out on purpose: it usually holds a name, and a manager is never resolved
// by name.
var aliasNames = map[Field][]string{
	FieldID: {"employee_id", "employee id", "employee number", "employee no", "emp id", "id",
		"person id", "personid", "worker_id", "worker id", "staff id"},
	FieldName:         {"name", "full name", "employee name", "display name", "worker name", "legal name"},
	FieldPreferred:    {"preferred_name", "preferred name", "preferred first name", "nickname"},
	FieldFirstName:    {"first_name", "first name", "given name", "firstname"},
	FieldLastName:     {"last_name", "last name", "surname", "family name", "lastname"},
	FieldTitle:        {"title", "job title", "business_title", "business title", "position title"},
	FieldManagerID:    {"manager_id", "manager id", "supervisor id", "supervisorid", "reports to", "reports_to", "manager employee id", "supervisor employee id", "manager number", "supervisor eid"},
	FieldManagerEmail: {"manager_email", "manager email", "supervisor email", "manager work email", "reports to email"},
	FieldDepartment:   {"department", "dept", "supervisory organization", "supervisory_organization", "org unit", "organizational unit", "team"},
	FieldLocation:     {"location", "office", "work location", "site", "office location"},
	FieldEmail:        {"email", "work email", "email address", "work_email", "primary work email", "work email address", "email - primary work"},
	FieldStartDate:    {"start_date", "start date", "hire date", "hire_date", "date of hire", "original hire date"},
}

// secondaryNames are aliases that give way: a column of one of these names means its field
// only when no other column does (BambooHR's "Employee #" beside an "Employee ID" is another
// number, which was ignored before these names were known, and still is; Workday's
// "Position" beside its "Business_Title" is the position's id).
var secondaryNames = map[Field][]string{
	FieldID:    {"employee #", "associate id"},
	FieldName:  {"worker"},                                           // Workday's worker, shown by name
	FieldTitle: {"job", "role", "position", "job title description"}, // beside a title, Workday's Position is its id
	// ADP Workforce Now's names, which give way to a column of the usual name beside them.
	FieldFirstName:    {"legal first name"},
	FieldLastName:     {"legal last name"},
	FieldDepartment:   {"home department description", "home department"},
	FieldLocation:     {"location description"},
	FieldEmail:        {"work contact: work email"},
	FieldManagerID:    {"manager #", "supervisor #", "reports to associate id"},
	FieldManagerEmail: {"manager's email", "supervisor's email"},
}

// aliasTable maps column names to fields, exactly (exactKey) and loosely (looseKey). Only the
// names of letters, digits and spaces are matched loosely: "Employee #" is not "Employee".
type aliasTable struct {
	exact, loose map[string]Field
	secondary    map[string]bool // exact keys of secondaryNames
}

// aliases is made on first use: a process that reads no file (a one-shot chart) does not pay
// for it.
var aliases = sync.OnceValue(func() aliasTable {
	m := aliasTable{exact: map[string]Field{}, loose: map[string]Field{}, secondary: map[string]bool{}}
	add := func(names map[Field][]string, secondary bool) {
		for f, ns := range names {
			for _, n := range ns {
				m.exact[exactKey(n)], m.secondary[exactKey(n)] = f, secondary
				if exactKey(n) == strings.Join(strings.Fields(looseWords(n)), " ") {
					m.loose[looseKey(n)] = f
				}
			}
		}
	}
	add(aliasNames, false)
	add(secondaryNames, true)
	return m
})

// alias returns the field a column's name is an alias of, "" for none, and whether the alias
// gives way to another column of that field (secondaryNames). A name with a '#' that is no
// alias as it is names a number: it is matched loosely to an id only ("Employee ID#" is the
// id, "Dept #" is not the department).
func alias(col string) (Field, bool) {
	a := aliases()
	if f, ok := a.exact[exactKey(col)]; ok {
		return f, a.secondary[exactKey(col)]
	}
	f := a.loose[looseKey(col)]
	if strings.Contains(col, "#") && f != FieldID && f != FieldManagerID {
		return "", false
	}
	return f, false
}

// fields lists every field a --map may name.
var fields = []Field{FieldID, FieldName, FieldFirstName, FieldPreferred, FieldLastName, FieldTitle, FieldManagerID,
	FieldManagerEmail, FieldDepartment, FieldLocation, FieldEmail, FieldStartDate, FieldIgnore}

// exactKey folds a column name for an exact match: lower case, each run of spaces,
// underscores and hyphens one space, a typographic apostrophe a plain one.
func exactKey(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '_' || r == '-' }), " ")
}

// looseKey folds a column name for a loose match: lower case, letters and digits only.
func looseKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// looseWords is a name with everything but letters and digits made a space.
func looseWords(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
}

// ParseMap parses column mappings (import --map, the API's map), COLUMN=FIELD each; its
// errors quote the mapping, and its caller says where it came from. The keys of the map are
// the columns as the user spelled them, so that a problem can name them so; each matches the
// columns of a header whose name is the same but for case, spaces, underscores and hyphens,
// or, where none is, the same ignoring punctuation too (mappedColumns).
func ParseMap(specs []string) (map[string]Field, error) {
	out := map[string]Field{}
	seen := map[string]string{} // exactKey of a column to the spec that named it
	for _, s := range specs {
		col, f, ok := strings.Cut(s, "=")
		col = strings.TrimSpace(col)
		if !ok || col == "" {
			return nil, fmt.Errorf("%q: want COLUMN=FIELD", s)
		}
		field := fieldNamed(f)
		if !knownField(field) {
			return nil, fmt.Errorf("%q: unknown field %q; fields are %s", s, f, fieldList())
		}
		if prev, dup := seen[exactKey(col)]; dup {
			return nil, fmt.Errorf("%q: column %q is mapped already by %q", s, col, prev)
		}
		seen[exactKey(col)] = s
		out[col] = field
	}
	return out, nil
}

// fieldNamed reads the field of a mapping as loosely as columns are matched: Department,
// "Manager ID" and manager-id name department and manager_id (found by QA: only the exact
// spelling was taken); "-" drops the column.
func fieldNamed(f string) Field {
	f = strings.TrimSpace(f)
	if f == string(FieldIgnore) {
		return FieldIgnore
	}
	return Field(strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(f)))
}

func knownField(f Field) bool {
	for _, k := range fields {
		if k == f {
			return true
		}
	}
	return false
}

func fieldList() string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = string(f)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// header maps column positions to fields.
type header struct {
	fields []Field // by column; "" for a column that means nothing to orgledger
	has    map[Field]int
	mapped map[int]Field // the columns --map names, by place
	// gaveWay holds each column whose usual name gives way, with the column it gave way to
	// ("Associate ID" to "Employee ID"): read as nothing, and warned of.
	gaveWay [][2]int
	// mappedOver holds each column whose usual name means a field --map gave another column,
	// with that column: read as nothing, and warned of (found by QA: dropped without a word).
	mappedOver [][2]int
}

// mapHeader works out what each column means and refuses a header that leaves a required
// field out or names one twice, or a custom mapping whose column the header lacks.
func mapHeader(cols []string, custom map[string]Field) (*header, []string) {
	mapped, problems := mappedColumns(cols, custom)
	h := &header{fields: make([]Field, len(cols)), has: map[Field]int{}, mapped: mapped}
	for i := range cols { // a column --map names first: its field is no other column's
		if f, ok := mapped[i]; ok {
			problems = h.take(cols, i, f, problems)
		}
	}
	var giveWay []int // columns of secondary aliases, taken once the others are
	for i, c := range cols {
		if _, ok := mapped[i]; ok {
			continue
		}
		f, secondary := alias(c)
		if j, taken := h.has[f]; taken && mapped[j] == f {
			h.mappedOver = append(h.mappedOver, [2]int{i, j}) // --map gave f to another column: this one's usual name gives way
			continue
		}
		if secondary {
			giveWay = append(giveWay, i)
			continue
		}
		problems = h.take(cols, i, f, problems)
	}
	firstOf := map[Field]int{} // the first column of each field that only secondary names mean
	for _, i := range giveWay {
		f, _ := alias(cols[i])
		j, taken := h.has[f]
		first, onlySecondary := firstOf[f]
		switch {
		case !taken:
			firstOf[f] = i
			problems = h.take(cols, i, f, problems)
		case onlySecondary && first == j, exactKey(cols[j]) == "title":
			// Two columns of names that give way, and none to give way to, or a bare "Title"
			// (which may hold Ms and Mr): which one means the field is for a --map to say.
			problems = append(problems, bothMean(cols, j, i, f))
		case f != FieldID && f != FieldManagerID && f != FieldManagerEmail:
			// A second number or email beside the id is another one (BambooHR's Employee #):
			// another title, place or department beside one is worth a word.
			h.gaveWay = append(h.gaveWay, [2]int{i, j})
		}
	}
	return h, append(problems, h.missing(cols)...)
}

// take gives column i field f, unless another column has it: a problem then.
func (h *header) take(cols []string, i int, f Field, problems []string) []string {
	if f == "" || f == FieldIgnore {
		return problems
	}
	if j, dup := h.has[f]; dup {
		return append(problems, bothMean(cols, j, i, f))
	}
	h.fields[i], h.has[f] = f, i
	return problems
}

// bothMean is the problem of columns i and j both meaning f: a --map drops one, unless the two
// have one name, which no --map tells apart.
func bothMean(cols []string, j, i int, f Field) string {
	if exactKey(cols[j]) == exactKey(cols[i]) {
		return fmt.Sprintf("columns %d and %d are both named %q and both mean %s; rename one of them in the file", j+1, i+1, cols[i], f)
	}
	return fmt.Sprintf("columns %q and %q both mean %s; drop the one that does not, with --map %q or --map %q", cols[j], cols[i], f, cols[j]+"=-", cols[i]+"=-")
}

// mappedColumns returns the field each custom mapping gives a column, by the column's place:
// a mapping names the columns whose name it matches exactly (exactKey), or, when none does,
// those it matches loosely (looseKey), so that "Employee #" can be told from "Employee". It
// names the mappings to a field whose column the header lacks (a typo in --map "Cost
// Center=department" would otherwise import everyone without a department; ignoring a column
// that is not there is harmless, so that one --map fits several months of exports), and the
// columns two mappings name.
func mappedColumns(cols []string, custom map[string]Field) (map[int]Field, []string) {
	out := map[int]Field{}
	by := map[int]string{} // the mapping that named each column
	var problems []string
	for _, c := range slices.Sorted(maps.Keys(custom)) {
		f := custom[c]
		named := columnsNamed(cols, c)
		if len(named) == 0 && f != FieldIgnore {
			problems = append(problems, fmt.Sprintf("--map %q: the header has no column %q", c+"="+string(f), c))
		}
		for _, i := range named {
			if prev, dup := by[i]; dup {
				problems = append(problems, fmt.Sprintf("--map %q and --map %q both name column %q", prev+"="+string(out[i]), c+"="+string(f), cols[i]))
				continue
			}
			out[i], by[i] = f, c
		}
	}
	return out, problems
}

// columnsNamed returns the places of the columns a mapping's name matches: exactly, else
// loosely.
func columnsNamed(cols []string, name string) []int {
	var exact, loose []int
	for i, c := range cols {
		switch {
		case exactKey(c) == exactKey(name):
			exact = append(exact, i)
		case looseKey(c) != "" && looseKey(c) == looseKey(name):
			loose = append(loose, i)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return loose
}

// missing names the required fields the header lacks, and for the manager, a column named
// as a manager that is not read as one (it usually holds a name), with the --map that would.
func (h *header) missing(cols []string) []string {
	var out []string
	need := func(ok bool, what string) {
		if !ok {
			out = append(out, "no "+what+" column")
		}
	}
	_, id := h.has[FieldID]
	_, name := h.has[FieldName]
	_, first := h.has[FieldFirstName]
	_, preferred := h.has[FieldPreferred]
	_, last := h.has[FieldLastName]
	_, title := h.has[FieldTitle]
	_, mid := h.has[FieldManagerID]
	_, memail := h.has[FieldManagerEmail]
	need(id, "employee id (employee_id, Employee ID, PersonID, Worker_ID…)")
	need(name || preferred || (first && last), "name (name, preferred_name, or first_name and last_name)")
	need(title, "title (title, Job Title, Business_Title…)")
	need(mid || memail, "manager (manager_id, Supervisor ID, Reports To, manager_email…)")
	if !mid && !memail {
		out[len(out)-1] += h.managerNamed(cols)
	}
	return out
}

// managerNamed words, for a header without a manager column, the columns that a manager's
// name would be in, which are never read as ids unless a --map says so.
func (h *header) managerNamed(cols []string) string {
	for i, c := range cols {
		if key := looseKey(c); h.fields[i] == "" && (key == "manager" || key == "supervisor" || key == "managername" || key == "supervisorname") {
			return fmt.Sprintf("; column %q is not read as one, since a manager is never found by name: if it holds the manager's employee id, --map %q reads it", c, c+"=manager_id")
		}
	}
	return ""
}

// hints are words that, in the name of a column (looseKey) orgledger reads as nothing, say it
// may hold an optional field under a name orgledger does not know: a business unit, cost
// center or team as many tools name the department, a city, country or office the location
// (hints only: no alias reads them, since a cost center may be a code and a country is not a
// site). Of several in one name, the one it ends with says what it holds ("Office Email").
var hints = []struct {
	field Field
	words []string
}{
	{FieldDepartment, []string{"department", "dept", "division", "businessunit", "costcenter", "costcentre", "team"}},
	{FieldLocation, []string{"location", "city", "country", "office"}},
	{FieldEmail, []string{"email"}},
	{FieldStartDate, []string{"hiredate", "startdate"}},
}

// hintOf returns the optional field a column's name says it may hold, where no column of the
// header means it; "" for none. A hint is whole words of the name ("Cost Center", "CostCenter",
// "cost_center"), never part of one: "Ethnicity" holds no city. Of several in the name, the
// last to end says it: an "Office Email" beside an email column is no location.
func (h *header) hintOf(column string) Field {
	words := nameWords(column)
	var hinted Field
	end := -1
	for _, hint := range hints {
		for _, w := range hint.words {
			if last := lastRunOf(words, w); last > end {
				hinted, end = hint.field, last
			}
		}
	}
	if _, has := h.has[hinted]; has {
		return ""
	}
	return hinted
}

// nameWords returns the words of a column's name, lower case: split where a letter or digit
// is followed by anything else, and where a lower-case letter is followed by an upper-case one.
func nameWords(name string) []string {
	var words []string
	var w []rune
	prevLower := false
	for _, r := range name {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		if len(w) > 0 && (!alnum || prevLower && unicode.IsUpper(r)) {
			words, w = append(words, string(w)), nil
		}
		if alnum {
			w = append(w, unicode.ToLower(r))
		}
		prevLower = unicode.IsLower(r)
	}
	if len(w) > 0 {
		words = append(words, string(w))
	}
	return words
}

// lastRunOf returns the index of the last word of the last run of consecutive words that
// make w ("cost", "center" make "costcenter"), -1 where none does.
func lastRunOf(words []string, w string) int {
	last := -1
	for i := range words {
		joined := ""
		for j := i; j < len(words) && len(joined) < len(w); j++ {
			if joined += words[j]; joined == w {
				last = j
			}
		}
	}
	return last
}

// unread warns of each column that means nothing to orgledger, and that no --map names, whose
// name says it may hold an optional field no column of the header means: a "Department Name"
// read as nothing leaves the file saying nothing of departments, and only a --map reads it.
func (h *header) unread(cols []string, line int) []string {
	var out []string
	for _, g := range h.gaveWay {
		i, j := g[0], g[1]
		out = append(out, fmt.Sprintf("line %d: column %q is read as nothing, as column %q is the %s; if %q is, --map %q reads it, and --map %q drops it without this warning",
			line, cols[i], cols[j], h.fields[j], cols[i], cols[i]+"="+string(h.fields[j]), cols[i]+"=-"))
	}
	for _, g := range h.mappedOver {
		i, j := g[0], g[1]
		out = append(out, fmt.Sprintf("line %d: column %q is read as nothing, as --map makes column %q the %s; --map %q drops it without this warning",
			line, cols[i], cols[j], h.fields[j], cols[i]+"=-"))
	}
	for i, c := range cols {
		if _, named := h.mapped[i]; named || h.fields[i] != "" {
			continue
		}
		if f := h.hintOf(c); f != "" {
			out = append(out, fmt.Sprintf("line %d: column %q means nothing to orgledger, and no column is the %s: the import changes no one's; "+
				"if the column holds it, --map %q reads it, and --map %q drops it without this warning",
				line, c, f, c+"="+string(f), c+"=-"))
		}
	}
	return out
}

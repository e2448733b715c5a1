package hris

import (
	"fmt"
	"sort"
	"strings"
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

// aliases maps normalized column names (see normalize) to fields: the names the common HR
// tools export. A bare "manager" is left out on purpose: it usually holds a name, and a manager
// is never resolved by name.
var aliases = func() map[string]Field {
	m := map[string]Field{}
	for f, names := range map[Field][]string{
		FieldID: {"employee_id", "employee id", "employee number", "employee no", "emp id", "id",
			"person id", "personid", "worker_id", "worker id", "staff id"},
		FieldName:         {"name", "full name", "employee name", "display name", "worker name", "legal name"},
		FieldPreferred:    {"preferred_name", "preferred name", "preferred first name", "nickname"},
		FieldFirstName:    {"first_name", "first name", "given name", "firstname"},
		FieldLastName:     {"last_name", "last name", "surname", "family name", "lastname"},
		FieldTitle:        {"title", "job title", "business_title", "business title", "position title", "job", "role", "position"},
		FieldManagerID:    {"manager_id", "manager id", "supervisor id", "supervisorid", "reports to", "reports_to", "manager employee id", "supervisor employee id", "manager number"},
		FieldManagerEmail: {"manager_email", "manager email", "supervisor email", "manager work email", "reports to email"},
		FieldDepartment:   {"department", "dept", "supervisory organization", "supervisory_organization", "org unit", "organizational unit", "team"},
		FieldLocation:     {"location", "office", "work location", "site", "office location"},
		FieldEmail:        {"email", "work email", "email address", "work_email", "primary work email", "work email address"},
		FieldStartDate:    {"start_date", "start date", "hire date", "hire_date", "date of hire", "original hire date"},
	} {
		for _, n := range names {
			m[normalize(n)] = f
		}
	}
	return m
}()

// fields lists every field a --map may name.
var fields = []Field{FieldID, FieldName, FieldFirstName, FieldPreferred, FieldLastName, FieldTitle, FieldManagerID,
	FieldManagerEmail, FieldDepartment, FieldLocation, FieldEmail, FieldStartDate, FieldIgnore}

// normalize folds a column name for matching: lower case, letters and digits only.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseMap parses column mappings (import --map, the API's map), COLUMN=FIELD each; its
// errors quote the mapping, and its caller says where it came from. The keys of the map are the columns as the
// user spelled them, so that a problem can name them so; they match a header the way aliases
// do, ignoring case, spaces and punctuation.
func ParseMap(specs []string) (map[string]Field, error) {
	out := map[string]Field{}
	seen := map[string]string{} // normalized column to the spec that named it
	for _, s := range specs {
		col, f, ok := strings.Cut(s, "=")
		col = strings.TrimSpace(col)
		if !ok || col == "" {
			return nil, fmt.Errorf("%q: want COLUMN=FIELD", s)
		}
		field := Field(strings.TrimSpace(f))
		if !knownField(field) {
			return nil, fmt.Errorf("%q: unknown field %q; fields are %s", s, f, fieldList())
		}
		if prev, dup := seen[normalize(col)]; dup {
			return nil, fmt.Errorf("%q: column %q is mapped already by %q", s, col, prev)
		}
		seen[normalize(col)] = s
		out[col] = field
	}
	return out, nil
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
}

// mapHeader works out what each column means and refuses a header that leaves a required
// field out or names one twice, or a custom mapping whose column the header lacks.
func mapHeader(cols []string, custom map[string]Field) (*header, []string) {
	h := &header{fields: make([]Field, len(cols)), has: map[Field]int{}}
	byNorm := make(map[string]Field, len(custom))
	for c, f := range custom {
		byNorm[normalize(c)] = f
	}
	problems := unmatched(cols, custom)
	for i, c := range cols {
		f, ok := byNorm[normalize(c)]
		if !ok {
			f = aliases[normalize(c)]
		}
		if f == "" || f == FieldIgnore {
			continue
		}
		if j, dup := h.has[f]; dup {
			problems = append(problems, fmt.Sprintf("columns %q and %q both mean %s; drop one with --map %q=-", cols[j], c, f, c))
			continue
		}
		h.fields[i], h.has[f] = f, i
	}
	return h, append(problems, h.missing()...)
}

// unmatched names the custom mappings to a field whose column the header lacks: a typo in
// --map "Cost Center=department" would otherwise import everyone without a department.
// Ignoring a column that is not there (COLUMN=-) is harmless, so that one --map fits several
// months of exports.
func unmatched(cols []string, custom map[string]Field) []string {
	have := make(map[string]bool, len(cols))
	for _, c := range cols {
		have[normalize(c)] = true
	}
	var out []string
	for c, f := range custom {
		if f != FieldIgnore && !have[normalize(c)] {
			out = append(out, fmt.Sprintf("--map %q: the header has no column %q", c+"="+string(f), c))
		}
	}
	sort.Strings(out)
	return out
}

// missing names the required fields the header lacks.
func (h *header) missing() []string {
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
	return out
}

package orgledger

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Verb names one kind of change, as it is spelled in changeset files.
type Verb string

// The verbs of a changeset, one per kind of change.
const (
	VerbHire           Verb = "hire"
	VerbLeave          Verb = "leave"
	VerbUpdatePerson   Verb = "update-person"
	VerbCreateUnit     Verb = "create-unit"
	VerbRenameUnit     Verb = "rename-unit"
	VerbMoveUnit       Verb = "move-unit"
	VerbMergeUnits     Verb = "merge-units"
	VerbCloseUnit      Verb = "close-unit"
	VerbSetHead        Verb = "set-head"
	VerbCreatePosition Verb = "create-position"
	VerbRetitle        Verb = "retitle"
	VerbMovePosition   Verb = "move-position"
	VerbReport         Verb = "report"
	VerbDotted         Verb = "dotted"
	VerbUndotted       Verb = "undotted"
	VerbClosePosition  Verb = "close-position"
	VerbAssign         Verb = "assign"
	VerbUnassign       Verb = "unassign"
	VerbRetract        Verb = "retract"
)

// Verbs lists every verb in the order the documentation presents them.
var Verbs = []Verb{
	VerbHire, VerbLeave, VerbUpdatePerson,
	VerbCreateUnit, VerbRenameUnit, VerbMoveUnit, VerbMergeUnits, VerbCloseUnit, VerbSetHead,
	VerbCreatePosition, VerbRetitle, VerbMovePosition, VerbReport, VerbDotted, VerbUndotted,
	VerbClosePosition, VerbAssign, VerbUnassign, VerbRetract,
}

// NewOp returns a new zero Op for the verb, or nil for an unknown verb.
func NewOp(v Verb) Op {
	switch v {
	case VerbHire:
		return &Hire{}
	case VerbLeave:
		return &Leave{}
	case VerbUpdatePerson:
		return &UpdatePerson{}
	case VerbCreateUnit:
		return &CreateUnit{}
	case VerbRenameUnit:
		return &RenameUnit{}
	case VerbMoveUnit:
		return &MoveUnit{}
	case VerbMergeUnits:
		return &MergeUnits{}
	case VerbCloseUnit:
		return &CloseUnit{}
	case VerbSetHead:
		return &SetHead{}
	case VerbCreatePosition:
		return &CreatePosition{}
	case VerbRetitle:
		return &Retitle{}
	case VerbMovePosition:
		return &MovePosition{}
	case VerbReport:
		return &Report{}
	case VerbDotted:
		return &Dotted{}
	case VerbUndotted:
		return &Undotted{}
	case VerbClosePosition:
		return &ClosePosition{}
	case VerbAssign:
		return &Assign{}
	case VerbUnassign:
		return &Unassign{}
	case VerbRetract:
		return &Retract{}
	}
	return nil
}

// Changeset is a set of changes that are applied together or not at all.
type Changeset struct {
	File      string    // where it was read from, for error messages; "" when unknown
	Effective Date      // the date every change takes effect unless it names its own
	Recorded  time.Time // when this became known, for backfills; zero means now
	Source    string    // kept with every change
	Note      string
	Changes   []Change
	// FieldLines holds the lines of its own fields in the file (recorded, source, note), for
	// their problems.
	FieldLines map[string]int
}

// FieldLine returns the line of the changeset's field in its file, 0 when it is not known.
func (cs *Changeset) FieldLine(field string) int { return cs.FieldLines[field] }

// Change is one change of a changeset: one verb with its fields, and what it may override of
// its changeset.
type Change struct {
	Op        Op
	Effective Date   // zero: the changeset's
	Source    string // "": the changeset's
	Note      string // "": the changeset's
	When      *When  // plans only: the change waits for an event
	Line      int    // its line in the file, for error messages; 0 when unknown
	// FieldLines has the line of each field of its verb, by the field's name as a file spells
	// it, where the file was read: a problem with a field names the field's line.
	FieldLines map[string]int
	// Base, of a change added to a plan after it was drafted, is the ledger's last event when
	// it was added (plans only; 0: the plan's base): what was recorded by then is what its
	// author drafted it on, which it does not clash with.
	Base int64
}

// When makes a change in a plan wait for an event: the change takes effect on the day the
// person's leaving takes effect, once that leaving is recorded.
type When struct {
	Leaves string `json:"leaves" yaml:"leaves"`
}

// Op is the verb-specific part of a change.
type Op interface {
	Verb() Verb
	// Check reports every field that is missing or malformed, each as a Problem with Field set
	// (the first problem of a field only; each attribute is a field, attrs.KEY, of its own), in
	// the order of the verb's fields. It looks at the
	// change alone; the ledger checks it against the org.
	Check() []*Problem
}

// Hire: a person joins.
type Hire struct {
	ID       string            `json:"id" yaml:"id"`
	Name     string            `json:"name" yaml:"name"`
	Email    string            `json:"email,omitempty" yaml:"email,omitempty"`
	Location string            `json:"location,omitempty" yaml:"location,omitempty"`
	Attrs    map[string]string `json:"attrs,omitempty" yaml:"attrs,omitempty"`
}

// Leave: the person leaves; every position they held falls vacant.
type Leave struct {
	Person string `json:"person" yaml:"person"`
	Reason string `json:"reason,omitempty" yaml:"reason,omitempty"`
}

// UpdatePerson changes a person's details. Nil fields are left alone; an attribute set to ""
// is removed.
type UpdatePerson struct {
	Person   string            `json:"person" yaml:"person"`
	Name     *string           `json:"name,omitempty" yaml:"name,omitempty"`
	Email    *string           `json:"email,omitempty" yaml:"email,omitempty"`
	Location *string           `json:"location,omitempty" yaml:"location,omitempty"`
	Attrs    map[string]string `json:"attrs,omitempty" yaml:"attrs,omitempty"`
}

// PersonField is a field an update of a person sets, as its file names it ("name", "email",
// "location", "attrs.KEY"), and the value it sets; "" clears it.
type PersonField struct{ Field, Value string }

// Sets returns the fields the update sets: name, email and location, then its attributes by
// key.
func (c *UpdatePerson) Sets() []PersonField {
	var out []PersonField
	for _, f := range []struct {
		name string
		v    *string
	}{{"name", c.Name}, {"email", c.Email}, {"location", c.Location}} {
		if f.v != nil {
			out = append(out, PersonField{f.name, *f.v})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.Attrs)) {
		out = append(out, PersonField{"attrs." + k, c.Attrs[k]})
	}
	return out
}

// CreateUnit: an org unit opens.
type CreateUnit struct {
	ID     string `json:"id" yaml:"id"`
	Name   string `json:"name" yaml:"name"`
	Parent string `json:"parent,omitempty" yaml:"parent,omitempty"`
	Kind   string `json:"kind,omitempty" yaml:"kind,omitempty"`
}

// RenameUnit gives a unit a new name.
type RenameUnit struct {
	Unit string `json:"unit" yaml:"unit"`
	Name string `json:"name" yaml:"name"`
}

// MoveUnit moves a unit under another unit, or with no Parent to the top, under none.
type MoveUnit struct {
	Unit   string `json:"unit" yaml:"unit"`
	Parent string `json:"parent,omitempty" yaml:"parent,omitempty"`
}

// MergeUnits closes the units; their positions and child units move into Into.
type MergeUnits struct {
	Units []string `json:"units" yaml:"units"`
	Into  string   `json:"into" yaml:"into"`
}

// CloseUnit closes a unit that has no open positions or child units.
type CloseUnit struct {
	Unit string `json:"unit" yaml:"unit"`
}

// SetHead makes the position the head of the unit.
type SetHead struct {
	Unit     string `json:"unit" yaml:"unit"`
	Position string `json:"position" yaml:"position"`
}

// CreatePosition: a position opens in a unit.
type CreatePosition struct {
	ID        string `json:"id" yaml:"id"`
	Title     string `json:"title" yaml:"title"`
	Unit      string `json:"unit" yaml:"unit"`
	ReportsTo string `json:"reports-to,omitempty" yaml:"reports-to,omitempty"`
	Kind      string `json:"kind,omitempty" yaml:"kind,omitempty"`
}

// Retitle gives a position a new title.
type Retitle struct {
	Position string `json:"position" yaml:"position"`
	Title    string `json:"title" yaml:"title"`
}

// MovePosition moves a position to another unit.
type MovePosition struct {
	Position string `json:"position" yaml:"position"`
	Unit     string `json:"unit" yaml:"unit"`
}

// Report makes the solid line of Position go to To; without To, the position reports to no
// one.
type Report struct {
	Position string `json:"position" yaml:"position"`
	To       string `json:"to,omitempty" yaml:"to,omitempty"`
}

// Dotted adds a dotted line from Position to To.
type Dotted struct {
	Position string `json:"position" yaml:"position"`
	To       string `json:"to" yaml:"to"`
}

// Undotted removes a dotted line from Position to To.
type Undotted struct {
	Position string `json:"position" yaml:"position"`
	To       string `json:"to" yaml:"to"`
}

// ClosePosition closes a position that has no holders and nothing reporting to it.
type ClosePosition struct {
	Position string `json:"position" yaml:"position"`
}

// Assign: the person takes the position. A filled position needs Replace (its holders step
// out) or Share (the person holds it beside them).
type Assign struct {
	Person   string `json:"person" yaml:"person"`
	Position string `json:"position" yaml:"position"`
	Acting   bool   `json:"acting,omitempty" yaml:"acting,omitempty"`
	Replace  bool   `json:"replace,omitempty" yaml:"replace,omitempty"`
	Share    bool   `json:"share,omitempty" yaml:"share,omitempty"`
}

// Unassign: the person steps out of the position.
type Unassign struct {
	Person   string `json:"person" yaml:"person"`
	Position string `json:"position" yaml:"position"`
}

// Retract is a correction: the event is treated as never having happened, from the time the
// retraction is recorded on.
type Retract struct {
	Event  int64  `json:"event" yaml:"event"`
	Reason string `json:"reason" yaml:"reason"`
}

func (*Hire) Verb() Verb           { return VerbHire }
func (*Leave) Verb() Verb          { return VerbLeave }
func (*UpdatePerson) Verb() Verb   { return VerbUpdatePerson }
func (*CreateUnit) Verb() Verb     { return VerbCreateUnit }
func (*RenameUnit) Verb() Verb     { return VerbRenameUnit }
func (*MoveUnit) Verb() Verb       { return VerbMoveUnit }
func (*MergeUnits) Verb() Verb     { return VerbMergeUnits }
func (*CloseUnit) Verb() Verb      { return VerbCloseUnit }
func (*SetHead) Verb() Verb        { return VerbSetHead }
func (*CreatePosition) Verb() Verb { return VerbCreatePosition }
func (*Retitle) Verb() Verb        { return VerbRetitle }
func (*MovePosition) Verb() Verb   { return VerbMovePosition }
func (*Report) Verb() Verb         { return VerbReport }
func (*Dotted) Verb() Verb         { return VerbDotted }
func (*Undotted) Verb() Verb       { return VerbUndotted }
func (*ClosePosition) Verb() Verb  { return VerbClosePosition }
func (*Assign) Verb() Verb         { return VerbAssign }
func (*Unassign) Verb() Verb       { return VerbUnassign }
func (*Retract) Verb() Verb        { return VerbRetract }

// ValidID reports whether s is a valid id, [A-Za-z0-9][A-Za-z0-9._-]{0,63}: a letter or
// digit, then up to 63 letters, digits, dots, underscores or hyphens. It is written out rather
// than a regular expression because imports check hundreds of thousands of ids.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !alnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// MaxNameLen is the longest name or title, in characters.
const MaxNameLen = 200

// checkID returns a Problem when the required id field is malformed.
func checkID(field, v string) *Problem {
	switch {
	case v == "":
		return &Problem{Field: field, Reason: "is required"}
	case !ValidID(v):
		return &Problem{Field: field, Reason: "id " + quoteClipped(v) + " " + whyNotID(v, "id")}
	}
	return nil
}

// whyNotID says what makes v, not a valid id (or attribute key: what), none: its length, or its
// first character that an id cannot have, by its code point, since a hyphen or a space that is
// not ASCII's reads like one (the id is quoted in ASCII, its other characters escaped, control
// characters among them).
func whyNotID(v, what string) string {
	rule := what + "s have only ASCII letters, digits, '.', '_' and '-', and begin with a letter or digit"
	if v == "" {
		return "is empty: " + rule
	}
	if n := utf8.RuneCountInString(v); n > 64 {
		return fmt.Sprintf("is %d characters long; %s %s has at most 64", n, article(what), what)
	}
	i := 0
	for _, r := range v {
		i++
		if r < utf8.RuneSelf && (alnum(byte(r)) || i > 1 && strings.ContainsRune("._-", r)) {
			continue
		}
		return fmt.Sprintf("has %U at character %d: %s", r, i, rule)
	}
	return rule
}

// article is "an" before "id", "a" before "key".
func article(what string) string {
	if strings.IndexByte("aeiou", what[0]) >= 0 {
		return "an"
	}
	return "a"
}

// CheckName returns a Problem when v is not a name or title the ledger keeps: empty (or with
// nothing visible: only spaces and format characters such as a zero-width space), with spaces
// at either end, too long, not UTF-8, or holding a control character (a line break among them),
// a bidirectional override, or an invisible character or combining mark where names do not
// use one (invisible.go; marks.go: more than ten stacked on one character).
func CheckName(field, v string) *Problem {
	switch {
	case !strings.ContainsFunc(v, visible):
		return &Problem{Field: field, Reason: "is required and must not be empty (or only spaces and invisible characters)"}
	case !utf8.ValidString(v):
		return &Problem{Field: field, Reason: "is not valid UTF-8"}
	case characters(v, MaxNameLen) > MaxNameLen:
		return &Problem{Field: field, Reason: "is longer than 200 characters"}
	case strings.ContainsAny(v, "\r\n"):
		return &Problem{Field: field, Reason: "holds a control character, a line break: a name or title is one line (in YAML, a value after | or > keeps its line breaks; write it on the key's line)"}
	case strings.ContainsAny(v, lineBreaks):
		return &Problem{Field: field, Reason: "holds a line or paragraph separator (U+2028, U+2029), which browsers break lines at: a name or title is one line"}
	case hasControl(v, false):
		return &Problem{Field: field, Reason: controlReason(v, false)}
	case hasBidiControl(v):
		return &Problem{Field: field, Reason: bidiReason(v)}
	case strings.TrimSpace(v) != v:
		// An HRIS export's values are read trimmed: " Ann " recorded here would be a change
		// of name at every import.
		return &Problem{Field: field, Reason: "starts or ends with a space"}
	}
	return checkInvisible(field, v)
}

// characters counts the characters of v for a limit of length, max: its code points, or,
// where fewer, those of its composed form (NFC), as an HRIS import reads text: "é" is one,
// whether written as one code point or as an "e" and an accent. Text within the limit as
// written is not composed.
func characters(v string, max int) int {
	n := utf8.RuneCountInString(v)
	if n <= max || norm.NFC.IsNormalString(v) {
		return n
	}
	return min(n, utf8.RuneCountInString(norm.NFC.String(v)))
}

// lineBreaks are the characters that end a line: a line feed, a carriage return, and
// Unicode's line and paragraph separators (U+2028, U+2029), which browsers and editors break
// lines at. (NEL, U+0085, is a control character, refused as one.)
const lineBreaks = "\r\n\u2028\u2029"

// controlReason says why v, which holds a control character (tabs and line breaks aside when
// lines is set: hasControl), is refused, naming the first by code point and place.
func controlReason(v string, lines bool) string {
	for i, r := range []rune(v) {
		if hasControl(string(r), lines) {
			return fmt.Sprintf("holds a control character, %U, at character %d", r, i+1)
		}
	}
	return ""
}

// visible reports whether r shows on screen: not a space, and not an invisible character (a
// zero-width space or joiner, a byte order mark, a Hangul filler: invisible.go).
func visible(r rune) bool {
	return !unicode.IsSpace(r) && !invisible(r)
}

// checkText returns a Problem when optional free text is not UTF-8, longer than max, or holds
// a control character other than a tab or a line break (a carriage return counts as one only
// before a line feed: alone, it moves a terminal's cursor back over what was written), a
// bidirectional override, or an invisible character or combining mark where words do not use
// one (invisible.go; marks.go: more than ten stacked on one character).
func checkText(field, v string, max int) *Problem {
	switch {
	case !utf8.ValidString(v):
		return &Problem{Field: field, Reason: "is not valid UTF-8"}
	case characters(v, max) > max:
		return &Problem{Field: field, Reason: fmt.Sprintf("is longer than %d characters", max)}
	case hasControl(v, true):
		return &Problem{Field: field, Reason: controlReason(v, true)}
	case strings.Contains(strings.ReplaceAll(v, "\r\n", ""), "\r"):
		return &Problem{Field: field, Reason: "holds a carriage return that ends no line (U+000D without a line feed after it), which would write over the text before it on a terminal"}
	case hasBidiControl(v):
		return &Problem{Field: field, Reason: bidiReason(v)}
	}
	return checkInvisible(field, v)
}

// checkTrimmed returns a Problem when optional text that an HRIS export also holds (an email, a
// location) is not free text checkText accepts, or starts or ends with a space: an export's
// values are read trimmed, and the value would not come back from its own export.
func checkTrimmed(field, v string, max int) *Problem {
	if strings.TrimSpace(v) != v {
		return &Problem{Field: field, Reason: "starts or ends with a space (or a tab or a line break)"}
	}
	return checkText(field, v, max)
}

// checkOneLine returns a Problem when optional one-line text (an email, a unit's kind) is not
// text checkTrimmed accepts, or holds a line break or a tab.
func checkOneLine(field, v string, max int) *Problem {
	if strings.ContainsAny(v, lineBreaks+"\t") {
		return &Problem{Field: field, Reason: "holds a line break or a tab: it is one line"}
	}
	return checkTrimmed(field, v, max)
}

// bidiReason says why v, which holds a bidirectional embedding, override or isolate, is
// refused, naming the first by code point and place.
func bidiReason(v string) string {
	for i, r := range []rune(v) {
		if isBidiControl(r) {
			return fmt.Sprintf("holds a bidirectional override, embedding or isolate, %U, at character %d (U+202A–U+202E, U+2066–U+2069 are refused), which makes text display in another order than it is stored", r, i+1)
		}
	}
	return ""
}

// hasBidiControl reports whether s holds a bidirectional embedding, override or isolate: the
// characters that make a name read differently on screen than in the ledger (the left-to-right
// and right-to-left marks, which names in Arabic or Hebrew may need, are not among them).
func hasBidiControl(s string) bool { return strings.ContainsFunc(s, isBidiControl) }

func isBidiControl(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }

// hasControl reports whether s holds a control character (C0, DEL or C1), tabs and line breaks
// aside when lines is true. A NUL is refused by PostgreSQL's text, and an escape would reach
// the terminal of whoever reads the org.
func hasControl(s string, lines bool) bool {
	for _, r := range s {
		if unicode.IsControl(r) && !(lines && (r == '\t' || r == '\n' || r == '\r')) {
			return true
		}
	}
	return false
}

// MaxNoteLen is the longest source or note, in characters: a paragraph or a link.
const MaxNoteLen = 10000

// CheckProvenance returns a Problem when the source or note of a changeset or a change is not
// text a person wrote: not UTF-8, too long, or holding a control character.
func CheckProvenance(source, note string) *Problem {
	if p := checkText("source", source, MaxNoteLen); p != nil {
		return p
	}
	return checkText("note", note, MaxNoteLen)
}

// problems returns the problems that are not nil, in order.
func problems(ps ...*Problem) []*Problem {
	var out []*Problem
	for _, p := range ps {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// quote returns s quoted, its control characters escaped.
func quote(s string) string { return strconv.Quote(s) }

// ShownID returns id as a message shows it: as it is when it is an id, else quoted (in ASCII,
// cut after 60 characters, as quoteClipped), so that what is not one (nothing, a line break,
// a million characters) shows for what it is, and does not drown the message.
func ShownID(id string) string {
	if ValidID(id) {
		return id
	}
	return quoteClipped(id)
}

// quoteClipped quotes s in ASCII for a message, cut after its first 60 characters, so that a
// long value (an id of a million characters) does not drown the reason: whyNotID tells its
// length.
func quoteClipped(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		return strconv.QuoteToASCII(string([]rune(s)[:max]) + "…")
	}
	return strconv.QuoteToASCII(s)
}

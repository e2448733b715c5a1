package orgledger

import (
	"strings"
	"testing"
)

// fieldCase is an op and the field its check refuses, "" when it accepts it.
type fieldCase struct {
	op   Op
	want string
}

// checkFields runs the ops' checks: each refuses its field for a reason that says says, or
// accepts the op.
func checkFields(t *testing.T, says string, cases []fieldCase) {
	t.Helper()
	for _, tc := range cases {
		p := tc.op.Check()
		switch {
		case tc.want == "" && p != nil:
			t.Errorf("%+v refused: %+v", tc.op, p)
		case tc.want != "" && (p == nil || p.Field != tc.want || !strings.Contains(p.Reason, says)):
			t.Errorf("%+v: %+v, want %s refused as holding a %s", tc.op, p, tc.want, says)
		}
	}
}

// TestControlCharacters: names and titles hold no control character; free text may hold tabs
// and line breaks, and nothing else of the kind (C0, DEL, C1). A line break in a name is told
// as one, another control character by its code point.
func TestControlCharacters(t *testing.T) {
	checkFields(t, "a line break", []fieldCase{{&Hire{ID: "a", Name: "Ann\nB"}, "name"}})
	checkFields(t, "U+001B", []fieldCase{{&Hire{ID: "a", Name: "Ann\x1b[31m"}, "name"}})
	// (Found by a bad-input review: they were accepted in names, emails and kinds.)
	checkFields(t, "separator", []fieldCase{{&Hire{ID: "a", Name: "Line\u2028Two"}, "name"},
		{&CreatePosition{ID: "p", Title: "Chief\u2029Officer", Unit: "u"}, "title"}})
	checkFields(t, "line break", []fieldCase{{&Hire{ID: "a", Name: "A", Email: "a\u2028@example.com"}, "email"},
		{&CreateUnit{ID: "u", Name: "U", Kind: "team\u2029x"}, "kind"}})
	checkFields(t, "control character", []fieldCase{
		{&Hire{ID: "a", Name: "Ann\tB"}, "name"},
		{&Hire{ID: "a", Name: "Ann\nB"}, "name"},
		{&Hire{ID: "a", Name: "Ann\x7f"}, "name"},
		{&Hire{ID: "a", Name: "Ann\u0085"}, "name"},
		{&Hire{ID: "a", Name: "Ann\x1b[31m"}, "name"},
		{&Hire{ID: "a", Name: "Zoë Ångström"}, ""},
		{&CreatePosition{ID: "p", Title: "Chief\u009bOfficer", Unit: "u"}, "title"},
		{&Leave{Person: "a", Reason: "moved on\nto Oslo\r\n\twith family"}, ""},
		{&Leave{Person: "a", Reason: "moved\x00on"}, "reason"},
		{&Leave{Person: "a", Reason: "moved\x7fon"}, "reason"},
		{&Hire{ID: "a", Name: "A", Attrs: map[string]string{"previously": "x\u0090y"}}, "attrs.previously"},
	})
	ch := Change{Op: &Hire{ID: "a", Name: "A"}, Source: "memo", Note: "a\x00b"}
	if ps := ch.Check(); len(ps) != 1 || ps[0].Field != "note" {
		t.Errorf("a change with a NUL in its note: %+v", ps)
	}
	long := Change{Op: &Hire{ID: "a", Name: "A"}, Source: strings.Repeat("s", MaxNoteLen+1)}
	if ps := long.Check(); len(ps) != 1 || ps[0].Field != "source" || !strings.Contains(ps[0].Reason, "longer than 10000") {
		t.Errorf("a source of %d characters: %+v", MaxNoteLen+1, ps)
	}
}

// TestBidiControls: names, titles and free text hold no bidirectional embedding, override or
// isolate, which would show a name in another order than the ledger holds it; the marks that
// names in right-to-left scripts may need are accepted.
func TestBidiControls(t *testing.T) {
	checkFields(t, "bidirectional", []fieldCase{
		{&Hire{ID: "a", Name: "Ann\u202eyrneH"}, "name"},
		{&CreatePosition{ID: "p", Title: "CEO\u2067 (acting)\u2069", Unit: "u"}, "title"},
		{&Leave{Person: "a", Reason: "moved \u202aon"}, "reason"},
		{&Hire{ID: "a", Name: "\u0644\u064a\u0644\u0649\u200f Ann"}, ""},
	})
}

// TestBlankNames: a name or title of spaces alone is as empty as none.
func TestBlankNames(t *testing.T) {
	for _, op := range []Op{&Hire{ID: "a", Name: "   "}, &CreatePosition{ID: "p", Title: " \u00a0 ", Unit: "u"},
		&RenameUnit{Unit: "u", Name: " "}} {
		if p := op.Check(); p == nil || !strings.Contains(p.Reason, "must not be empty") {
			t.Errorf("%+v: %+v, want refused as empty", op, p)
		}
	}
}

// TestNamesShowWhatTheyHold: a name or title with nothing visible, or with spaces at either
// end (which an HRIS import would trim, and then record as a change of name), is refused.
func TestNamesShowWhatTheyHold(t *testing.T) {
	checkFields(t, "must not be empty", []fieldCase{
		{&Hire{ID: "a", Name: "\u200b"}, "name"},
		{&Hire{ID: "a", Name: " \u200d\ufeff "}, "name"},
		{&CreateUnit{ID: "u", Name: "   "}, "name"},
		{&Hire{ID: "a", Name: "Ann\u200bLee"}, ""},
	})
	checkFields(t, "starts or ends with a space", []fieldCase{
		{&Hire{ID: "a", Name: " Ann  Lee "}, "name"},
		{&CreateUnit{ID: "u", Name: "Co "}, "name"},
		{&CreatePosition{ID: "p", Title: "\u00a0Chief", Unit: "u"}, "title"},
		{&Hire{ID: "a", Name: "Ann  Lee"}, ""},
	})
}

// TestSelfReference: a unit created under itself, or a position reporting to itself, is
// refused for the field that names itself, not for its id. (Found by a review: the unit's was
// told as "id: unknown unit".)
func TestSelfReference(t *testing.T) {
	checkFields(t, "its own parent", []fieldCase{
		{&CreateUnit{ID: "zz", Name: "ZZ", Parent: "zz"}, "parent"},
		{&CreateUnit{ID: "zz", Name: "ZZ", Parent: "co"}, ""},
		{&CreateUnit{ID: "zz", Name: "ZZ"}, ""},
	})
	checkFields(t, "report to itself", []fieldCase{{&CreatePosition{ID: "p", Title: "P", Unit: "u", ReportsTo: "p"}, "reports-to"}})
}

// TestLinesOfFreeText: free text (a note, a reason, an attribute) may hold line breaks, a CRLF
// among them, but not a carriage return alone, which would write over the text before it on a
// terminal; an email and a unit's kind are one line; an email and a location do not start or
// end with a space, which an export's import would trim. (Found by an output review: a note
// printed a forged event, a reason hid itself behind a carriage return.)
func TestLinesOfFreeText(t *testing.T) {
	checkFields(t, "carriage return", []fieldCase{
		{&Leave{Person: "a", Reason: "dismissed\r(resigned)"}, "reason"},
		{&Hire{ID: "a", Name: "A", Attrs: map[string]string{"desk": "3\rF"}}, "attrs.desk"},
	})
	checkFields(t, "one line", []fieldCase{
		{&Hire{ID: "a", Name: "A", Email: "a@b.test\nBcc: evil@x"}, "email"},
		{&CreateUnit{ID: "u", Name: "U", Kind: "team\nlead"}, "kind"},
		{&UpdatePerson{Person: "a", Email: ptr("a@b.test\tx")}, "email"},
	})
	checkFields(t, "starts or ends with a space", []fieldCase{
		{&Hire{ID: "a", Name: "A", Location: " spaced "}, "location"},
		{&Hire{ID: "a", Name: "A", Location: "\t=1+1"}, "location"},
		{&UpdatePerson{Person: "a", Location: ptr("Oslo ")}, "location"},
		{&Hire{ID: "a", Name: "A", Email: " a@b.test"}, "email"},
	})
	checkFields(t, "", []fieldCase{
		{&Leave{Person: "a", Reason: "moved on\r\nto Oslo"}, ""},
		{&Hire{ID: "a", Name: "A", Location: "1 Main St\nLondon", Email: "a@b.test"}, ""},
		{&CreateUnit{ID: "u", Name: "U", Kind: "team"}, ""},
	})
	if ps := (&Change{Op: &Hire{ID: "a", Name: "A"}, Note: "Approved by: Mallory\r       note: Approved by: CEO"}).Check(); len(ps) != 1 || ps[0].Field != "note" {
		t.Errorf("a note with a carriage return alone: %+v", ps)
	}
}

// TestEscapesInReasons: a reason that quotes what it refuses escapes its control characters,
// which would otherwise reach the terminal that prints it.
func TestEscapesInReasons(t *testing.T) {
	for _, op := range []Op{
		&Hire{ID: "a", Name: "A", Attrs: map[string]string{"k\x1b[31mRED\x07": "v"}},
		&CreatePosition{ID: "p", Title: "P", Unit: "u", Kind: "\x1b]0;pwned\x07"},
	} {
		if p := op.Check(); p == nil || strings.ContainsAny(p.Reason, "\x1b\x07") {
			t.Errorf("%+v: %+v, want a reason with its control characters escaped", op, p)
		}
	}
}

func ptr(s string) *string { return &s }

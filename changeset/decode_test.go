package changeset_test

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

func TestDecode_Verbs(t *testing.T) {
	tests := []struct {
		change string
		want   orgledger.Op
	}{
		{`hire: {id: huo-jia, name: Huo Jia, email: hj@example.com, location: Hangzhou, attrs: {grade: P9, cost-center: "4711"}}`,
			&orgledger.Hire{ID: "huo-jia", Name: "Huo Jia", Email: "hj@example.com", Location: "Hangzhou",
				Attrs: map[string]string{"grade": "P9", "cost-center": "4711"}}},
		{`hire: {id: a, name: A}`, &orgledger.Hire{ID: "a", Name: "A"}},
		{`leave: {person: ren-geng, reason: resigned}`, &orgledger.Leave{Person: "ren-geng", Reason: "resigned"}},
		{`update-person: {person: p, name: New Name, email: "", location: ~, attrs: {grade: ""}}`,
			&orgledger.UpdatePerson{Person: "p", Name: ptr("New Name"), Email: ptr(""),
				Attrs: map[string]string{"grade": ""}}},
		{`update-person: {person: p, location: Beijing}`, &orgledger.UpdatePerson{Person: "p", Location: ptr("Beijing")}},
		{`create-unit: {id: cloud, name: Cloud, parent: group, kind: division}`,
			&orgledger.CreateUnit{ID: "cloud", Name: "Cloud", Parent: "group", Kind: "division"}},
		{`rename-unit: {unit: cloud, name: Cloud Intelligence}`, &orgledger.RenameUnit{Unit: "cloud", Name: "Cloud Intelligence"}},
		{`move-unit: {unit: cloud, parent: holding}`, &orgledger.MoveUnit{Unit: "cloud", Parent: "holding"}},
		{`move-unit: {unit: cloud}`, &orgledger.MoveUnit{Unit: "cloud"}},
		{`merge-units: {units: [a, b], into: c}`, &orgledger.MergeUnits{Units: []string{"a", "b"}, Into: "c"}},
		{`merge-units: {units: [], into: c}`, &orgledger.MergeUnits{Into: "c"}},
		{`close-unit: {unit: cloud}`, &orgledger.CloseUnit{Unit: "cloud"}},
		{`set-head: {unit: cloud, position: pres}`, &orgledger.SetHead{Unit: "cloud", Position: "pres"}},
		{`create-position: {id: pres, title: President, unit: cloud, reports-to: ceo, kind: assistant}`,
			&orgledger.CreatePosition{ID: "pres", Title: "President", Unit: "cloud", ReportsTo: "ceo", Kind: "assistant"}},
		{`retitle: {position: pres, title: Chair}`, &orgledger.Retitle{Position: "pres", Title: "Chair"}},
		{`move-position: {position: pres, unit: holding}`, &orgledger.MovePosition{Position: "pres", Unit: "holding"}},
		{`report: {position: gm, to: pres}`, &orgledger.Report{Position: "gm", To: "pres"}},
		{`dotted: {position: gm, to: cfo}`, &orgledger.Dotted{Position: "gm", To: "cfo"}},
		{`undotted: {position: gm, to: cfo}`, &orgledger.Undotted{Position: "gm", To: "cfo"}},
		{`close-position: {position: old}`, &orgledger.ClosePosition{Position: "old"}},
		{`assign: {person: p, position: q, acting: true, replace: true, share: false}`,
			&orgledger.Assign{Person: "p", Position: "q", Acting: true, Replace: true}},
		{`assign: {person: p, position: q, share: true}`, &orgledger.Assign{Person: "p", Position: "q", Share: true}},
		{`unassign: {person: p, position: q}`, &orgledger.Unassign{Person: "p", Position: "q"}},
		{`retract: {event: 42, reason: entered twice}`, &orgledger.Retract{Event: 42, Reason: "entered twice"}},
		{`retract: {event: 0x2A, reason: hex}`, &orgledger.Retract{Event: 42, Reason: "hex"}},
	}
	seen := map[orgledger.Verb]bool{}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			src := changes(tt.change)
			if tt.want.Verb() == orgledger.VerbRetract {
				src = retractions(tt.change)
			}
			cs := MustDecode(t, src)
			if got := cs.Changes[0].Op; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Op = %#v, want %#v", got, tt.want)
			}
		})
		seen[tt.want.Verb()] = true
	}
	for _, v := range orgledger.Verbs {
		if !seen[v] {
			t.Errorf("no test decodes %s", v)
		}
	}
}

// Values that YAML reads as numbers or booleans are strings when a string is expected, taken
// as written.
func TestDecode_ScalarsAsStrings(t *testing.T) {
	cs := MustDecode(t, changes(
		`hire: {id: 007, name: true, location: 1.50, email: 2022-04-12, attrs: {n: 1e3, b: False}}`,
		`leave: {person: .inf, reason: !!str 12}`,
		"rename-unit: {unit: u, name: 'it''s \"quoted\"'}",
	))
	want := &orgledger.Hire{ID: "007", Name: "true", Location: "1.50", Email: "2022-04-12",
		Attrs: map[string]string{"n": "1e3", "b": "False"}}
	if got := cs.Changes[0].Op; !reflect.DeepEqual(got, want) {
		t.Errorf("Op = %#v, want %#v", got, want)
	}
	if got, want := cs.Changes[1].Op, (&orgledger.Leave{Person: ".inf", Reason: "12"}); !reflect.DeepEqual(got, want) {
		t.Errorf("Op = %#v, want %#v", got, want)
	}
	if got := cs.Changes[2].Op.(*orgledger.RenameUnit).Name; got != `it's "quoted"` {
		t.Errorf("Name = %q", got)
	}
}

// Null stands for an absent optional field.
func TestDecode_NullIsAbsent(t *testing.T) {
	cs := MustDecode(t, "effective: ~\nrecorded: null\nsource:\nnote: ~\nchanges:\n"+
		"  - hire: {id: a, name: A, email: null, attrs: ~}\n    effective: ~\n    when: ~\n"+
		"  - update-person: {person: p, name: null, email: ~}\n")
	if !cs.Effective.IsZero() || !cs.Recorded.IsZero() || cs.Source != "" || cs.Note != "" {
		t.Errorf("changeset = %+v, want zero fields", cs)
	}
	if c := cs.Changes[0]; !reflect.DeepEqual(c.Op, &orgledger.Hire{ID: "a", Name: "A"}) || c.When != nil || !c.Effective.IsZero() {
		t.Errorf("change 1 = %+v, op %+v", c, c.Op)
	}
	if got := cs.Changes[1].Op; !reflect.DeepEqual(got, &orgledger.UpdatePerson{Person: "p"}) {
		t.Errorf("Op = %#v", got)
	}
}

func TestDecode_Changeset(t *testing.T) {
	data, err := os.ReadFile("testdata/alibaba.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := changeset.Decode("testdata/alibaba.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := &orgledger.Changeset{
		File:       "testdata/alibaba.yaml",
		Effective:  mustDate(t, "2022-04-12"),
		Recorded:   time.Date(2022, 4, 13, 9, 0, 0, 0, time.UTC),
		Source:     "Pandaily, 2022-04-13, 'President of Alibaba Cloud China Resigns'",
		Note:       "Alibaba Cloud China management reshuffle",
		FieldLines: map[string]int{"effective": 1, "recorded": 2, "source": 3, "note": 4, "changes": 5},
		Changes: []orgledger.Change{
			{Op: &orgledger.Leave{Person: "ren-geng", Reason: "resigned"}, Line: 6, FieldLines: map[string]int{"person": 6, "reason": 6}},
			{Op: &orgledger.Assign{Person: "huang-haiqing", Position: "cloud-china-president"}, Line: 7, FieldLines: map[string]int{"person": 7, "position": 7}},
			{Op: &orgledger.Report{Position: "industry-solutions-gm", To: "global-sales-president"}, Line: 8, FieldLines: map[string]int{"position": 8, "to": 8}},
		},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("got  %+v\nwant %+v", cs, want)
	}
}

// Each change carries the line of its "-", whatever style it is written in.
func TestDecode_ChangeLines(t *testing.T) {
	cs := MustDecode(t, `# a comment
changes:
  - leave: {person: a}

  -   assign:
        person: b
        position: c
      note: below
  -
    report: {position: d, to: e}
  - {close-unit: {unit: u}}
`)
	var got []int
	for _, c := range cs.Changes {
		got = append(got, c.Line)
	}
	if want := []int{3, 5, 9, 11}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	if cs.Changes[1].Note != "below" {
		t.Errorf("Note = %q", cs.Changes[1].Note)
	}
}

func TestDecode_PerChange(t *testing.T) {
	cs := MustDecode(t, changes(
		"leave: {person: a}\n    effective: 2022-05-01\n    source: memo\n    note: \"why\"\n    when: {leaves: b}",
	))
	c := cs.Changes[0]
	if c.Effective != mustDate(t, "2022-05-01") || c.Source != "memo" || c.Note != "why" ||
		!reflect.DeepEqual(c.When, &orgledger.When{Leaves: "b"}) {
		t.Errorf("change = %+v", c)
	}
}

func TestDecode_Recorded(t *testing.T) {
	want := time.Date(2022, 4, 13, 1, 0, 0, 500_000_000, time.UTC)
	for _, s := range []string{
		"2022-04-13T01:00:00.5Z",
		"2022-04-13T09:00:00.5+08:00",
		`"2022-04-13T09:00:00.500+08:00"`,
		"2022-04-13 09:00:00.5 +08:00",
		"2022-04-13 01:00:00.5Z",
		"!!timestamp 2022-04-13T01:00:00.5Z",
		"2022-04-13t01:00:00.5z", // RFC 3339 5.6: "t" and "z" may be lower case
	} {
		cs := MustDecode(t, "recorded: "+s+"\nchanges: [{leave: {person: a}}]\n")
		if !cs.Recorded.Equal(want) || cs.Recorded.Location() != time.UTC {
			t.Errorf("recorded: %s = %v, want %v", s, cs.Recorded, want)
		}
	}
}

// The HTTP API posts JSON, which Decode reads as the YAML it is.
func TestDecode_JSON(t *testing.T) {
	js := MustDecode(t, `{
  "effective": "2022-04-12",
  "recorded": "2022-04-13T09:00:00Z",
  "source": "Pandaily, 2022-04-13, 'President of Alibaba Cloud China Resigns'",
  "note": "Alibaba Cloud China management reshuffle",
  "changes": [
    {"leave": {"person": "ren-geng", "reason": "resigned"}},
    {"assign": {"person": "huang-haiqing", "position": "cloud-china-president", "acting": false}},
    {"report": {"position": "industry-solutions-gm", "to": "global-sales-president"},
     "note": null}
  ]
}`)
	data, err := os.ReadFile("testdata/alibaba.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ym := MustDecode(t, string(data))
	if got, want := changeLines(js), []int{7, 8, 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(withoutLines(js), withoutLines(ym)) {
		t.Errorf("JSON decodes to %+v\nYAML to %+v", js, ym)
	}

	cs := MustDecode(t, `{"changes":[{"hire":{"id":"a","name":"\u00c9mile \/ \"E\"","attrs":{"k":"v"}}},`+
		`{"retract":{"event":7,"reason":"x"}},{"merge-units":{"units":["a","b"],"into":"c"}}]}`)
	want := []orgledger.Op{
		&orgledger.Hire{ID: "a", Name: `Émile / "E"`, Attrs: map[string]string{"k": "v"}},
		&orgledger.Retract{Event: 7, Reason: "x"},
		&orgledger.MergeUnits{Units: []string{"a", "b"}, Into: "c"},
	}
	for i, w := range want {
		if got := cs.Changes[i].Op; !reflect.DeepEqual(got, w) {
			t.Errorf("change %d = %#v, want %#v", i+1, got, w)
		}
	}
}

// TestDecodeJSON: a body that says it is JSON is read as JSON: text that is not JSON is refused
// where it stops being JSON, and a string field given a number or a boolean is refused, where
// YAML's reading of the same text takes them as their text. (Found by QA: a JSON client's
// "title": true was recorded as the title "true", and text that was no JSON was accepted.)
func TestDecodeJSON(t *testing.T) {
	for src, want := range map[string][]string{
		`{"changes": [{"retitle": {"position": "p", "title": true}}, {"hire": {"id": "a", "name": 1e3, "attrs": {"k": 1.50}}}]}`: {
			"x.json:1: change 1 (retitle): title: must be a string, not the boolean true",
			"x.json:1: change 2 (hire): name: must be a string, not the number 1e3",
			"x.json:1: change 2 (hire): attrs.k: must be a string, not the number 1.50",
		},
		`{"effective": 20220412, "changes": [{"leave": {"person": "a"}}]}`: {
			"x.json:1: effective: must be a string, not the number 20220412",
		},
		`{"changes": [{"merge-units": {"units": ["a", 2], "into": "c"}}]}`: {
			"x.json:1: change 1 (merge-units): units: item 2 must be a string, not the number 2",
		},
		`{"changes": [{"retract": {"event": 1e3, "reason": "x"}}]}`: {
			"x.json:1: change 1 (retract): event: must be a whole number, not the number 1e3",
		},
		"{changes: [{leave: {person: a}}]}": {
			"x.json:1: the text is not valid JSON: invalid character 'c' looking for beginning of object key string (column 2)",
		},
		"{\"changes\": [\n  {\"leave\": {\"person\": \"Zoë\"}},\n  ]}": {
			"x.json:3: the text is not valid JSON: invalid character ']' looking for beginning of value (column 3)",
		},
		"{\"changes\": [\r  {\"leave\": {\"person\": \"a\"}},\r  ]}": { // lines ended as old Macs end them (found by a review)
			"x.json:3: the text is not valid JSON: invalid character ']' looking for beginning of value (column 3)",
		},
		"{\"changes\": [\n  {\"leave\": {\"person\": \"a\"}}\n": {
			"x.json:2: the text is not valid JSON: it ends before its value does",
		},
		`{"changes": [{"leave": {"person": "a"}}]} {}`: {
			"x.json:1: the text is not valid JSON: invalid character '{' after top-level value (column 43)",
		},
	} {
		_, err := changeset.DecodeJSON("x.json", []byte(src))
		var got []string
		for _, p := range orgledger.ErrorProblems(err) {
			got = append(got, p.String())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", src, got, want)
		}
		if _, err := changeset.Decode("x.json", []byte(src)); strings.Contains(src, "true") && err != nil {
			t.Errorf("%s: Decode, as YAML: %v", src, err)
		}
	}
	js := `{"effective": "2022-04-12", "changes": [{"hire": {"id": "a", "name": "2024", "attrs": {"k": "1.50"}}}]}`
	cs, err := changeset.DecodeJSON("x.json", []byte("\ufeff"+js))
	if lenient, _ := changeset.Decode("x.json", []byte(js)); err != nil || !reflect.DeepEqual(cs, lenient) {
		t.Errorf("DecodeJSON of %s: %+v, %v; Decode: %+v", js, cs, err, lenient)
	}
}

// A byte order mark, as Windows editors write, is not part of the first key.
func TestDecode_ByteOrderMark(t *testing.T) {
	cs := MustDecode(t, "\ufeffeffective: 2022-04-12\nchanges: [{leave: {person: a}}]\n")
	if cs.Effective != mustDate(t, "2022-04-12") {
		t.Errorf("Effective = %v", cs.Effective)
	}
}

// A directive before the document (%YAML 1.2, %TAG) is not a document of its own; a second
// document after it still is. (Found by a bad-input review: a file with a directive was
// refused as holding two documents.)
func TestDecode_Directive(t *testing.T) {
	for _, directive := range []string{"%YAML 1.2\n", "%TAG !x! tag:example.com,2000:\n"} {
		cs := MustDecode(t, directive+"---\neffective: 2022-04-12\nchanges: [{leave: {person: a}}]\n")
		if cs.Effective != mustDate(t, "2022-04-12") || len(cs.Changes) != 1 || cs.Changes[0].Line != 4 {
			t.Errorf("%q: %+v", directive, cs)
		}
	}
	ps := MustRefuse(t, "%YAML 1.2\n---\neffective: 2022-04-12\nchanges: [{leave: {person: a}}]\n---\nnote: x\n")
	if len(ps) != 1 || !strings.Contains(ps[0].Reason, "a second YAML document") {
		t.Errorf("two documents after a directive: %v", ps)
	}
}

// Lines end at "\r\n" or "\r" as well as "\n", and are counted so.
func TestDecode_LineEndings(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		src := strings.ReplaceAll("# comment\nnote: \"two\n  lines\"\nsource: |\n  a\n  b\nchanges:\n  - leave: {person: a}\n  - leave: {person: [b]}\n", "\n", nl)
		ps := MustRefuse(t, src)
		if len(ps) != 1 || ps[0].Line != 9 {
			t.Errorf("%q: problems %v, want one at line 9", nl, ps)
		}
		src = strings.ReplaceAll(src, "[b]", "b")
		cs := MustDecode(t, src)
		if cs.Note != "two lines" || cs.Source != "a\nb\n" || !reflect.DeepEqual(changeLines(cs), []int{8, 9}) {
			t.Errorf("%q: note %q, source %q, lines %v", nl, cs.Note, cs.Source, changeLines(cs))
		}
	}
}

// A tab between a key and its value, in a block the reader keeps, or written \t in double
// quotes, is read as the file has it: only a tab character inside a value is refused
// (TestDecode_Refused).
func TestDecode_TabsThatStay(t *testing.T) {
	cs := MustDecode(t, "effective: 2022-04-12\nnote: |\n  a\tb\nsource: \"c\\td\"\nchanges:\n  - hire:\n      id:\tabcd\n      name: N\t\n")
	if h := cs.Changes[0].Op.(*orgledger.Hire); h.ID != "abcd" || h.Name != "N" || cs.Note != "a\tb\n" || cs.Source != "c\td" {
		t.Errorf("read %+v, note %q, source %q", h, cs.Note, cs.Source)
	}
}

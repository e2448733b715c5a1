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

// everyVerb returns a changeset with every verb, every field of each set.
func everyVerb(tb testing.TB) *orgledger.Changeset {
	return &orgledger.Changeset{
		Effective: mustDate(tb, "2024-01-01"),
		Recorded:  time.Date(2024, 1, 2, 2, 30, 0, 500, time.UTC),
		Source:    "board minutes, p. 3: \"restructuring\"",
		Note:      "line one\nline two\ttabbed",
		Changes: []orgledger.Change{
			{Op: &orgledger.Hire{ID: "huo-jia", Name: "Huo Jia", Email: "hj@example.com", Location: "杭州",
				Attrs: map[string]string{"cost-center": "4711", "grade": "P9", "null": "null"}}},
			{Op: &orgledger.Leave{Person: "ren-geng", Reason: "resigned"}},
			{Op: &orgledger.UpdatePerson{Person: "huo-jia", Name: ptr("Huo Jia"), Email: ptr(""), Location: ptr("Beijing"),
				Attrs: map[string]string{"grade": ""}}},
			{Op: &orgledger.CreateUnit{ID: "cloud", Name: "Alibaba Cloud", Parent: "group", Kind: "division"}},
			{Op: &orgledger.RenameUnit{Unit: "cloud", Name: "Cloud: Intelligence # 1"}},
			{Op: &orgledger.MoveUnit{Unit: "cloud", Parent: "holding"}},
			{Op: &orgledger.MergeUnits{Units: []string{"cloud-cn", "2022", "yes"}, Into: "cloud"}},
			{Op: &orgledger.CloseUnit{Unit: "cloud-intl"}},
			{Op: &orgledger.SetHead{Unit: "cloud", Position: "cloud-president"}},
			{Op: &orgledger.CreatePosition{ID: "cloud-president", Title: "President", Unit: "cloud", ReportsTo: "group-ceo", Kind: "assistant"}},
			{Op: &orgledger.Retitle{Position: "cloud-president", Title: " padded "}},
			{Op: &orgledger.MovePosition{Position: "cloud-president", Unit: "holding"}},
			{Op: &orgledger.Report{Position: "cloud-president", To: "group-ceo"}},
			{Op: &orgledger.Dotted{Position: "cloud-president", To: "group-cfo"}},
			{Op: &orgledger.Undotted{Position: "cloud-president", To: "group-cfo"}},
			{Op: &orgledger.ClosePosition{Position: "old-role"}},
			{Op: &orgledger.Assign{Person: "huo-jia", Position: "cloud-president", Acting: true, Replace: true, Share: true},
				Effective: mustDate(tb, "2024-02-01"), Source: "press release", Note: "interim"},
			{Op: &orgledger.Unassign{Person: "huo-jia", Position: "cloud-president"}, When: &orgledger.When{Leaves: "ren-geng"}},
			{Op: &orgledger.Retract{Event: 42, Reason: "entered twice"}},
		},
	}
}

func TestEncode_RoundTrip(t *testing.T) {
	cs := everyVerb(t)
	seen := map[orgledger.Verb]bool{}
	for _, c := range cs.Changes {
		seen[c.Op.Verb()] = true
	}
	if len(seen) != len(orgledger.Verbs) {
		t.Fatalf("everyVerb has %d verbs, want %d", len(seen), len(orgledger.Verbs))
	}
	data, err := changeset.Encode(cs)
	if err != nil {
		t.Fatal(err)
	}
	got := MustDecode(t, string(data))
	if !reflect.DeepEqual(withoutLines(got), cs) {
		t.Errorf("round trip changed the changeset\nencoded:\n%s\ngot  %+v\nwant %+v", data, got, cs)
	}
	// Each change is one line of the list, after the four lines before it.
	for i, c := range got.Changes {
		if line := strings.Split(string(data), "\n")[c.Line-1]; !strings.HasPrefix(line, "  - "+string(c.Op.Verb())+":") {
			t.Errorf("change %d at line %d: %q", i+1, c.Line, line)
		}
	}
}

// The every-verb example decodes, and its canonical form decodes to the same changeset.
func TestEncode_RoundTripFile(t *testing.T) {
	data, err := os.ReadFile("testdata/every-verb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cs := MustDecode(t, string(data))
	if len(cs.Changes) != len(orgledger.Verbs) {
		t.Errorf("%d changes, want %d", len(cs.Changes), len(orgledger.Verbs))
	}
	out, err := changeset.Encode(cs)
	if err != nil {
		t.Fatal(err)
	}
	again := MustDecode(t, string(out))
	if !reflect.DeepEqual(withoutLines(again), withoutLines(cs)) {
		t.Errorf("round trip changed the changeset:\n%s", out)
	}
}

func TestEncode_Canonical(t *testing.T) {
	cs := &orgledger.Changeset{
		File:      "ignored.yaml",
		Effective: mustDate(t, "2022-04-12"),
		Recorded:  time.Date(2022, 4, 13, 17, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Source:    "Pandaily, 2022-04-13",
		Note:      "Alibaba Cloud China management reshuffle",
		Changes: []orgledger.Change{
			{Op: &orgledger.Leave{Person: "ren-geng", Reason: "resigned"}, Line: 99},
			{Op: &orgledger.Assign{Person: "huang-haiqing", Position: "007", Acting: true},
				Effective: mustDate(t, "2022-04-13"), When: &orgledger.When{Leaves: "ren-geng"}},
			{Op: &orgledger.UpdatePerson{Person: "p", Email: ptr("")}},
			{Op: &orgledger.CloseUnit{}},
		},
	}
	want := `effective: 2022-04-12
recorded: 2022-04-13T09:00:00Z
source: "Pandaily, 2022-04-13"
note: Alibaba Cloud China management reshuffle
changes:
  - leave: {person: ren-geng, reason: resigned}
  - assign: {person: huang-haiqing, position: "007", acting: true}
    effective: 2022-04-13
    when: {leaves: ren-geng}
  - update-person: {person: p, email: ""}
  - close-unit: {}
`
	got, err := changeset.Encode(cs)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Strings that a YAML reader could take for something else are quoted, and come back as
// they went in.
func TestEncode_Quoting(t *testing.T) {
	for _, s := range []string{
		"", " ", "a ", " a", "a  b", "true", "Yes", "NULL", "~", "null", "2022", "1e3", "0x1F", ".inf", "-",
		"- a", "a: b", "a #b", "#a", "[a]", "{a}", "a, b", "&a", "*a", "!a", "|", ">", "'a'", `"a"`, "%a", "@a", "`a",
		"a\nb", "a\tb", "\x00\x7f", "\u2028", "\ufeffa", "\u0085", "é\u0301", "𝔘nicode", "\\", "a\\b", "2022-04-12",
		"ren-geng", "Huo Jia", "Émile", "\"", "'", "?", ":", "a:", "a;b",
	} {
		cs := &orgledger.Changeset{Changes: []orgledger.Change{{
			Op:   &orgledger.Hire{ID: s, Name: "x", Attrs: map[string]string{s: s}},
			Note: s,
		}}}
		data, err := changeset.Encode(cs)
		if err != nil {
			t.Fatalf("Encode %q: %v", s, err)
		}
		got, err := changeset.Decode("", data)
		if err != nil {
			t.Errorf("Decode of %q: %v\n%s", s, err, data)
			continue
		}
		if !reflect.DeepEqual(withoutLines(got), cs) {
			t.Errorf("%q came back as %+v from\n%s", s, got.Changes[0].Op, data)
		}
	}
}

func TestEncode_Errors(t *testing.T) {
	for name, cs := range map[string]*orgledger.Changeset{
		"nil changeset": nil,
		"nil op":        {Changes: []orgledger.Change{{}}},
		"nil typed op":  {Changes: []orgledger.Change{{Op: (*orgledger.Leave)(nil)}}},
		"not UTF-8":     {Note: "\xff", Changes: []orgledger.Change{{Op: &orgledger.Leave{Person: "a"}}}},
	} {
		if data, err := changeset.Encode(cs); err == nil {
			t.Errorf("%s: Encode gave no error:\n%s", name, data)
		}
	}
}

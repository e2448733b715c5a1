package changeset_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// TestChangesRoundTrip checks that a plan's changes of every verb, with every field and what a
// change says of its own, come back from a store's JSON as they were written.
func TestChangesRoundTrip(t *testing.T) {
	want := everyVerb(t).Changes
	want[0].Base = 42 // added to its plan once event 42 was recorded
	text, err := changeset.EncodeChanges(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text, `[{"verb":"hire","op":{"id":"huo-jia"`) {
		t.Errorf("written as %.80s…, want a JSON array", text)
	}
	got, err := changeset.DecodeChanges("plan reorg", text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v\nfrom %s", got, want, text)
	}
	if none, err := changeset.EncodeChanges(nil); none != "" || err != nil {
		t.Errorf("no changes written as %q, %v", none, err)
	}
}

// TestChangesAsEarlierReleasesWroteThem: a plan an earlier release stored, its changes the text
// of a changeset file, reads back as it was written.
func TestChangesAsEarlierReleasesWroteThem(t *testing.T) {
	cs := everyVerb(t)
	text, err := changeset.Encode(&orgledger.Changeset{Effective: cs.Effective, Changes: cs.Changes})
	if err != nil {
		t.Fatal(err)
	}
	got, err := changeset.DecodeChanges("plan reorg", string(text))
	if err != nil {
		t.Fatal(err)
	}
	back := withoutLines(&orgledger.Changeset{Changes: got}).Changes
	if !reflect.DeepEqual(back, cs.Changes) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, cs.Changes)
	}
}

// TestChangesRefused checks that stored changes that do not decode, or would not be a change,
// are refused naming the plan, the change and what is wrong; and that changes JSON cannot hold
// as they are are not written.
func TestChangesRefused(t *testing.T) {
	for text, want := range map[string]string{
		`[{"verb":"hire","op":{"id":"a","name":"A"}},`:                         "plan reorg: changes: unexpected end",
		`[{"verb":"hire","op":{"id":"a","name":"A"}},{"verb":"fire","op":{}}]`: "plan reorg: change 2 (fire): unknown verb",
		`[{"verb":"hire","op":{"id":"a","name":"A","boss":"b"}}]`:              `plan reorg: change 1 (hire): json: unknown field "boss"`,
		`[{"verb":"hire","op":{"id":"a","name":"A"},"source":7}]`:              "plan reorg: changes: json: cannot unmarshal number",
		`[{"verb":"leave","op":{"person":"a"},"effective":"2024-02-30"}]`:      "plan reorg: change 1 (leave): effective:",
		`[{"verb":"leave","op":{"person":"a"},"when":{}}]`:                     "plan reorg: change 1 (leave): when: needs leaves",
		`[{"verb":"leave","op":"a"}]`:                                          "plan reorg: change 1 (leave): json: cannot unmarshal string",
	} {
		_, err := changeset.DecodeChanges("plan reorg", text)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %s…", text, err, want)
		}
	}
	for name, changes := range map[string][]orgledger.Change{
		"nil op":             {{}},
		"nil typed op":       {{Op: (*orgledger.Leave)(nil)}},
		"a field not UTF-8":  {{Op: &orgledger.Leave{Person: "a"}}, {Op: &orgledger.Hire{ID: "b", Name: "B\xff"}}},
		"a note not UTF-8":   {{Op: &orgledger.Leave{Person: "a"}, Note: "\xff"}},
		"a when not UTF-8":   {{Op: &orgledger.Leave{Person: "a"}, When: &orgledger.When{Leaves: "\xff"}}},
		"a source not UTF-8": {{Op: &orgledger.Leave{Person: "a"}, Source: "\xff"}},
	} {
		if text, err := changeset.EncodeChanges(changes); err == nil {
			t.Errorf("%s: written as %s", name, text)
		}
	}
}

// FuzzDecodeChanges checks that no stored text makes DecodeChanges panic, and that what it
// reads is written back and read again as the same changes: written again, the same text (an
// empty map of attributes is none, which JSON does not write).
func FuzzDecodeChanges(f *testing.F) {
	text, err := changeset.EncodeChanges(everyVerb(f).Changes)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(text)
	f.Add(`[{"verb":"leave","op":{"person":"a"},"when":{"leaves":"b"}}]`)
	f.Fuzz(func(t *testing.T, text string) {
		if !strings.HasPrefix(text, "[") {
			return // a changeset file's text: FuzzDecode's
		}
		changes, err := changeset.DecodeChanges("plan fuzz", text)
		if err != nil {
			return
		}
		again, err := changeset.EncodeChanges(changes)
		if err != nil {
			return // JSON took what Encode refuses (a string not UTF-8, which it replaced)
		}
		back, err := changeset.DecodeChanges("plan fuzz", again)
		if err != nil {
			t.Fatalf("%s does not read back: %v", again, err)
		}
		if twice, err := changeset.EncodeChanges(back); err != nil || twice != again {
			t.Fatalf("%s read back and written again as %s, %v", again, twice, err)
		}
	})
}

// BenchmarkDecodeChanges decodes a plan of 20,000 hires as a store keeps it, and as releases
// before the JSON kept it: the text of a changeset file.
func BenchmarkDecodeChanges(b *testing.B) {
	changes := make([]orgledger.Change, 20_000)
	for i := range changes {
		changes[i] = orgledger.Change{Op: &orgledger.Hire{ID: fmt.Sprintf("h%d", i), Name: fmt.Sprintf("Hire %d", i)}}
	}
	asJSON, err := changeset.EncodeChanges(changes)
	if err != nil {
		b.Fatal(err)
	}
	asYAML, err := changeset.Encode(&orgledger.Changeset{Changes: changes})
	if err != nil {
		b.Fatal(err)
	}
	for name, text := range map[string]string{"json": asJSON, "yaml": string(asYAML)} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := changeset.DecodeChanges("plan bench", text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

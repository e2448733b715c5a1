package changeset_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// FuzzDecode checks that Decode never panics, refuses only with problems that say where, and
// accepts only what Encode writes back unchanged.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"effective": "2022-04-12", "changes": [{"hire": {"id": "a", "name": "A", "attrs": {"k": "v"}}, "when": {"leaves": "b"}}]}`,
		"changes:\n  - asign: {person: a, position: b}\n  - leave: [a]\n",
		"changes:\n  - retract: {event: 0x10, reason: !!str 12}\n    effective: 2022-02-30\n",
		"recorded: 2022-04-13 09:00:00 +08:00\nchanges: [{merge-units: {units: [a, 1], into: ~}}]\n",
		"source: &s x\nchanges:\n  - leave: {person: *s, person: b}\n---\n",
		"changes: [[[[{",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := changeset.Decode("fuzz.yaml", data)
		if err != nil {
			checkRefusal(t, "fuzz.yaml", data, err)
			return
		}
		for i, c := range cs.Changes {
			if c.Line <= 0 || c.Op == nil {
				t.Fatalf("change %d has line %d, op %v", i+1, c.Line, c.Op)
			}
		}
		out, err := changeset.Encode(cs)
		if err != nil {
			t.Fatalf("Encode of a decoded changeset: %v", err)
		}
		again, err := changeset.Decode("fuzz.yaml", out)
		if err != nil {
			t.Fatalf("Decode of Encode: %v\nencoded:\n%s", err, out)
		}
		if !reflect.DeepEqual(withoutLines(again), withoutLines(cs)) {
			t.Fatalf("round trip changed the changeset\nencoded:\n%s\nfirst  %+v\nsecond %+v", out, cs, again)
		}
	})
}

// FuzzDecodeJSON checks that DecodeJSON never panics, refuses what is not JSON and refuses
// with problems that say where, and accepts only what Decode reads the same: JSON, type for
// type, is a part of what the YAML decoder reads.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"effective": "2022-04-12", "changes": [{"hire": {"id": "a", "name": "A", "attrs": {"k": "v"}}, "when": {"leaves": "b"}}]}`,
		`{"changes": [{"retitle": {"position": "p", "title": 2024}}, {"retract": {"event": 7, "reason": "x"}}]}`,
		"{changes: [{leave: {person: a}}]}",
		"{\"changes\": [\n {\"leave\": {\"person\": \"a\"}},\n]}",
		`{"changes": [{"leave": {"person": "a"}}]} {}`,
		`{"changes": [`,
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := changeset.DecodeJSON("fuzz.json", data)
		if err != nil {
			checkRefusal(t, "fuzz.json", data, err)
			return
		}
		if !json.Valid(bytes.TrimPrefix(data, []byte("\ufeff"))) {
			t.Fatalf("DecodeJSON accepted text that is not JSON: %q", data)
		}
		lenient, err := changeset.Decode("fuzz.json", data)
		if err != nil || !reflect.DeepEqual(lenient, cs) {
			t.Fatalf("DecodeJSON read %+v, Decode %+v (%v)", cs, lenient, err)
		}
	})
}

// checkRefusal checks that err refuses data as Decode promises: an EINVALID *orgledger.Error
// with problems, each within the file and placed on a line unless it is about the whole file.
func checkRefusal(t *testing.T, file string, data []byte, err error) {
	var e *orgledger.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v, want *orgledger.Error", err, err)
	}
	if e.Code != orgledger.EINVALID || len(e.Problems) == 0 {
		t.Fatalf("error code %q with %d problems: %v", e.Code, len(e.Problems), err)
	}
	// YAML ends a line at "\n", "\r\n" or a lone "\r".
	lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) +
		bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
	for _, p := range e.Problems {
		wholeFile := p.Change == 0 && p.Verb == "" && p.Field == ""
		if p.Line <= 0 && !wholeFile || p.Line > lines {
			t.Fatalf("problem at line %d of a %d-line file: %s", p.Line, lines, p)
		}
		if p.Reason == "" || p.File != file {
			t.Fatalf("problem without reason or file: %+v", p)
		}
	}
}

package http

import "testing"

// TestDuplicateKey finds a key given twice in the same object at any depth, and only there: the
// same key in two objects, or a key's name as a value, is not given twice.
func TestDuplicateKey(t *testing.T) {
	for body, want := range map[string]string{
		`{"a": 1, "a": 2}`:                         "a",
		`{"a": {"b": [1, {"c": 1, "c": 2}]}}`:      "c",
		`{"a": [{"b": 1}, {"b": 2}], "c": "a"}`:    "",
		`{"a": {"a": 1}, "b": {"a": 2}}`:           "",
		`{"a": "a", "b": ["a", "a"], "c": null}`:   "",
		`[{"x": 1}, {"x": 1, "y": {}, "x": true}]`: "x",
		`{"a": {}, "b": [], "a": 0}`:               "a",
		`{"a": 1`:                                  "",
	} {
		if got, _ := duplicateKey([]byte(body)); got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}

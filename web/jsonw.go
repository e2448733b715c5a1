package web

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// jsonw writes the columns of a chart as a JSON object by hand: encoding/json spends most of
// its time on reflection and on escaping that ids and names almost never need, and a chart of
// 100,000 positions is megabytes of little else. Every string that could need escaping goes
// through encoding/json, so the output is the same JSON it would write.
type jsonw struct {
	b     []byte
	first bool
}

func newJSONW(size int) *jsonw {
	w := &jsonw{b: make([]byte, 0, size), first: true}
	w.b = append(w.b, '{')
	return w
}

// key starts a member of the object.
func (w *jsonw) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = appendString(w.b, k)
	w.b = append(w.b, ':')
}

// value writes a member whose value encoding/json encodes: the small ones.
func (w *jsonw) value(k string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.key(k)
	w.b = append(w.b, b...)
	return nil
}

// ints writes a member that is an array of integers.
func ints[T int8 | int32](w *jsonw, k string, v []T) {
	w.key(k)
	w.b = append(w.b, '[')
	for i, x := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = strconv.AppendInt(w.b, int64(x), 10)
	}
	w.b = append(w.b, ']')
}

func (w *jsonw) strings(k string, v []string) {
	w.key(k)
	w.b = append(w.b, '[')
	for i, s := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = appendString(w.b, s)
	}
	w.b = append(w.b, ']')
}

// bytes ends the object and returns it.
func (w *jsonw) bytes() []byte { return append(w.b, '}') }

// appendString appends s as a JSON string: as it is when nothing in it needs escaping (the
// usual case), else as encoding/json escapes it.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			return appendSlow(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendSlow escapes s as encoding/json does: text outside ASCII stays as it is (but for the
// line and paragraph separators), invalid UTF-8 becomes U+FFFD.
func appendSlow(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}

package changeset

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/orgledger/orgledger"
)

// Encode writes cs in the canonical form of a changeset file: the keys effective, recorded,
// source, note and changes in that order, each change on one line as "- verb: {fields}" with
// only the fields that are set, followed by the change's own effective, source, note and when.
// Decode reads the result back into an equal Changeset (File and Line aside). Encode refuses
// strings that are not UTF-8, which a YAML file cannot hold.
func Encode(cs *orgledger.Changeset) ([]byte, error) {
	if cs == nil {
		return nil, errors.New("changeset: encode: nil changeset")
	}
	e := &encoder{}
	if !cs.Effective.IsZero() {
		e.line("", "effective", cs.Effective.String())
	}
	if !cs.Recorded.IsZero() {
		e.line("", "recorded", cs.Recorded.UTC().Format(time.RFC3339Nano))
	}
	e.text("", "source", cs.Source)
	e.text("", "note", cs.Note)
	if len(cs.Changes) == 0 {
		e.line("", "changes", "[]")
	} else {
		e.buf.WriteString("changes:\n")
	}
	for i, c := range cs.Changes {
		if err := e.change(c); err != nil {
			return nil, fmt.Errorf("changeset: encode change %d: %w", i+1, err)
		}
	}
	if e.err != nil {
		return nil, fmt.Errorf("changeset: encode: %w", e.err)
	}
	return e.buf.Bytes(), nil
}

// encoder writes YAML and keeps the first error, so that writing reads straight through.
type encoder struct {
	buf bytes.Buffer
	err error
}

// line writes "indent key: value".
func (e *encoder) line(indent, key, value string) {
	e.buf.WriteString(indent + key + ": " + value + "\n")
}

// text writes an optional string; "" is not written.
func (e *encoder) text(indent, key, s string) {
	if s != "" {
		e.line(indent, key, e.scalar(s))
	}
}

// change writes one item of the changes list.
func (e *encoder) change(c orgledger.Change) error {
	if c.Op == nil || reflect.ValueOf(c.Op).IsNil() {
		return errors.New("no op")
	}
	fields, err := e.fields(c.Op)
	if err != nil {
		return err
	}
	e.line("  - ", string(c.Op.Verb()), "{"+strings.Join(fields, ", ")+"}")
	const indent = "    "
	if !c.Effective.IsZero() {
		e.line(indent, "effective", c.Effective.String())
	}
	e.text(indent, "source", c.Source)
	e.text(indent, "note", c.Note)
	if c.When != nil {
		e.line(indent, "when", "{leaves: "+e.scalar(c.When.Leaves)+"}")
	}
	return nil
}

// fields returns "name: value" for every field of op that is set.
func (e *encoder) fields(op orgledger.Op) ([]string, error) {
	var out []string
	for _, f := range opFields(op) {
		var value string
		switch v := f.value.Interface().(type) {
		case string:
			value = e.optional(v)
		case *string:
			if v != nil {
				value = e.scalar(*v)
			}
		case bool:
			if v {
				value = "true"
			}
		case int64:
			if v != 0 {
				value = strconv.FormatInt(v, 10)
			}
		case []string:
			value = e.list(v)
		case map[string]string:
			value = e.mapping(v)
		default:
			return nil, fmt.Errorf("field %s of %s has type %T, which the changeset format cannot write",
				f.name, op.Verb(), v)
		}
		if value != "" {
			out = append(out, f.name+": "+value)
		}
	}
	return out, nil
}

// optional returns s as a scalar, or "" for "", which is not written.
func (e *encoder) optional(s string) string {
	if s == "" {
		return ""
	}
	return e.scalar(s)
}

// list returns a flow list of strings, or "" for an empty one.
func (e *encoder) list(items []string) string {
	if len(items) == 0 {
		return ""
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = e.scalar(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// mapping returns a flow mapping of strings with its keys sorted, or "" for an empty one.
func (e *encoder) mapping(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	entries := make([]string, len(keys))
	for i, k := range keys {
		entries[i] = e.scalar(k) + ": " + e.scalar(m[k])
	}
	return "{" + strings.Join(entries, ", ") + "}"
}

// scalar returns s as a YAML scalar: plain when no YAML reader could take it for anything
// but that string, double-quoted otherwise.
func (e *encoder) scalar(s string) string {
	if !utf8.ValidString(s) {
		if e.err == nil {
			e.err = fmt.Errorf("%s is not valid UTF-8", strconv.Quote(s))
		}
		return `""`
	}
	if plain(s) {
		return s
	}
	return strconv.Quote(s)
}

// plain reports whether s can be written without quotes: it starts with a letter, holds only
// letters, digits, single inner spaces and "-._", and is not a word that YAML 1.1 readers take
// for a boolean or null. Such a string cannot be read as a number, a date or syntax.
func plain(s string) bool {
	switch strings.ToLower(s) {
	case "", "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf":
		return false
	}
	prev := ' '
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || r == '_':
		case i == 0:
			return false
		case unicode.IsDigit(r) || r == '-' || r == '.':
		case r == ' ' && prev != ' ':
		default:
			return false
		}
		prev = r
	}
	return prev != ' '
}

package changeset

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/orgledger/orgledger"
)

// The fields of each verb are read from the yaml tags of its Op struct in the root package,
// so that a field added there is read and written here without a second list to keep in step.

// opField is one field of an Op struct as a changeset names it.
type opField struct {
	name  string
	value reflect.Value // settable
}

// opFields returns the fields of op, which must be a pointer to a struct, in struct order.
func opFields(op orgledger.Op) []opField {
	v := reflect.ValueOf(op)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	v = v.Elem()
	var fs []opField
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !v.Type().Field(i).IsExported() {
			continue
		}
		fs = append(fs, opField{name: name, value: v.Field(i)})
	}
	return fs
}

// fieldNames returns the names of the fields of op.
func fieldNames(op orgledger.Op) []string {
	var names []string
	for _, f := range opFields(op) {
		names = append(names, f.name)
	}
	return names
}

// op decodes the fields of a verb, and puts the line of each field read in lines.
func (d *decoder) op(p pair, a at, lines map[string]int) orgledger.Op {
	op := orgledger.NewOp(a.verb)
	fields := opFields(op)
	names := fieldNames(op)
	v, ok := d.resolve(p.value, p.line, a, "")
	if !ok {
		return op
	}
	ps, isMap := d.pairs(v, a, "")
	if !isMap {
		d.problem(lineOf(v, p.line), a, "", "the value of %s must be a mapping of its fields (%s), not %s",
			a.verb, list(names), d.describe(v))
		return op
	}
	for _, q := range ps {
		lines[q.key] = q.line
		i := slices.Index(names, q.key)
		if i < 0 && slices.Contains(changeKeys, q.key) {
			d.problem(q.line, a, "", "%s belongs to the change, not among the fields of %s: write it on a line of its own, indented as %s is (%s has %s)",
				q.key, a.verb, a.verb, a.verb, list(names))
			continue
		}
		if i < 0 {
			d.problem(q.line, a, "", "unknown field %s for %s%s; %s has %s",
				quote(q.key), a.verb, suggest(q.key, names), a.verb, list(names))
			continue
		}
		d.field(fields[i].value, q, a, lines)
	}
	return op
}

// field decodes the value of q into dst, by the type of dst, and puts the lines of the keys of
// a mapping (attrs.KEY) in lines. A null value leaves dst zero: the field is absent.
func (d *decoder) field(dst reflect.Value, q pair, a at, lines map[string]int) {
	v, ok := d.resolve(q.value, q.line, a, q.key)
	if !ok || isNull(v) {
		return
	}
	line := lineOf(v, q.line)
	switch dst.Interface().(type) {
	case string:
		if s, ok := d.scalar(v, line, a, q.key); ok {
			dst.SetString(s)
		}
	case *string:
		if s, ok := d.scalar(v, line, a, q.key); ok {
			dst.Set(reflect.ValueOf(&s))
		}
	case bool:
		b, isBool := v.(*ast.BoolNode)
		if !isBool {
			d.problem(line, a, q.key, "must be true or false, not %s", d.describe(v))
			return
		}
		dst.SetBool(b.Value)
	case int64:
		d.integer(dst, v, line, a, q.key)
	case []string:
		dst.Set(reflect.ValueOf(d.stringList(v, line, a, q.key)))
	case map[string]string:
		dst.Set(reflect.ValueOf(d.attrs(v, line, a, q.key, lines)))
	default:
		d.internal = fmt.Errorf("changeset: field %s of %s has type %s, which the changeset format cannot read",
			q.key, a.verb, dst.Type())
	}
}

// scalar returns the text of a scalar value, reporting any other value.
func (d *decoder) scalar(v ast.Node, line int, a at, field string) (string, bool) {
	s, ok := d.stringText(v)
	if !ok {
		d.problem(line, a, field, "must be a string, not %s", d.describe(v))
	}
	return s, ok
}

// integer decodes a whole number into dst.
func (d *decoder) integer(dst reflect.Value, v ast.Node, line int, a at, field string) {
	n, isInt := v.(*ast.IntegerNode)
	if !isInt {
		d.problem(line, a, field, "must be a whole number, not %s", d.describe(v))
		return
	}
	// The parser reads 030 as octal 24, where a reader (and YAML 1.2) sees 30: a number led by
	// a zero is refused, never read as another number than it seems. (0x1E and 0o36 say what
	// they are.)
	if lit, _ := scalarText(n); leadingZero(lit) {
		d.problem(line, a, field, "%s: a leading zero makes it octal to some readers and decimal to others; write the number without it", d.describe(v))
		return
	}
	switch i := n.Value.(type) {
	case int64:
		dst.SetInt(i)
	case uint64:
		if i > math.MaxInt64 {
			d.problem(line, a, field, "%s is too large", d.describe(v))
			return
		}
		dst.SetInt(int64(i))
	default:
		d.problem(line, a, field, "must be a whole number, not %s", d.describe(v))
	}
}

// stringList decodes a list of strings; an empty list decodes as nil, as if it were absent.
func (d *decoder) stringList(v ast.Node, line int, a at, field string) []string {
	seq, isSeq := v.(*ast.SequenceNode)
	if !isSeq {
		d.problem(line, a, field, "must be a list of strings, not %s", d.describe(v))
		return nil
	}
	var out []string
	for i, item := range seq.Values {
		itemLine := lineOf(item, line)
		item, ok := d.resolve(item, itemLine, a, field)
		if !ok {
			continue
		}
		s, ok := d.stringText(item)
		if !ok {
			d.problem(itemLine, a, field, "item %d must be a string, not %s", i+1, d.describe(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

// attrs decodes a mapping of strings to strings, with the line of each key in lines as
// field.KEY; an empty mapping decodes as nil.
func (d *decoder) attrs(v ast.Node, line int, a at, field string, lines map[string]int) map[string]string {
	ps, isMap := d.pairs(v, a, field)
	if !isMap {
		d.problem(line, a, field, "must be a mapping of names to strings, not %s", d.describe(v))
		return nil
	}
	var out map[string]string
	for _, p := range ps {
		lines[field+"."+p.key] = p.line
		item, ok := d.resolve(p.value, p.line, a, field+"."+p.key)
		if !ok {
			continue
		}
		if isNull(item) {
			// Null would read as either "leave alone" or "remove"; "" says remove.
			d.problem(p.line, a, field+"."+p.key, "is null; write \"\" to remove the attribute, or leave the key out")
			continue
		}
		s, ok := d.scalar(item, lineOf(item, p.line), a, field+"."+p.key)
		if !ok {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(ps))
		}
		out[p.key] = s
	}
	return out
}

// leadingZero reports whether s is digits led by a zero, as 030, 0_30 and 00 are (not 0, 0x1E
// or 0o36, which say what they are).
func leadingZero(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > 1 && s[0] == '0' && (s[1] >= '0' && s[1] <= '9' || s[1] == '_')
}

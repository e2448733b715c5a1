package changeset

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// pair is one key of a mapping with its value, as written.
type pair struct {
	key   string
	line  int // the line of the key
	value ast.Node
}

// pairs returns the entries of a mapping in file order, reporting and dropping duplicate keys
// and keys that are not scalars. ok is false when n is not a mapping.
func (d *decoder) pairs(n ast.Node, a at, field string) (ps []pair, ok bool) {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		return nil, false
	}
	seen := make(map[string]int, len(values))
	for _, mv := range values {
		if mv == nil {
			continue
		}
		line := lineOf(mv.Key, lineOf(mv, 0))
		key, ok := d.key(mv.Key, line, a, field)
		if !ok {
			continue
		}
		if first, dup := seen[key]; dup {
			d.problem(line, a, field, "duplicate key %s (first at line %d)", quote(key), first)
			continue
		}
		seen[key] = line
		ps = append(ps, pair{key: key, line: line, value: mv.Value})
	}
	return ps, true
}

// key returns the text of a mapping key, reporting keys a changeset cannot have.
func (d *decoder) key(k ast.Node, line int, a at, field string) (string, bool) {
	for {
		switch n := k.(type) {
		case *ast.MappingKeyNode:
			k = n.Value
		case *ast.TagNode:
			k = n.Value
		case *ast.AnchorNode:
			k = n.Value
		case *ast.AliasNode:
			d.problem(line, a, field, "aliases (*name) are not supported; write the key out")
			return "", false
		case *ast.MergeKeyNode:
			d.problem(line, a, field, "merge keys (<<) are not supported; write the keys out")
			return "", false
		case *ast.NullNode:
			// A null key ("~: x") is refused later as an unknown key, by its text.
			if n.Token == nil {
				return "", true
			}
			return n.Token.Value, true
		default:
			if s, ok := scalarText(k); ok {
				return s, true
			}
			d.problem(line, a, field, "a key must be a string, not %s", d.describe(k))
			return "", false
		}
	}
}

// resolve returns a value with anchors and standard tags taken off. It reports aliases and
// other tags, which a changeset does not use, and returns ok false for them. A missing value
// comes back as nil, which isNull reports as null.
func (d *decoder) resolve(n ast.Node, line int, a at, field string) (ast.Node, bool) {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			d.problem(lineOf(v, line), a, field, "aliases (*name) are not supported; write the value out")
			return nil, false
		case *ast.TagNode:
			return d.resolveTag(v, line, a, field)
		default:
			return n, true
		}
	}
}

// resolveTag takes off a tag. !!str makes any scalar a string; the other tags of the YAML core
// schema are taken at their word, and the value must still fit its field.
func (d *decoder) resolveTag(t *ast.TagNode, line int, a at, field string) (ast.Node, bool) {
	tag := ""
	if t.Start != nil {
		tag = t.Start.Value
	}
	switch tag {
	case "!!map", "!!seq", "!!int", "!!float", "!!bool", "!!null", "!!timestamp":
		return d.resolve(t.Value, line, a, field)
	case "!!str":
		v, ok := d.resolve(t.Value, line, a, field)
		if !ok {
			return nil, false
		}
		s, isScalar := scalarText(v)
		if !isScalar && !isNull(v) {
			d.problem(lineOf(t, line), a, field, "!!str must tag a scalar, not %s", d.describe(v))
			return nil, false
		}
		return &ast.StringNode{BaseNode: &ast.BaseNode{}, Token: t.Start, Value: s}, true
	}
	d.problem(lineOf(t, line), a, field, "the tag %s is not supported", tag)
	return nil, false
}

// isNull reports whether a resolved value is null or missing.
func isNull(n ast.Node) bool {
	_, null := n.(*ast.NullNode)
	return n == nil || null
}

// scalarText returns the text of a scalar. Numbers and booleans give their text as written, so
// that an id written 007 stays "007".
func scalarText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// stringText returns the text of a value given to a string field: scalarText's, but for a
// JSON file only that of a string, as JSON says what type each value is. A JSON string is
// quoted; the parser takes some unquoted numbers (1e3) for strings, as YAML 1.1 does.
func (d *decoder) stringText(n ast.Node) (string, bool) {
	if s, isString := n.(*ast.StringNode); d.json && (!isString || d.jsonNumber(s)) {
		return "", false
	}
	return scalarText(n)
}

// jsonNumber reports whether a string the parser read is a number of a JSON file: the only
// value JSON writes unquoted but for true, false and null.
func (d *decoder) jsonNumber(s *ast.StringNode) bool {
	return d.json && (s.Token == nil || s.Token.Type != token.DoubleQuoteType)
}

// describe names a value for a message as describeNode does, and a number of a JSON file that
// the parser read as a string as the number it is.
func (d *decoder) describe(n ast.Node) string {
	if s, isString := n.(*ast.StringNode); isString && d.jsonNumber(s) {
		return "the number " + s.Value
	}
	return describeNode(n)
}

// describeNode names a value for a message: "a list", "the number 12".
func describeNode(n ast.Node) string {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		s, _ := scalarText(v)
		return "the string " + quote(s)
	case *ast.BoolNode:
		s, _ := scalarText(v)
		return "the boolean " + s
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		s, _ := scalarText(v)
		return "the number " + s
	case *ast.AliasNode:
		return "an alias"
	}
	return "a YAML " + strings.ToLower(n.Type().String())
}

// lineOf returns the line where n starts, or fallback when n has no position.
func lineOf(n ast.Node, fallback int) int {
	switch v := n.(type) {
	case nil:
		return fallback
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return lineOf(v.Values[0], fallback)
		}
	case *ast.MappingValueNode:
		return lineOf(v.Key, fallback)
	case *ast.MappingKeyNode:
		return tokenLine(v.Start, fallback)
	case *ast.TagNode:
		return tokenLine(v.Start, fallback)
	case *ast.AnchorNode:
		return tokenLine(v.Start, fallback)
	case *ast.AliasNode:
		return tokenLine(v.Start, fallback)
	}
	return tokenLine(n.GetToken(), fallback)
}

// tokenLine returns the line of tk, or fallback when tk has no position.
func tokenLine(tk *token.Token, fallback int) int {
	if tk == nil || tk.Position == nil || tk.Position.Line <= 0 {
		return fallback
	}
	return tk.Position.Line
}

// quote quotes s for a message, shortened so that a long value does not drown the reason.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}

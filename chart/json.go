package chart

import (
	"io"
	"unicode/utf8"

	"github.com/orgledger/orgledger"
)

// jsonFlush is how much text JSON gathers before it writes: a chart of a million positions
// is never held whole as text.
const jsonFlush = 64 << 10

// JSON writes the nodes as a JSON list indented by two spaces, byte for byte what
// encoding/json's Encoder writes for them with SetIndent("", "  ") and SetEscapeHTML(false):
// the shape every command's JSON has. It writes a node in a tenth of the Encoder's time, which
// is most of what a one-shot chart of a thousand positions spends after it has the nodes.
func JSON(w io.Writer, nodes []orgledger.ChartNode) error {
	switch {
	case nodes == nil:
		_, err := io.WriteString(w, "null\n")
		return err
	case len(nodes) == 0:
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	buf := make([]byte, 0, jsonFlush+4096)
	buf = append(buf, "[\n"...)
	for i := range nodes {
		buf = appendNode(buf, &nodes[i])
		if i < len(nodes)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		if len(buf) >= jsonFlush {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]\n"...)
	_, err := w.Write(buf)
	return err
}

// appendNode appends one node of the list, at the list's first level of indentation.
func appendNode(b []byte, n *orgledger.ChartNode) []byte {
	b = append(b, "  {\n"...)
	b = appendField(b, 2, "id", n.ID)
	b = append(b, "    \"parentId\": "...)
	if n.ParentID == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *n.ParentID)
	}
	b = append(b, ",\n"...)
	b = appendField(b, 2, "title", n.Title)
	if n.Kind != "" {
		b = appendField(b, 2, "kind", n.Kind)
	}
	b = append(b, "    \"unit\": {\n"...)
	b = appendField(b, 3, "id", n.Unit.ID)
	b = appendLastField(b, 3, "name", n.Unit.Name)
	b = append(b, "    },\n    \"holders\": "...)
	b = appendList(b, n.Holders, appendHolder)
	b = append(b, ",\n    \"vacant\": "...)
	b = appendBool(b, n.Vacant)
	b = append(b, ",\n    \"dotted\": "...)
	b = appendList(b, n.Dotted, appendStringElem)
	return append(b, "\n  }"...)
}

// appendList appends a list whose opening bracket is on the node's second level, each element
// on a line of its own at the third, as encoding/json writes nil (null), empty ([]) and other
// lists.
func appendList[T any](b []byte, xs []T, appendElem func(b []byte, x *T) []byte) []byte {
	switch {
	case xs == nil:
		return append(b, "null"...)
	case len(xs) == 0:
		return append(b, "[]"...)
	}
	b = append(b, "[\n"...)
	for i := range xs {
		b = appendElem(append(b, "      "...), &xs[i])
		if i < len(xs)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	return append(b, "    ]"...)
}

// appendHolder appends a holder, its braces on the list's level.
func appendHolder(b []byte, h *orgledger.Holder) []byte {
	b = append(b, "{\n"...)
	b = appendField(b, 4, "id", h.ID)
	b = appendField(b, 4, "name", h.Name)
	b = append(b, "        \"acting\": "...)
	b = appendBool(b, h.Acting)
	return append(b, "\n      }"...)
}

func appendStringElem(b []byte, s *string) []byte { return appendJSONString(b, *s) }

// appendField appends `"key": "value",` and a newline at the given level of indentation.
func appendField(b []byte, level int, key, value string) []byte {
	return append(appendKeyValue(b, level, key, value), ",\n"...)
}

// appendLastField appends `"key": "value"` and a newline, for an object's last field.
func appendLastField(b []byte, level int, key, value string) []byte {
	return append(appendKeyValue(b, level, key, value), '\n')
}

func appendKeyValue(b []byte, level int, key, value string) []byte {
	for range level {
		b = append(b, "  "...)
	}
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, "\": "...)
	return appendJSONString(b, value)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

const lowerHex = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string when it does not escape
// HTML: quotes, backslashes and control characters escaped, invalid UTF-8 as U+FFFD, and the
// line and paragraph separators U+2028 and U+2029 escaped, as JavaScript needs.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', lowerHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscapedByte appends the escape of an ASCII byte that JSON may not hold as it is.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xF])
}

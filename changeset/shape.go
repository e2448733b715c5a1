package changeset

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/token"
)

// The parser's time and memory grow with the square of some shapes of input: nesting depth,
// the number of keys in one block mapping, the number of documents. A few hundred kilobytes of
// such input would take it minutes and gigabytes. A changeset has none of these shapes, so
// Decode refuses them, from the tokens, before parsing.
const (
	// maxDepth bounds the nesting of flow collections ([ and {), and of block entries
	// opened on one line ("- - - x"). A changeset nests five levels deep.
	maxDepth = 32
	// maxKeys bounds the keys of one mapping; attrs are the widest mapping a changeset has.
	maxKeys = 256
)

// shape follows the structure of a token stream just far enough to measure it.
type shape struct {
	flow     []int    // open flow collections: the key count of a mapping, -1 for a sequence
	block    []column // block mapping key counts by column, innermost last
	line     int      // the line of the last token seen
	compact  int      // block entries opened on the current line
	docStart int      // "---" markers seen
	docEnd   int      // "..." markers seen
}

// column counts the keys seen at one column of a block mapping.
type column struct{ col, keys int }

// checkShape reports the first place where the tokens exceed a limit, and whether there was
// none.
func (d *decoder) checkShape(tokens token.Tokens) bool {
	s := &shape{}
	var prev *token.Token
	for _, tk := range tokens {
		if tk == nil || tk.Position == nil || tk.Type == token.CommentType {
			continue
		}
		if reason := s.add(tk, prev); reason != "" {
			d.problem(tk.Position.Line, at{}, "", "%s", reason)
			return false
		}
		prev = tk
	}
	return true
}

// checkTabs refuses each value with a tab character inside it that the YAML reader would not
// read as the file has it: an unquoted one drops the tab ("id: ab<TAB>cd" would be read as
// abcd, and a changeset recorded with an id, a name or a note other than the file's), and a
// quoted one loses the end of its line, so that the next key is taken for part of the value
// and the file refused with a message about something else. A tab that only stands between a
// key and its value, a tab in a block (|, >), which the reader keeps, and the escape \t in
// double quotes are no problem. The lines of the tokens after a quoted value with a tab are
// off by one, so the check stops there.
func (d *decoder) checkTabs(tokens token.Tokens) bool {
	ok := true
	for _, tk := range tokens {
		if tk == nil || tk.Position == nil {
			continue
		}
		inside := strings.Trim(tk.Origin, " \t\n")
		switch {
		case tk.Type == token.StringType && strings.Count(inside, "\t") > strings.Count(tk.Value, "\t"):
			d.problem(tk.Position.Line, at{}, "", "the value %s holds a tab, which YAML readers drop from a value that is not quoted: write it without the tab, or with \\t for it in double quotes", strconv.Quote(inside))
		case (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType) && strings.Contains(inside, "\t"):
			d.problem(tk.Position.Line, at{}, "", "the value %s holds a tab character, which the YAML reader misreads inside quotes: write \\t for it in double quotes, or a space", strconv.Quote(inside))
			return false
		default:
			continue
		}
		ok = false
	}
	return ok
}

// checkEscapes refuses each line with an escape of a low surrogate that follows no escape of a
// high one ("\uDC00" alone), which the YAML reader turns into U+FFFD without a word, where a
// lone high one is refused: half a character is not text. The lexer keeps no trace of the
// escape, so the file's text is read for it (a plain value that says \uDC00 is refused too).
func (d *decoder) checkEscapes(data []byte) bool {
	ok := true
	for i, line := range strings.Split(string(data), "\n") {
		if esc := loneLowSurrogate(line); esc != "" {
			d.problem(i+1, at{}, "", "the escape %s is half of a character (the second half of a UTF-16 pair, with no first before it): write the character itself, or the escape of its first half before it", esc)
			ok = false
		}
	}
	return ok
}

// loneLowSurrogate returns the first escape \uDC00–\uDFFF in a line that no escape
// \uD800–\uDBFF comes just before, "" when there is none.
func loneLowSurrogate(s string) string {
	high := false // the escape just read was a high surrogate's
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			high = false
			continue
		}
		if s[i+1] != 'u' || i+6 > len(s) {
			i++ // an escaped character: \\, \", \n, ...
			high = false
			continue
		}
		v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		switch {
		case err != nil:
			high = false
		case v >= 0xDC00 && v <= 0xDFFF && !high:
			return s[i : i+6]
		default:
			high = v >= 0xD800 && v <= 0xDBFF
		}
		i += 5
	}
	return ""
}

// add takes in one token and returns why the file is refused, or "".
func (s *shape) add(tk, prev *token.Token) string {
	pos := tk.Position
	if pos.Line != s.line {
		s.line, s.compact = pos.Line, 0
		if len(s.flow) == 0 {
			s.closeBlocks(pos.Column)
		}
	}
	switch tk.Type {
	case token.DocumentHeaderType:
		s.docStart++
	case token.DocumentEndType:
		s.docEnd++
	case token.SequenceStartType:
		s.flow = append(s.flow, -1)
	case token.MappingStartType:
		s.flow = append(s.flow, 0)
	case token.SequenceEndType, token.MappingEndType:
		if len(s.flow) > 0 {
			s.flow = s.flow[:len(s.flow)-1]
		}
	case token.SequenceEntryType:
		s.compact++
	case token.MappingKeyType:
		s.compact++
		return s.key(pos.Column)
	case token.MappingValueType:
		return s.value(prev, pos.Line)
	}
	switch {
	case s.docStart > 1 || s.docEnd > 1:
		return "a second YAML document starts here; a changeset file holds one document"
	case len(s.flow) > maxDepth || s.compact > maxDepth:
		return "nests more than 32 levels deep; a changeset needs no more than five"
	}
	return ""
}

// closeBlocks ends the block mappings indented deeper than a line that starts at col.
func (s *shape) closeBlocks(col int) {
	for len(s.block) > 0 && s.block[len(s.block)-1].col > col {
		s.block = s.block[:len(s.block)-1]
	}
}

// value counts the key before a ":" in the mapping it belongs to.
func (s *shape) value(key *token.Token, line int) string {
	if n := len(s.flow); n > 0 {
		if s.flow[n-1] >= 0 {
			s.flow[n-1]++
			if s.flow[n-1] > maxKeys {
				return "a mapping has more than 256 keys here"
			}
		}
		return ""
	}
	// A ":" at the start of a line is the value of an explicit "?" key, counted there.
	if key == nil || key.Position == nil || key.Position.Line != line {
		return ""
	}
	return s.key(key.Position.Column)
}

// key counts a block mapping key at col.
func (s *shape) key(col int) string {
	if len(s.flow) > 0 {
		return ""
	}
	s.closeBlocks(col)
	n := len(s.block)
	if n == 0 || s.block[n-1].col != col {
		s.block = append(s.block, column{col: col})
		n++
	}
	s.block[n-1].keys++
	if s.block[n-1].keys > maxKeys {
		return "a mapping has more than 256 keys here"
	}
	return ""
}

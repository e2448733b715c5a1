package changeset

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/orgledger/orgledger"
)

// parse checks what must hold before the file can be parsed safely, parses it and returns the
// body of its one document, or nil after reporting why there is none.
func (d *decoder) parse(data []byte) ast.Node {
	whole := at{}
	if len(data) > MaxSize {
		d.problem(0, whole, "", "is %d bytes, larger than the %d MiB a changeset may be", len(data), MaxSize>>20)
		return nil
	}
	if orgledger.IsUTF16(data) {
		d.problem(1, whole, "", "is UTF-16; save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)")
		return nil
	}
	if line, col, ok := invalidUTF8(data); ok {
		d.problem(line, whole, "", "is not valid UTF-8 (column %d); save the file as UTF-8", col)
		return nil
	}
	// Editors on Windows start files with a byte order mark, which the parser would take as
	// part of the first key.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// YAML reads every line break in a scalar as "\n", but the parser miscounts lines after
	// a "\r", so files from Windows and old Macs would get wrong line numbers. (JSON counts
	// no "\r" as a line break, but has one only as space between its tokens.)
	data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	if d.json && !d.checkJSON(data) {
		return nil
	}
	tokens := lexer.Tokenize(string(data))
	if !d.checkShape(tokens) || !d.checkTabs(tokens) || !d.checkEscapes(data) {
		return nil
	}
	file, err := parseTokens(tokens)
	if err != nil {
		d.syntaxProblem(err, syntaxOf(data))
		return nil
	}
	return d.document(file)
}

// checkJSON reports where data stops being JSON, if it does: the YAML parser reads JSON too,
// but also much that is not JSON, and would name a mistake in YAML's terms.
func (d *decoder) checkJSON(data []byte) bool {
	line, col, why, bad := orgledger.JSONMistake(data)
	switch {
	case !bad || len(bytes.TrimSpace(data)) == 0: // the parser says a file is empty in a changeset's terms
		return true
	case col == 0:
		d.problem(line, at{}, "", "the text is not valid JSON: %s", why)
	default:
		d.problem(line, at{}, "", "the text is not valid JSON: %s (column %d)", why, col)
	}
	return false
}

// parseTokens parses the tokens into a syntax tree. Duplicate keys are allowed here so that
// the decoder can report each of them, with both lines, alongside the file's other problems.
func parseTokens(tokens token.Tokens) (f *ast.File, err error) {
	defer func() {
		// The parser is not ours; a file that makes it panic is refused like any other
		// file it cannot read, rather than taking a server down.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	return parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
}

// syntaxProblem reports a parse error at the line the parser gives, in the terms of the
// syntax the file is written in.
func (d *decoder) syntaxProblem(err error, syntax string) {
	var yerr yaml.Error
	if !errors.As(err, &yerr) {
		d.problem(0, at{}, "", "the text is not valid %s: %v", syntax, err)
		return
	}
	line := 0
	if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
		line = tk.Position.Line
	}
	hint := ""
	if line > 1 {
		hint = " (where the parser stopped; the mistake may be on a line before)"
	}
	d.problem(line, at{}, "", "the text is not valid %s: %s%s", syntax, yerr.GetMessage(), hint)
}

// syntaxOf names the syntax a changeset is written in for its errors: a document that opens
// with a brace is JSON (which YAML reads too, and which the parser reads it as), else YAML.
func syntaxOf(data []byte) string {
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\n"), []byte("{")) {
		return "JSON"
	}
	return "YAML"
}

// document returns the body of the file's only document.
func (d *decoder) document(f *ast.File) ast.Node {
	var bodies []ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, directive := doc.Body.(*ast.DirectiveNode); !directive { // %YAML 1.2 is parsed as a document of its own
			bodies = append(bodies, doc.Body)
		}
	}
	if len(bodies) == 0 {
		d.problem(0, at{}, "", "is empty: a changeset needs at least a list of changes")
		return nil
	}
	if len(bodies) > 1 {
		d.problem(lineOf(bodies[1], 0), at{}, "",
			"a second YAML document starts here; a changeset file holds one document")
	}
	return bodies[0]
}

// invalidUTF8 finds the first byte that is not UTF-8 and returns its 1-based line and column.
func invalidUTF8(data []byte) (line, col int, found bool) {
	if utf8.Valid(data) {
		return 0, 0, false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return line, col, true
		// YAML ends a line at "\n", "\r\n" or a lone "\r", and so counts the parser.
		case r == '\n', r == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return line, col, true
}

package orgledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// endOfInput is what encoding/json says of text that ends before its value does.
var endOfInput = json.Unmarshal(nil, new(json.RawMessage)).Error()

// JSONMistake reports whether data is not JSON and, if it is not, where it stops being JSON
// and why: the 1-based line and column (in characters) of the byte encoding/json could not
// take, or, for text that ends before its value does, its last line and column 0.
func JSONMistake(data []byte) (line, col int, why string, bad bool) {
	if json.Valid(data) {
		return 0, 0, "", false
	}
	err := json.Unmarshal(data, new(json.RawMessage))
	var syntax *json.SyntaxError
	switch {
	case !errors.As(err, &syntax):
		return 0, 0, err.Error(), true
	case syntax.Error() == endOfInput:
		return 1 + bytes.Count(bytes.TrimRight(data, " \t\r\n"), []byte("\n")), 0, "it ends before its value does", true
	}
	before := data[:min(max(syntax.Offset-1, 0), int64(len(data)))]
	start := bytes.LastIndexByte(before, '\n') + 1
	return 1 + bytes.Count(before, []byte("\n")), 1 + utf8.RuneCount(before[start:]), syntax.Error(), true
}

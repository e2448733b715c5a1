package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/orgledger/orgledger"
)

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// indentLines returns s with each line after the first indented by indent, so that free text on
// several lines (a note, a source, a reason) stays beneath what it belongs to and cannot pass
// for an entry of its own; a carriage return is taken as a line break.
func indentLines(s, indent string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", "\n"+indent, "\n", "\n"+indent, "\r", "\n"+indent).Replace(s)
}

// printable returns an error message with its control characters other than line breaks and
// tabs escaped (as \x1b, say): a message may quote what the user gave, an id typed or a value
// of a file, and an escape sequence in it would reach the terminal.
func printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unprintable(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unprintable(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

// writeDiffText writes a diff one change per line. An empty one says what a diff leaves out,
// so that a dry run of an assistant's kind, say, is not read as doing nothing.
func writeDiffText(w io.Writer, d *orgledger.Diff, indent string) {
	if len(d.Changes) == 0 {
		fmt.Fprintf(w, "%sno changes of the kinds a diff shows (it leaves some out, a position's kind among them)\n", indent)
	}
	for _, c := range d.Changes {
		fmt.Fprintf(w, "%s%-17s %s%s\n", indent, c.Kind, c.Person+c.Unit+c.Position, indentLines(beforeAfter(c), indent+"    "))
	}
}

func beforeAfter(c orgledger.DiffChange) string {
	if c.Before == nil && c.After == nil {
		return ""
	}
	return fmt.Sprintf(": %s → %s", listOrNone(c.Before), listOrNone(c.After))
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "(none)"
	}
	return strings.Join(xs, ", ")
}

// count says "1 event" or "3 events".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

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

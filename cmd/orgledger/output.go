package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/orgledger/orgledger"
)

// columns returns a writer that lines up the tab-separated cells of the lines written to it,
// two spaces between columns, until it is flushed.
func columns(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0) }

// buffered runs print with the standard output buffered, then flushes it: the commands that
// print a line per event or change would otherwise make a system call per line (5.4 million
// for the log of a 100,000-person ledger, 200,053 for its first import).
func (m *Main) buffered(print func(w io.Writer)) error {
	w := bufio.NewWriterSize(m.Stdout, 64<<10)
	print(w)
	return w.Flush()
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// indentLines returns s with each line after the first indented by indent, so that free text on
// several lines (a note, a source, a reason) stays beneath what it belongs to and cannot pass
// for an entry of its own; a carriage return is taken as a line break. The line breaks that end
// s (a YAML block's "source: |" ends with one) make no empty line.
func indentLines(s, indent string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.TrimRight(s, "\r\n")
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

// writeDiffText writes a diff one change per line, each id with what names names it, then
// how many changes of each kind. An empty one says what a diff leaves out, so that a dry run
// of an assistant's kind, say, is not read as doing nothing.
func writeDiffText(w io.Writer, d *orgledger.Diff, indent string, names map[string]string) {
	if len(d.Changes) == 0 {
		fmt.Fprintf(w, "%sno changes of the kinds a diff shows (it leaves some out, a position's kind among them)\n", indent)
		return
	}
	for _, c := range d.Changes {
		fmt.Fprintf(w, "%s%-17s %s%s\n", indent, c.Kind, named(c.Subject(), names), indentLines(beforeAfter(c, names), indent+"    "))
	}
	fmt.Fprintf(w, "%s%s\n", indent, kindCounts(d.Changes))
}

// named returns id as text names it: "ren-geng (Ren Geng)", or the id alone when names has
// nothing for it.
func named(id string, names map[string]string) string {
	if name := names[id]; name != "" {
		return fmt.Sprintf("%s (%s)", id, name)
	}
	return id
}

func beforeAfter(c orgledger.DiffChange, names map[string]string) string {
	if c.Before == nil && c.After == nil {
		return ""
	}
	before, after := c.Before, c.After
	if c.Kind.HoldsIDs() {
		before, after = namedAll(before, names), namedAll(after, names)
	}
	return fmt.Sprintf(": %s → %s", listOrNone(before), listOrNone(after))
}

func namedAll(ids []string, names map[string]string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = named(id, names)
	}
	return out
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "(none)"
	}
	return strings.Join(xs, ", ")
}

// kindCounts says how many changes there are of each kind, the kinds in the order they first
// come: "4 changes: 2 left, 1 manager, 1 position-closed".
func kindCounts(changes []orgledger.DiffChange) string {
	var kinds []orgledger.DiffKind
	n := map[orgledger.DiffKind]int{}
	for _, c := range changes {
		if n[c.Kind] == 0 {
			kinds = append(kinds, c.Kind)
		}
		n[c.Kind]++
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", n[k], k)
	}
	return count(len(changes), "change") + ": " + strings.Join(parts, ", ")
}

// count says "1 event" or "3 events".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

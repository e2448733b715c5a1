package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/orgledger/orgledger"
)

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeJSONList writes a list as writeJSON does, a run of elements at a time, each run
// encoded on every core: a chart of a thousand positions is written in half the time, and one
// of a million is never held whole in memory as text.
func writeJSONList[T any](w io.Writer, list []T) error {
	if len(list) == 0 {
		return writeJSON(w, list)
	}
	const run = 512
	parts := make([]bytes.Buffer, runtime.GOMAXPROCS(0))
	errs := make([]error, len(parts))
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for start := 0; start < len(list); start += run * len(parts) {
		var wg sync.WaitGroup
		for k := range parts {
			lo := start + k*run
			hi := min(lo+run, len(list))
			parts[k].Reset()
			if lo < hi {
				wg.Go(func() { errs[k] = encodeElements(&parts[k], list[lo:hi], hi == len(list)) })
			}
		}
		wg.Wait()
		for k := range parts {
			if errs[k] != nil {
				return errs[k]
			}
			if _, err := w.Write(parts[k].Bytes()); err != nil {
				return err
			}
		}
	}
	_, err := io.WriteString(w, "]\n")
	return err
}

// encodeElements appends elements of a list as writeJSON indents them; last says whether the
// list ends with them.
func encodeElements[T any](out *bytes.Buffer, elems []T, last bool) error {
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	for i := range elems {
		elem.Reset()
		if err := enc.Encode(&elems[i]); err != nil {
			return err
		}
		out.WriteString("  ")
		out.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
		if !last || i < len(elems)-1 {
			out.WriteByte(',')
		}
		out.WriteByte('\n')
	}
	return nil
}

// writeDiffText writes a diff one change per line.
func writeDiffText(w io.Writer, d *orgledger.Diff, indent string) {
	if len(d.Changes) == 0 {
		fmt.Fprintf(w, "%sno changes\n", indent)
	}
	for _, c := range d.Changes {
		fmt.Fprintf(w, "%s%-17s %s%s\n", indent, c.Kind, c.Person+c.Unit+c.Position, beforeAfter(c))
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

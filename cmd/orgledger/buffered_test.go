package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// writes counts the writes made to it.
type writes struct {
	bytes.Buffer
	n int
}

func (w *writes) Write(b []byte) (int, error) {
	w.n++
	return w.Buffer.Write(b)
}

// TestLinesWrittenAtOnce: the commands that print a line per event or change write their
// output at once, not a system call a line, and write what they wrote before.
func TestLinesWrittenAtOnce(t *testing.T) {
	p := withExample(t)
	for _, args := range [][]string{
		{"log"},
		{"history", "huo-jia"},
		{"diff", "--from", "2022-01-01", "--to", "2022-06-01"},
		{"import", writeTemp(t, "jan.csv", janOfThree), "--at", "2022-05-31", "--dry-run"},
	} {
		var out writes
		if code := p.runTo(&out, io.Discard, "", args...); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if lines := strings.Count(out.String(), "\n"); lines < 5 || out.n > 1 {
			t.Errorf("%v: %d lines in %d writes, want five or more in one", args, lines, out.n)
		}
	}
}

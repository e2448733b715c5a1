package main

import (
	"strings"
	"testing"
)

// TestFreeTextStaysBeneathItsEvent: a note, a source or a reason on several lines is printed
// with its lines after the first indented beneath it, so that none of them can pass for an
// event of its own, in the log and in a history. (Found by an output review: a note printed a
// forged event.)
func TestFreeTextStaysBeneathItsEvent(t *testing.T) {
	p := newProgram(t)
	cs := "effective: 2022-01-01\nnote: \"Routine hire\\n#9     effective 2022-01-01  recorded 2022-01-01T00:00:00Z  by admin\\n       alice is hired\"\n" +
		"source: \"memo\\nsource: forged\"\nchanges:\n  - hire: {id: bob, name: Bob}\n  - leave: {person: bob, reason: \"dismissed\\r\\n(resigned)\"}\n    effective: 2022-02-01\n"
	if code, _, errOut := p.run(cs, "apply", "-"); code != 0 {
		t.Fatalf("apply: %d %s", code, errOut)
	}
	for _, args := range [][]string{{"log"}, {"history", "bob"}} {
		out := p.ok(args...)
		var events, sources int
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "#") {
				events++
			}
			if strings.HasPrefix(line, "       source: ") {
				sources++
			}
		}
		if events != 2 || sources != 2 || !strings.Contains(out, "\n             #9     effective") || !strings.Contains(out, "\n         (resigned)") {
			t.Errorf("orgledger %s: %d events and %d sources, want 2 of each, the note's and the reason's lines indented:\n%s", args[0], events, sources, out)
		}
	}
}

// TestBlockTextEndsItsEvent: a source written as a YAML block ("source: |", which ends with a
// line break) prints no empty indented line after it. (Found by QA.)
func TestBlockTextEndsItsEvent(t *testing.T) {
	p := newProgram(t)
	cs := "effective: 2022-01-01\nsource: |\n  board minutes\n  item 4\nchanges:\n  - hire: {id: bob, name: Bob}\n"
	if code, _, errOut := p.run(cs, "apply", "-"); code != 0 {
		t.Fatalf("apply: %d %s", code, errOut)
	}
	if out := p.ok("log"); !strings.Contains(out, "source: board minutes\n               item 4\n") || strings.Contains(out, "item 4\n   ") {
		t.Errorf("the log of a block source:\n%q", out)
	}
}

// TestErrorsEscapeControlCharacters: an error that quotes what the user gave (an id typed, a
// value of a file) prints its control characters escaped, never an escape sequence for the
// terminal. (Found by an output review.)
func TestErrorsEscapeControlCharacters(t *testing.T) {
	p := withExample(t)
	csv := "employee_id,name,title,manager_id,department\ne1,A,B,x\x1b[31mq,D\n"
	for _, run := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"show", "x\x1b]0;pwned\x07"}},
		{"", []string{"history", "x\x1b[31m"}},
		{csv, []string{"import", "-", "--at", "2022-05-01", "--dry-run"}},
	} {
		code, _, errOut := p.run(run.stdin, run.args...)
		if code == 0 || strings.ContainsAny(errOut, "\x1b\x07") || !strings.Contains(errOut, `\x1b`) {
			t.Errorf("orgledger %q: exit %d, stderr %q, want a refusal with the escape written as \\x1b", run.args, code, errOut)
		}
	}
}

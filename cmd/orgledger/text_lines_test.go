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

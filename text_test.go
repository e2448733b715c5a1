package orgledger

import (
	"fmt"
	"testing"
)

// TestJoinPath: a short path is shown whole; a long one, a cycle through thousands of
// positions, say, by its ends and how many lie between, so that the message stays a line.
// (Found by QA: a cycle through 5,000 positions was told in 60 KB.)
func TestJoinPath(t *testing.T) {
	if got := JoinPath([]string{"a", "b", "a"}); got != "a → b → a" {
		t.Errorf("short: %q", got)
	}
	long := make([]string, 5001)
	for i := range long {
		long[i] = fmt.Sprint("p", i%5000)
	}
	if got, want := JoinPath(long), "p0 → p1 → p2 → p3 → p4 → … 4991 more … → p4996 → p4997 → p4998 → p4999 → p0"; got != want {
		t.Errorf("long: %q, want %q", got, want)
	}
	eleven := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	if got := JoinPath(eleven); got != "a → b → c → d → e → f → g → h → i → j → k" {
		t.Errorf("eleven, shown whole: %q", got)
	}
}

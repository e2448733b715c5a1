package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestApplyUnreadableFileAmongSeveral: when one of several files cannot be read, none is
// applied, and the one message says which and why, then that none was.
func TestApplyUnreadableFileAmongSeveral(t *testing.T) {
	p := newProgram(t)
	good := filepath.Join(t.TempDir(), "good.yaml")
	os.WriteFile(good, []byte("effective: 2022-05-01\nchanges:\n  - hire: {id: a, name: A}\n"), 0o644)
	code, _, errOut := p.run("", "apply", good, "missing.yaml")
	if want := "orgledger: missing.yaml: cannot read: no such file or directory; none of the 2 files was applied: every file is read before any is applied\n"; code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}

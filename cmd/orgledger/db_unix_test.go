//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDatabaseNotARegularFile: a --db that is a named pipe (or a device: /dev/null) is refused
// saying so, before SQLite opens it, which would wait on a pipe and leave a -journal beside a
// device for good. (Found by a crash-safety review: --db /dev/null left /dev/null-journal.)
func TestDatabaseNotARegularFile(t *testing.T) {
	p := newProgram(t)
	p.db = filepath.Join(t.TempDir(), "org.db")
	if err := syscall.Mkfifo(p.db, 0o600); err != nil {
		t.Skipf("no named pipe here: %v", err)
	}
	for _, args := range [][]string{{"chart"}, {"token", "create", "--name", "ann", "--role", "admin"}} {
		if code, _, errOut := p.run("", args...); code != 1 || !strings.Contains(errOut, "it is a named pipe, not a database file") {
			t.Errorf("%s: exit %d, %q", args[0], code, errOut)
		}
	}
}

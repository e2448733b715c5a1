package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeywordConnectionStringRefused: a --db that is a PostgreSQL connection string of keywords
// is refused, its password hidden, rather than taken for a SQLite file's name: a command that
// writes made a file of that name and stored an admin token in it, and read commands printed
// the password. (Found by QA.)
func TestKeywordConnectionStringRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	p := newProgram(t)
	// libpq takes spaces around "=" and values in quotes too. (Found by a review: those forms
	// were taken for a file's name, or their password shown in part.)
	for _, db := range []string{"host=db.example password=KwSecret1 dbname=org", "host = db.example password = KwSecret1 dbname = org",
		"host=db.example password='Kw Secret1' dbname=org", `dbname=org password='Kw\' Secret1'`, `host=db password=Kw\ Secret1 dbname=org`} {
		p.db = db
		for _, args := range [][]string{{"chart"}, {"token", "create", "--name", "ann", "--role", "admin"}} {
			code, _, errOut := p.run("", args...)
			if code != 1 || !strings.Contains(errOut, "is a PostgreSQL connection string of keywords") ||
				!strings.Contains(errOut, "password=xxxxx") || strings.Contains(errOut, "Secret1") {
				t.Errorf("%q, %s: exit %d, %q", db, args[0], code, errOut)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files made: %v", entries)
	}
	// A path with an "=" in a file name of its own is a file.
	p.db = filepath.Join(dir, "user=me.db")
	if code, _, errOut := p.run("", "token", "create", "--name", "ann", "--role", "admin"); code != 0 {
		t.Errorf("a file named with a keyword: exit %d, %q", code, errOut)
	}
}

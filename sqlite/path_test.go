package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgledger/orgledger/sqlite"
)

// TestPathsWithURICharacters checks that a database path holding what a file: URI reads as
// syntax (%, ?, #) opens the file of that name, for writing and for reading only.
func TestPathsWithURICharacters(t *testing.T) {
	for _, name := range []string{"org#1.db", "what?.db", "my org%20x.db", "100%.db"} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		db.Close()
		ro, err := sqlite.OpenReadOnly(path)
		if err != nil {
			t.Fatalf("%s, read only: %v", name, err)
		}
		if err := ro.SQL().Ping(); err != nil {
			t.Errorf("%s, read only: %v", name, err)
		}
		ro.Close()
		entries, _ := os.ReadDir(dir)
		var files []string
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), "-wal") && !strings.HasSuffix(e.Name(), "-shm") {
				files = append(files, e.Name())
			}
		}
		if !slices.Equal(files, []string{name}) {
			t.Errorf("opening %q made %q", name, files)
		}
	}
}

// TestNewDatabaseIsPrivate checks that a new database, and the files SQLite keeps beside it,
// are readable by their owner alone, and that an existing file keeps the mode it has.
func TestNewDatabaseIsPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "org.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"org.db", "org.db-wal", "org.db-shm"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v, want none for group and others", name, st.Mode().Perm())
		}
	}
	db.Close()

	shared := filepath.Join(dir, "shared.db")
	if err := os.WriteFile(shared, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(shared, 0o640)
	db, err = sqlite.Open(context.Background(), shared)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, _ := os.Stat(shared); st.Mode().Perm() != 0o640 {
		t.Errorf("an existing database's mode became %v", st.Mode().Perm())
	}
}

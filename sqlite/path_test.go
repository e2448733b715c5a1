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

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestCannotOpenReadOnlySays: a database that does not open because this user may not write
// beside it (SQLite writes the -shm of a database in WAL mode even to read it) is refused
// saying so, where the message said it could not be opened "as an orgledger database", as if
// it were none (found by QA, a database in a directory the user may not write). The refusal is
// made here by a write to a database opened read-only: tests run as root, whom no file
// permission stops.
func TestCannotOpenReadOnlySays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "o.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := sqlite.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	err = sqlite.NewStore(ro).SaveCheckpoint(context.Background(), 1, []byte("x"))
	if !sqlite.IsReadOnly(err) {
		t.Fatalf("a write to a read-only database: %v", err)
	}
	msg := orgledger.ErrorMessage(cannotOpen(context.Background(), path, err))
	if !strings.Contains(msg, "this user may not write it or beside it") || strings.Contains(msg, "as an orgledger database") {
		t.Errorf("the refusal: %s", msg)
	}
}

package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgledger/orgledger/sqlite"
)

// TestOpenRefusesAnotherProgramsDatabase: a SQLite file with tables but no record of
// orgledger's migrations (a --db naming the wrong file) is refused, and none of the ledger's
// tables are made in it.
func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crm.db")
	execSQL(t, path, "CREATE TABLE customers (id INTEGER)")
	if db, err := sqlite.Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "not an orgledger ledger") {
		if db != nil {
			db.Close()
		}
		t.Fatalf("another program's database: %v", err)
	}
	if n := count(t, path, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'"); n != 1 {
		t.Errorf("the refused database has %d tables, want its own one", n)
	}
}

// TestOpenRefusesANewerSchema: a ledger a newer release migrated (it records a migration this
// release does not have) is refused rather than written around.
func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	execSQL(t, path, "INSERT INTO migrations (name) VALUES ('migrations/999_future.sql')")
	if db, err := sqlite.Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer orgledger") ||
		!strings.Contains(err.Error(), "999_future.sql") {
		if db != nil {
			db.Close()
		}
		t.Fatalf("a ledger of a newer schema: %v", err)
	}
}

func execSQL(t *testing.T, path, statement string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(statement); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, path, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
)

// TestAppendWhileAnotherProcessWrites: an append that waited its busy timeout for another
// connection's write says so, as an EUNAVAILABLE error, and writes nothing; before, it was an
// internal error quoting SQLite.
func TestAppendWhileAnotherProcessWrites(t *testing.T) {
	t.Setenv(busyTimeoutEnv, "200ms")
	path := filepath.Join(t.TempDir(), "org.db")
	store, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	c := &orgledger.Commit{ID: 1, Recorded: time.Now().UTC(), Actor: "test", Events: []orgledger.Event{
		{Seq: 1, Effective: 1, Op: &orgledger.Hire{ID: "a", Name: "A"}}}}
	err = store.Append(context.Background(), 0, c)
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !strings.Contains(orgledger.ErrorMessage(err), "another process is writing the database") {
		t.Fatalf("append while another writes: %v (code %s)", err, orgledger.ErrorCode(err))
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	if !errors.Is(err, orgledger.ErrNotWritten) || !strings.Contains(orgledger.ErrorMessage(err), "within 200ms") {
		t.Errorf("the busy append's error: %q, not marked as having written nothing, or without its wait", orgledger.ErrorMessage(err))
	}
	if seq, _, err := store.Head(context.Background()); err != nil || seq != 0 {
		t.Errorf("head after the refused append: %d %v", seq, err)
	}
}

// TestBusyTimeoutFromTheEnvironment: a busy timeout that is not a duration, or out of range,
// is refused as the database opens, naming the variable.
func TestBusyTimeoutFromTheEnvironment(t *testing.T) {
	for _, v := range []string{"ten", "-1s", "2h"} {
		t.Setenv(busyTimeoutEnv, v)
		if _, err := Open(context.Background(), filepath.Join(t.TempDir(), "org.db")); err == nil || !strings.Contains(err.Error(), busyTimeoutEnv) {
			t.Errorf("%s=%s: %v", busyTimeoutEnv, v, err)
		}
	}
}

// TestAppendOnAFullDisk: an append that finds no room (here, the database at the most pages
// it may have, as a full disk leaves it) says the disk is full, as an EUNAVAILABLE error the
// operator can act on, and writes nothing; before, it was an internal error quoting SQLite.
func TestAppendOnAFullDisk(t *testing.T) {
	store, err := OpenStore(context.Background(), filepath.Join(t.TempDir(), "org.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	db := store.DB().SQL()
	db.SetMaxOpenConns(1) // the pragma is the connection's
	var pages int
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+1)); err != nil {
		t.Fatal(err)
	}
	c := &orgledger.Commit{ID: 1, Recorded: time.Now().UTC(), Actor: "test"}
	for i := range 2000 {
		c.Events = append(c.Events, orgledger.Event{Seq: int64(i + 1), Effective: 1,
			Op: &orgledger.Hire{ID: fmt.Sprintf("p%d", i), Name: strings.Repeat("N", 100)}})
	}
	err = store.Append(context.Background(), 0, c)
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !strings.Contains(orgledger.ErrorMessage(err), "is full: free space on it") {
		t.Fatalf("append on a full disk: %v (code %s)", err, orgledger.ErrorCode(err))
	}
	if seq, _, err := store.Head(context.Background()); err != nil || seq != 0 {
		t.Errorf("head after the append that found no room: %d %v", seq, err)
	}
}

// TestAppendToAReadOnlyDatabase: a database this process may not write is told so, naming it,
// as a refusal that wrote nothing, not as a write "cut off" to be tried again shortly. The
// connection here is read-only, as a file of mode 0444 makes it for a user other than root.
// (Found by a crash-safety review.)
func TestAppendToAReadOnlyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.db")
	store, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := &orgledger.Commit{ID: 1, Recorded: time.Now().UTC(), Actor: "test", Events: []orgledger.Event{
		{Seq: 1, Effective: 1, Op: &orgledger.Hire{ID: "a", Name: "A"}}}}
	err = NewStore(db).Append(context.Background(), 0, c)
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !errors.Is(err, orgledger.ErrNotWritten) ||
		!strings.Contains(orgledger.ErrorMessage(err), "database org.db cannot be written by this user") || strings.Contains(orgledger.ErrorMessage(err), path) {
		t.Errorf("append to a read-only database: %q (code %s)", orgledger.ErrorMessage(err), orgledger.ErrorCode(err))
	}
}

package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// emptyCommit is commit id of a ledger with no events, as an import that changed nothing makes.
func emptyCommit(id int64) *orgledger.Commit {
	return &orgledger.Commit{ID: id, Recorded: time.Date(2024, 1, 2, 0, 0, int(id), 0, time.UTC), Actor: "hr", First: 1}
}

func openURL(t *testing.T, dbURL string) *postgres.Store {
	t.Helper()
	db, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return postgres.NewStore(db)
}

// TestChangesPoolOfOne follows the ledger from a store whose pool has one connection: it hears
// of another store's commits, and can still append and read while it listens.
func TestChangesPoolOfOne(t *testing.T) {
	dbURL := pgtest.URL(t)
	one, other := openURL(t, withParam(dbURL, "pool_max_conns", "1")), openURL(t, dbURL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // before the pools close: closing waits for every connection
	changes := one.Changes(ctx)

	// Commit until one of the commits is heard: the first may come before the LISTEN.
	id := int64(1)
	for heard := false; !heard; id++ {
		if id > 100 {
			t.Fatal("no notification of 100 commits by another store")
		}
		if err := other.Append(ctx, 0, emptyCommit(id)); err != nil {
			t.Fatal(err)
		}
		select {
		case <-changes:
			heard = true
		case <-time.After(100 * time.Millisecond):
		}
	}

	// A hung store fails the test instead of hanging it.
	timeout, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	if err := one.Append(timeout, 0, emptyCommit(id)); err != nil {
		t.Fatalf("append while listening: %v", err)
	}
	commits := 0
	if err := one.Commits(timeout, 0, func(*orgledger.Commit) error { commits++; return nil }); err != nil || commits != int(id) {
		t.Fatalf("read %d commits while listening, %v; want %d", commits, err, id)
	}

	cancel()
	deadline := time.After(10 * time.Second)
	for open := true; open; {
		select {
		case _, open = <-changes:
		case <-deadline:
			t.Fatal("the channel is still open after ctx is done")
		}
	}
}

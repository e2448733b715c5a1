package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// TestReadsAfterConnectionsLost reads through a pool whose connections the server ended since
// their last use (a restart, a failover, pg_terminate_backend): used again within the second
// in which pgx does not ping them first, each read is answered on a new connection, not
// failed, and so is the read after it; and so is an append, whose BEGIN meets the loss.
func TestReadsAfterConnectionsLost(t *testing.T) {
	dbURL := pgtest.URL(t)
	db, err := postgres.Open(context.Background(), withParam(dbURL, "pool_max_conns", "3"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store, tokens, plans := postgres.NewStore(db), postgres.NewTokenStore(db), postgres.NewPlanStore(db)
	ctx := context.Background()
	if err := store.Append(ctx, 0, emptyCommit(1)); err != nil {
		t.Fatal(err)
	}
	reads := []struct {
		name string
		read func() error
	}{
		{"head", func() error { _, _, err := store.Head(ctx); return err }},
		{"commits", func() error { return store.Commits(ctx, 0, func(*orgledger.Commit) error { return nil }) }},
		{"events", func() error { return store.Events(ctx, 0, func(*orgledger.Event) error { return nil }) }},
		{"events by seq", func() error { _, err := store.EventsBySeq(ctx, []int64{1}); return err }},
		{"checkpoint", func() error { _, _, err := store.LoadCheckpoint(ctx); return err }},
		{"copy's mark", func() error { _, err := db.CopyStopped(ctx); return err }},
		{"tokens", func() error { _, err := tokens.Tokens(ctx); return err }},
		{"token used", func() error { return tokens.TouchToken(ctx, "someone", time.Now()) }},
		{"plans", func() error { _, err := plans.Plans(ctx); return err }},
		// The wait an append's look for what it wrote begins with. (Found by a review: a
		// COMMIT cut off by a restart met an ended connection there.)
		{"wait for appends", func() error { return store.WaitForAppends(ctx) }},
	}
	next := int64(1)
	reads = append(reads, struct {
		name string
		read func() error
	}{"append", func() error { next++; return store.Append(ctx, 0, emptyCommit(next)) }})
	for _, r := range reads {
		fillPool(t, db, 3)
		terminateOthers(t, dbURL)
		for i := range 2 {
			if err := r.read(); err != nil {
				t.Errorf("%s, read %d after the server ended the pool's connections: %v", r.name, i+1, err)
			}
		}
	}
}

// fillPool has the pool open n connections, used just now.
func fillPool(t *testing.T, db *postgres.DB, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var held []interface{ Release() }
	for range n {
		c, err := db.Pool().Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Release()
	}
}

// terminateOthers ends every other connection to the database, as an administrator or a
// restart would, and waits until they are gone.
func terminateOthers(t *testing.T, dbURL string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	const others = `FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
	if _, err := conn.Exec(ctx, `SELECT pg_terminate_backend(pid) `+others); err != nil {
		t.Fatal(err)
	}
	for {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) `+others).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestAppendCutOffBeforeCommitWroteNothing: an append whose connection the server ends while it
// waits for the lock of appends (or anywhere before its COMMIT) says that nothing was written
// and to try again, marked so, rather than that the changes may have been recorded. (Found by
// QA: the look for them met another ended connection of the pool, and the answer was that
// they may have been.)
func TestAppendCutOffBeforeCommitWroteNothing(t *testing.T) {
	dbURL := pgtest.URL(t)
	db, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := postgres.NewStore(db)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	holder, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(context.Background())
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, postgres.AppendLock); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- store.Append(ctx, 0, emptyCommit(1)) }()
	waiting := `FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`
	for n := 0; n == 0; time.Sleep(10 * time.Millisecond) {
		if err := holder.QueryRow(ctx, `SELECT count(*) `+waiting).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := holder.Exec(ctx, `SELECT pg_terminate_backend(pid) `+waiting); err != nil {
		t.Fatal(err)
	}
	err = <-done
	if !errors.Is(err, orgledger.ErrNotWritten) || orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !strings.Contains(orgledger.ErrorMessage(err), "nothing was written") {
		t.Errorf("the append cut off at its lock: %v (code %s)", err, orgledger.ErrorCode(err))
	}
}

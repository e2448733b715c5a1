package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// hires is commit id, of n hires from event first on, each with a note of its own and the
// rest from the commit.
func hires(id, first int64, n int) *orgledger.Commit {
	day := orgledger.DateOf(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	c := &orgledger.Commit{ID: id, Recorded: time.Date(2024, 1, 2, 0, 0, int(id), 0, time.UTC),
		Actor: fmt.Sprintf("actor%d", id), Source: fmt.Sprintf("source%d", id), First: first}
	for i := range n {
		c.Events = append(c.Events, orgledger.Event{Seq: first + int64(i), Commit: id, Effective: day,
			Recorded: c.Recorded, Actor: c.Actor, Source: c.Source, Note: fmt.Sprintf("note %d", i),
			Op: &orgledger.Hire{ID: fmt.Sprintf("E%d-%d", id, i), Name: fmt.Sprintf("Person %d-%d", id, i)}})
	}
	return c
}

// appendHires appends commits of n hires each until the ledger has events events, and returns
// the events appended.
func appendHires(tb testing.TB, s *postgres.Store, events, n int) []orgledger.Event {
	tb.Helper()
	var all []orgledger.Event
	for id := int64(1); len(all) < events; id++ {
		c := hires(id, int64(len(all))+1, min(n, events-len(all)))
		if err := s.Append(context.Background(), int64(len(all)), c); err != nil {
			tb.Fatal(err)
		}
		all = append(all, c.Events...)
	}
	return all
}

func readEvents(tb testing.TB, s *postgres.Store, after int64) []orgledger.Event {
	tb.Helper()
	var out []orgledger.Event
	err := s.Events(context.Background(), after, func(e *orgledger.Event) error {
		out = append(out, *e)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestEventsInBatches reads the ledger in batches of several sizes, some dividing the number of
// events and some not, and gets every event, in order, with its commit's fields, each time.
func TestEventsInBatches(t *testing.T) {
	s := postgres.NewStore(mustOpen(t))
	want := appendHires(t, s, 150, 30)
	for _, batch := range []int{1, 7, 10, 149, 150, 151} {
		postgres.SetEventBatch(s, batch)
		for _, after := range []int64{0, 10, 149, 150} {
			got := readEvents(t, s, after)
			if len(got) != len(want[after:]) || len(got) > 0 && !reflect.DeepEqual(got, want[after:]) {
				t.Fatalf("in batches of %d, the events after %d read back as %d events, not the %d appended",
					batch, after, len(got), len(want[after:]))
			}
		}
		for _, after := range []int64{0, 1, 4, 5} { // five commits of thirty
			var ids []int64
			if err := s.Commits(context.Background(), after, func(c *orgledger.Commit) error {
				if c.First != (c.ID-1)*30+1 || c.Actor != fmt.Sprintf("actor%d", c.ID) {
					t.Errorf("commit %d read back as %+v", c.ID, c)
				}
				ids = append(ids, c.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(ids) != 5-int(after) || len(ids) > 0 && ids[0] != after+1 {
				t.Fatalf("in batches of %d, the commits after %d read back as %v", batch, after, ids)
			}
		}
	}
}

// TestEventsStopEarly stops reading the log after three events of two thousand, and checks
// that the callback's error comes back and that the server sent a batch of events, not all
// of them: a page of the log costs a page, not the whole table.
func TestEventsStopEarly(t *testing.T) {
	ctx := context.Background()
	var read atomic.Int64
	db, err := postgres.OpenCounting(ctx, pgtest.URL(t), &read)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := postgres.NewStore(db)
	appendHires(t, s, 2000, 500)
	postgres.SetEventBatch(s, 100)

	before := read.Load()
	readEvents(t, s, 0)
	all := read.Load() - before

	stop := errors.New("stop")
	seen := 0
	before = read.Load()
	err = s.Events(ctx, 0, func(*orgledger.Event) error {
		if seen++; seen == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 3 {
		t.Fatalf("stopping after 3 events returned %v after %d events", err, seen)
	}
	if early := read.Load() - before; early > all/4 {
		t.Fatalf("stopping after 3 events of 2000 read %d bytes from the server; reading them all read %d", early, all)
	}
}

// TestAppendWaitsBounded: an append that waits for another writer, one stopped while it holds
// the ledger, gives up after the wait with an error that says so, and writes nothing.
func TestAppendWaitsBounded(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := postgres.NewStore(db)
	postgres.SetAppendWait(s, 200*time.Millisecond)
	held, err := db.Pool().Acquire(ctx) // another writer, in the middle of its append
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if _, err := held.Exec(ctx, `SELECT pg_advisory_lock($1)`, postgres.AppendLock); err != nil {
		t.Fatal(err)
	}
	defer held.Exec(ctx, `SELECT pg_advisory_unlock($1)`, postgres.AppendLock)
	start := time.Now()
	err = s.Append(ctx, 0, hires(1, 1, 1))
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !errors.Is(err, orgledger.ErrNotWritten) || !strings.Contains(orgledger.ErrorMessage(err), "another writer has held the ledger") {
		t.Fatalf("an append behind a stopped writer: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("it gave up after %v", took)
	}
	if seq, _, err := s.Head(ctx); err != nil || seq != 0 {
		t.Errorf("head %d, %v: the append wrote", seq, err)
	}
}

// TestAppendBehindATableLocked: an append that meets a table of the ledger locked by another
// session (by hand, say, for maintenance) past its lock timeout says that nothing was written,
// and to try again, where it said that the changes may have been recorded (found by QA).
func TestAppendBehindATableLocked(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := postgres.NewStore(db)
	postgres.SetAppendWait(s, 200*time.Millisecond)
	held, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Rollback(ctx)
	if _, err := held.Exec(ctx, `LOCK TABLE commits IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	err = s.Append(ctx, 0, hires(1, 1, 1))
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !errors.Is(err, orgledger.ErrNotWritten) || !strings.Contains(orgledger.ErrorMessage(err), "nothing was written") {
		t.Fatalf("an append behind a table locked: %v", err)
	}
	held.Rollback(ctx)
	if seq, _, err := s.Head(ctx); err != nil || seq != 0 {
		t.Errorf("head %d, %v: the append wrote", seq, err)
	}
}

// TestWaitForAppends: WaitForAppends returns once an append under way (here, one holding the
// lock) has finished, not before.
func TestWaitForAppends(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := postgres.NewStore(db)
	held, err := db.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if _, err := held.Exec(ctx, `SELECT pg_advisory_lock($1)`, postgres.AppendLock); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- s.WaitForAppends(ctx) }()
	select {
	case err := <-waited:
		t.Fatalf("returned while an append was under way: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := held.Exec(ctx, `SELECT pg_advisory_unlock($1)`, postgres.AppendLock); err != nil {
		t.Fatal(err)
	}
	if err := <-waited; err != nil {
		t.Fatal(err)
	}
}

// TestAppendToAReadOnlyDatabase: an append the database refuses for its permissions, here a
// session that may only read (as on a standby), is told so, as a refusal that wrote nothing,
// not as a write "cut off" to try again shortly. (Found by a documentation review, with a role
// that may only read.)
func TestAppendToAReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	mustOpenURL(t, url) // migrated, by a session that may write
	db := mustOpenURL(t, url+"&default_transaction_read_only=on")
	s := postgres.NewStore(db)
	now := time.Now().UTC()
	// And a plan's, a token's and a checkpoint's writes, which were internal errors. (Found by
	// a review of the fix.)
	for what, err := range map[string]error{
		"an append":    s.Append(ctx, 0, hires(1, 1, 1)),
		"a plan":       postgres.NewPlanStore(db).CreatePlan(ctx, &orgledger.Plan{Name: "p", Owner: "ann", Status: orgledger.PlanDraft, Created: now, Updated: now}),
		"a token":      postgres.NewTokenStore(db).CreateToken(ctx, &orgledger.Token{Name: "t", Role: orgledger.RoleViewer, Created: now}),
		"a checkpoint": s.SaveCheckpoint(ctx, 0, []byte("x")),
	} {
		if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !errors.Is(err, orgledger.ErrNotWritten) || !strings.Contains(orgledger.ErrorMessage(err), "the database is read-only") {
			t.Errorf("%s in a read-only session: %q (code %s)", what, orgledger.ErrorMessage(err), orgledger.ErrorCode(err))
		}
	}
}

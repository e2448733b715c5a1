package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/orgledger/orgledger"
)

// Store is the orgledger.Store on a PostgreSQL database.
type Store struct {
	db    *DB
	batch int           // events or commits read in one query; eventBatch but in tests
	wait  time.Duration // appendWait but in tests
}

var (
	_ orgledger.Store        = (*Store)(nil)
	_ orgledger.Checkpointer = (*Store)(nil)
)

// NewStore returns the ledger store of db.
func NewStore(db *DB) *Store { return &Store{db: db, batch: eventBatch, wait: appendWait} }

// DB returns the database the store is on.
func (s *Store) DB() *DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Append writes the commit and its events in one transaction. A transaction-scoped advisory
// lock serializes appends from every server, so the head read under it is the true head: a
// caller that validated against another gets ECONFLICT, catches up and validates again.
func (s *Store) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	return notWritable(s.append(ctx, head, c))
}

// notWritable turns the refusal of a write (of events, a plan, a token or a checkpoint) by the
// database's permissions (a role that may only read, or a read-only standby) into an error
// that says so, EUNAVAILABLE (a condition of the
// server, not of the input: a standby promoted takes the write), marked as having written
// nothing. Any other error is returned as it is.
func notWritable(err error) error {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return err
	}
	switch pgErr.Code {
	case "42501": // insufficient_privilege
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database refuses this role the write (%s); nothing was written: connect as a role that may write the ledger", pgErr.Message), orgledger.ErrNotWritten, err)
	case "25006": // read_only_sql_transaction
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database is read-only (a standby, say); nothing was written: write to the primary"), orgledger.ErrNotWritten, err)
	}
	return err
}

func (s *Store) append(ctx context.Context, head int64, c *orgledger.Commit) error {
	if err := c.Follows(head); err != nil {
		return err
	}
	var tx pgx.Tx
	err := s.db.again(ctx, func() (err error) { // nothing is written before BEGIN is answered
		tx, err = s.db.pool.BeginTx(ctx, pgx.TxOptions{})
		return err
	})
	if err != nil {
		return notCommitted(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := s.write(ctx, tx, head, c); err != nil {
		return notCommitted(err)
	}
	return tx.Commit(ctx)
}

// notCommitted tells of an error met before the transaction's COMMIT on a connection the
// server ended, or at a lock another session held past the transaction's lock timeout, that
// nothing was written (PostgreSQL keeps nothing of a transaction never committed), and to try
// again, rather than leaving the caller to look for what it may have written, on a pool whose
// other connections the server may have ended too, or in tables still locked (found by QA: "the
// changes may have been recorded" of a write cut off at its lock, and of one whose reading of
// the head met a table locked by hand). Any other error is returned as it is: the caller
// looks, and says what it finds.
func notCommitted(err error) error {
	switch {
	case errors.Is(err, orgledger.ErrNotWritten):
		return err
	case lostConnection(err):
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database ended the connection before the changes were committed; nothing was written: try again shortly"), orgledger.ErrNotWritten, err)
	case lockNotAvailable(err):
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"another session of the database held a lock the write needs past its lock timeout; nothing was written: try again shortly"), orgledger.ErrNotWritten, err)
	}
	return err
}

// lockNotAvailable reports whether err is PostgreSQL's lock_not_available: a lock waited for
// past the lock timeout.
func lockNotAvailable(err error) bool {
	pgErr, ok := errors.AsType[*pgconn.PgError](err)
	return ok && pgErr.Code == "55P03"
}

// write takes the lock of appends and writes the commit and its events in tx, not committed.
func (s *Store) write(ctx context.Context, tx pgx.Tx, head int64, c *orgledger.Commit) error {
	if err := lockAppends(ctx, tx, s.wait); err != nil {
		return err
	}
	var last, commits int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE((SELECT MAX(seq) FROM events), 0), COALESCE((SELECT MAX(id) FROM commits), 0)`).Scan(&last, &commits); err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if last != head || c.ID != commits+1 {
		return orgledger.Errorf(orgledger.ECONFLICT, "the ledger moved on: its head is event %d of commit %d, not %d", last, commits, head)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO commits (id, recorded, actor, source, note, plan, file, import_date, first_seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.ID, c.Recorded, c.Actor, c.Source, c.Note, c.Plan, c.File,
		dateOrNull(c.Import), head+1); err != nil {
		return fmt.Errorf("insert commit: %w", err)
	}
	if err := copyEvents(ctx, tx, c); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, channel, fmt.Sprint(head+int64(len(c.Events)))); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return nil
}

// copyEvents writes the events with COPY, the fastest way in.
func copyEvents(ctx context.Context, tx pgx.Tx, c *orgledger.Commit) error {
	rows := make([][]any, len(c.Events))
	for i := range c.Events {
		e := &c.Events[i]
		data, effects, err := orgledger.EncodeEvent(e)
		if err != nil {
			return err
		}
		rows[i] = []any{e.Seq, c.ID, e.Effective.Time(), string(e.Op.Verb()), data, effects,
			nullIfEqual(e.Source, c.Source), nullIfEqual(e.Note, c.Note)}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"events"},
		[]string{"seq", "commit_id", "effective", "verb", "data", "effects", "source", "note"}, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	return nil
}

func nullIfEqual(v, commit string) any {
	if v == commit {
		return nil
	}
	return v
}

func dateOrNull(d orgledger.Date) any {
	if d == 0 {
		return nil
	}
	return d.Time()
}

// Commits calls fn with the header of every commit after the given id, in order.
func (s *Store) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	return inBatches(after, s.batch, func(after int64, n int) ([]orgledger.Commit, error) {
		return againFor(ctx, s.db, func() ([]orgledger.Commit, error) { return s.readCommits(ctx, after, n) })
	}, func(c *orgledger.Commit) int64 { return c.ID }, fn)
}

// readCommits returns the first n commits after the given id, in order.
func (s *Store) readCommits(ctx context.Context, after int64, n int) ([]orgledger.Commit, error) {
	rows, err := s.db.pool.Query(ctx, `SELECT id, recorded, actor, source, note, plan, file, import_date, first_seq
		FROM commits WHERE id > $1 ORDER BY id LIMIT $2`, after, n)
	if err != nil {
		return nil, fmt.Errorf("read commits: %w", err)
	}
	defer rows.Close()
	var out []orgledger.Commit
	for rows.Next() {
		var c orgledger.Commit
		var imported *time.Time
		if err := rows.Scan(&c.ID, &c.Recorded, &c.Actor, &c.Source, &c.Note, &c.Plan, &c.File, &imported, &c.First); err != nil {
			return nil, fmt.Errorf("read commit: %w", err)
		}
		c.Recorded = c.Recorded.UTC()
		if imported != nil {
			c.Import = orgledger.DateOf(imported.UTC())
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read commits: %w", err)
	}
	return out, nil
}

// inBatches calls fn with each row that read gives, n at a time from after on, in key order,
// until fn fails or a batch comes back short. Each batch's query is read whole and ended before
// fn sees its rows: a caller that stops early costs one batch, not the rest of the table
// (pgx's Rows.Close reads a query to its end), and a slow fn holds no connection.
func inBatches[T any](after int64, n int, read func(after int64, n int) ([]T, error), key func(*T) int64, fn func(*T) error) error {
	for {
		batch, err := read(after, n)
		if err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < n {
			return nil
		}
		after = key(&batch[len(batch)-1])
	}
}

const selectEvents = `SELECT e.seq, e.commit_id, e.effective, e.verb, e.data, e.effects,
	COALESCE(e.source, c.source), COALESCE(e.note, c.note), c.recorded, c.actor, c.plan, c.import_date
	FROM events e JOIN commits c ON c.id = e.commit_id`

// eventBatch is how many events Events, or commits Commits, reads in one query.
const eventBatch = 10_000

// Events calls fn with every event after the given seq, in order. It reads them in batches,
// each a query of its own that ends before fn sees its events: a caller that stops early (a
// page of the log) costs at most one batch, where one query for all of them would read every
// remaining row before its connection could be used again, and a slow fn holds no connection.
// A later batch may see commits made meanwhile, as if Events had been called later.
func (s *Store) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	return inBatches(after, s.batch, func(after int64, n int) ([]orgledger.Event, error) {
		return againFor(ctx, s.db, func() ([]orgledger.Event, error) { return s.readEvents(ctx, after, n) })
	}, func(e *orgledger.Event) int64 { return e.Seq }, fn)
}

// readEvents returns the first n events after the given seq, in order.
func (s *Store) readEvents(ctx context.Context, after int64, n int) ([]orgledger.Event, error) {
	rows, err := s.db.pool.Query(ctx, selectEvents+` WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`, after, n)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	return collectEvents(rows)
}

// EventsBySeq returns the events with the given seqs, in order.
func (s *Store) EventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	seqs = slices.Compact(slices.Sorted(slices.Values(seqs)))
	return againFor(ctx, s.db, func() ([]orgledger.Event, error) {
		rows, err := s.db.pool.Query(ctx, selectEvents+` WHERE e.seq = ANY($1) ORDER BY e.seq`, seqs)
		if err != nil {
			return nil, fmt.Errorf("read events: %w", err)
		}
		return collectEvents(rows)
	})
}

// collectEvents reads every row of a query of selectEvents, and closes it.
func collectEvents(rows pgx.Rows) ([]orgledger.Event, error) {
	defer rows.Close()
	var out []orgledger.Event
	for rows.Next() {
		var e orgledger.Event
		if err := scanEvent(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	return out, nil
}

func scanEvent(rows pgx.Rows, e *orgledger.Event) error {
	var effective time.Time
	var imported *time.Time
	var verb, data, effects string
	if err := rows.Scan(&e.Seq, &e.Commit, &effective, &verb, &data, &effects, &e.Source, &e.Note, &e.Recorded, &e.Actor, &e.Plan, &imported); err != nil {
		return fmt.Errorf("read event: %w", err)
	}
	e.Effective, e.Recorded = orgledger.DateOf(effective.UTC()), e.Recorded.UTC()
	if imported != nil {
		e.Import = orgledger.DateOf(imported.UTC())
	}
	return orgledger.DecodeEvent(e, verb, data, effects)
}

// Head returns the last event's seq and recorded time.
func (s *Store) Head(ctx context.Context) (int64, time.Time, error) {
	var seq int64
	var rec time.Time
	err := s.db.again(ctx, func() error {
		return s.db.pool.QueryRow(ctx, `SELECT e.seq, c.recorded FROM events e JOIN commits c ON c.id = e.commit_id ORDER BY e.seq DESC LIMIT 1`).Scan(&seq, &rec)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, time.Time{}, nil
	} else if err != nil {
		return 0, time.Time{}, fmt.Errorf("read head: %w", err)
	}
	return seq, rec.UTC(), nil
}

// appendWait bounds how long an append waits for another to finish, and how long an append may
// sit idle, its writer stopped or cut off, while it holds the others up.
const appendWait = time.Minute

// lockAppends takes the lock that serializes appends from every server, for the transaction,
// waiting at most wait; and ends the transaction if its writer stops sending for as long.
func lockAppends(ctx context.Context, tx pgx.Tx, wait time.Duration) error {
	limit := fmt.Sprint(wait.Milliseconds()) // in milliseconds, for this transaction only
	if _, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $1, true)`, limit); err != nil {
		return fmt.Errorf("lock appends: %w", err)
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, appendLock)
	if lockNotAvailable(err) {
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"another writer has held the ledger for over %v; nothing was written: try again shortly", wait), orgledger.ErrNotWritten, err)
	}
	if err != nil {
		return fmt.Errorf("lock appends: %w", err)
	}
	return nil
}

// WaitForAppends returns once no append is under way: it takes the lock appends hold until they
// commit or roll back, and lets it go.
func (s *Store) WaitForAppends(ctx context.Context) error {
	return s.db.again(ctx, func() error { // it writes nothing: asked again on a lost connection
		return pgx.BeginFunc(ctx, s.db.pool, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, appendLock)
			return err
		})
	})
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
)

// Store is the orgledger.Store on a SQLite database.
type Store struct {
	db *DB
}

var _ orgledger.Store = (*Store)(nil)

// NewStore returns the ledger store of db.
func NewStore(db *DB) *Store { return &Store{db: db} }

// OpenStore opens the SQLite file at path and returns its store.
func OpenStore(ctx context.Context, path string) (*Store, error) {
	db, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return NewStore(db), nil
}

// DB returns the database the store is on.
func (s *Store) DB() *DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Append writes the commit and its events in one immediate transaction.
func (s *Store) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	return s.db.actionable(s.append(ctx, head, c))
}

func (s *Store) append(ctx context.Context, head int64, c *orgledger.Commit) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var last, commits int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT MAX(seq) FROM events), 0), COALESCE((SELECT MAX(id) FROM commits), 0)`).Scan(&last, &commits); err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if last != head || c.ID != commits+1 { // an import that changed nothing moves only the commits
		return orgledger.Errorf(orgledger.ECONFLICT, "the ledger moved on: its head is event %d of commit %d, not %d", last, commits, head)
	}
	if err := c.Follows(head); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO commits (id, recorded, actor, source, note, plan, file, import_date, first_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Recorded.UnixMicro(), c.Actor, c.Source, c.Note, c.Plan, c.File, c.Import.String(), head+1); err != nil {
		return fmt.Errorf("insert commit: %w", err)
	}
	if err := insertEvents(ctx, tx, c); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ledger_identity SET written = lower(hex(randomblob(16)))`); err != nil {
		return fmt.Errorf("mark the write: %w", err)
	}
	return tx.Commit()
}

// Commits calls fn with the header of every commit after the given id, in order.
func (s *Store) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, recorded, actor, source, note, plan, file, import_date, first_seq
		FROM commits WHERE id > ? ORDER BY id`, after)
	if err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c orgledger.Commit
		var recorded int64
		var imported string
		if err := rows.Scan(&c.ID, &recorded, &c.Actor, &c.Source, &c.Note, &c.Plan, &c.File, &imported, &c.First); err != nil {
			return fmt.Errorf("read commit: %w", err)
		}
		c.Recorded = time.UnixMicro(recorded).UTC()
		if err := c.Import.UnmarshalText([]byte(imported)); err != nil {
			return fmt.Errorf("commit %d: import date: %w", c.ID, err)
		}
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

const selectEvents = `SELECT e.seq, e.commit_id, e.effective, e.verb, e.data, e.effects,
	COALESCE(e.source, c.source), COALESCE(e.note, c.note), c.recorded, c.actor, c.plan, c.import_date
	FROM events e JOIN commits c ON c.id = e.commit_id`

// Events calls fn with every event after the given seq, in order.
func (s *Store) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	rows, err := s.db.db.QueryContext(ctx, selectEvents+` WHERE e.seq > ? ORDER BY e.seq`, after)
	if err != nil {
		return fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e orgledger.Event
		if err := scanEvent(rows, &e); err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EventsBySeq returns the events with the given seqs, in order.
func (s *Store) EventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	seqs = slices.Compact(slices.Sorted(slices.Values(seqs)))
	var out []orgledger.Event
	for len(seqs) > 0 {
		n := min(len(seqs), 500)
		batch := seqs[:n]
		seqs = seqs[n:]
		args := make([]any, len(batch))
		for i, v := range batch {
			args[i] = v
		}
		q := selectEvents + ` WHERE e.seq IN (?` + strings.Repeat(",?", len(batch)-1) + `) ORDER BY e.seq`
		rows, err := s.db.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("read events: %w", err)
		}
		for rows.Next() {
			var e orgledger.Event
			if err := scanEvent(rows, &e); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, e)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanEvent(rows *sql.Rows, e *orgledger.Event) error {
	var effective, verb, data, effects, imported string
	var recorded int64
	if err := rows.Scan(&e.Seq, &e.Commit, &effective, &verb, &data, &effects, &e.Source, &e.Note, &recorded, &e.Actor, &e.Plan, &imported); err != nil {
		return fmt.Errorf("read event: %w", err)
	}
	if err := e.Import.UnmarshalText([]byte(imported)); err != nil {
		return fmt.Errorf("event %d: import date: %w", e.Seq, err)
	}
	d, err := orgledger.ParseDate(effective)
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	e.Effective, e.Recorded = d, time.UnixMicro(recorded).UTC()
	return orgledger.DecodeEvent(e, verb, data, effects)
}

// Identity returns the database as it stands, for what is kept beside it, such as the image,
// to tell it from another database or from itself as it was: its ledger id, random, made with
// the database (migration 010), and the random mark of its last write, made anew by every
// append (migration 011), which a backup restored and written to again does not have. A
// database whose migrations are not this release's (an older one, which the ledger migrates,
// or a newer one, which it refuses) has none: a process that opened it read-only
// (OpenReadOnly), which neither checks nor migrates it, learns so in the same read.
func (s *Store) Identity(ctx context.Context) (string, error) {
	var id, last string
	var n int
	err := s.db.db.QueryRowContext(ctx, `SELECT id || '.' || written, (SELECT COUNT(*) FROM migrations), (SELECT MAX(name) FROM migrations) FROM ledger_identity`).Scan(&id, &n, &last)
	if err != nil {
		return "", fmt.Errorf("read the ledger's identity: %w", err)
	}
	names, err := migrationNames()
	if err == nil && (n != len(names) || last != names[len(names)-1]) {
		err = fmt.Errorf("%s: its migrations are not this release's (%d, the last %s)", s.db.path, n, last)
	}
	return id, err
}

// Head returns the last event's seq and recorded time.
func (s *Store) Head(ctx context.Context) (int64, time.Time, error) {
	var seq, rec sql.NullInt64
	err := s.db.db.QueryRowContext(ctx, `SELECT e.seq, c.recorded FROM events e JOIN commits c ON c.id = e.commit_id ORDER BY e.seq DESC LIMIT 1`).Scan(&seq, &rec)
	if err == sql.ErrNoRows {
		return 0, time.Time{}, nil
	} else if err != nil {
		return 0, time.Time{}, fmt.Errorf("read head: %w", err)
	}
	return seq.Int64, time.UnixMicro(rec.Int64).UTC(), nil
}

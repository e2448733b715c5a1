package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM events`).Scan(&last); err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if last != head {
		return orgledger.Errorf(orgledger.ECONFLICT, "the ledger moved on: its head is event %d, not %d", last, head)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO commits (id, recorded, actor, source, note, plan, file) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Recorded.UnixMicro(), c.Actor, c.Source, c.Note, c.Plan, c.File); err != nil {
		return fmt.Errorf("insert commit: %w", err)
	}
	if err := insertEvents(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

func insertEvents(ctx context.Context, tx *sql.Tx, c *orgledger.Commit) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO events (seq, commit_id, effective, verb, data, effects, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range c.Events {
		e := &c.Events[i]
		data, effects, err := EncodeEvent(e)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, e.Seq, c.ID, e.Effective.String(), string(e.Op.Verb()), data, effects,
			nullIfEqual(e.Source, c.Source), nullIfEqual(e.Note, c.Note)); err != nil {
			return fmt.Errorf("insert event %d: %w", e.Seq, err)
		}
	}
	return nil
}

func nullIfEqual(v, commit string) any {
	if v == commit {
		return nil
	}
	return v
}

// EncodeEvent returns the JSON of an event's change and effects, as stores keep them.
func EncodeEvent(e *orgledger.Event) (data, effects string, err error) {
	b, err := json.Marshal(e.Op)
	if err != nil {
		return "", "", fmt.Errorf("encode event %d: %w", e.Seq, err)
	}
	if !e.Effects.IsZero() {
		eb, err := json.Marshal(e.Effects)
		if err != nil {
			return "", "", fmt.Errorf("encode event %d: %w", e.Seq, err)
		}
		effects = string(eb)
	}
	return string(b), effects, nil
}

// DecodeEvent fills an event's change and effects from their stored JSON.
func DecodeEvent(e *orgledger.Event, verb, data, effects string) error {
	op := orgledger.NewOp(orgledger.Verb(verb))
	if op == nil {
		return fmt.Errorf("event %d: unknown verb %q", e.Seq, verb)
	}
	if err := json.Unmarshal([]byte(data), op); err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	e.Op = op
	if effects != "" {
		if err := json.Unmarshal([]byte(effects), &e.Effects); err != nil {
			return fmt.Errorf("event %d effects: %w", e.Seq, err)
		}
	}
	return nil
}

const selectEvents = `SELECT e.seq, e.commit_id, e.effective, e.verb, e.data, e.effects,
	COALESCE(e.source, c.source), COALESCE(e.note, c.note), c.recorded, c.actor, c.plan
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
	var effective, verb, data, effects string
	var recorded int64
	if err := rows.Scan(&e.Seq, &e.Commit, &effective, &verb, &data, &effects, &e.Source, &e.Note, &recorded, &e.Actor, &e.Plan); err != nil {
		return fmt.Errorf("read event: %w", err)
	}
	d, err := orgledger.ParseDate(effective)
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	e.Effective, e.Recorded = d, time.UnixMicro(recorded).UTC()
	return DecodeEvent(e, verb, data, effects)
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

package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// checkpointPart is the largest part of a checkpoint in one row; PostgreSQL holds at most
// 1 GB in a value, and smaller parts stream better.
const checkpointPart = 16 << 20

// SaveCheckpoint replaces the checkpoint with data, taken after event seq. Saves are
// serialized by a transaction-scoped advisory lock, so that two servers saving at once neither
// collide on a key nor leave two checkpoints; and a save is skipped when the checkpoint stored
// meanwhile is newer, so that the latest is kept. A newer one is after seq and of an event the
// ledger has: one at seq itself is replaced, because a checkpoint the ledger could not use (of
// an older format, say) must not stay for ever.
func (s *Store) SaveCheckpoint(ctx context.Context, seq int64, data []byte) error {
	return notWritable(s.saveCheckpoint(ctx, seq, data))
}

func (s *Store) saveCheckpoint(ctx context.Context, seq int64, data []byte) error {
	return pgx.BeginFunc(ctx, s.db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, checkpointLock); err != nil {
			return fmt.Errorf("lock checkpoints: %w", err)
		}
		var newer bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM checkpoints
			WHERE seq > $1 AND seq <= (SELECT COALESCE(MAX(seq), 0) FROM events))`, seq).Scan(&newer); err != nil {
			return fmt.Errorf("read checkpoint: %w", err)
		}
		if newer {
			return nil
		}
		return replaceCheckpoint(ctx, tx, seq, data)
	})
}

// replaceCheckpoint deletes the checkpoint and writes data, in parts, as the one after seq.
func replaceCheckpoint(ctx context.Context, tx pgx.Tx, seq int64, data []byte) error {
	if _, err := tx.Exec(ctx, `DELETE FROM checkpoints`); err != nil {
		return fmt.Errorf("delete old: %w", err)
	}
	for part := 0; len(data) > 0; part++ {
		n := min(len(data), checkpointPart)
		if _, err := tx.Exec(ctx, `INSERT INTO checkpoints (seq, part, data) VALUES ($1, $2, $3)`, seq, part, data[:n]); err != nil {
			return fmt.Errorf("insert part %d: %w", part, err)
		}
		data = data[n:]
	}
	return nil
}

// LoadCheckpoint returns the checkpoint and the event it was taken after, read in one
// snapshot: a save by another server meanwhile is not half seen.
func (s *Store) LoadCheckpoint(ctx context.Context) (seq int64, data []byte, err error) {
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	err = s.db.again(ctx, func() error {
		return pgx.BeginTxFunc(ctx, s.db.pool, opts, func(tx pgx.Tx) error {
			seq, data, err = loadCheckpoint(ctx, tx)
			return err
		})
	})
	return seq, data, err
}

func loadCheckpoint(ctx context.Context, tx pgx.Tx) (int64, []byte, error) {
	var seq, size *int64
	if err := tx.QueryRow(ctx, `SELECT MAX(seq), SUM(LENGTH(data))::BIGINT FROM checkpoints`).Scan(&seq, &size); err != nil {
		return 0, nil, fmt.Errorf("read checkpoint: %w", err)
	}
	if seq == nil {
		return 0, nil, nil
	}
	rows, err := tx.Query(ctx, `SELECT data FROM checkpoints WHERE seq = $1 ORDER BY part`, *seq)
	if err != nil {
		return 0, nil, fmt.Errorf("read checkpoint: %w", err)
	}
	defer rows.Close()
	data := make([]byte, 0, *size)
	for rows.Next() {
		if rows.FieldDescriptions()[0].Format == pgx.BinaryFormatCode {
			data = append(data, rows.RawValues()[0]...) // the bytes as they are, without a copy of each part
			continue
		}
		var part []byte // in text, as the simple protocol (PgBouncer's transaction pooling) has them
		if err := rows.Scan(&part); err != nil {
			return 0, nil, fmt.Errorf("read checkpoint: %w", err)
		}
		data = append(data, part...)
	}
	return *seq, data, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/orgledger/orgledger"
)

var _ orgledger.Checkpointer = (*Store)(nil)

// checkpointPart is the largest part of a checkpoint in one row.
const checkpointPart = 16 << 20

// SaveCheckpoint replaces the checkpoint with data, taken after event seq.
func (s *Store) SaveCheckpoint(ctx context.Context, seq int64, data []byte) error {
	return s.db.actionable(s.saveCheckpoint(ctx, seq, data))
}

func (s *Store) saveCheckpoint(ctx context.Context, seq int64, data []byte) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM checkpoints`); err != nil {
		return fmt.Errorf("delete checkpoint: %w", err)
	}
	for part := 0; len(data) > 0; part++ {
		n := min(len(data), checkpointPart)
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (seq, part, data) VALUES (?, ?, ?)`, seq, part, data[:n]); err != nil {
			return fmt.Errorf("insert part %d: %w", part, err)
		}
		data = data[n:]
	}
	return tx.Commit()
}

// LoadCheckpoint returns the checkpoint and the event it was taken after, in one allocation.
func (s *Store) LoadCheckpoint(ctx context.Context) (int64, []byte, error) {
	tx, err := s.db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // one snapshot: a save meanwhile is not half seen
	if err != nil {
		return 0, nil, fmt.Errorf("read checkpoint: %w", err)
	}
	defer tx.Rollback()
	var seq, size sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT MAX(seq), SUM(LENGTH(data)) FROM checkpoints`).Scan(&seq, &size)
	if err != nil || !seq.Valid {
		return 0, nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT data FROM checkpoints WHERE seq = ? ORDER BY part`, seq.Int64)
	if err != nil {
		return 0, nil, fmt.Errorf("read checkpoint: %w", err)
	}
	defer rows.Close()
	data := make([]byte, 0, size.Int64)
	for rows.Next() {
		var part sql.RawBytes
		if err := rows.Scan(&part); err != nil {
			return 0, nil, fmt.Errorf("read checkpoint: %w", err)
		}
		data = append(data, part...)
	}
	return seq.Int64, data, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// BeginCopy marks the database as the target of a copy under way (orgledger copy) until
// EndCopy: a copy stopped midway leaves the mark, which CopyStopped tells.
func (d *DB) BeginCopy(ctx context.Context, began time.Time) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return d.actionable(fmt.Errorf("mark the copy under way: %w", err))
	}
	defer tx.Rollback()
	// The mark of a copy that stopped, into this database emptied since, gives way.
	if _, err := tx.ExecContext(ctx, `DELETE FROM copying`); err != nil {
		return d.actionable(fmt.Errorf("mark the copy under way: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO copying (began) VALUES (?)`, began.UnixMicro()); err != nil {
		return d.actionable(fmt.Errorf("mark the copy under way: %w", err))
	}
	return d.actionable(tx.Commit())
}

// EndCopy takes away the mark of a copy, once it is proved.
func (d *DB) EndCopy(ctx context.Context) error {
	if _, err := d.db.ExecContext(ctx, `DELETE FROM copying`); err != nil {
		return d.actionable(fmt.Errorf("end the copy's mark: %w", err))
	}
	return nil
}

// CopyStopped returns when a copy into the database began that never ended; zero when none did.
func (d *DB) CopyStopped(ctx context.Context) (time.Time, error) {
	var began int64
	switch err := d.db.QueryRowContext(ctx, `SELECT began FROM copying ORDER BY began LIMIT 1`).Scan(&began); err {
	case nil:
		return time.UnixMicro(began).UTC(), nil
	case sql.ErrNoRows:
		return time.Time{}, nil
	default:
		return time.Time{}, fmt.Errorf("read the mark of a copy: %w", err)
	}
}

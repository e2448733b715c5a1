package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// BeginCopy marks the database as the target of a copy under way (orgledger copy) until
// EndCopy: a copy stopped midway leaves the mark, which CopyStopped tells.
func (d *DB) BeginCopy(ctx context.Context, began time.Time) error {
	// The mark of a copy that stopped, into this database emptied since, gives way.
	err := pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM copying`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO copying (began) VALUES ($1)`, began)
		return err
	})
	if err != nil {
		return notWritable(fmt.Errorf("mark the copy under way: %w", err))
	}
	return nil
}

// EndCopy takes away the mark of a copy, once it is proved.
func (d *DB) EndCopy(ctx context.Context) error {
	if _, err := d.pool.Exec(ctx, `DELETE FROM copying`); err != nil {
		return notWritable(fmt.Errorf("end the copy's mark: %w", err))
	}
	return nil
}

// CopyStopped returns when a copy into the database began that never ended; zero when none did.
func (d *DB) CopyStopped(ctx context.Context) (time.Time, error) {
	var began time.Time
	err := d.again(ctx, func() error {
		return d.pool.QueryRow(ctx, `SELECT began FROM copying ORDER BY began LIMIT 1`).Scan(&began)
	})
	switch {
	case err == nil:
		return began.UTC(), nil
	case errors.Is(err, pgx.ErrNoRows):
		return time.Time{}, nil
	}
	return time.Time{}, fmt.Errorf("read the mark of a copy: %w", err)
}

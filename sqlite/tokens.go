package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
)

// TokenStore is the orgledger.TokenStore on a SQLite database: the tokens table of
// migrations/002_tokens.sql.
type TokenStore struct {
	db *DB
}

var _ orgledger.TokenStore = (*TokenStore)(nil)

// NewTokenStore returns the token store of db.
func NewTokenStore(db *DB) *TokenStore { return &TokenStore{db: db} }

// CreateToken stores t, refusing a name any token already has.
func (s *TokenStore) CreateToken(ctx context.Context, t *orgledger.Token) error {
	if err := t.Check(); err != nil {
		return err
	}
	return s.db.actionable(s.createToken(ctx, t))
}

func (s *TokenStore) createToken(ctx context.Context, t *orgledger.Token) error {
	// The transaction is immediate (see Open), so no other writer slips in between the check
	// and the insert.
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tokens WHERE name = ?`, t.Name).Scan(&n); err != nil {
		return fmt.Errorf("read tokens: %w", err)
	} else if n > 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "a token named %q exists already; names are never reused, because events record them", t.Name)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO tokens (name, role, hash, created) VALUES (?, ?, ?, ?)`,
		t.Name, string(t.Role), t.Hash[:], t.Created.UnixMicro()); err != nil {
		return fmt.Errorf("insert token: %w", err)
	}
	return tx.Commit()
}

// Tokens returns every token, ordered by name.
func (s *TokenStore) Tokens(ctx context.Context) ([]*orgledger.Token, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT name, role, hash, created, last_used, revoked FROM tokens ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("read tokens: %w", err)
	}
	defer rows.Close()
	var out []*orgledger.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func scanToken(rows *sql.Rows) (*orgledger.Token, error) {
	var t orgledger.Token
	var role string
	var hash []byte
	var created int64
	var lastUsed, revoked sql.NullInt64
	if err := rows.Scan(&t.Name, &role, &hash, &created, &lastUsed, &revoked); err != nil {
		return nil, fmt.Errorf("read token: %w", err)
	}
	if len(hash) != len(t.Hash) {
		return nil, fmt.Errorf("token %q: stored hash has %d bytes", t.Name, len(hash))
	}
	t.Role, t.Created = orgledger.Role(role), time.UnixMicro(created).UTC()
	copy(t.Hash[:], hash)
	if lastUsed.Valid {
		t.LastUsed = time.UnixMicro(lastUsed.Int64).UTC()
	}
	if revoked.Valid {
		t.Revoked = time.UnixMicro(revoked.Int64).UTC()
	}
	return &t, nil
}

// RevokeToken marks the token revoked, keeping the first revocation time.
func (s *TokenStore) RevokeToken(ctx context.Context, name string, at time.Time) error {
	res, err := s.db.db.ExecContext(ctx, `UPDATE tokens SET revoked = COALESCE(revoked, ?) WHERE name = ?`, at.UnixMicro(), name)
	if err != nil {
		return s.db.actionable(fmt.Errorf("revoke token: %w", err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	} else if n == 0 {
		return orgledger.Errorf(orgledger.ENOTFOUND, "no token named %q", name)
	}
	return nil
}

// TouchToken records the time the token was last used; it never moves the time back.
func (s *TokenStore) TouchToken(ctx context.Context, name string, at time.Time) error {
	_, err := s.db.db.ExecContext(ctx, `UPDATE tokens SET last_used = MAX(COALESCE(last_used, 0), ?) WHERE name = ?`, at.UnixMicro(), name)
	if err != nil {
		return s.db.actionable(fmt.Errorf("touch token: %w", err))
	}
	return nil
}

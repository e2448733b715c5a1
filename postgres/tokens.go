package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger"
)

// TokenStore is the orgledger.TokenStore on PostgreSQL.
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
	tag, err := s.db.pool.Exec(ctx, `INSERT INTO tokens (name, role, hash, created) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
		t.Name, string(t.Role), t.Hash[:], t.Created)
	if err != nil {
		return notWritable(fmt.Errorf("insert token: %w", err))
	}
	if tag.RowsAffected() == 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "a token named %q exists already; names are never reused, because events record them", t.Name)
	}
	return nil
}

// Tokens returns every token, ordered by name.
func (s *TokenStore) Tokens(ctx context.Context) ([]*orgledger.Token, error) {
	return againFor(ctx, s.db, func() ([]*orgledger.Token, error) {
		rows, err := s.db.pool.Query(ctx, `SELECT name, role, hash, created, last_used, revoked FROM tokens ORDER BY name COLLATE "C"`)
		if err != nil {
			return nil, fmt.Errorf("read tokens: %w", err)
		}
		return pgx.CollectRows(rows, scanToken)
	})
}

func scanToken(row pgx.CollectableRow) (*orgledger.Token, error) {
	var t orgledger.Token
	var role string
	var hash []byte
	var lastUsed, revoked *time.Time
	if err := row.Scan(&t.Name, &role, &hash, &t.Created, &lastUsed, &revoked); err != nil {
		return nil, fmt.Errorf("read token: %w", err)
	}
	if len(hash) != len(t.Hash) {
		return nil, fmt.Errorf("token %q: stored hash has %d bytes", t.Name, len(hash))
	}
	copy(t.Hash[:], hash)
	t.Role, t.Created = orgledger.Role(role), t.Created.UTC()
	if lastUsed != nil {
		t.LastUsed = lastUsed.UTC()
	}
	if revoked != nil {
		t.Revoked = revoked.UTC()
	}
	return &t, nil
}

// RevokeToken marks the token revoked, keeping the first revocation time.
func (s *TokenStore) RevokeToken(ctx context.Context, name string, at time.Time) error {
	tag, err := s.db.pool.Exec(ctx, `UPDATE tokens SET revoked = COALESCE(revoked, $1) WHERE name = $2`, at, name)
	if err != nil {
		return notWritable(fmt.Errorf("revoke token: %w", err))
	}
	if tag.RowsAffected() == 0 {
		return orgledger.Errorf(orgledger.ENOTFOUND, "no token named %q", name)
	}
	return nil
}

// TouchToken records the time the token was last used; it never moves the time back.
func (s *TokenStore) TouchToken(ctx context.Context, name string, at time.Time) error {
	err := s.db.again(ctx, func() error {
		_, err := s.db.pool.Exec(ctx, `UPDATE tokens SET last_used = GREATEST(last_used, $1) WHERE name = $2`, at, name)
		return err
	})
	if err != nil {
		return notWritable(fmt.Errorf("touch token: %w", err))
	}
	return nil
}

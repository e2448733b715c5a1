package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// MustOpenTokens opens a token store on a new database in a temporary directory.
func MustOpenTokens(tb testing.TB) *sqlite.TokenStore {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "tokens.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return sqlite.NewTokenStore(db)
}

func newToken(tb testing.TB, name string, role orgledger.Role) *orgledger.Token {
	tb.Helper()
	_, hash, err := orgledger.NewTokenSecret()
	if err != nil {
		tb.Fatal(err)
	}
	return &orgledger.Token{Name: name, Role: role, Hash: hash, Created: time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)}
}

func TestTokenStore(t *testing.T) {
	ctx := context.Background()
	s := MustOpenTokens(t)
	for _, tok := range []*orgledger.Token{newToken(t, "zed", orgledger.RoleViewer), newToken(t, "ci", orgledger.RoleAdmin)} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	refusals := []struct {
		tok  *orgledger.Token
		code string
	}{
		{newToken(t, "ci", orgledger.RolePlanner), orgledger.ECONFLICT},
		{newToken(t, "bad name", orgledger.RoleViewer), orgledger.EINVALID},
		{newToken(t, "x", orgledger.Role("root")), orgledger.EINVALID},
	}
	for _, r := range refusals {
		if err := s.CreateToken(ctx, r.tok); orgledger.ErrorCode(err) != r.code {
			t.Errorf("create %q (%s): %v, want code %s", r.tok.Name, r.tok.Role, err, r.code)
		}
	}
	first, later := time.Date(2022, 6, 2, 0, 0, 0, 0, time.UTC), time.Date(2022, 6, 3, 0, 0, 0, 0, time.UTC)
	mustNil(t, s.RevokeToken(ctx, "zed", first))
	mustNil(t, s.RevokeToken(ctx, "zed", later)) // keeps the first time
	mustNil(t, s.TouchToken(ctx, "ci", later))
	mustNil(t, s.TouchToken(ctx, "ci", first)) // never moves back
	if err := s.RevokeToken(ctx, "nobody", first); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		t.Errorf("revoke unknown: %v, want not found", err)
	}
	toks, err := s.Tokens(ctx)
	mustNil(t, err)
	if len(toks) != 2 || toks[0].Name != "ci" || toks[1].Name != "zed" {
		t.Fatalf("tokens: %+v", toks)
	}
	ci, zed := toks[0], toks[1]
	if !ci.Active() || !ci.LastUsed.Equal(later) || ci.Role != orgledger.RoleAdmin {
		t.Errorf("ci: %+v", ci)
	}
	if zed.Active() || !zed.Revoked.Equal(first) || !zed.LastUsed.IsZero() {
		t.Errorf("zed: %+v", zed)
	}
}

func TestTokenHashKept(t *testing.T) {
	ctx := context.Background()
	s := MustOpenTokens(t)
	secret, hash, err := orgledger.NewTokenSecret()
	mustNil(t, err)
	mustNil(t, s.CreateToken(ctx, &orgledger.Token{Name: "a", Role: orgledger.RoleViewer, Hash: hash, Created: time.Now()}))
	toks, err := s.Tokens(ctx)
	mustNil(t, err)
	if toks[0].Hash != orgledger.HashToken(secret) {
		t.Error("the stored hash is not the secret's")
	}
	if !orgledger.LooksLikeToken(secret) || orgledger.LooksLikeToken(secret[:20]) {
		t.Errorf("LooksLikeToken(%q) is wrong", secret)
	}
}

func mustNil(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

package storetest

import (
	"testing"
	"time"

	"github.com/orgledger/orgledger"
)

func testTokens(t *testing.T, s orgledger.TokenStore) {
	now := time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)
	_, hash, err := orgledger.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []*orgledger.Token{
		{Name: "zed", Role: orgledger.RoleViewer, Hash: hash, Created: now},
		{Name: "ann", Role: orgledger.RoleAdmin, Hash: [32]byte{1}, Created: now},
	} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateToken(ctx, &orgledger.Token{Name: "ann", Role: orgledger.RoleViewer, Hash: [32]byte{2}, Created: now}); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Errorf("a name taken twice: %v", err)
	}
	if err := s.CreateToken(ctx, &orgledger.Token{Name: "bad name", Role: orgledger.RoleViewer, Created: now}); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Errorf("a bad name: %v", err)
	}
	if err := s.RevokeToken(ctx, "zed", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, "nobody", now); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		t.Errorf("revoking an unknown token: %v", err)
	}
	if err := s.TouchToken(ctx, "ann", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	list, err := s.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "ann" || list[1].Name != "zed" {
		t.Fatalf("tokens = %+v", list)
	}
	if list[1].Hash != hash || list[1].Active() || !list[1].Revoked.Equal(now.Add(time.Hour)) {
		t.Errorf("zed = %+v", list[1])
	}
	if !list[0].LastUsed.Equal(now.Add(time.Minute)) || list[0].Role != orgledger.RoleAdmin {
		t.Errorf("ann = %+v", list[0])
	}
}

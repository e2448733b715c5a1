package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
)

// TestListsInByteOrder: tokens and plans are listed in the order of their names' bytes, as
// SQLite lists them, whatever the database's collation: here a column's collation is set to
// ICU's, which puts "a.b" before "B-2".
func TestListsInByteOrder(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	var icu bool
	if err := db.Pool().QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')`).Scan(&icu); err != nil || !icu {
		t.Skipf("this PostgreSQL has no ICU collation (%v)", err)
	}
	for _, alter := range []string{`ALTER TABLE tokens ALTER COLUMN name TYPE TEXT COLLATE "und-x-icu"`,
		`ALTER TABLE plans ALTER COLUMN name TYPE TEXT COLLATE "und-x-icu"`} {
		if _, err := db.Pool().Exec(ctx, alter); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"a.b", "B-2", "Zed", "ab"}
	now := time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)
	tokens, plans := postgres.NewTokenStore(db), postgres.NewPlanStore(db)
	for i, name := range names {
		if err := tokens.CreateToken(ctx, &orgledger.Token{Name: name, Role: orgledger.RoleViewer, Hash: [32]byte{byte(i)}, Created: now}); err != nil {
			t.Fatal(err)
		}
		p := &orgledger.Plan{Name: name, Owner: "ann", Effective: orgledger.Date(19000), Status: orgledger.PlanDraft, Created: now, Updated: now}
		if err := plans.CreatePlan(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(names)
	all, err := tokens.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range all {
		got = append(got, tok.Name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("tokens listed %v, want %v", got, names)
	}
	ps, err := plans.Plans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, p := range ps {
		got = append(got, p.Name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("plans listed %v, want %v", got, names)
	}
}

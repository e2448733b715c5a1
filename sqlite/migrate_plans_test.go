package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestDroppedPlansMigrate: a database the release before migration 012 wrote, holding a
// dropped plan and a draft, opens with the dropped plan numbered 1 and the draft 0, both as
// they were, and the dropped plan's name may then be used again.
func TestDroppedPlansMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.db")
	migrateUpTo(t, path, "012_plan_dropped.sql")
	const row = `INSERT INTO plans (name, owner, effective, base, base_recorded, status, changes, created, updated)
		VALUES ('%s', 'ann', '2022-05-01', 0, 0, '%s', '', 1, 1)`
	execSQL(t, path, fmt.Sprintf(row, "reorg", "dropped"))
	execSQL(t, path, fmt.Sprintf(row, "merger", "draft"))

	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plans := sqlite.NewPlanStore(db)
	for name, want := range map[string]struct {
		status  orgledger.PlanStatus
		dropped int
	}{"reorg": {orgledger.PlanDropped, 1}, "merger": {orgledger.PlanDraft, 0}} {
		ps, err := plans.PlansNamed(context.Background(), name)
		if err != nil || len(ps) != 1 || ps[0].Status != want.status || ps[0].Dropped != want.dropped {
			t.Fatalf("plan %s after the migration: %+v, %v; want %s, numbered %d", name, ps, err, want.status, want.dropped)
		}
	}
	now := time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
	again := &orgledger.Plan{Name: "reorg", Owner: "ann", Effective: orgledger.DateOf(now), Status: orgledger.PlanDraft, Shared: []string{}, Created: now, Updated: now}
	if err := plans.CreatePlan(context.Background(), again); err != nil {
		t.Fatalf("the name of the plan dropped before the migration, used again: %v", err)
	}
}

// migrateUpTo makes a database at path with this release's migrations before the one named
// first, as the release before it left a database.
func migrateUpTo(t *testing.T, path, first string) {
	t.Helper()
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("the migrations: %v, %v", names, err)
	}
	sort.Strings(names)
	execSQL(t, path, "CREATE TABLE migrations (name TEXT PRIMARY KEY)")
	for _, name := range names {
		if filepath.Base(name) == first {
			return
		}
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		execSQL(t, path, string(body))
		execSQL(t, path, fmt.Sprintf("INSERT INTO migrations (name) VALUES ('migrations/%s')", filepath.Base(name)))
	}
	t.Fatalf("no migration %s", first)
}

package postgres_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
	"github.com/orgledger/orgledger/storetest"
)

// mustOpen opens a fresh database.
func mustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestStoreSuite runs the backends' common suite on PostgreSQL.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Backend {
		db := mustOpen(tb)
		return storetest.Backend{Store: postgres.NewStore(db), Tokens: postgres.NewTokenStore(db), Plans: postgres.NewPlanStore(db)}
	})
}

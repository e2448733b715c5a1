package postgres_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
	"github.com/orgledger/orgledger/storetest"
)

// mustOpen opens a fresh database.
func mustOpen(tb testing.TB) *postgres.DB { return mustOpenURL(tb, pgtest.URL(tb)) }

func mustOpenURL(tb testing.TB, url string) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestStoreSuite runs the backends' common suite on PostgreSQL.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Backend { return backend(mustOpen(tb)) })
}

// TestStoreSuiteSimpleProtocol runs it again with the simple protocol, whose answers come as
// text: what a pool in front of PostgreSQL that pools transactions (PgBouncer's) needs.
func TestStoreSuiteSimpleProtocol(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Backend {
		return backend(mustOpenURL(tb, pgtest.URL(tb)+"&default_query_exec_mode=simple_protocol"))
	})
}

func backend(db *postgres.DB) storetest.Backend {
	return storetest.Backend{Store: postgres.NewStore(db), Tokens: postgres.NewTokenStore(db), Plans: postgres.NewPlanStore(db)}
}

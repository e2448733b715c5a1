package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/orgledger/orgledger/sqlite"
	"github.com/orgledger/orgledger/storetest"
)

// TestStoreSuite runs the backends' common suite on SQLite.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Backend {
		db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "suite.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { db.Close() })
		return storetest.Backend{Store: sqlite.NewStore(db), Tokens: sqlite.NewTokenStore(db), Plans: sqlite.NewPlanStore(db)}
	})
}

package baseline_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/baseline"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

type clock struct{}

func (clock) Now() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }

// TestQueriesMatchLedger checks that the recursive CTEs, in SQLite and (where a server is
// reachable) PostgreSQL, answer what the ledger answers: the same positions under a root with
// the same lines, holders, titles and units, and the same chain of command.
func TestQueriesMatchLedger(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	l, err := ledger.Open(ctx, store, clock{})
	if err != nil {
		t.Fatal(err)
	}
	opt := gen.Options{People: 3000, Years: 2, Seed: 9}
	if err := gen.Into(ctx, l, opt, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := baseline.Rows(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := l.Head()
	for _, db := range databases(t) {
		t.Run(db.Name(), func(t *testing.T) {
			if err := db.Load(ctx, "test", head, rows); err != nil {
				t.Fatal(err)
			}
			if !db.Loaded(ctx, "test", head) || db.Loaded(ctx, "test", head+1) {
				t.Fatal("Loaded does not tell the source")
			}
			compare(t, l, db, opt)
		})
	}
}

func databases(t *testing.T) []baseline.DB {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "baseline.db")
	s, err := baseline.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out := []baseline.DB{s}
	switch p, err := baseline.OpenPostgres(ctx, baseline.PostgresURL(), baseline.SchemaFor(path)); {
	case err == nil:
		t.Cleanup(func() { p.Drop(ctx) })
		out = append(out, p)
	case os.Getenv("ORGLEDGER_REQUIRE_POSTGRES") == "1":
		t.Fatalf("PostgreSQL is required (ORGLEDGER_REQUIRE_POSTGRES=1): %v", err)
	default:
		t.Logf("PostgreSQL skipped: %v", err)
	}
	return out
}

func compare(t *testing.T, l *ledger.Ledger, db baseline.DB, opt gen.Options) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 1))
	for range 10 {
		day := opt.Start().AddDays(r.IntN(opt.Days()))
		nodes, err := l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Depth: -1})
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			n := nodes[r.IntN(len(nodes))]
			want, _ := l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Root: n.ID, Depth: -1})
			got, err := db.Subtree(ctx, n.ID, day)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if got[i].Position == n.ID {
					got[i].ReportsTo = "" // the root of a chart has no parent
				}
			}
			if a, b := sorted(got), sorted(fromChart(want)); !slices.Equal(a, b) {
				t.Fatalf("subtree of %s on %s: the CTE has %d positions, the ledger %d", n.ID, day, len(a), len(b))
			}
			if len(n.Holders) == 0 {
				continue
			}
			chain, _ := l.Chain(n.Holders[0].ID, ledger.Query{At: day})
			got, err = db.Chain(ctx, n.Holders[0].ID, day)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := got, fromChart(chain); !slices.Equal(a, b) {
				t.Fatalf("chain of %s on %s:\nCTE:    %v\nledger: %v", n.Holders[0].ID, day, a, b)
			}
		}
	}
}

func sorted(ns []baseline.Node) []baseline.Node {
	slices.SortFunc(ns, func(a, b baseline.Node) int { return strings.Compare(a.Position, b.Position) })
	return ns
}

// fromChart turns chart nodes into the rows the CTEs return: the first holder by id.
func fromChart(nodes []orgledger.ChartNode) []baseline.Node {
	var out []baseline.Node
	for _, n := range nodes {
		b := baseline.Node{Position: n.ID, Title: n.Title, Unit: n.Unit.ID}
		if n.ParentID != nil {
			b.ReportsTo = *n.ParentID
		}
		if len(n.Holders) > 0 {
			b.Holder = n.Holders[0].ID
		}
		out = append(out, b)
	}
	return out
}

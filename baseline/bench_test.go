package baseline_test

// The baseline's side of the scale benchmarks (ledger/bench_test.go has orgledger's): the
// recursive CTEs on an org made by package gen, ORGLEDGER_BENCH_PEOPLE people (default 2,000).
// `orgledger bench` runs both on the same data and reports the ratios.

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/baseline"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// benchOrg is the baseline of a generated org, and the questions to ask it.
type benchOrg struct {
	dir string
	dbs []baseline.DB
	q   gen.Questions // the same as the ledger's benchmarks ask
}

// TestMain removes the benchmarks' databases once every test and benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if !benchBuilt.Load() {
		os.Exit(code)
	}
	if o, err := theBenchOrg(); err == nil && o.dir != "" {
		for _, db := range o.dbs {
			if p, ok := db.(*baseline.Postgres); ok {
				p.Drop(context.Background())
			} else {
				db.Close()
			}
		}
		os.RemoveAll(o.dir)
	}
	os.Exit(code)
}

// benchBuilt tells TestMain whether there is a benchmark org to remove.
var benchBuilt atomic.Bool

// theBenchOrg is built once per test process, when a benchmark first asks for it.
var theBenchOrg = sync.OnceValues(func() (*benchOrg, error) {
	benchBuilt.Store(true)
	n, err := strconv.Atoi(os.Getenv("ORGLEDGER_BENCH_PEOPLE"))
	if err != nil || n <= 0 {
		n = 2000
	}
	ctx := context.Background()
	store := memory.New()
	l, err := ledger.Open(ctx, store, clock{})
	if err != nil {
		return nil, err
	}
	opt := gen.Options{People: n, Seed: 1}
	if err := gen.Into(ctx, l, opt, nil); err != nil {
		return nil, err
	}
	o := &benchOrg{}
	if o.q, err = gen.PickQuestions(opt, func(d orgledger.Date) ([]orgledger.ChartNode, error) {
		return l.Chart(ledger.Query{At: d}, ledger.ChartOptions{Depth: -1})
	}); err != nil {
		return nil, err
	}
	rows, err := baseline.Rows(ctx, store)
	if err != nil {
		return nil, err
	}
	if o.dir, err = os.MkdirTemp("", "orgledger-baseline-"); err != nil {
		return nil, err
	}
	s, err := baseline.OpenSQLite(ctx, filepath.Join(o.dir, "baseline.db"))
	if err != nil {
		return nil, err
	}
	o.dbs = append(o.dbs, s)
	if p, err := baseline.OpenPostgres(ctx, baseline.PostgresURL(), baseline.SchemaFor(o.dir)); err == nil {
		o.dbs = append(o.dbs, p)
	}
	for _, db := range o.dbs {
		if err := db.Load(ctx, "bench", 1, rows); err != nil {
			return nil, err
		}
	}
	return o, nil
})

func benchDBs(b *testing.B, fn func(b *testing.B, o *benchOrg, db baseline.DB)) {
	o, err := theBenchOrg()
	if err != nil {
		b.Fatal(err)
	}
	for _, db := range o.dbs {
		b.Run(db.Name(), func(b *testing.B) { fn(b, o, db) })
	}
}

func BenchmarkSubtreeCTE(b *testing.B) {
	benchDBs(b, func(b *testing.B, o *benchOrg, db baseline.DB) {
		i := 0
		for b.Loop() {
			q := o.q.Subtrees[i%len(o.q.Subtrees)]
			if _, err := db.Subtree(context.Background(), q.ID, q.Day); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func BenchmarkChainCTE(b *testing.B) {
	benchDBs(b, func(b *testing.B, o *benchOrg, db baseline.DB) {
		i := 0
		for b.Loop() {
			q := o.q.People[i%len(o.q.People)]
			if _, err := db.Chain(context.Background(), q.ID, q.Day); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/postgres"
)

type clock struct{}

func (clock) Now() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }

// benchLedger generates ORGLEDGER_BENCH_PEOPLE people (2,000 by default) with ten years of
// history into a fresh PostgreSQL database and checkpoints it, as orgledger gen does.
func benchLedger(b *testing.B) *postgres.DB {
	people := 2000
	if n, err := strconv.Atoi(os.Getenv("ORGLEDGER_BENCH_PEOPLE")); err == nil {
		people = n
	}
	db := mustOpen(b)
	ctx := context.Background()
	l, err := ledger.Open(ctx, postgres.NewStore(db), clock{})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := gen.Into(ctx, l, gen.Options{People: people, Seed: 1}, nil); err != nil {
		b.Fatal(err)
	}
	if err := l.Checkpoint(ctx); err != nil {
		b.Fatal(err)
	}
	head, _ := l.Head()
	b.Logf("%d people, %d events, generated into PostgreSQL in %s", people, head, time.Since(start).Round(time.Second))
	return db
}

// BenchmarkOpenCold opens the ledger on PostgreSQL, from its checkpoint, and answers a first
// question.
func BenchmarkOpenCold(b *testing.B) {
	db := benchLedger(b)
	for b.Loop() {
		l, err := ledger.Open(context.Background(), postgres.NewStore(db), clock{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Chart(ledger.Query{}, ledger.ChartOptions{Root: "pos-p0000001", Depth: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply1000 applies 1,000-change changesets to the ledger on PostgreSQL, each
// committed durably (synchronous_commit on, the default).
func BenchmarkApply1000(b *testing.B) {
	db := benchLedger(b)
	ctx := context.Background()
	l, err := ledger.Open(ctx, postgres.NewStore(db), clock{})
	if err != nil {
		b.Fatal(err)
	}
	last, _ := orgledger.ParseDate("2024-12-31") // the last day of a generated history
	nodes, err := l.Chart(ledger.Query{At: last}, ledger.ChartOptions{Depth: -1})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	i := 0
	for b.Loop() {
		i++
		cs := gen.Changes(r, nodes, last.AddDays(1), fmt.Sprintf("bench%d", i), 1000)
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

package ledger_test

// Benchmarks at scale, on an org history made by package gen, in a SQLite ledger opened from
// its checkpoint as a user's would be. ORGLEDGER_BENCH_PEOPLE sets the headcount (default
// 2,000, so that `go test -bench .` stays quick); `orgledger bench` runs the same measurements
// with their goals and the SQL baseline. For example:
//
//	ORGLEDGER_BENCH_PEOPLE=100000 go test -run '^$' -bench . -benchtime 20x ./ledger/

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// benchOrg is a generated ledger and the questions to ask it.
type benchOrg struct {
	dir  string // the temporary directory of a ledger made for the benchmarks
	path string
	l    *ledger.Ledger
	opt  gen.Options
	q    gen.Questions
}

func benchPeople() int {
	if n, err := strconv.Atoi(os.Getenv("ORGLEDGER_BENCH_PEOPLE")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// theBenchOrg is built once per test process: building a large org takes minutes.
// benchBuilt tells TestMain whether there is a benchmark org to remove.
var benchBuilt atomic.Bool

// TestMain removes the benchmarks' ledger, when they made one, once every test and benchmark
// has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchBuilt.Load() {
		if o, err := theBenchOrg(); err == nil && o.dir != "" {
			o.l.Store().Close()
			os.RemoveAll(o.dir)
		}
	}
	os.Exit(code)
}

// ORGLEDGER_BENCH_DB, when it names a ledger gen made with the same headcount and seed 1, is
// used instead of making a new one.
var theBenchOrg = sync.OnceValues(func() (*benchOrg, error) {
	benchBuilt.Store(true)
	o := &benchOrg{path: os.Getenv("ORGLEDGER_BENCH_DB"), opt: gen.Options{People: benchPeople(), Seed: 1}}
	ctx := context.Background()
	if _, err := os.Stat(o.path); o.path != "" && err == nil {
		l, err := openSQLite(ctx, o.path)
		o.l = l
		if err == nil {
			err = o.pickQuestions()
		}
		return o, err
	}
	if o.path == "" {
		dir, err := os.MkdirTemp("", "orgledger-bench-")
		if err != nil {
			return nil, err
		}
		o.dir, o.path = dir, filepath.Join(dir, "bench.db")
	}
	l, err := openSQLite(ctx, o.path)
	if err != nil {
		return nil, err
	}
	if err := gen.Into(ctx, l, o.opt, nil); err != nil {
		return nil, err
	}
	if err := l.Checkpoint(ctx); err != nil {
		return nil, err
	}
	l.Store().Close()
	if o.l, err = openSQLite(ctx, o.path); err != nil {
		return nil, err
	}
	return o, o.pickQuestions()
})

func openSQLite(ctx context.Context, path string) (*ledger.Ledger, error) {
	store, err := sqlite.OpenStore(ctx, path)
	if err != nil {
		return nil, err
	}
	return ledger.Open(ctx, store, benchClock{})
}

// benchClock is after the end of every generated history.
type benchClock struct{}

func (benchClock) Now() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }

func mustBenchOrg(b *testing.B) *benchOrg {
	b.Helper()
	o, err := theBenchOrg()
	if err != nil {
		b.Fatal(err)
	}
	return o
}

// pickQuestions draws the days, people and subtrees the benchmarks ask about: the same as the
// baseline's benchmarks ask (gen.PickQuestions).
func (o *benchOrg) pickQuestions() error {
	var err error
	o.q, err = gen.PickQuestions(o.opt, func(d orgledger.Date) ([]orgledger.ChartNode, error) {
		return o.l.Chart(ledger.Query{At: d}, ledger.ChartOptions{Depth: -1})
	})
	return err
}

func BenchmarkOpenCold(b *testing.B) {
	o := mustBenchOrg(b)
	ctx := context.Background()
	for b.Loop() {
		l, err := openSQLite(ctx, o.path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Show(o.q.People[0].ID, ledger.Query{At: o.q.People[0].Day}); err != nil {
			b.Fatal(err)
		}
		l.Store().Close()
	}
}

func BenchmarkChartWholeOrg(b *testing.B) {
	o := mustBenchOrg(b)
	i := 0
	for b.Loop() {
		if _, err := o.l.Chart(ledger.Query{At: o.q.Days[i%len(o.q.Days)]}, ledger.ChartOptions{Depth: -1}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkChain(b *testing.B) {
	o := mustBenchOrg(b)
	i := 0
	for b.Loop() {
		q := o.q.People[i%len(o.q.People)]
		if _, err := o.l.Chain(q.ID, ledger.Query{At: q.Day}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSubtree(b *testing.B) {
	o := mustBenchOrg(b)
	i := 0
	for b.Loop() {
		q := o.q.Subtrees[i%len(o.q.Subtrees)]
		if _, err := o.l.Chart(ledger.Query{At: q.Day}, ledger.ChartOptions{Root: q.ID, Depth: -1}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkWriteImage builds the image of the whole ledger and writes it to a file; it reports
// the file's size per event.
func BenchmarkWriteImage(b *testing.B) {
	o := mustBenchOrg(b)
	path := filepath.Join(b.TempDir(), "bench.image")
	for b.Loop() {
		if err := o.l.WriteImage(context.Background(), path, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	head, _ := o.l.Head()
	b.ReportMetric(float64(st.Size())/float64(head), "file-B/event")
}

// BenchmarkSubtreeFromImage is BenchmarkSubtree answered from the image, mapped from its file,
// in a process that has read it before: the query of a one-shot chart without the process.
func BenchmarkSubtreeFromImage(b *testing.B) {
	o := mustBenchOrg(b)
	im := openImage(b, writeImage(b, o.l))
	i := 0
	for b.Loop() {
		q := o.q.Subtrees[i%len(o.q.Subtrees)]
		if _, err := im.Chart(ledger.Query{At: q.Day}, 0, ledger.ChartOptions{Root: q.ID, Depth: -1}); err != nil {
			b.Fatalf("the image does not answer: %v", err)
		}
		i++
	}
}

func BenchmarkDiffYear(b *testing.B) {
	o := mustBenchOrg(b)
	i := 0
	for b.Loop() {
		from := o.opt.Start().AddDays(i % (o.opt.Days() - 366))
		if _, err := o.l.Diff(from, from.AddDays(365), time.Time{}, 0); err != nil {
			b.Fatal(err)
		}
		i += 97
	}
}

// BenchmarkApply1000 applies changesets of 1,000 changes (gen.Changes) to the SQLite ledger,
// durably, effective after the history.
func BenchmarkApply1000(b *testing.B) {
	o := mustBenchOrg(b)
	if o.dir == "" {
		b.Skip("applying writes to the ledger, and ORGLEDGER_BENCH_DB is not the benchmarks' to change; orgledger bench measures applying on a copy")
	}
	ctx := context.Background()
	end := o.opt.Start().AddDays(o.opt.Days())
	nodes, _ := o.l.Chart(ledger.Query{At: end}, ledger.ChartOptions{Depth: -1})
	r := rand.New(rand.NewPCG(7, 7))
	i := 0
	for b.Loop() {
		b.StopTimer()
		cs := gen.Changes(r, nodes, end, fmt.Sprintf("b%d", i), 1000)
		b.StartTimer()
		if _, err := o.l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "bench"}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkMemory reports the heap the ledger holds per event, after a collection.
func BenchmarkMemory(b *testing.B) {
	o := mustBenchOrg(b)
	ctx := context.Background()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		l, err := openSQLite(ctx, o.path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		head, _ := l.Head()
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(head), "bytes/event")
		runtime.KeepAlive(l)
		l.Store().Close()
	}
}

package ledger_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// The answers about the whole org at scale (the chart from a frame, the diff record by record
// on every core) must be exactly the answers of the straightforward walks, on an org history
// with everything gen makes: hires, leavers, successions, transfers, merges, splits, moves.

func genLedger(t testing.TB, people, years int) (*ledger.Ledger, gen.Options) {
	t.Helper()
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), benchClock{})
	if err != nil {
		t.Fatal(err)
	}
	opt := gen.Options{People: people, Years: years, Seed: 5}
	if err := gen.Into(ctx, l, opt, nil); err != nil {
		t.Fatal(err)
	}
	return l, opt
}

func TestWholeChartMatchesWalk(t *testing.T) {
	l, opt := genLedger(t, 6000, 3)
	for i, day := range sampleDays(opt, 7) {
		for _, depth := range []int{-1, 0, 3} {
			q := ledger.Query{At: day}
			if i%2 == 1 { // and as known before most of the history was recorded
				q.KnownAt = day.Time().Add(-30 * 24 * time.Hour)
			}
			fast, err1 := l.Chart(q, ledger.ChartOptions{Depth: depth})
			slow, err2 := ledger.ChartByWalk(l, q, ledger.ChartOptions{Depth: depth})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if a, b := mustJSON(t, fast), mustJSON(t, slow); a != b {
				t.Fatalf("chart on %s (depth %d, known at %v): the frame's has %d nodes, the walk's %d",
					day, depth, q.KnownAt, len(fast), len(slow))
			}
			for _, n := range fast[:min(len(fast), 40)] { // subtrees, from positions and their holders
				roots := []string{n.ID, n.Unit.ID}
				for _, h := range n.Holders {
					roots = append(roots, h.ID)
				}
				for _, root := range roots {
					opt := ledger.ChartOptions{Root: root, Depth: depth}
					sub, _ := l.Chart(q, opt)
					walk, _ := ledger.ChartByWalk(l, q, opt)
					if a, b := mustJSON(t, sub), mustJSON(t, walk); a != b {
						t.Fatalf("chart of %s on %s: %d nodes, the walk's %d", root, day, len(sub), len(walk))
					}
				}
			}
		}
	}
}

func TestDiffMatchesViews(t *testing.T) {
	l, opt := genLedger(t, 6000, 3)
	days := sampleDays(opt, 8)
	for i := 0; i+1 < len(days); i++ {
		from, to := min(days[i], days[i+1]), max(days[i], days[i+1])
		fast, err := l.Diff(from, to, time.Time{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		slow := ledger.DiffByViews(l, from, to, ledger.Query{})
		if a, b := mustJSON(t, fast), mustJSON(t, &slow); a != b {
			t.Fatalf("diff %s to %s: %d changes from frames, %d from the views", from, to, len(fast.Changes), len(slow.Changes))
		}
		if len(fast.Changes) == 0 {
			t.Fatalf("diff %s to %s is empty", from, to)
		}
	}
}

// sampleDays returns n days spread over the history, the first and last among them.
func sampleDays(opt gen.Options, n int) []orgledger.Date {
	out := []orgledger.Date{opt.Start(), opt.Start().AddDays(opt.Days() - 1)}
	for i := 1; len(out) < n; i++ {
		out = append(out, opt.Start().AddDays(i*opt.Days()/n))
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFastAnswersOnRandomHistories compares the whole chart and the diff with the walks on
// the property test's random histories: ids out of order, shared and acting holders, dotted
// lines, retractions and backdating, which gen never makes.
func TestFastAnswersOnRandomHistories(t *testing.T) {
	for seed := range uint64(25) {
		h := runRandomHistory(t, 4000+seed)
		for k := range h.m.commits {
			ka := h.knownAtCommit(k, 0)
			for i, day := range queryDays {
				q := ledger.Query{At: day, KnownAt: ka.at}
				fast, _ := h.l.Chart(q, ledger.ChartOptions{Depth: -1})
				slow, _ := ledger.ChartByWalk(h.l, q, ledger.ChartOptions{Depth: -1})
				if a, b := mustJSON(t, fast), mustJSON(t, slow); a != b {
					t.Fatalf("seed %d: chart on %s as known at %s:\nframe: %s\nwalk:  %s", 4000+seed, day, ka.label, a, b)
				}
				for _, id := range allIDs {
					for _, depth := range []int{-1, 1} {
						opt := ledger.ChartOptions{Root: id, Depth: depth}
						fast, err1 := h.l.Chart(q, opt)
						slow, err2 := ledger.ChartByWalk(h.l, q, opt)
						if a, b := mustJSON(t, fast), mustJSON(t, slow); a != b || (err1 == nil) != (err2 == nil) {
							t.Fatalf("seed %d: chart of %s on %s as known at %s:\nfast: %s\nwalk: %s", 4000+seed, id, day, ka.label, a, b)
						}
					}
				}
				if i == 0 {
					continue
				}
				d, _ := h.l.Diff(queryDays[i-1], day, ka.at, 0)
				want := ledger.DiffByViews(h.l, queryDays[i-1], day, ledger.Query{KnownAt: ka.at})
				if a, b := mustJSON(t, d), mustJSON(t, &want); a != b {
					t.Fatalf("seed %d: diff to %s as known at %s:\nframes: %s\nviews:  %s", 4000+seed, day, ka.label, a, b)
				}
			}
		}
	}
}

// TestChartOrdersPositionsMadeOutOfIDOrder makes positions whose ids sort before those made
// earlier, in one changeset: siblings of the same title are still charted in id order, as the
// walk orders them, once the commit is in the index.
func TestChartOrdersPositionsMadeOutOfIDOrder(t *testing.T) {
	l, err := ledger.Open(context.Background(), memory.New(), &fixedClock{t: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	cs := changeset("2025-01-01", &orgledger.CreateUnit{ID: "u", Name: "U"},
		&orgledger.CreatePosition{ID: "m-boss", Title: "Boss", Unit: "u"},
		&orgledger.CreatePosition{ID: "z-eng", Title: "Engineer", Unit: "u", ReportsTo: "m-boss"},
		&orgledger.CreatePosition{ID: "a-eng", Title: "Engineer", Unit: "u", ReportsTo: "m-boss"})
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	q := ledger.Query{At: date("2025-02-01")}
	fast, err1 := l.Chart(q, ledger.ChartOptions{Depth: -1})
	slow, err2 := ledger.ChartByWalk(l, q, ledger.ChartOptions{Depth: -1})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	var ids []string
	for _, n := range fast {
		ids = append(ids, n.ID)
	}
	if got := strings.Join(ids, " "); got != "m-boss a-eng z-eng" || mustJSON(t, fast) != mustJSON(t, slow) {
		t.Fatalf("the chart orders the positions %s; the walk's is %s", got, mustJSON(t, slow))
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/baseline"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
)

// chain asks for the chain of command of random people on random days, of the ledger and of
// each baseline.
func (b *benchRun) chain(ctx context.Context) error {
	var qs []gen.Question
	for i := range 400 {
		d := i % len(b.days)
		qs = append(qs, gen.Question{ID: b.people[d][i%len(b.people[d])], Day: b.days[d]})
	}
	took := make([]time.Duration, len(qs))
	for i, x := range qs {
		var err error
		if took[i], err = timed(func() error { _, err := b.l.Chain(x.ID, ledger.Query{At: x.Day}); return err }); err != nil {
			return err
		}
	}
	m := measurement{Name: "chain of command of a person on a random date", Value: us(median(took)), Unit: "µs",
		Goal: "under 20 µs", Met: median(took) < 20*time.Microsecond}
	for _, db := range b.bases {
		for i, x := range qs {
			var err error
			if took[i], err = timed(func() error { _, err := db.Chain(ctx, x.ID, x.Day); return err }); err != nil {
				return err
			}
		}
		m.Baselines = append(m.Baselines, baselineResult{DB: db.Name(), Value: us(median(took)), Ratio: us(median(took)) / m.Value})
	}
	if err := b.checkChains(ctx, qs[:min(len(qs), 40)]); err != nil { // after, so as to warm nothing
		return err
	}
	b.add(m)
	return nil
}

// subtree charts the subtree of about 1,000 people under a position, on random days, in the
// ledger and with each baseline's recursive CTE. The questions are asked in turn, round after
// round, never the same one twice in a row: a question asked again at once finds its records
// in the processor's caches, which flatters the ledger far more than the CTE. The first
// round's median, each question asked for the first time, is in the note. Once all are
// timed, each baseline's answers are checked to hold the same positions as the ledger's.
func (b *benchRun) subtree(ctx context.Context) error {
	size := 0
	led, ledFirst, err := rounds(b.subtrees, subtreeRounds, func(s [2]string) error {
		day, _ := orgledger.ParseDate(s[1])
		nodes, err := b.l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Root: s[0], Depth: -1})
		size += len(nodes)
		return err
	})
	if err != nil {
		return err
	}
	m := measurement{Name: "subtree of a 1,000-person unit on a random date", Value: ms(led), Unit: "ms",
		Goal: "under 1 ms, and at least 50× faster than the recursive CTE", Met: led < time.Millisecond,
		Note: fmt.Sprintf("Chart from the position heading it; %d positions on average; "+
			"asked in turn, %d rounds of %d; the first round: %.3g ms", size/max(1, subtreeRounds*len(b.subtrees)),
			subtreeRounds, len(b.subtrees), ms(ledFirst))}
	for _, db := range b.bases {
		took, first, err := rounds(b.subtrees, subtreeRounds, func(s [2]string) error {
			day, _ := orgledger.ParseDate(s[1])
			_, err := db.Subtree(ctx, s[0], day)
			return err
		})
		if err != nil {
			return err
		}
		r := baselineResult{DB: db.Name(), Value: ms(took), Ratio: ms(took) / m.Value, FirstRatio: ms(first) / ms(ledFirst)}
		m.Met = m.Met && r.Ratio >= 50
		m.Baselines = append(m.Baselines, r)
	}
	if err := b.checkSubtrees(ctx); err != nil {
		return err
	}
	b.add(m)
	return nil
}

// checkChains checks that every baseline answers the chain questions with the positions of the
// ledger's chain, in the same order.
func (b *benchRun) checkChains(ctx context.Context, qs []gen.Question) error {
	for _, x := range qs {
		nodes, err := b.l.Chain(x.ID, ledger.Query{At: x.Day})
		if err != nil {
			return err
		}
		if err := b.sameAnswers("chain", x.ID, x.Day, nodes, false, func(db baseline.DB) ([]baseline.Node, error) {
			return db.Chain(ctx, x.ID, x.Day)
		}); err != nil {
			return err
		}
	}
	return nil
}

// checkSubtrees checks that every baseline answers each subtree question with the positions
// the ledger's chart holds: a baseline that answered another question, or none, would have been
// timed for nothing.
func (b *benchRun) checkSubtrees(ctx context.Context) error {
	for _, s := range b.subtrees {
		day, _ := orgledger.ParseDate(s[1])
		nodes, err := b.l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Root: s[0], Depth: -1})
		if err != nil {
			return err
		}
		if err := b.sameAnswers("subtree", s[0], day, nodes, true, func(db baseline.DB) ([]baseline.Node, error) {
			return db.Subtree(ctx, s[0], day)
		}); err != nil {
			return err
		}
	}
	return nil
}

// sameAnswers checks that each baseline's answer (ask) holds the positions of the ledger's,
// in the same order or, unordered, as sets.
func (b *benchRun) sameAnswers(what, id string, day orgledger.Date, nodes []orgledger.ChartNode, unordered bool,
	ask func(baseline.DB) ([]baseline.Node, error)) error {
	want := make([]string, len(nodes))
	for i, n := range nodes {
		want[i] = n.ID
	}
	if unordered {
		slices.Sort(want)
	}
	for _, db := range b.bases {
		rows, err := ask(db)
		if err != nil {
			return err
		}
		got := make([]string, len(rows))
		for i, r := range rows {
			got[i] = r.Position
		}
		if unordered {
			slices.Sort(got)
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("bench: the %s baseline's %s of %s on %s is not the ledger's (%d positions and %d, or in another order): "+
				"the baseline does not hold this ledger", db.Name(), what, id, day, len(got), len(want))
		}
	}
	return nil
}

// subtreeRounds is how many times each subtree question is asked.
const subtreeRounds = 5

// rounds asks each question once per round, n rounds, in turn, and returns the median time of
// all and of the first round.
func rounds[Q any](qs []Q, n int, ask func(Q) error) (all, first time.Duration, err error) {
	var took []time.Duration
	for round := range n {
		for _, q := range qs {
			d, err := timed(func() error { return ask(q) })
			if err != nil {
				return 0, 0, err
			}
			took = append(took, d)
		}
		if round == 0 {
			first = median(took)
		}
	}
	return median(took), first, nil
}

// diff compares the org on random days with the org a year later.
func (b *benchRun) diff(context.Context) error {
	var took []time.Duration
	changes := 0
	for range max(3, b.c.runs) {
		from := b.randomDay(365)
		d, err := timed(func() error {
			d, err := b.l.Diff(from, from.AddDays(365), time.Time{}, 0)
			if err == nil {
				changes = len(d.Changes)
			}
			return err
		})
		if err != nil {
			return err
		}
		took = append(took, d)
	}
	d := median(took)
	b.add(measurement{Name: "diff over one year", Value: ms(d), Unit: "ms", Goal: "under 1 s", Met: d < time.Second,
		Note: fmt.Sprintf("%d changes in the last one", changes)})
	return nil
}

// apply applies changesets of 1,000 changes to a copy of the ledger, each durably (SQLite in
// WAL mode with synchronous FULL), effective the day after the history.
func (b *benchRun) apply(ctx context.Context) error {
	nodes, err := b.l.Chart(ledger.Query{At: b.last}, ledger.ChartOptions{Depth: -1})
	if err != nil {
		return err
	}
	b.l.Store().Close()
	copyPath := filepath.Join(b.work, "apply.db")
	if err := copyFile(b.path, copyPath); err != nil {
		return err
	}
	l, err := b.open(ctx, copyPath)
	if err != nil {
		return err
	}
	defer l.Store().Close()
	var took []time.Duration
	for i := range max(5, b.c.runs) {
		cs := gen.Changes(b.r, nodes, b.last.AddDays(1), fmt.Sprintf("bench%d", i), 1000)
		d, err := timed(func() error { _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "bench"}); return err })
		if err != nil {
			return err
		}
		took = append(took, d)
	}
	d := median(took)
	b.add(measurement{Name: "apply a 1,000-change changeset, durably", Value: ms(d), Unit: "ms", Goal: "under 300 ms",
		Met: d < 300*time.Millisecond, Note: "on a copy of the ledger, SQLite with synchronous=FULL"})
	return nil
}

// copyFile copies a SQLite file, closed, with its write-ahead log if it has one.
func copyFile(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		} else if err != nil {
			return err
		}
		out, err := os.Create(to + suffix)
		if err == nil {
			_, err = io.Copy(out, in)
			err = errors.Join(err, out.Close())
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// baselineName is the file that keeps a ledger's baseline.
func baselineName(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".baseline"
}

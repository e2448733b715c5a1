package gen

import (
	"slices"
	"testing"
)

// shape measures the org in the model: the median and largest span of managers, and the
// depth of the deepest person (the top is level 1).
func (m *model) shape() (median, widest, depth int, wide float64) {
	var spans []int
	level := make([]int, len(m.emps))
	for e := range m.emps {
		x := &m.emps[e]
		if !x.active {
			continue
		}
		if n := len(x.reports); n > 0 {
			spans = append(spans, n)
		}
		level[e] = 1
		for b := x.boss; b >= 0; b = m.emps[b].boss {
			level[e]++
		}
		depth = max(depth, level[e])
	}
	slices.Sort(spans)
	n := 0
	for _, s := range spans {
		if s >= 15 {
			n++
		}
	}
	return spans[len(spans)/2], spans[len(spans)-1], depth, float64(n) / float64(len(spans))
}

// TestShape checks the org built on the first day, and ten years later, against what the
// package promises: a median span near six, a few wide ones, and depth that grows with size.
func TestShape(t *testing.T) {
	for _, c := range []struct{ people, minDepth, maxDepth int }{{1000, 4, 9}, {100_000, 7, 12}} {
		g, err := New(Options{People: c.people, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		median, widest, depth, wide := g.m.shape()
		t.Logf("%d people on the first day: median span %d, widest %d, %.1f%% of spans 15 or more, depth %d",
			c.people, median, widest, wide*100, depth)
		if median < 4 || median > 8 || depth < c.minDepth || depth > c.maxDepth || widest < 15 {
			t.Errorf("%d people: median span %d, widest %d, depth %d", c.people, median, widest, depth)
		}
		if c.people > 1000 {
			continue
		}
		for g.Next() != nil {
		}
		median, widest, depth, _ = g.m.shape()
		t.Logf("ten years later: %d people, median span %d, widest %d, depth %d, %d changes",
			g.m.active.len(), median, widest, depth, g.m.events)
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/baseline"
)

// fakeBaseline answers every question with the positions it is given.
type fakeBaseline struct {
	baseline.DB
	positions []string
}

func (f fakeBaseline) Name() string { return "fake" }

func (f fakeBaseline) answer() ([]baseline.Node, error) {
	var out []baseline.Node
	for _, p := range f.positions {
		out = append(out, baseline.Node{Position: p})
	}
	return out, nil
}

// TestSameAnswers checks that bench refuses a baseline that answers other positions than the
// ledger, or the same in another order where the order counts.
func TestSameAnswers(t *testing.T) {
	nodes := []orgledger.ChartNode{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	for _, c := range []struct {
		positions []string
		unordered bool
		ok        bool
	}{
		{[]string{"a", "b", "c"}, false, true},
		{[]string{"c", "a", "b"}, true, true},
		{[]string{"c", "a", "b"}, false, false},
		{[]string{"a", "b"}, true, false},
		{nil, true, false},
	} {
		db := fakeBaseline{positions: c.positions}
		b := &benchRun{bases: []baseline.DB{db}}
		err := b.sameAnswers("subtree", "a", 1, nodes, c.unordered, func(baseline.DB) ([]baseline.Node, error) { return db.answer() })
		if (err == nil) != c.ok || err != nil && !strings.Contains(err.Error(), "does not hold this ledger") {
			t.Errorf("%v (unordered %v): %v", c.positions, c.unordered, err)
		}
	}
}

// TestOpenColdJudgesTheFirstOpen checks that the cold open is judged by the first open of the
// process, not by the reopenings after it, which find the memory the first one filled.
func TestOpenColdJudgesTheFirstOpen(t *testing.T) {
	m := openMeasurement([]time.Duration{12 * time.Second, 4 * time.Second, 6 * time.Second, 5 * time.Second}, "from the checkpoint")
	if m.Met || m.Value != 12000 {
		t.Errorf("a first open of 12 s, then 4, 6 and 5 s: %v ms, met %v; want 12000 ms, missed", m.Value, m.Met)
	}
	if !strings.Contains(m.Note, "opened again 3 times in it: 5000 ms, their median") {
		t.Errorf("note %q does not tell the reopenings", m.Note)
	}
	if m := openMeasurement([]time.Duration{3 * time.Second}, ""); !m.Met || m.Value != 3000 {
		t.Errorf("one open of 3 s: %v ms, met %v", m.Value, m.Met)
	}
}

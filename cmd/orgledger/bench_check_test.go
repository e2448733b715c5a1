package main

import (
	"strings"
	"testing"

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

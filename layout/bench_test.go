package layout_test

import (
	"math/rand/v2"
	"testing"

	"github.com/orgledger/orgledger/layout"
)

func BenchmarkLayout10k(b *testing.B)  { benchmarkLayout(b, 10_000) }
func BenchmarkLayout100k(b *testing.B) { benchmarkLayout(b, 100_000) }

// benchmarkLayout lays out a realistic org of n positions (see orgTree).
func benchmarkLayout(b *testing.B, n int) {
	tree := orgTree(rand.New(rand.NewPCG(2014, 1)), n)
	for b.Loop() {
		if _, err := layout.Layout(tree, layout.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOrgTree checks the benchmark's org against the layout's promises, so that the figure it
// reports is for a correct layout, and checks that the org is the shape it claims.
func TestOrgTree(t *testing.T) {
	tree := orgTree(rand.New(rand.NewPCG(2014, 1)), 100_000)
	if len(tree.Nodes) != 100_000 {
		t.Fatalf("%d nodes", len(tree.Nodes))
	}
	depth, deepest, wide := make([]int, len(tree.Nodes)), 0, 0
	var spans []int
	for p, n := range tree.Nodes {
		for _, c := range n.Children {
			depth[c] = depth[p] + 1
			deepest = max(deepest, depth[c])
		}
		if len(n.Children) > 0 {
			spans = append(spans, len(n.Children))
		}
		if len(n.Children) >= 20 {
			wide++
		}
	}
	t.Logf("depth %d, %d managers, %d wide spans", deepest, len(spans), wide)
	if deepest < 8 || deepest > 12 || wide == 0 {
		t.Errorf("depth %d and %d wide spans; want about 10 and some", deepest, wide)
	}
	opt := layout.Options{}
	checkAll(t, tree, opt, MustLayout(t, tree, opt))
}

package layout_test

import (
	"math/rand/v2"

	"github.com/orgledger/orgledger/layout"
)

// randomForest returns a forest of about n nodes with boxes 40–200 wide and 20–120 tall, in
// shuffled index order. Some nodes are assistants (most of them leaves, a few with reports),
// some have wide spans of leaves, and deep is the chance that a node hangs from one of the
// newest nodes rather than any, which makes long chains.
func randomForest(r *rand.Rand, n int, deep float64) layout.Tree {
	parent := []int{}
	leafOnly := []bool{}
	add := func(p int) int {
		parent = append(parent, p)
		leafOnly = append(leafOnly, false)
		return len(parent) - 1
	}
	for range 1 + r.IntN(4) {
		add(-1)
	}
	for len(parent) < n {
		p := r.IntN(len(parent))
		if r.Float64() < deep {
			p = max(0, len(parent)-1-r.IntN(min(len(parent), 8)))
		}
		if leafOnly[p] {
			continue
		}
		if r.IntN(40) == 0 { // a wide span of leaves
			for range 9 + r.IntN(40) {
				leafOnly[add(p)] = true
			}
			continue
		}
		add(p)
	}
	return shuffled(r, parent, func(i int) layout.Node {
		return layout.Node{
			Width:     40 + 160*r.Float64(),
			Height:    20 + 100*r.Float64(),
			Assistant: r.IntN(12) == 0,
		}
	})
}

// shuffled builds a Tree from parent links (-1 for a root, parents before children), giving
// the nodes a random permutation of indexes so that no code can rely on their order.
func shuffled(r *rand.Rand, parent []int, node func(int) layout.Node) layout.Tree {
	perm := r.Perm(len(parent))
	t := layout.Tree{Nodes: make([]layout.Node, len(parent))}
	for i := range parent {
		t.Nodes[perm[i]] = node(i)
	}
	for i, p := range parent {
		if p < 0 {
			t.Roots = append(t.Roots, perm[i])
		} else {
			t.Nodes[perm[p]].Children = append(t.Nodes[perm[p]].Children, perm[i])
		}
	}
	return t
}

// orgTree returns a realistic org of n positions: depth about 10, spans with a median near 6,
// about one manager in fifteen with a wide span of 20–60 individual contributors, and an
// assistant for one manager in ten. Boxes are 160×60 with some variation in height, as
// wrapped titles give.
func orgTree(r *rand.Rand, n int) layout.Tree {
	t := layout.Tree{Nodes: make([]layout.Node, 0, n), Roots: []int{0}}
	depth := make([]int, 0, n)
	ic := make([]bool, 0, n) // an individual contributor: never a manager
	add := func(d int, assistant bool) int {
		h := 60.0
		if r.IntN(4) == 0 {
			h = 80
		}
		t.Nodes = append(t.Nodes, layout.Node{Width: 160, Height: h, Assistant: assistant})
		depth = append(depth, d)
		ic = append(ic, assistant)
		return len(t.Nodes) - 1
	}
	add(0, false)
	for m := 0; m < len(t.Nodes) && len(t.Nodes) < n; m++ {
		if m > 0 && (ic[m] || depth[m] >= 10 || r.IntN(3) == 0) {
			continue
		}
		span, wide := 2+r.IntN(5)+r.IntN(5), r.IntN(15) == 0
		if wide {
			span = 20 + r.IntN(41)
		}
		if r.IntN(10) == 0 {
			t.Nodes[m].Children = append(t.Nodes[m].Children, add(depth[m]+1, true))
		}
		for range min(span, n-len(t.Nodes)) {
			c := add(depth[m]+1, false)
			ic[c] = wide
			t.Nodes[m].Children = append(t.Nodes[m].Children, c)
		}
	}
	return t
}

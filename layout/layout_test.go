package layout_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/orgledger/orgledger/layout"
)

// MustLayout lays out tree or fails the test.
func MustLayout(tb testing.TB, tree layout.Tree, opt layout.Options) layout.Result {
	tb.Helper()
	res, err := layout.Layout(tree, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// box is a Node with children, for writing small trees by hand.
func box(w, h float64, children ...int) layout.Node {
	return layout.Node{Width: w, Height: h, Children: children}
}

func TestEmpty(t *testing.T) {
	res := MustLayout(t, layout.Tree{}, layout.Options{})
	if len(res.Boxes) != 0 || len(res.Edges) != 0 || res.Width != 0 || res.Height != 0 {
		t.Errorf("got %+v", res)
	}
}

func TestSingleNode(t *testing.T) {
	res := MustLayout(t, layout.Tree{Nodes: []layout.Node{box(100, 50)}, Roots: []int{0}}, layout.Options{})
	want := layout.Result{Boxes: []layout.Box{{0, 0, 100, 50}}, Edges: []layout.Edge{}, Width: 100, Height: 50}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("got %+v, want %+v", res, want)
	}
}

// TestCentredOverChildren checks the exact positions of a parent over children of different
// sizes: children a SiblingGap apart and level, the parent's centre midway between the first
// and last child's centres.
func TestCentredOverChildren(t *testing.T) {
	tree := layout.Tree{Nodes: []layout.Node{box(100, 50, 1, 2, 3), box(40, 30), box(100, 60), box(60, 20)}, Roots: []int{0}}
	res := MustLayout(t, tree, layout.Options{})
	// Children at x 0, 60, 180; their centres at 20 and 210 put the parent's centre at 115.
	want := []layout.Box{{65, 0, 100, 50}, {0, 90, 40, 30}, {60, 90, 100, 60}, {180, 90, 60, 20}}
	if !reflect.DeepEqual(res.Boxes, want) {
		t.Errorf("got %v, want %v", res.Boxes, want)
	}
	if res.Width != 240 || res.Height != 150 {
		t.Errorf("extent %v×%v, want 240×150", res.Width, res.Height)
	}
	wantEdge := []layout.Point{{115, 50}, {115, 70}, {20, 70}, {20, 90}}
	if !reflect.DeepEqual(res.Edges[0].Points, wantEdge) {
		t.Errorf("edge to the first child %v, want %v", res.Edges[0].Points, wantEdge)
	}
}

// TestNonLayered checks that a child hangs LevelGap below its own parent, not below the
// tallest box of its parent's row.
func TestNonLayered(t *testing.T) {
	tree := layout.Tree{Nodes: []layout.Node{box(100, 40, 1, 2), box(100, 100, 3), box(100, 20, 4), box(50, 30), box(50, 30)}, Roots: []int{0}}
	res := MustLayout(t, tree, layout.Options{LevelGap: 10})
	if got := res.Boxes[3].Y; got != 160 {
		t.Errorf("child of the tall box at y %v, want 160", got)
	}
	if got := res.Boxes[4].Y; got != 80 {
		t.Errorf("child of the short box at y %v, want 80", got)
	}
}

// TestSmallSubtreesSpread checks Walker's apportion: leaves between two big subtrees are
// spread evenly across the room the big ones leave, not piled against the left one.
func TestSmallSubtreesSpread(t *testing.T) {
	// Root 0 has children 1 (wide below), 2, 3 (leaves) and 4 (wide below).
	nodes := []layout.Node{box(50, 20, 1, 2, 3, 4), box(20, 20, 5, 6, 7, 8), box(20, 20), box(20, 20), box(20, 20, 9, 10, 11, 12)}
	for range 8 {
		nodes = append(nodes, box(50, 20))
	}
	res := MustLayout(t, layout.Tree{Nodes: nodes, Roots: []int{0}}, layout.Options{})
	b := res.Boxes
	g1, g2, g3 := b[2].X-(b[1].X+20), b[3].X-(b[2].X+20), b[4].X-(b[3].X+20)
	if !near(g1, g2) || !near(g2, g3) || g1 <= 20 {
		t.Errorf("gaps between the top row %v, %v, %v; want three equal gaps wider than 20", g1, g2, g3)
	}
}

// TestMirror checks that a tree and its mirror image are drawn as mirror images, for trees
// whose subtrees have to interlock and spread.
func TestMirror(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 2002))
		tree := randomForest(r, 2+r.IntN(200), []float64{0, 0.5}[seed%2])
		for i := range tree.Nodes {
			tree.Nodes[i].Assistant = false // assistants alternate right then left
		}
		tree.Roots = tree.Roots[:1]
		tree = reachableFrom(tree)
		opt := layout.Options{StackAfter: -1} // stacks hang from spines on their left
		a, b := MustLayout(t, tree, opt), MustLayout(t, mirror(tree), opt)
		for i, ab := range a.Boxes {
			bb := b.Boxes[i]
			if !near(ab.X, a.Width-bb.X-bb.W) || ab.Y != bb.Y {
				t.Fatalf("seed %d: node %d at %+v, its mirror image at %+v in a drawing %v wide", seed, i, ab, bb, a.Width)
			}
		}
	}
}

// mirror reverses the order of every node's children.
func mirror(t layout.Tree) layout.Tree {
	m := layout.Tree{Nodes: make([]layout.Node, len(t.Nodes)), Roots: t.Roots}
	for i, n := range t.Nodes {
		n.Children = append([]int(nil), n.Children...)
		for a, b := 0, len(n.Children)-1; a < b; a, b = a+1, b-1 {
			n.Children[a], n.Children[b] = n.Children[b], n.Children[a]
		}
		m.Nodes[i] = n
	}
	return m
}

// reachableFrom keeps only the nodes reachable from t's roots, renumbered.
func reachableFrom(t layout.Tree) layout.Tree {
	index := map[int]int{}
	order := append([]int(nil), t.Roots...)
	for head := 0; head < len(order); head++ {
		index[order[head]] = head
		order = append(order, t.Nodes[order[head]].Children...)
	}
	out := layout.Tree{Nodes: make([]layout.Node, len(order))}
	for i, old := range order {
		n := t.Nodes[old]
		n.Children = nil
		for _, c := range t.Nodes[old].Children {
			n.Children = append(n.Children, index[c])
		}
		out.Nodes[i] = n
	}
	for _, r := range t.Roots {
		out.Roots = append(out.Roots, index[r])
	}
	return out
}

// TestSymmetricTree checks that a tree that is its own mirror image is drawn symmetric about
// its root's centre line.
func TestSymmetricTree(t *testing.T) {
	// 0 has children 1, 2, 3, 4, 5; 1 and 5 are mirror-image subtrees, 2 and 4 leaves, and 3
	// has one child. 1 has children 6 (with 8, 9) and 7; 5 has 10 and 11 (with 12, 13).
	nodes := []layout.Node{
		box(120, 40, 1, 2, 3, 4, 5),
		box(80, 50, 6, 7), box(60, 30), box(60, 60, 14), box(60, 30), box(80, 50, 10, 11),
		box(100, 20, 8, 9), box(40, 90), box(150, 30), box(70, 30),
		box(40, 90), box(100, 20, 12, 13), box(70, 30), box(150, 30),
		box(30, 30),
	}
	mirrorOf := []int{0, 5, 4, 3, 2, 1, 11, 10, 13, 12, 7, 6, 9, 8, 14}
	res := MustLayout(t, layout.Tree{Nodes: nodes, Roots: []int{0}}, layout.Options{})
	axis := res.Boxes[0].X + res.Boxes[0].W/2
	for i, m := range mirrorOf {
		a, b := res.Boxes[i], res.Boxes[m]
		if math.Abs((a.X+a.W/2-axis)+(b.X+b.W/2-axis)) > 1e-9 || a.Y != b.Y {
			t.Errorf("node %d at %+v and its mirror image %d at %+v are not symmetric about x = %v", i, a, m, b, axis)
		}
	}
}

// TestAssistants checks the placing of assistants: rows below the parent, right then left of
// its line, and the reports below the last row.
func TestAssistants(t *testing.T) {
	assistant := layout.Node{Width: 80, Height: 30, Assistant: true}
	tree := layout.Tree{Nodes: []layout.Node{box(100, 40, 1, 2, 3, 4), assistant, box(60, 20), assistant, assistant}, Roots: []int{0}}
	res := MustLayout(t, tree, layout.Options{SiblingGap: 20, LevelGap: 40})
	// The line is at x 90 (the root's centre, 10+80 from the left of the widest row).
	want := []layout.Box{
		{40, 0, 100, 40},
		{100, 60, 80, 30},  // right of the line, LevelGap/2 below the parent
		{60, 180, 60, 20},  // the report, LevelGap below the last row
		{0, 60, 80, 30},    // left
		{100, 110, 80, 30}, // right, on the next row
	}
	if !reflect.DeepEqual(res.Boxes, want) {
		t.Errorf("got %v, want %v", res.Boxes, want)
	}
	wantEdge := []layout.Point{{90, 40}, {90, 75}, {80, 75}}
	if e := res.Edges[2]; e.Child != 3 || !reflect.DeepEqual(e.Points, wantEdge) {
		t.Errorf("edge to the left assistant %+v, want points %v", e, wantEdge)
	}
}

// TestAssistantWithReports checks that an assistant with reports of its own is laid out as
// an ordinary report.
func TestAssistantWithReports(t *testing.T) {
	tree := layout.Tree{Nodes: []layout.Node{box(100, 40, 1), {Width: 100, Height: 40, Children: []int{2}, Assistant: true}, box(100, 40)}, Roots: []int{0}}
	res := MustLayout(t, tree, layout.Options{})
	want := []layout.Box{{0, 0, 100, 40}, {0, 80, 100, 40}, {0, 160, 100, 40}}
	if !reflect.DeepEqual(res.Boxes, want) {
		t.Errorf("got %v, want %v", res.Boxes, want)
	}
}

// TestStack checks a wide span of leaves stacked in columns, filled column by column.
func TestStack(t *testing.T) {
	nodes := []layout.Node{box(100, 40)}
	for i := 1; i <= 5; i++ {
		nodes[0].Children = append(nodes[0].Children, i)
		nodes = append(nodes, box(100, 30))
	}
	res := MustLayout(t, layout.Tree{Nodes: nodes, Roots: []int{0}}, layout.Options{StackAfter: 4, StackColumns: 2})
	// Columns of three and two; spines at x 0 and 130; the stack 0..240, centred at 120.
	want := []layout.Box{
		{70, 0, 100, 40},
		{10, 80, 100, 30}, {10, 120, 100, 30}, {10, 160, 100, 30},
		{140, 80, 100, 30}, {140, 120, 100, 30},
	}
	if !reflect.DeepEqual(res.Boxes, want) {
		t.Errorf("got %v, want %v", res.Boxes, want)
	}
	wantEdge := []layout.Point{{120, 40}, {120, 60}, {130, 60}, {130, 135}, {140, 135}}
	if e := res.Edges[4]; e.Child != 5 || !reflect.DeepEqual(e.Points, wantEdge) {
		t.Errorf("edge to the last stacked leaf %+v, want points %v", e, wantEdge)
	}
}

// TestStackSquare checks that the default number of columns makes a stack about square.
func TestStackSquare(t *testing.T) {
	nodes := []layout.Node{box(160, 60)}
	for i := 1; i <= 50; i++ {
		nodes[0].Children = append(nodes[0].Children, i)
		nodes = append(nodes, box(160, 60))
	}
	res := MustLayout(t, layout.Tree{Nodes: nodes, Roots: []int{0}}, layout.Options{})
	w, h := res.Width, res.Height-60-layout.DefaultLevelGap
	if ratio := w / h; ratio < 0.6 || ratio > 1.6 {
		t.Errorf("a stack of 50 is %v wide and %v tall", w, h)
	}
}

// TestForest checks that trees stand side by side in the order of Roots, TreeGap apart.
func TestForest(t *testing.T) {
	tree := layout.Tree{Nodes: []layout.Node{box(50, 20), box(100, 20, 0, 3), box(30, 60), box(50, 20)}, Roots: []int{2, 1}}
	res := MustLayout(t, tree, layout.Options{TreeGap: 15})
	want := []layout.Box{{45, 60, 50, 20}, {55, 0, 100, 20}, {0, 0, 30, 60}, {115, 60, 50, 20}}
	if !reflect.DeepEqual(res.Boxes, want) {
		t.Errorf("got %v, want %v", res.Boxes, want)
	}
}

// TestDeepChain lays out a chain 100,000 deep, which a recursive layout would struggle with.
func TestDeepChain(t *testing.T) {
	const n = 100_000
	tree := layout.Tree{Nodes: make([]layout.Node, n), Roots: []int{0}}
	for i := range tree.Nodes {
		tree.Nodes[i] = box(float64(40+i%7*10), 30)
		if i+1 < n {
			tree.Nodes[i].Children = []int{i + 1}
		}
	}
	res := MustLayout(t, tree, layout.Options{})
	centre := res.Boxes[0].X + res.Boxes[0].W/2
	for i, b := range res.Boxes {
		if b.X+b.W/2 != centre || b.Y != float64(i)*70 {
			t.Fatalf("node %d at %+v, want centred at %v and at y %v", i, b, centre, float64(i)*70)
		}
	}
}

// TestDeepAndWide lays out two chains 5,000 and 7,000 deep side by side, each link with a
// leaf on the side facing the other chain, so that the contours interlock all the way down
// and the longer chain's contour continues by a thread below the shorter one.
func TestDeepAndWide(t *testing.T) {
	var tree layout.Tree
	tree.Nodes = []layout.Node{box(100, 40)}
	tree.Roots = []int{0}
	chain := func(n int, leafFirst bool) {
		tree.Nodes[0].Children = append(tree.Nodes[0].Children, len(tree.Nodes))
		for i := range n {
			link, leaf := len(tree.Nodes), len(tree.Nodes)+1
			tree.Nodes = append(tree.Nodes, box(60, 30), box(float64(40+i%5*30), float64(20+i%3*20)))
			next := []int{leaf}
			if i+1 < n {
				next = append(next, leaf+1)
				if leafFirst {
					next[0], next[1] = next[1], next[0]
				}
			}
			tree.Nodes[link].Children = next
		}
	}
	chain(5000, false)
	chain(7000, true)
	opt := layout.Options{}
	checkAll(t, tree, opt, MustLayout(t, tree, opt))
	checkAll(t, mirror(tree), opt, MustLayout(t, mirror(tree), opt))
}

// TestZeroSizes lays out random forests of boxes with no width or no height, which a caller
// may use for invisible joints; the gaps still keep them apart.
func TestZeroSizes(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 0))
		tree := randomForest(r, 500, 0.3)
		for i := range tree.Nodes {
			switch r.IntN(3) {
			case 0:
				tree.Nodes[i].Width = 0
			case 1:
				tree.Nodes[i].Height = 0
			}
		}
		opt := layout.Options{StackAfter: 3}
		checkAll(t, tree, opt, MustLayout(t, tree, opt))
	}
}

func TestErrors(t *testing.T) {
	ok := box(10, 10)
	tests := []struct {
		name string
		tree layout.Tree
		opt  layout.Options
		node int
	}{
		{"child out of range", layout.Tree{Nodes: []layout.Node{box(10, 10, 1)}, Roots: []int{0}}, layout.Options{}, 0},
		{"negative child", layout.Tree{Nodes: []layout.Node{box(10, 10, -1)}, Roots: []int{0}}, layout.Options{}, 0},
		{"root out of range", layout.Tree{Nodes: []layout.Node{ok}, Roots: []int{1}}, layout.Options{}, 1},
		{"root twice", layout.Tree{Nodes: []layout.Node{ok}, Roots: []int{0, 0}}, layout.Options{}, 0},
		{"two parents", layout.Tree{Nodes: []layout.Node{box(10, 10, 2), box(10, 10, 2), ok}, Roots: []int{0, 1}}, layout.Options{}, 2},
		{"child twice", layout.Tree{Nodes: []layout.Node{box(10, 10, 1, 1), ok}, Roots: []int{0}}, layout.Options{}, 1},
		{"root is a child", layout.Tree{Nodes: []layout.Node{box(10, 10, 1), box(10, 10, 0)}, Roots: []int{0}}, layout.Options{}, 0},
		{"own parent", layout.Tree{Nodes: []layout.Node{ok, box(10, 10, 1)}, Roots: []int{0}}, layout.Options{}, 1},
		{"cycle", layout.Tree{Nodes: []layout.Node{ok, box(10, 10, 2), box(10, 10, 3), box(10, 10, 1)}, Roots: []int{0}}, layout.Options{}, 1},
		{"below a cycle", layout.Tree{Nodes: []layout.Node{ok, box(10, 10, 4), box(10, 10, 3), box(10, 10, 2, 1), ok}, Roots: []int{0}}, layout.Options{}, 2},
		{"no root", layout.Tree{Nodes: []layout.Node{ok}}, layout.Options{}, 0},
		{"not in a tree", layout.Tree{Nodes: []layout.Node{ok, box(10, 10, 2), ok}, Roots: []int{0}}, layout.Options{}, 1},
		{"NaN width", layout.Tree{Nodes: []layout.Node{box(math.NaN(), 10)}, Roots: []int{0}}, layout.Options{}, 0},
		{"infinite height", layout.Tree{Nodes: []layout.Node{ok, box(10, math.Inf(1))}, Roots: []int{0, 1}}, layout.Options{}, 1},
		{"negative height", layout.Tree{Nodes: []layout.Node{box(10, -1)}, Roots: []int{0}}, layout.Options{}, 0},
		{"negative gap", layout.Tree{}, layout.Options{SiblingGap: -1}, -1},
		{"NaN gap", layout.Tree{}, layout.Options{LevelGap: math.NaN()}, -1},
		{"infinite gap", layout.Tree{}, layout.Options{TreeGap: math.Inf(1)}, -1},
		{"negative columns", layout.Tree{}, layout.Options{StackColumns: -2}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := layout.Layout(tt.tree, tt.opt)
			var lerr *layout.Error
			if !errors.As(err, &lerr) {
				t.Fatalf("got %v, want a *layout.Error", err)
			}
			if lerr.Node != tt.node {
				t.Errorf("error %q names node %d, want %d", err, lerr.Node, tt.node)
			}
		})
	}
}

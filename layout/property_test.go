package layout_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/orgledger/orgledger/layout"
)

// TestRandomForests lays out random forests with random options and checks every promise the
// package makes about the result.
func TestRandomForests(t *testing.T) {
	seeds := 300
	if testing.Short() {
		seeds = 40
	}
	for seed := range uint64(seeds) {
		r := rand.New(rand.NewPCG(seed, 1990))
		n := 1 + r.IntN(300)
		if seed%10 == 0 {
			n = 1000 + r.IntN(9001)
		}
		deep := []float64{0, 0.3, 0.9}[seed%3]
		tree, opt := randomForest(r, n, deep), randomOptions(r)
		t.Run(fmt.Sprintf("seed=%d,n=%d", seed, n), func(t *testing.T) {
			res, err := layout.Layout(tree, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkAll(t, tree, opt, res)
			again, err := layout.Layout(tree, opt)
			if err != nil || !reflect.DeepEqual(res, again) {
				t.Errorf("a second run gave a different result (err %v)", err)
			}
		})
	}
}

func randomOptions(r *rand.Rand) layout.Options {
	var o layout.Options
	if r.IntN(2) == 0 {
		o.SiblingGap = 1 + 40*r.Float64()
		o.LevelGap = 2 + 60*r.Float64()
		o.TreeGap = 1 + 60*r.Float64()
	}
	o.StackAfter = []int{0, 3, 12, -1}[r.IntN(4)]
	o.StackColumns = []int{0, 0, 1, 2, 5}[r.IntN(5)]
	return o
}

// gaps are the options a test checks against, with the defaults filled in.
type gaps struct {
	sibling, level, tree float64
	stackAfter           int
}

func resolved(o layout.Options) gaps {
	g := gaps{o.SiblingGap, o.LevelGap, o.TreeGap, o.StackAfter}
	if g.sibling == 0 {
		g.sibling = layout.DefaultSiblingGap
	}
	if g.level == 0 {
		g.level = layout.DefaultLevelGap
	}
	if g.tree == 0 {
		g.tree = layout.DefaultTreeGap
	}
	if g.stackAfter == 0 {
		g.stackAfter = layout.DefaultStackAfter
	}
	return g
}

// family is a node's children as the layout sorts them.
type family struct {
	assistants, reports []int
	stacked             bool
}

func families(tree layout.Tree, g gaps) []family {
	fs := make([]family, len(tree.Nodes))
	for p, n := range tree.Nodes {
		f := &fs[p]
		leaves := true
		for _, c := range n.Children {
			if tree.Nodes[c].Assistant && len(tree.Nodes[c].Children) == 0 {
				f.assistants = append(f.assistants, c)
			} else {
				f.reports = append(f.reports, c)
				leaves = leaves && len(tree.Nodes[c].Children) == 0
			}
		}
		f.stacked = g.stackAfter > 0 && leaves && len(f.reports) > g.stackAfter
	}
	return fs
}

// checkAll runs every check, giving up after a few failures so that one bug does not bury
// the log.
func checkAll(t *testing.T, tree layout.Tree, opt layout.Options, res layout.Result) {
	t.Helper()
	g := resolved(opt)
	fs := families(tree, g)
	var errs []string
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Sprintf(format, args...))
	}
	checkBounds(tree, res, fail)
	checkOverlap(res.Boxes, min(g.sibling, g.level, g.tree)/2, fail)
	checkFamilies(tree, fs, g, res.Boxes, fail)
	checkForest(tree, g, res, fail)
	checkEdges(tree, res, fail)
	for i, e := range errs {
		if i == 10 {
			t.Fatalf("... and %d more", len(errs)-i)
		}
		t.Error(e)
	}
}

type failer func(format string, args ...any)

const eps = 1e-6

// near compares coordinates with a tolerance relative to their size: sums of thousands of
// offsets lose the last bits.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a), math.Abs(b))
}

// checkBounds checks that boxes have their nodes' sizes and that everything drawn is finite
// and lies within [0, Width] × [0, Height], touching 0 on both axes.
func checkBounds(tree layout.Tree, res layout.Result, fail failer) {
	if len(res.Boxes) != len(tree.Nodes) {
		fail("%d boxes for %d nodes", len(res.Boxes), len(tree.Nodes))
		return
	}
	minX, minY := math.Inf(1), math.Inf(1)
	within := func(what string, x0, y0, x1, y1 float64) {
		for _, v := range []float64{x0, y0, x1, y1} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				fail("%s is not finite and non-negative", what)
				return
			}
		}
		if x1 > res.Width || y1 > res.Height {
			fail("%s lies outside %v×%v", what, res.Width, res.Height)
		}
		minX, minY = min(minX, x0), min(minY, y0)
	}
	for i, b := range res.Boxes {
		if n := tree.Nodes[i]; b.W != n.Width || b.H != n.Height {
			fail("box %d: size %v×%v, want %v×%v", i, b.W, b.H, n.Width, n.Height)
		}
		within(fmt.Sprintf("box %d %+v", i, b), b.X, b.Y, b.X+b.W, b.Y+b.H)
	}
	for _, e := range res.Edges {
		for _, p := range e.Points {
			within(fmt.Sprintf("point %v of edge %d→%d", p, e.Parent, e.Child), p.X, p.Y, p.X, p.Y)
		}
	}
	if len(res.Boxes) > 0 && (minX != 0 || minY != 0) {
		fail("the drawing starts at (%v, %v), not (0, 0)", minX, minY)
	}
}

// checkOverlap checks that no two boxes come closer than gap in both x and y, by putting the
// boxes, each grown by half the gap, into a grid of cells and comparing the boxes that share a
// cell. The boxes of a chart are small and spread out, so each cell holds a handful.
func checkOverlap(boxes []layout.Box, gap float64, fail failer) {
	const cell = 256.0
	type key struct{ x, y int }
	grid := make(map[key][]int)
	grow := gap/2 - eps
	for i, b := range boxes {
		for x := int((b.X - grow) / cell); x <= int((b.X+b.W+grow)/cell); x++ {
			for y := int((b.Y - grow) / cell); y <= int((b.Y+b.H+grow)/cell); y++ {
				grid[key{x, y}] = append(grid[key{x, y}], i)
			}
		}
	}
	for _, in := range grid {
		for j, a := range in {
			for _, b := range in[j+1:] {
				p, q := boxes[a], boxes[b]
				if p.X-grow < q.X+q.W+grow && q.X-grow < p.X+p.W+grow &&
					p.Y-grow < q.Y+q.H+grow && q.Y-grow < p.Y+p.H+grow {
					fail("boxes %d %+v and %d %+v are closer than %v", a, p, b, q, gap)
				}
			}
		}
	}
}

// checkFamilies checks each parent against its children: reports below by LevelGap, in order
// and SiblingGap apart (or stacked in columns), the parent centred over them, and assistants
// alternating beside the parent's line between the parent and its reports.
func checkFamilies(tree layout.Tree, fs []family, g gaps, boxes []layout.Box, fail failer) {
	for p, f := range fs {
		pb := boxes[p]
		line := pb.X + pb.W/2
		reportsTop := math.Inf(1)
		for _, c := range f.reports {
			reportsTop = min(reportsTop, boxes[c].Y)
			if boxes[c].Y < pb.Y+pb.H+g.level-eps {
				fail("report %d at y %v, less than LevelGap below parent %d's bottom %v", c, boxes[c].Y, p, pb.Y+pb.H)
			}
		}
		for k, a := range f.assistants {
			ab := boxes[a]
			if ab.Y <= pb.Y || ab.Y < pb.Y+pb.H-eps || ab.Y+ab.H > reportsTop-g.level+eps {
				fail("assistant %d at y %v..%v, not between parent %d (bottom %v) and its reports (top %v)", a, ab.Y, ab.Y+ab.H, p, pb.Y+pb.H, reportsTop)
			}
			right := ab.X >= line+g.sibling/2-eps
			left := ab.X+ab.W <= line-g.sibling/2+eps
			if (k%2 == 0 && !right) || (k%2 == 1 && !left) {
				fail("assistant %d (number %d of parent %d) on the wrong side of x %v: %+v", a, k, p, line, ab)
			}
		}
		if len(f.reports) == 0 {
			continue
		}
		if f.stacked {
			checkStack(p, f.reports, g, boxes, fail)
			continue
		}
		checkRow(p, f.reports, g, boxes, fail)
	}
}

// checkRow checks reports drawn side by side.
func checkRow(p int, reports []int, g gaps, boxes []layout.Box, fail failer) {
	for j := 1; j < len(reports); j++ {
		a, b := boxes[reports[j-1]], boxes[reports[j]]
		if b.X < a.X+a.W+g.sibling-eps || b.Y != a.Y {
			fail("reports %d %+v and %d %+v of parent %d are out of order, too close or not level", reports[j-1], a, reports[j], b, p)
		}
	}
	first, last := boxes[reports[0]], boxes[reports[len(reports)-1]]
	mid := (first.X + first.W/2 + last.X + last.W/2) / 2
	if pb := boxes[p]; !near(pb.X+pb.W/2, mid) {
		fail("parent %d centred at %v, not over its reports' lines at %v", p, pb.X+pb.W/2, mid)
	}
}

// checkStack checks reports stacked in columns: column by column, top to bottom, and the
// parent centred over the stack, spines included.
func checkStack(p int, reports []int, g gaps, boxes []layout.Box, fail failer) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for j, c := range reports {
		b := boxes[c]
		lo, hi = min(lo, b.X-g.sibling/2), max(hi, b.X+b.W)
		if j == 0 {
			continue
		}
		a := boxes[reports[j-1]]
		sameColumn := a.X == b.X && b.Y >= a.Y+a.H+g.sibling/2-eps
		nextColumn := b.X >= a.X+a.W+g.sibling-eps && b.Y == boxes[reports[0]].Y
		if !sameColumn && !nextColumn {
			fail("stacked reports %d %+v and %d %+v of parent %d are out of order", reports[j-1], a, c, b, p)
		}
	}
	if pb := boxes[p]; !near(pb.X+pb.W/2, (lo+hi)/2) {
		fail("parent %d centred at %v, not over its stack at %v", p, pb.X+pb.W/2, (lo+hi)/2)
	}
}

// checkForest checks that the trees stand side by side in order, TreeGap apart counting the
// spines of stacks, with their roots' tops at 0.
func checkForest(tree layout.Tree, g gaps, res layout.Result, fail failer) {
	edge := make([]int, len(tree.Nodes))
	for j, e := range res.Edges {
		edge[e.Child] = j
	}
	prevRight := math.Inf(-1)
	for _, r := range tree.Roots {
		if res.Boxes[r].Y != 0 {
			fail("root %d at y %v", r, res.Boxes[r].Y)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		stack := []int{r}
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			lo, hi = min(lo, res.Boxes[i].X), max(hi, res.Boxes[i].X+res.Boxes[i].W)
			if i != r {
				for _, p := range res.Edges[edge[i]].Points {
					lo = min(lo, p.X)
				}
			}
			stack = append(stack, tree.Nodes[i].Children...)
		}
		if !math.IsInf(prevRight, -1) && !near(lo, prevRight+g.tree) {
			fail("tree of root %d starts at %v, want %v", r, lo, prevRight+g.tree)
		}
		prevRight = hi
	}
}

// checkEdges checks that each child has one connector, from its parent's bottom centre to its
// own box, made of horizontal and vertical segments.
func checkEdges(tree layout.Tree, res layout.Result, fail failer) {
	if want := len(tree.Nodes) - len(tree.Roots); len(res.Edges) != want {
		fail("%d edges, want %d", len(res.Edges), want)
		return
	}
	for _, e := range res.Edges {
		pb, cb := res.Boxes[e.Parent], res.Boxes[e.Child]
		pts := e.Points
		if len(pts) < 2 || pts[0] != (layout.Point{X: pb.X + pb.W/2, Y: pb.Y + pb.H}) {
			fail("edge %d→%d does not start at the parent's bottom centre: %v", e.Parent, e.Child, pts)
			continue
		}
		for j := 1; j < len(pts); j++ {
			if (pts[j].X != pts[j-1].X) == (pts[j].Y != pts[j-1].Y) {
				fail("edge %d→%d has a segment that is not horizontal or vertical: %v", e.Parent, e.Child, pts)
			}
		}
		end := pts[len(pts)-1]
		onSide := (near(end.X, cb.X) || near(end.X, cb.X+cb.W)) && end.Y >= cb.Y && end.Y <= cb.Y+cb.H
		onTop := near(end.Y, cb.Y) && end.X >= cb.X && end.X <= cb.X+cb.W
		if !onSide && !onTop {
			fail("edge %d→%d ends at %v, not on the child's box %+v", e.Parent, e.Child, end, cb)
		}
	}
}

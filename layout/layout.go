package layout

// Node is one box of the chart and the order of the boxes that hang below it.
type Node struct {
	Width, Height float64 // the box's size, in the caller's units; finite and not negative
	Children      []int   // indexes into Tree.Nodes, drawn left to right in this order
	Assistant     bool    // drawn beside the parent's line, above the parent's other children
}

// Tree is a forest of nodes: every node is a root or the child of exactly one node, and every
// node can be reached from a root.
type Tree struct {
	Nodes []Node
	Roots []int // the trees of the forest, drawn left to right in this order
}

// Box is where a node is drawn: its top-left corner and its size, in absolute coordinates.
type Box struct {
	X, Y, W, H float64
}

// Point is a corner of a connector.
type Point struct {
	X, Y float64
}

// Edge is the connector from a parent's box to one of its children's boxes: an orthogonal
// polyline from the parent's bottom centre to the child's box (see the package documentation
// for its shape). Siblings' connectors share their first segments.
type Edge struct {
	Parent, Child int     // indexes into Tree.Nodes
	Points        []Point // at least two; consecutive points differ in x or in y, not both
}

// Result is a laid-out chart.
type Result struct {
	Boxes         []Box   // Boxes[i] is where Tree.Nodes[i] goes
	Edges         []Edge  // one per node that is not a root, in the order of Tree.Nodes
	Width, Height float64 // every box and connector lies within [0, Width] × [0, Height]
}

// Layout places every node of t as a non-layered tidy tree (see the package documentation)
// and returns the boxes and connectors. It returns an *Error, and nothing else, if t is not a
// forest, a size is negative or not finite, or an option is out of range. The time and
// memory it takes grow linearly with the number of nodes, and the same input always gives
// the same result.
func Layout(t Tree, opt Options) (Result, error) {
	cfg, err := opt.resolve()
	if err != nil {
		return Result{}, err
	}
	parent, err := validate(t)
	if err != nil {
		return Result{}, err
	}
	l := newLayouter(t, cfg)
	l.build()
	l.firstWalk()
	l.secondWalk()
	boxes := l.place()
	w, h := l.packForest(boxes)
	return Result{Boxes: boxes, Edges: l.edges(boxes, parent), Width: w, Height: h}, nil
}

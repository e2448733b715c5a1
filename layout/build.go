package layout

import "math"

// block is a rectangle of the tree the tidy-tree passes lay out: a node's box together with
// its assistants, or a stack of leaves. Sizes include the gaps, as in van der Ploeg's paper,
// so that two blocks whose rectangles do not overlap have boxes at least a gap apart.
//
// Blocks are numbered breadth-first, so the children of a block are the consecutive blocks
// first .. first+n-1 and every block comes after its parent: the passes are plain loops.
type block struct {
	w, h   float64 // extent: content plus SiblingGap across and LevelGap below
	anchor float64 // x of the node's vertical line, from the block's left edge
	y      float64 // top, from the top of the tree

	// The tidy-tree state, named as in van der Ploeg's paper. prelim is x relative to the
	// parent's frame before modifiers; mod moves the whole subtree; shift and change record
	// the spreading deferred to the second pass; el and er are the deepest leftmost and
	// rightmost blocks of the subtree, msel and mser the modifier sums to reach them; tl and
	// tr are the threads from a leaf to the next block of a contour; msum is the sum of mod
	// over the block and its ancestors, which turns prelim into an absolute x.
	prelim, mod, shift, change float64
	msel, mser, msum           float64
	el, er, tl, tr             int32

	parent   int32 // -1 for a root
	first, n int32 // children
	node     int32 // the node drawn in this block, or, for a stack, the stack's parent
	tree     int32 // index in Tree.Roots of the tree this block belongs to
	stack    bool
}

// layouter holds a layout in progress.
type layouter struct {
	nodes  []Node
	roots  []int
	cfg    config
	blocks []block
	owner  []int32   // for each node, the block its box is drawn in
	rx, ry []float64 // for each node, its box's offset from its block's top-left corner
	iyl    []iyl     // scratch for firstWalk
	lo     []float64 // for each tree, the x of its left edge in its own frame
	start  []float64 // for each tree, the x of its left edge in the drawing
}

func newLayouter(t Tree, cfg config) *layouter {
	n := len(t.Nodes)
	return &layouter{
		nodes: t.Nodes,
		roots: t.Roots,
		cfg:   cfg,
		// Assistants and stacked leaves share a block, so there are never more blocks
		// than nodes and the slice never moves while it is being filled.
		blocks: make([]block, 0, n),
		owner:  make([]int32, n),
		rx:     make([]float64, n),
		ry:     make([]float64, n),
	}
}

// build numbers the blocks breadth-first and gives each its shape and its y.
func (l *layouter) build() {
	for i, r := range l.roots {
		l.addNode(r, -1, int32(i), 0)
	}
	for v := 0; v < len(l.blocks); v++ {
		l.addChildren(int32(v))
	}
}

// addChildren adds the blocks below block v: one per report, or a single stack.
func (l *layouter) addChildren(v int32) {
	b := l.blocks[v]
	if b.stack {
		return
	}
	first := int32(len(l.blocks))
	y := b.y + b.h
	if l.stacks(b.node) {
		l.addBlock(block{node: b.node, parent: v, tree: b.tree, y: y, stack: true})
		l.shapeStack(first)
	} else {
		for _, c := range l.nodes[b.node].Children {
			if !l.assistant(c) {
				l.addNode(c, v, b.tree, y)
			}
		}
	}
	l.blocks[v].first = first
	l.blocks[v].n = int32(len(l.blocks)) - first
}

func (l *layouter) addNode(i int, parent, tree int32, y float64) {
	l.addBlock(block{node: int32(i), parent: parent, tree: tree, y: y})
	l.shapeNode(int32(len(l.blocks) - 1))
}

func (l *layouter) addBlock(b block) {
	b.tl, b.tr = -1, -1
	l.blocks = append(l.blocks, b)
}

// assistant reports whether child c is drawn as an assistant. One with children of its own is
// drawn as an ordinary child, because its children need the room below it.
func (l *layouter) assistant(c int) bool {
	n := &l.nodes[c]
	return n.Assistant && len(n.Children) == 0
}

// stacks reports whether node p's children are stacked: there are more than StackAfter of
// them (assistants aside) and none has children.
func (l *layouter) stacks(p int32) bool {
	if l.cfg.stackAfter < 0 {
		return false
	}
	k := 0
	for _, c := range l.nodes[p].Children {
		if l.assistant(c) {
			continue
		}
		if len(l.nodes[c].Children) > 0 {
			return false
		}
		k++
	}
	return k > l.cfg.stackAfter
}

// shapeNode sizes block v around its node and the node's assistants, and places them in it.
func (l *layouter) shapeNode(v int32) {
	b := &l.blocks[v]
	p := int(b.node)
	half := l.nodes[p].Width / 2
	left, right, bottom := l.placeAssistants(p, v)
	left, right = max(left, half), max(right, half)
	b.anchor = l.cfg.siblingGap/2 + left
	b.w = left + right + l.cfg.siblingGap
	b.h = bottom + l.cfg.levelGap
	l.owner[p], l.rx[p], l.ry[p] = v, b.anchor-half, 0
	// Assistants were placed relative to the line; now the line has its place.
	for _, c := range l.nodes[p].Children {
		if l.assistant(c) {
			l.rx[c] += b.anchor
		}
	}
}

// placeAssistants puts node p's assistants in rows below it, alternately right and left of
// its line, with x relative to the line. It returns how far they reach left and right of the
// line and the bottom of the last row (p's own bottom if it has no assistants).
func (l *layouter) placeAssistants(p int, v int32) (left, right, bottom float64) {
	bottom = l.nodes[p].Height
	top, k := 0.0, 0
	for _, c := range l.nodes[p].Children {
		if !l.assistant(c) {
			continue
		}
		a := &l.nodes[c]
		if k%2 == 0 { // a new row, starting on the right
			top = bottom + l.cfg.assistantGap
			l.rx[c] = l.cfg.stub
			right = max(right, l.cfg.stub+a.Width)
		} else {
			l.rx[c] = -l.cfg.stub - a.Width
			left = max(left, l.cfg.stub+a.Width)
		}
		l.owner[c], l.ry[c] = v, top
		bottom = max(bottom, top+a.Height)
		k++
	}
	return left, right, bottom
}

// shapeStack sizes stack block v and places its leaves in columns, filled one after another
// in the children's order. Each column hangs from a spine at its left, a stub's length from
// its boxes; the first spine is at the left edge of the block's content.
func (l *layouter) shapeStack(v int32) {
	b := &l.blocks[v]
	kids := l.nodes[b.node].Children
	rows := l.stackRows(kids)
	spine, colW, y, height := l.cfg.siblingGap/2, 0.0, 0.0, 0.0
	j := 0
	for _, c := range kids {
		if l.assistant(c) {
			continue
		}
		if j > 0 && j%rows == 0 {
			spine += l.cfg.stub + colW + l.cfg.siblingGap
			colW, y = 0, 0
		}
		n := &l.nodes[c]
		l.owner[c], l.rx[c], l.ry[c] = v, spine+l.cfg.stub, y
		height = max(height, y+n.Height)
		y += n.Height + l.cfg.stackGap
		colW = max(colW, n.Width)
		j++
	}
	content := spine + l.cfg.stub + colW - l.cfg.siblingGap/2
	b.w = content + l.cfg.siblingGap
	b.h = height + l.cfg.levelGap
	b.anchor = l.cfg.siblingGap/2 + content/2
}

// stackRows returns how many boxes go in each column of a stack of the leaves among kids.
// Without StackColumns it picks the number of columns that makes the stack about square,
// taking the widest box for the columns' width and the mean height for the rows' height.
func (l *layouter) stackRows(kids []int) int {
	k, widest, sumH := 0, 0.0, 0.0
	for _, c := range kids {
		if !l.assistant(c) {
			k++
			widest = max(widest, l.nodes[c].Width)
			sumH += l.nodes[c].Height
		}
	}
	cols := l.cfg.stackColumns
	if cols == 0 {
		rowH := sumH/float64(k) + l.cfg.stackGap
		colW := widest + l.cfg.stub + l.cfg.siblingGap
		cols = max(2, int(math.Round(math.Sqrt(float64(k)*rowH/colW))))
	}
	cols = min(cols, k)
	return (k + cols - 1) / cols
}

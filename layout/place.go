package layout

// place turns the blocks' positions into the nodes' boxes, each tree still in its own frame:
// packForest moves them into place.
func (l *layouter) place() []Box {
	boxes := make([]Box, len(l.nodes))
	for i, n := range l.nodes {
		b := &l.blocks[l.owner[i]]
		boxes[i] = Box{X: b.prelim + b.msum + l.rx[i], Y: b.y + l.ry[i], W: n.Width, H: n.Height}
	}
	return boxes
}

// packForest moves each tree so that its leftmost box or spine is TreeGap to the right of the
// rightmost box of the tree before it, and the first tree's leftmost box or spine is at x = 0;
// it returns the extent of the drawing and records where each tree starts. Trees are kept
// apart by their bounding boxes rather than their contours so that each reads as a column of
// its own. The spines of stacks, a stub's length left of their boxes, are the only lines that
// reach beyond the boxes.
func (l *layouter) packForest(boxes []Box) (width, height float64) {
	lo := make([]float64, len(l.roots))
	hi := make([]float64, len(l.roots))
	for t, r := range l.roots {
		lo[t], hi[t] = boxes[r].X, boxes[r].X
	}
	for i, b := range boxes {
		owner := &l.blocks[l.owner[i]]
		left := b.X
		if owner.stack {
			left = l.spine(i)
		}
		lo[owner.tree] = min(lo[owner.tree], left)
		hi[owner.tree] = max(hi[owner.tree], b.X+b.W)
	}
	l.lo, l.start = lo, make([]float64, len(l.roots))
	for t := 1; t < len(l.roots); t++ {
		l.start[t] = l.start[t-1] + (hi[t-1] - lo[t-1]) + l.cfg.treeGap
	}
	for i := range boxes {
		b := &boxes[i]
		b.X = l.move(i, b.X)
		width, height = max(width, b.X+b.W), max(height, b.Y+b.H)
	}
	return width, height
}

// move moves x, a coordinate of node i's tree in its own frame, into the drawing.
// Subtracting lo first keeps every x at or above its tree's start, and exactly at the start
// for the leftmost: x-lo is never negative, and zero when x is lo.
func (l *layouter) move(i int, x float64) float64 {
	t := l.blocks[l.owner[i]].tree
	return x - l.lo[t] + l.start[t]
}

// spine returns the x of the spine of stacked node i's column, in its tree's own frame. It is
// worked out from the blocks, not the moved boxes, so that packForest and the connectors
// agree on it to the last bit.
func (l *layouter) spine(i int) float64 {
	b := &l.blocks[l.owner[i]]
	return b.prelim + b.msum + l.rx[i] - l.cfg.stub
}

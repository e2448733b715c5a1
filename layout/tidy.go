package layout

// This file is van der Ploeg's algorithm (see the package documentation) over the blocks. The
// names follow his paper so that the two can be read side by side. The differences: loops over
// the breadth-first numbering replace the recursion; a parent is centred on its children's
// lines (anchor) rather than on their outer edges, because the connectors hang from the
// lines; and closeUp starts each subtree beside its neighbour, as Walker does.

// iyl is an entry of the paper's "index of the lowest y" list: for the left siblings seen so
// far, which one owns the right contour down to which depth. The list is kept as a stack,
// the head of the paper's list on top.
type iyl struct {
	lowY  float64
	index int32
}

// firstWalk runs the paper's first walk: children before parents, which the numbering gives
// by counting down.
func (l *layouter) firstWalk() {
	for v := len(l.blocks) - 1; v >= 0; v-- {
		l.placeChildren(int32(v))
	}
}

// placeChildren packs the subtrees below block v side by side, left to right, and centres v
// over them. Its children's subtrees have already been laid out.
func (l *layouter) placeChildren(v int32) {
	b := &l.blocks[v]
	if b.n == 0 {
		b.el, b.er = v, v
		return
	}
	l.iyl = append(l.iyl[:0], iyl{lowY: l.bottom(l.blocks[b.first].el), index: 0})
	for i := int32(1); i < b.n; i++ {
		// The lowest point of the subtree, read before separate may repoint its extremes.
		low := l.bottom(l.blocks[b.first+i].er)
		l.closeUp(v, i)
		l.separate(v, i)
		l.updateIYL(low, i)
	}
	l.positionRoot(v)
	l.setExtremes(v)
}

func (l *layouter) bottom(v int32) float64 {
	return l.blocks[v].y + l.blocks[v].h
}

// updateIYL drops the siblings that child i hides (those not reaching below low) and pushes i.
func (l *layouter) updateIYL(low float64, i int32) {
	s := l.iyl
	for len(s) > 0 && low >= s[len(s)-1].lowY {
		s = s[:len(s)-1]
	}
	l.iyl = append(s, iyl{lowY: low, index: i})
}

// closeUp moves child i of block v, left or right, so that its block is SiblingGap from its
// left neighbour's. Walker starts each subtree so and lets the contour walk push it further;
// the paper's code starts it wherever its own frame puts it and only ever pushes, which
// leaves slack, and breaks mirror symmetry, when the top of a subtree stands right of its
// frame's origin (a parent centred over children that reach further left than it does).
func (l *layouter) closeUp(v, i int32) {
	prev, c := &l.blocks[l.blocks[v].first+i-1], &l.blocks[l.blocks[v].first+i]
	l.moveSubtree(v, i, i-1, (prev.mod+prev.prelim+prev.w)-(c.mod+c.prelim))
}

// separate moves child i of block v right until its subtree clears its left siblings' by
// walking down both contours together, then threads the shorter contour onto the longer.
func (l *layouter) separate(v, i int32) {
	bs := l.blocks
	sr, cl := bs[v].first+i-1, bs[v].first+i // right contour of the siblings, left of child i
	mssr, mscl := bs[sr].mod, bs[cl].mod     // their modifier sums
	k := len(l.iyl) - 1                      // the sibling that owns sr
	for sr >= 0 && cl >= 0 {
		sy, cy := l.bottom(sr), l.bottom(cl)
		for k > 0 && sy > l.iyl[k].lowY {
			k--
		}
		if dist := (mssr + bs[sr].prelim + bs[sr].w) - (mscl + bs[cl].prelim); dist > 0 {
			mscl += dist
			l.moveSubtree(v, i, l.iyl[k].index, dist)
		}
		if sy <= cy {
			if sr = l.nextRight(sr); sr >= 0 {
				mssr += bs[sr].mod
			}
		}
		if sy >= cy {
			if cl = l.nextLeft(cl); cl >= 0 {
				mscl += bs[cl].mod
			}
		}
	}
	if sr < 0 && cl >= 0 {
		l.setLeftThread(v, i, cl, mscl)
	} else if sr >= 0 && cl < 0 {
		l.setRightThread(v, i, sr, mssr)
	}
}

func (l *layouter) nextLeft(v int32) int32 {
	if b := &l.blocks[v]; b.n > 0 {
		return b.first
	}
	return l.blocks[v].tl
}

func (l *layouter) nextRight(v int32) int32 {
	if b := &l.blocks[v]; b.n > 0 {
		return b.first + b.n - 1
	}
	return l.blocks[v].tr
}

// moveSubtree moves child i of block v right by dist, and asks the second walk to spread the
// children between it and child si, the sibling it collided with, evenly over that distance.
func (l *layouter) moveSubtree(v, i, si int32, dist float64) {
	first := l.blocks[v].first
	c := &l.blocks[first+i]
	c.mod += dist
	c.msel += dist
	c.mser += dist
	if si != i-1 {
		nr := float64(i - si)
		l.blocks[first+si+1].shift += dist / nr
		c.shift -= dist / nr
		c.change -= dist - dist/nr
	}
}

// setLeftThread continues the left contour of children 0..i-1, which ends above that of child
// i, into child i's contour at cl, whose modifier sum is mscl.
func (l *layouter) setLeftThread(v, i, cl int32, mscl float64) {
	first := l.blocks[v].first
	c0, ci := &l.blocks[first], &l.blocks[first+i]
	li := &l.blocks[c0.el]
	li.tl = cl
	// Make the sum of modifiers along the thread come out right without moving li.
	diff := (mscl - l.blocks[cl].mod) - c0.msel
	li.mod += diff
	li.prelim -= diff
	c0.el, c0.msel = ci.el, ci.msel
}

// setRightThread is setLeftThread's mirror: child i's right contour ends above its left
// siblings', and continues into theirs at sr.
func (l *layouter) setRightThread(v, i, sr int32, mssr float64) {
	first := l.blocks[v].first
	prev, ci := &l.blocks[first+i-1], &l.blocks[first+i]
	ri := &l.blocks[ci.er]
	ri.tr = sr
	diff := (mssr - l.blocks[sr].mod) - ci.mser
	ri.mod += diff
	ri.prelim -= diff
	ci.er, ci.mser = prev.er, prev.mser
}

// positionRoot centres block v's line between the lines of its first and last children.
func (l *layouter) positionRoot(v int32) {
	b := &l.blocks[v]
	c0, cn := &l.blocks[b.first], &l.blocks[b.first+b.n-1]
	b.prelim = (c0.prelim+c0.mod+c0.anchor+cn.prelim+cn.mod+cn.anchor)/2 - b.anchor
}

func (l *layouter) setExtremes(v int32) {
	b := &l.blocks[v]
	c0, cn := &l.blocks[b.first], &l.blocks[b.first+b.n-1]
	b.el, b.msel = c0.el, c0.msel
	b.er, b.mser = cn.er, cn.mser
}

// secondWalk runs the paper's second walk: parents before children, which the numbering gives
// by counting up. It sums the modifiers down each path, so that a block's absolute x is
// prelim+msum, and applies the spreading that moveSubtree deferred.
func (l *layouter) secondWalk() {
	for v := range l.blocks {
		b := &l.blocks[v]
		b.msum = b.mod
		if b.parent >= 0 {
			b.msum += l.blocks[b.parent].msum
		}
		l.addChildSpacing(b)
	}
}

// addChildSpacing turns the shift and change of b's children into modifiers.
func (l *layouter) addChildSpacing(b *block) {
	d, delta := 0.0, 0.0
	for c := b.first; c < b.first+b.n; c++ {
		d += l.blocks[c].shift
		delta += d + l.blocks[c].change
		l.blocks[c].mod += delta
	}
}

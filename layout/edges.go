package layout

// edges returns the connector of every node that has a parent, in node order. The points of
// all connectors share one array, allocated once.
func (l *layouter) edges(boxes []Box, parent []int32) []Edge {
	n := len(l.nodes) - len(l.roots)
	edges := make([]Edge, 0, n)
	pts := make([]Point, 0, 5*n) // no connector has more than five points
	for c, p := range parent {
		if p < 0 {
			continue
		}
		start := len(pts)
		pts = l.connector(pts, boxes, int(p), c)
		edges = append(edges, Edge{Parent: int(p), Child: c, Points: pts[start:len(pts):len(pts)]})
	}
	return edges
}

// connector appends the points of the line from parent p down to child c.
func (l *layouter) connector(pts []Point, boxes []Box, p, c int) []Point {
	pb, cb := boxes[p], boxes[c]
	x, mid := pb.X+pb.W/2, cb.Y+cb.H/2
	top := Point{x, pb.Y + pb.H}
	switch owner := &l.blocks[l.owner[c]]; {
	case l.assistant(c):
		side := cb.X // the side that faces the line
		if side < x {
			side = cb.X + cb.W
		}
		return appendPath(pts, top, Point{x, mid}, Point{side, mid})
	case owner.stack:
		bar := owner.y - l.cfg.levelGap/2
		spine := l.move(c, l.spine(c))
		return appendPath(pts, top, Point{x, bar}, Point{spine, bar}, Point{spine, mid}, Point{cb.X, mid})
	default:
		bar, cx := cb.Y-l.cfg.levelGap/2, cb.X+cb.W/2
		return appendPath(pts, top, Point{x, bar}, Point{cx, bar}, Point{cx, cb.Y})
	}
}

// appendPath appends ps to pts, leaving out a point equal to the one before it: the elbow of
// a child straight below its parent has no width.
func appendPath(pts []Point, ps ...Point) []Point {
	pts = append(pts, ps[0])
	for i := 1; i < len(ps); i++ {
		if ps[i] != ps[i-1] {
			pts = append(pts, ps[i])
		}
	}
	return pts
}

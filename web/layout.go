package web

import (
	"fmt"
	"math"

	"github.com/orgledger/orgledger/layout"
)

// The boxes of the chart, in CSS pixels at zoom 1: every box has the same size, so the chart
// reads as a grid and the page can draw a box without measuring its text (a long title is
// cut short on the box and whole in its label and the side panel). The gaps leave room for
// the expand button under a box.
const (
	boxW, boxH = 256, 104
	siblingGap = 24
	levelGap   = 56
)

// Edge kinds, as the page draws them: the elbow from a parent to a report below it, the stub
// to an assistant beside the parent's line, and the spine of a stacked column of reports.
const (
	edgeReport    = 0
	edgeAssistant = 1
	edgeStacked   = 2
)

// placed is a chart laid out for one view: every node's box, or -1 for a node inside a
// collapsed subtree, and the kind of the connector into it.
type placed struct {
	Depth  int     `json:"depth"` // the levels opened, -1 for all
	Width  int     `json:"width"`
	Height int     `json:"height"`
	BoxW   int     `json:"box_w"`
	BoxH   int     `json:"box_h"`
	Gap    int     `json:"level_gap"`
	Stub   int     `json:"stub"`
	Shown  int     `json:"shown"`
	X      []int32 `json:"x"`
	Y      []int32 `json:"y"`
	Edge   []int8  `json:"edge"`
}

// place lays out the nodes the view shows: a node is shown when every position above it is
// open, and a position is open when it is above the view's depth, unless the view toggles it.
func (t *tree) place(v viewParams) (*placed, error) {
	depth := v.depth
	if !v.given {
		depth = t.defaultDepth()
	}
	toggled := make(map[int32]bool, len(v.toggle))
	for _, id := range v.toggle {
		if i, ok := t.indexOf(id); ok {
			toggled[i] = true
		}
	}
	n := len(t.ids)
	at := make([]int32, n) // the node's index in the layout tree, or -1 when hidden
	var order []int32
	for i := range n {
		at[i] = -1
		if p := t.parent[i]; p < 0 || (at[p] >= 0 && t.open(p, depth, toggled)) {
			at[i] = int32(len(order))
			order = append(order, int32(i))
		}
	}
	res, err := layout.Layout(t.layoutTree(order, at), layout.Options{SiblingGap: siblingGap, LevelGap: levelGap})
	if err != nil {
		return nil, fmt.Errorf("laying out the chart: %w", err)
	}
	return t.placedOf(res, order, depth), nil
}

// open reports whether node i's reports are shown.
func (t *tree) open(i int32, depth int, toggled map[int32]bool) bool {
	return (depth < 0 || int(t.level[i]) < depth) != toggled[i]
}

// layoutTree is the shown nodes as package layout takes them.
func (t *tree) layoutTree(order, at []int32) layout.Tree {
	lt := layout.Tree{Nodes: make([]layout.Node, len(order))}
	for k, i := range order {
		nd := &lt.Nodes[k]
		nd.Width, nd.Height, nd.Assistant = boxW, boxH, t.assistant[i]
		if t.parent[i] < 0 {
			lt.Roots = append(lt.Roots, k)
		}
		for _, c := range t.children(i) {
			if at[c] >= 0 {
				nd.Children = append(nd.Children, int(at[c]))
			}
		}
	}
	return lt
}

// placedOf turns a layout of the shown nodes into boxes for every node of the chart.
func (t *tree) placedOf(res layout.Result, order []int32, depth int) *placed {
	n := len(t.ids)
	p := &placed{Depth: depth, Width: int(math.Ceil(res.Width)), Height: int(math.Ceil(res.Height)), BoxW: boxW, BoxH: boxH,
		Gap: levelGap, Stub: siblingGap / 2, Shown: len(order), X: make([]int32, n), Y: make([]int32, n), Edge: make([]int8, n)}
	for i := range n {
		p.X[i], p.Y[i] = -1, -1
	}
	for k, i := range order {
		b := res.Boxes[k]
		p.X[i], p.Y[i] = int32(math.Round(b.X)), int32(math.Round(b.Y))
	}
	for _, e := range res.Edges {
		p.Edge[order[e.Child]] = edgeKind(e, res.Boxes[e.Child])
	}
	return p
}

// edgeKind tells the shape of a connector from its last point: an elbow ends on the top of
// the box; an assistant's stub and a stacked report's end on its side, and only a stacked
// report's line runs down a spine first (more than three points).
func edgeKind(e layout.Edge, b layout.Box) int8 {
	last := e.Points[len(e.Points)-1]
	switch {
	case last.Y == b.Y:
		return edgeReport
	case len(e.Points) <= 3:
		return edgeAssistant
	}
	return edgeStacked
}

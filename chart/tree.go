package chart

import "github.com/orgledger/orgledger"

// tree indexes chart nodes by id and by parent. A node whose parent is not among the nodes is
// a root, as the top of a chart drawn from --root is.
type tree struct {
	nodes    []orgledger.ChartNode
	index    map[string]int   // a node's id to its place in nodes
	children map[string][]int // a node's id to its children's places, in the order given
	roots    []int
}

func newTree(nodes []orgledger.ChartNode) *tree {
	t := &tree{nodes: nodes, index: make(map[string]int, len(nodes)), children: make(map[string][]int)}
	for i, n := range nodes {
		if _, dup := t.index[n.ID]; !dup {
			t.index[n.ID] = i
		}
	}
	for i, n := range nodes {
		if n.ParentID == nil || !t.has(*n.ParentID) {
			t.roots = append(t.roots, i)
		} else {
			t.children[*n.ParentID] = append(t.children[*n.ParentID], i)
		}
	}
	return t
}

// has reports whether id is one of the nodes.
func (t *tree) has(id string) bool {
	_, ok := t.index[id]
	return ok
}

// parent returns the place of node i's parent, or false at a root.
func (t *tree) parent(i int) (int, bool) {
	p := t.nodes[i].ParentID
	if p == nil {
		return 0, false
	}
	j, ok := t.index[*p]
	return j, ok
}

// dotted returns the places of the nodes that node i has a dotted line to, skipping those
// that are not in the chart.
func (t *tree) dotted(i int) []int {
	var out []int
	for _, id := range t.nodes[i].Dotted {
		if j, ok := t.index[id]; ok {
			out = append(out, j)
		}
	}
	return out
}

// isAssistant reports whether n assists the position it reports to.
func isAssistant(n orgledger.ChartNode) bool {
	return n.Kind == orgledger.KindAssistant
}

// units returns the units of the nodes in the order they first appear, each with the places
// of its nodes. Nodes with no unit are left out.
func units(nodes []orgledger.ChartNode) ([]orgledger.Ref, map[string][]int) {
	var order []orgledger.Ref
	members := make(map[string][]int)
	for i, n := range nodes {
		if n.Unit.ID == "" {
			continue
		}
		if _, ok := members[n.Unit.ID]; !ok {
			order = append(order, n.Unit)
		}
		members[n.Unit.ID] = append(members[n.Unit.ID], i)
	}
	return order, members
}

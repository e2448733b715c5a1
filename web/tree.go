package web

import (
	"sync"

	"github.com/orgledger/orgledger"
)

// tree is the shape of a chart, as the layout needs it: nodes by index, each with its id,
// parent, children and level; not the nodes themselves, which the cache would keep alive for
// nothing once their labels are encoded. The ledger sends a chart in depth-first order, so a
// parent always comes before its children. Nothing changes a tree once it is built.
type tree struct {
	ids       []string
	assistant []bool
	parent    []int32 // -1 at a root
	level     []int32 // 0 at a root
	first     []int32 // children of i are kids[first[i]:first[i+1]], in chart order
	kids      []int32
	roots     []int32
	maxLevel  int32

	indexOnce sync.Once
	index     map[string]int32 // built on first use: most charts only need it for a few ids
}

func newTree(nodes []orgledger.ChartNode) *tree {
	n := len(nodes)
	t := &tree{ids: make([]string, n), assistant: make([]bool, n), parent: make([]int32, n), level: make([]int32, n)}
	count := make([]int32, n+1)
	var path []int32 // the positions above the one being read, the nearest last
	for i, nd := range nodes {
		t.ids[i], t.assistant[i] = nd.ID, nd.Kind == "assistant"
		p := t.parentOf(nd, path)
		t.parent[i] = p
		if p < 0 {
			t.roots = append(t.roots, int32(i))
			path = path[:0]
		} else {
			t.level[i] = t.level[p] + 1
			t.maxLevel = max(t.maxLevel, t.level[i])
			count[p+1]++
			for path[len(path)-1] != p {
				path = path[:len(path)-1]
			}
		}
		path = append(path, int32(i))
	}
	t.link(count)
	return t
}

// link lists every node's children, given how many each has (at its index plus one).
func (t *tree) link(count []int32) {
	n := len(t.ids)
	t.first = count
	for i := 1; i <= n; i++ {
		t.first[i] += t.first[i-1]
	}
	t.kids = make([]int32, t.first[n])
	next := append([]int32(nil), t.first[:n]...)
	for i, p := range t.parent {
		if p >= 0 {
			t.kids[next[p]] = int32(i)
			next[p]++
		}
	}
}

// parentOf finds a node's parent on the path above it, which is where depth-first order puts
// it, comparing ids rather than hashing them; -1 for a root, or for a parent outside the chart.
func (t *tree) parentOf(nd orgledger.ChartNode, path []int32) int32 {
	if nd.ParentID == nil {
		return -1
	}
	for k := len(path) - 1; k >= 0; k-- {
		if t.ids[path[k]] == *nd.ParentID {
			return path[k]
		}
	}
	return -1
}

// indexOf returns the node of a position id.
func (t *tree) indexOf(id string) (int32, bool) {
	t.indexOnce.Do(func() {
		t.index = make(map[string]int32, len(t.ids))
		for i, id := range t.ids {
			t.index[id] = int32(i)
		}
	})
	i, ok := t.index[id]
	return i, ok
}

// children returns the children of node i.
func (t *tree) children(i int32) []int32 { return t.kids[t.first[i]:t.first[i+1]] }

// defaultDepth is the number of levels opened when a view names none: all of a chart that
// fits on a few screens, and otherwise the most levels that together hold at most
// defaultShown positions, at least one below the roots. A link without a depth opens the same
// levels for everyone who follows it, since the chart on its date is the same.
func (t *tree) defaultDepth() int {
	if len(t.ids) <= defaultShown {
		return -1
	}
	perLevel := make([]int, t.maxLevel+1)
	for _, l := range t.level {
		perLevel[l]++
	}
	shown, depth := perLevel[0], 0
	for depth+1 < len(perLevel) && shown+perLevel[depth+1] <= defaultShown {
		depth++
		shown += perLevel[depth]
	}
	return max(depth, 1)
}

// defaultShown is the most positions a view opens by default.
const defaultShown = 1500

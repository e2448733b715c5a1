package ledger

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/orgledger/orgledger"
)

// subtreeNodes returns what chartNodes returns, built in two passes instead of one: first the
// positions of the chart with what it sorts them by (looked up once per position, not once per
// comparison), then the nodes, into one slice sized once, their holders into one shared array.
// It is how Chart answers for a root; chartNodes stays the plain statement of the same thing,
// and the tests hold the two to each other.
func subtreeNodes(v view, roots []int32, depth int) []orgledger.ChartNode {
	if len(roots) == 1 && depth != 0 && runtime.GOMAXPROCS(0) > 1 {
		return parallelSubtree(v, roots[0], depth)
	}
	t := subtree{v: v}
	t.collect(roots, 0, depth)
	return t.nodes()
}

// parallelSubtree charts the tree under one root with the subtrees of the root's children
// collected on every core, then grafted under the root in order. A subtree of a thousand
// positions spends its time waiting for memory; two cores wait for twice as much at once.
func parallelSubtree(v view, root int32, depth int) []orgledger.ChartNode {
	t := subtree{v: v}
	t.items = append(t.items, t.item(root, -1))
	kids := t.children(root, nil)
	subs := make([]subtree, len(kids))
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(kids)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(kids); i = int(next.Add(1)) - 1 {
				subs[i].v = v
				subs[i].collect([]int32{kids[i].p}, 1, depth)
			}
		})
	}
	wg.Wait()
	for i := range subs {
		t.graft(&subs[i])
	}
	return t.nodes()
}

// graft adds the items of a subtree collected on its own under the first item.
func (t *subtree) graft(s *subtree) {
	at, held := int32(len(t.items)), int32(len(t.holders))
	for _, it := range s.items {
		if it.parent < 0 {
			it.parent = 0
		} else {
			it.parent += at
		}
		it.holders += held
		t.items = append(t.items, it)
	}
	t.holders = append(t.holders, s.holders...)
}

// subtree is a chart being built from its roots.
type subtree struct {
	v       view
	items   []subItem // in chart order
	holders []holding // every node's holders, in chart order
	units   map[int32]orgledger.Ref
}

// subItem is a position of the chart.
type subItem struct {
	p, parent   int32 // parent: the index of the parent's item, -1 at a root
	title, kind int32
	holders     int32 // where its holders end in subtree.holders
}

// collect walks the tree depth first from the roots (at the given level), children in chart
// order, each position once, as chartNodes does.
func (t *subtree) collect(roots []int32, level, depth int) {
	items := make([]subItem, len(roots))
	for i, r := range roots {
		items[i] = t.position(r)
	}
	depthFirst(items, level, depth, -1, func(it subItem) int32 { return it.p },
		func(it subItem, parent int32) int32 {
			t.items = append(t.items, t.placed(it, parent))
			return int32(len(t.items) - 1)
		},
		func(it subItem, out []subItem) []subItem { return t.children(it.p, out) })
}

// item looks up what the chart needs of position p, and its holders.
func (t *subtree) item(p, parent int32) subItem { return t.placed(t.position(p), parent) }

// position returns position p with its title and kind, as children lists it.
func (t *subtree) position(p int32) subItem {
	rec := t.v.s.position(p)
	it := subItem{p: p}
	it.title, _ = t.v.val(rec.title)
	it.kind, _ = t.v.val(rec.kind)
	return it
}

// placed returns the item of a position children (or position) listed, under parent, with
// its holders added: the title and kind are not looked up again.
func (t *subtree) placed(it subItem, parent int32) subItem {
	it.parent = parent
	for _, h := range t.v.s.position(it.p).holders {
		if st, ok := t.v.val(h.tl); ok && st != notHeld && t.v.active(h.person) {
			t.holders = append(t.holders, holding{h.person, it.p, st == acting})
		}
	}
	it.holders = int32(len(t.holders))
	return it
}

// children returns the open positions reporting to p, in chart order: assistants first, then
// by title, then by id.
func (t *subtree) children(p int32, out []subItem) []subItem {
	v := t.v
	for _, c := range v.s.position(p).reports {
		if v.posOpen(c) && v.reportsTo(c) == p {
			out = append(out, t.position(c))
		}
	}
	slices.SortFunc(out, t.compare)
	return out
}

func (t *subtree) compare(a, b subItem) int {
	s := t.v.s
	if a.kind != b.kind {
		if c := strings.Compare(s.str(b.kind), s.str(a.kind)); c != 0 {
			return c
		}
	}
	if a.title != b.title {
		if c := strings.Compare(s.str(a.title), s.str(b.title)); c != 0 {
			return c
		}
	}
	return strings.Compare(s.position(a.p).id, s.position(b.p).id)
}

// nodes builds the chart nodes of the collected items, on every core for a large chart.
func (t *subtree) nodes() []orgledger.ChartNode {
	out := make([]orgledger.ChartNode, len(t.items))
	all := make([]orgledger.Holder, len(t.holders))
	if len(t.items) < 512 {
		t.fill(out, all, 0, len(t.items))
		return out
	}
	var wg sync.WaitGroup
	k := runtime.GOMAXPROCS(0)
	for i := range k {
		part := subtree{v: t.v, items: t.items, holders: t.holders}
		wg.Go(func() { part.fill(out, all, len(out)*i/k, len(out)*(i+1)/k) })
	}
	wg.Wait()
	return out
}

// fill builds nodes lo to hi; their holders go to all.
func (t *subtree) fill(out []orgledger.ChartNode, all []orgledger.Holder, lo, hi int) {
	v := t.v
	from := int32(0)
	if lo > 0 {
		from = t.items[lo-1].holders
	}
	for i := lo; i < hi; i++ {
		it := t.items[i]
		rec := v.s.position(it.p)
		n := &out[i]
		n.ID, n.Title, n.Kind, n.Unit = rec.id, v.s.str(it.title), v.s.str(it.kind), t.unitRef(v.unitOf(it.p))
		if it.parent >= 0 {
			n.ParentID = &out[it.parent].ID
		}
		n.Holders = all[from:from:it.holders]
		for _, h := range t.holders[from:it.holders] {
			n.Holders = append(n.Holders, holderOf(v, h))
		}
		if len(n.Holders) > 1 {
			slices.SortFunc(n.Holders, func(a, b orgledger.Holder) int { return cmp.Compare(a.ID, b.ID) })
		}
		from = it.holders
		n.Vacant, n.Dotted = len(n.Holders) == 0, []string{}
		if len(rec.dotted) > 0 {
			for _, d := range v.dottedTo(it.p) {
				n.Dotted = append(n.Dotted, v.s.position(d).id)
			}
			slices.Sort(n.Dotted)
		}
	}
}

// unitRef returns unitRef(v, u), once per unit.
func (t *subtree) unitRef(u int32) orgledger.Ref {
	r, ok := t.units[u]
	if !ok {
		if t.units == nil {
			t.units = make(map[int32]orgledger.Ref)
		}
		r = unitRef(t.v, u)
		t.units[u] = r
	}
	return r
}

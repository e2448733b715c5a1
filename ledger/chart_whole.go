package ledger

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// wholeChart returns what chartNodes returns from every root of the org (the open positions
// that report to no one), built from a frame: the tree as arrays, each sibling group sorted
// once, the nodes filled in position order (so that records are read in the order they lie
// in memory) on every core. The property test checks it against the model as it checks the
// chart, and chart_test.go against chartNodes.
func wholeChart(v view, depth int) []orgledger.ChartNode {
	f := newFrame(v)
	roots, start, kids := f.tree(f.ranks())
	at, parent := preorder(f.sc, roots, start, kids, depth)
	out := f.chartNodes(at, parent)
	f.done()
	return out
}

// tree returns the roots and, for each position p, its open children as kids[start[p]:start[p+1]],
// each group in chart order (see sortKey). The children are grouped by parent with a counting
// sort on every core (at most maxCountParts): each counts the children in its range of
// positions, and places them from where the ranges before it end.
func (f *frame) tree(rank []int32) (roots, start, kids []int32) {
	n, sc := len(f.pos), f.sc
	sc.counts = reused(sc.counts, min(parts(n), maxCountParts))
	next := sc.counts // per range, the next free slot of each parent's group
	rootKeys := make([][]uint64, len(next))
	inParts(n, len(next), func(part, lo, hi int) {
		count := zeroed(next[part], n)
		for _, x := range f.pos[lo:hi] {
			if x.open && x.reportsTo != none {
				count[x.reportsTo]++
			}
		}
		next[part] = count
	})
	start = reused(sc.start, n+1)
	start[0] = 0
	for p := range n {
		at := start[p]
		for _, count := range next {
			at, count[p] = at+count[p], at
		}
		start[p+1] = at
	}
	keys := reused(sc.keys, int(start[n]))
	inParts(n, len(next), func(part, lo, hi int) {
		slot := next[part]
		for p := lo; p < hi; p++ {
			switch x := &f.pos[p]; {
			case x.open && x.reportsTo != none:
				keys[slot[x.reportsTo]] = f.sortKey(int32(p), rank)
				slot[x.reportsTo]++
			case x.open:
				rootKeys[part] = append(rootKeys[part], f.sortKey(int32(p), rank))
			}
		}
	})
	all := slices.Concat(rootKeys...)
	roots = f.sortGroup(all, make([]int32, len(all)))
	kids = reused(sc.kids, len(keys))
	parallel(n, func(_, lo, hi int) {
		for p := lo; p < hi; p++ {
			f.sortGroup(keys[start[p]:start[p+1]], kids[start[p]:start[p+1]])
		}
	})
	sc.start, sc.keys, sc.kids = start, keys, kids
	return roots, start, kids
}

// maxCountParts bounds the ranges tree counts children in: each has a count for every position,
// and adding them up is one pass over them all.
const maxCountParts = 8

// ranks numbers the strings that are titles and kinds of open positions in their sort order,
// by string number, so that sorting compares numbers. Each range of positions marks the
// strings it uses in a set of its own.
func (f *frame) ranks() []int32 {
	nstr := f.v.s.countStrs()
	sets := make([][]uint64, parts(len(f.pos)))
	parallel(len(f.pos), func(part, lo, hi int) {
		set := make([]uint64, (nstr+63)/64)
		for _, x := range f.pos[lo:hi] {
			if x.open {
				set[x.title/64] |= 1 << (x.title % 64)
				set[x.kind/64] |= 1 << (x.kind % 64)
			}
		}
		sets[part] = set
	})
	var used []int32
	for w := range sets[0] {
		word := uint64(0)
		for _, set := range sets {
			word |= set[w]
		}
		for ; word != 0; word &= word - 1 {
			used = append(used, int32(w*64+bits.TrailingZeros64(word)))
		}
	}
	slices.SortFunc(used, func(a, b int32) int { return strings.Compare(f.v.s.str(a), f.v.s.str(b)) })
	rank := make([]int32, nstr)
	for r, i := range used {
		rank[i] = int32(r)
	}
	return rank
}

// sortKey packs what the chart orders siblings by, as sortPositions does (assistants first,
// then by title, then by id), into a number: the kind's rank, reversed, in the top 8 bits, the
// title's rank in the next 24 and the position's number in the low 32. Numbers stand in for ids
// where the positions' ids rise with their numbers, as they do in most ledgers (see
// index.idsInOrder); elsewhere sortGroup orders positions of the same kind and title by id.
func (f *frame) sortKey(p int32, rank []int32) uint64 {
	x := &f.pos[p]
	return uint64(255-min(rank[x.kind], 255))<<56 | uint64(min(rank[x.title], 1<<24-1))<<32 | uint64(uint32(p))
}

// sortGroup sorts a group of sibling keys and writes their positions to out, in order.
func (f *frame) sortGroup(keys []uint64, out []int32) []int32 {
	slices.Sort(keys)
	for i, k := range keys {
		out[i] = int32(uint32(k))
	}
	if len(out) > 1 && !f.byNumber {
		byID := func(a, b int32) int { return strings.Compare(f.v.s.position(a).id, f.v.s.position(b).id) }
		for i := 0; i < len(keys); {
			j := i + 1
			for j < len(keys) && keys[j]>>32 == keys[i]>>32 {
				j++
			}
			slices.SortFunc(out[i:j], byID)
			i = j
		}
	}
	return out
}

// preorder numbers the positions depth first from the roots, down to depth levels below them
// (all when depth is negative): at[p] is p's place in the chart, -1 when it is not in it, and
// parent[i] the place of the parent of the i-th node, -1 at a root. Its arrays are sc's.
func preorder(sc *frameScratch, roots, start, kids []int32, depth int) (at, parent []int32) {
	type item struct{ p, parent, level int32 }
	at = reused(sc.at, len(start)-1)
	for i := range at {
		at[i] = -1
	}
	parent = reused(sc.parent, len(roots)+len(kids))[:0] // the chart holds at most every open position
	stack := make([]item, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, item{roots[i], -1, 0})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		at[it.p] = int32(len(parent))
		parent = append(parent, it.parent)
		if depth >= 0 && int(it.level) >= depth {
			continue
		}
		ks := kids[start[it.p]:start[it.p+1]]
		for i := len(ks) - 1; i >= 0; i-- {
			stack = append(stack, item{ks[i], at[it.p], it.level + 1})
		}
	}
	sc.at, sc.parent = at, parent
	return at, parent
}

// chartNodes fills the nodes, each at its place in the chart, going through the positions in
// record order on every core. Each range of positions puts its holders in one run of a shared
// array, after the runs of the ranges before it.
func (f *frame) chartNodes(at, parent []int32) []orgledger.ChartNode {
	out := make([]orgledger.ChartNode, len(parent))
	first := make([]int, parts(len(f.pos))+1) // where each range's holders start
	parallel(len(f.pos), func(part, lo, hi int) {
		n := 0
		for p := lo; p < hi; p++ {
			if at[p] >= 0 {
				n += f.holderCount(int32(p))
			}
		}
		first[part+1] = n
	})
	for i := range len(first) - 1 {
		first[i+1] += first[i]
	}
	holders := make([]orgledger.Holder, first[len(first)-1])
	units := f.unitRefs()
	parallel(len(f.pos), func(part, lo, hi int) {
		next := first[part]
		for p := lo; p < hi; p++ {
			i := at[p]
			if i < 0 {
				continue
			}
			var up *string
			if parent[i] >= 0 {
				up = &out[parent[i]].ID
			}
			c := f.holderCount(int32(p))
			out[i] = f.chartNode(int32(p), up, units, holders[next:next:next+c])
			next += c
		}
	})
	return out
}

// chartNode is chartNode of the view, from the frame; hs is where its holders go.
func (f *frame) chartNode(p int32, parent *string, units []orgledger.Ref, hs []orgledger.Holder) orgledger.ChartNode {
	v, x := f.v, &f.pos[p]
	rec := v.s.position(p)
	n := orgledger.ChartNode{ID: rec.id, ParentID: parent, Title: v.s.str(x.title), Kind: v.s.str(x.kind),
		Holders: hs, Dotted: []string{}}
	if x.unit != none {
		n.Unit = units[x.unit]
	}
	if x.holder != none && !shared(f, p) {
		n.Holders = append(n.Holders, holderOf(v, holding{x.holder, p, x.acting}))
	} else {
		for _, h := range f.holders(p) {
			n.Holders = append(n.Holders, holderOf(v, h))
		}
		slices.SortFunc(n.Holders, func(a, b orgledger.Holder) int { return cmp.Compare(a.ID, b.ID) })
	}
	n.Vacant = len(n.Holders) == 0
	if len(rec.dotted) > 0 {
		for _, d := range v.dottedTo(p) {
			n.Dotted = append(n.Dotted, v.s.position(d).id)
		}
		slices.Sort(n.Dotted)
	}
	return n
}

// unitRefs returns the id and name of every unit.
func (f *frame) unitRefs() []orgledger.Ref {
	out := make([]orgledger.Ref, f.v.s.countUnits())
	parallel(len(out), func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			out[u] = unitRef(f.v, int32(u))
		}
	})
	return out
}

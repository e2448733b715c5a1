package ledger

import (
	"cmp"
	"slices"

	"github.com/orgledger/orgledger"
)

// ChartOptions choose the part of the chart to draw.
type ChartOptions struct {
	Root  string // a person, position or unit id; "" for the whole org
	Depth int    // levels below the roots; negative for all
}

// Chart returns the org chart on the query's date: every open position, in depth-first order,
// each with the position it reports to.
func (l *Ledger) Chart(q Query, opt ChartOptions) ([]orgledger.ChartNode, error) {
	var out []orgledger.ChartNode
	err := l.read(q, func(v view) error {
		if opt.Root == "" {
			out = wholeChart(v, opt.Depth)
			return nil
		}
		roots, err := chartRoots(v, opt.Root, q)
		if err != nil {
			return err
		}
		out = subtreeNodes(v, roots, opt.Depth)
		return nil
	})
	return out, err
}

// chartRoots returns the positions the chart starts from.
func chartRoots(v view, root string, q Query) ([]int32, error) {
	if root == "" {
		var roots []int32
		for p := range v.s.countPositions() {
			if v.posOpen(p) && v.reportsTo(p) == none {
				roots = append(roots, p)
			}
		}
		return sortPositions(v, roots), nil
	}
	r, ok := v.rootRef(root)
	switch {
	case !ok:
		return nil, notARoot(root, orgledger.Date(v.at.day), q, v.isRoot)
	case r.kind == kindPosition:
		return []int32{r.idx}, nil
	case r.kind == kindPerson:
		var roots []int32
		for _, h := range v.positionsOf(r.idx) {
			roots = append(roots, h.position)
		}
		return sortPositions(v, outermost(roots, v.reportsTo)), nil
	}
	return unitRoots(v, r.idx), nil
}

// rootRef returns the record of id when a chart may start from it at the view's place: an
// open position, an active person or an open unit.
func (v view) rootRef(id string) (ref, bool) {
	r, ok := v.s.lookup(id)
	switch {
	case !ok:
		return r, false
	case r.kind == kindPosition:
		return r, v.posOpen(r.idx)
	case r.kind == kindPerson:
		return r, v.active(r.idx)
	}
	return r, v.unitOpen(r.idx)
}

// isRoot reports whether a chart may start from id at the view's place.
func (v view) isRoot(id string) bool { _, ok := v.rootRef(id); return ok }

// outermost drops the positions that report, at any depth, to another of them: a person who
// holds one position under another is drawn as one tree, not the lower one again on its own.
func outermost(ps []int32, up func(int32) int32) []int32 {
	if len(ps) < 2 {
		return ps
	}
	return slices.DeleteFunc(slices.Clone(ps), func(p int32) bool {
		seen := map[int32]bool{p: true}
		for q := up(p); q != none && !seen[q]; q = up(q) {
			if slices.Contains(ps, q) {
				return true
			}
			seen[q] = true
		}
		return false
	})
}

// notARoot is the error of a chart asked from a root that is not there on the day, with the
// id it likely misspells among those isRoot accepts.
func notARoot(root string, day orgledger.Date, q Query, isRoot func(string) bool) error {
	return orgledger.Errorf(orgledger.ENOTFOUND, "%s is not an open position, active person or open unit on %s%s%s",
		orgledger.ShownID(root), day, knownSuffix(q), didYouMean(root, isRoot))
}

// unitRoots returns the head of the unit, or else the positions of the unit and of the units
// under it whose solid line leaves them all: a unit without a head is drawn with its child
// units, whose heads report elsewhere or to no one.
func unitRoots(v view, u int32) []int32 {
	if h := v.head(u); h != none {
		return []int32{h}
	}
	inside := map[int32]bool{u: true}
	for todo := []int32{u}; len(todo) > 0; {
		w := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range v.childUnits(w) {
			if !inside[c] {
				inside[c] = true
				todo = append(todo, c)
			}
		}
	}
	var roots []int32
	for w := range inside {
		for _, p := range v.unitPositions(w) {
			if to := v.reportsTo(p); to == none || !inside[v.unitOf(to)] {
				roots = append(roots, p)
			}
		}
	}
	return sortPositions(v, outermost(roots, v.reportsTo)) // one may report to another through a position outside
}

// sortPositions orders positions as the chart shows them: assistants first, then by title.
func sortPositions(v view, ps []int32) []int32 {
	slices.SortFunc(ps, func(a, b int32) int {
		ra, rb := v.s.position(a), v.s.position(b)
		if c := cmp.Compare(v.text(rb.kind), v.text(ra.kind)); c != 0 {
			return c
		}
		if c := cmp.Compare(v.text(ra.title), v.text(rb.title)); c != 0 {
			return c
		}
		return cmp.Compare(ra.id, rb.id)
	})
	return ps
}

func chartNodes(v view, roots []int32, depth int) []orgledger.ChartNode {
	out := []orgledger.ChartNode{}
	seen := make(map[int32]bool)
	var walk func(p int32, parent *string, level int)
	walk = func(p int32, parent *string, level int) {
		if seen[p] {
			return
		}
		seen[p] = true
		n := chartNode(v, p, parent)
		out = append(out, n)
		if depth >= 0 && level >= depth {
			return
		}
		for _, c := range sortPositions(v, v.children(p)) {
			walk(c, &n.ID, level+1)
		}
	}
	for _, r := range roots {
		walk(r, nil, 0)
	}
	return out
}

func chartNode(v view, p int32, parent *string) orgledger.ChartNode {
	rec := v.s.position(p)
	n := orgledger.ChartNode{ID: rec.id, ParentID: parent, Title: v.text(rec.title), Kind: v.text(rec.kind),
		Unit: unitRef(v, v.unitOf(p)), Holders: []orgledger.Holder{}, Dotted: []string{}}
	for _, h := range v.holders(p) {
		n.Holders = append(n.Holders, holderOf(v, h))
	}
	slices.SortFunc(n.Holders, func(a, b orgledger.Holder) int { return cmp.Compare(a.ID, b.ID) })
	n.Vacant = len(n.Holders) == 0
	for _, d := range v.dottedTo(p) {
		n.Dotted = append(n.Dotted, v.s.position(d).id)
	}
	slices.Sort(n.Dotted)
	return n
}

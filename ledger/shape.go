package ledger

import (
	"cmp"
	"slices"
)

// Shape is the shape of the org on a date, for warnings about a reorganization: how deep its
// chart goes, the positions with more direct reports than a limit, and the open units that
// have no head; and, for DeeperThan, how far from the top each position is. It reads the
// preview it was measured in (DeeperThan): it is used within the preview's callback.
type Shape struct {
	Depth    int            // positions on the longest chain from a root down
	Wide     map[string]int // direct reports of each position with more than the limit asked
	Headless []string       // open units whose head is no open position, by id

	v       view
	levels  []int32 // by position: its place on its chain from the top, 1 at a root; 0 when not open
	parents []int32 // by position: the open position its solid line goes to, none at a root
}

// Shape measures the org of the preview on the query's date, reading it once, as a whole.
func (p *Preview) Shape(q Query, spanOver int) Shape { return shapeOf(p.view(q), spanOver) }

func shapeOf(v view, spanOver int) Shape {
	f := newFrame(v)
	defer f.done()
	children := make([]int32, len(f.pos))
	for _, x := range f.pos {
		if x.open && x.reportsTo != none {
			children[x.reportsTo]++
		}
	}
	levels := f.levels()
	out := Shape{Wide: map[string]int{}, Depth: int(slices.Max(append(levels, 0))), v: v, levels: levels, parents: make([]int32, len(f.pos))}
	for p, x := range f.pos {
		out.parents[p] = x.reportsTo
	}
	for p, n := range children {
		if int(n) > spanOver {
			out.Wide[v.s.position(int32(p)).id] = int(n)
		}
	}
	for u := range v.s.countUnits() {
		if v.unitOpen(u) && v.head(u) == none {
			out.Headless = append(out.Headless, v.s.unit(u).id)
		}
	}
	return out
}

// levels returns, by position, its place on its chain of solid lines from the top: 1 at a
// root, 0 when it is not open.
func (f *frame) levels() []int32 {
	level := make([]int32, len(f.pos)) // 0: not yet known
	var chain []int32
	for p := range f.pos {
		if !f.pos[p].open {
			continue
		}
		chain = chain[:0]
		q := int32(p)
		for q != none && level[q] == 0 && f.pos[q].open && len(chain) <= len(f.pos) {
			chain = append(chain, q)
			q = f.pos[q].reportsTo
		}
		base := int32(0)
		if q != none && f.pos[q].open {
			base = level[q]
		}
		for i := len(chain) - 1; i >= 0; i-- {
			base++
			level[chain[i]] = base
		}
	}
	return level
}

// Deepened is a position that a change of the org puts further from the top, at the head of
// the positions it puts further with it: a layer is added above it, or it is moved down.
type Deepened struct {
	Position      string
	Before, After int // its place on its chain from the top, 1 at a root
	Under         int // the positions under it put further from the top with it
}

// DeeperThan returns the positions open in both shapes, of one org on one date with and
// without a changeset, that are further from the top in s than in before, told by the
// topmost of each branch (a position so whose solid line goes to one that is not, or not by as
// many layers), with how many of those under it are with it: the most first, then by id.
func (s Shape) DeeperThan(before Shape) []Deepened {
	by := func(p int32) int32 { // how much further from the top p is, 0 when it is not or not open on both
		if int(p) >= len(before.levels) || before.levels[p] == 0 || s.levels[p] <= before.levels[p] {
			return 0
		}
		return s.levels[p] - before.levels[p]
	}
	deeper := func(p int32) bool { return by(p) > 0 }
	// with reports whether p's branch is its parent's: further by as much (a report moved
	// further down than its manager heads a branch of its own).
	with := func(p int32) bool { q := s.parents[p]; return q != none && by(q) == by(p) }
	top := make([]int32, len(s.levels)) // of a position deepened, the head of its branch, +1; 0 unknown
	var chain []int32
	under := map[int32]int{}
	for p := range int32(len(s.levels)) {
		if !deeper(p) {
			continue
		}
		chain = chain[:0]
		q := p
		for top[q] == 0 && with(q) {
			chain = append(chain, q)
			q = s.parents[q]
		}
		head := q
		if top[q] != 0 {
			head = top[q] - 1
		}
		top[q] = head + 1
		for _, c := range chain {
			top[c] = head + 1
		}
		if p != head {
			under[head]++
		} else if _, ok := under[head]; !ok {
			under[head] = 0
		}
	}
	out := make([]Deepened, 0, len(under))
	for p, n := range under {
		out = append(out, Deepened{Position: s.v.s.position(p).id, Before: int(before.levels[p]), After: int(s.levels[p]), Under: n})
	}
	slices.SortFunc(out, func(a, b Deepened) int { return cmp.Or(b.Under-a.Under, cmp.Compare(a.Position, b.Position)) })
	return out
}

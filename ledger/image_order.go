package ledger

import "slices"

// A chart from a root reads, for each position under it, the position's versions, its holders'
// versions and the strings of their ids and names. Numbered as the ledger numbers records (in
// the order they were made), the positions of one team are spread over the whole image after
// years of hires and moves, and a new process that maps the image takes a page fault for
// nearly every array it reads of every position: about 2,800 faults for a thousand positions
// at a million people. locate renumbers the image so that a team lies together.

// renumbering maps old record numbers to new ones, and back.
type renumbering struct {
	old []int32 // by new number
	new []int32 // by old number
}

func newRenumbering(n int) renumbering {
	r := renumbering{old: make([]int32, 0, n), new: make([]int32, n)}
	for i := range r.new {
		r.new[i] = none
	}
	return r
}

// take gives old number i the next new number, unless it has one.
func (r *renumbering) take(i int32) {
	if r.new[i] == none {
		r.new[i] = int32(len(r.old))
		r.old = append(r.old, i)
	}
}

// rest numbers what has no number yet, in the old order.
func (r *renumbering) rest() {
	for i := range r.new {
		r.take(int32(i))
	}
}

// of returns the new number of a reference, which may be none.
func (r *renumbering) of(i int32) int32 {
	if i == none {
		return none
	}
	return r.new[i]
}

// locate renumbers the positions depth first down the solid lines of their last versions,
// the people in the order of the first position they hold, and the strings in the order the
// records that name them now have (titles and kinds first, which every chart reads), and lays
// every array out in the new order. The answers do not change: everything ordered by id or
// title is ordered by the strings' text and ranks, not their numbers.
func (d *imageData) locate() {
	pos := d.positionOrder()
	people := d.personOrder(&pos)
	strs := d.stringOrder(&pos, &people)
	d.renumberStrings(&strs)
	d.renumberPositions(&pos, &people)
	d.renumberPeople(&pos, &people)
	d.renumberUnits(&pos)
	for i, id := range d.ids {
		r := unpackRef(id.ref)
		switch r.kind {
		case kindPosition:
			r.idx = pos.new[r.idx]
		case kindPerson:
			r.idx = people.new[r.idx]
		}
		d.ids[i].ref = packRef(r)
	}
}

// positionOrder numbers the positions depth first from those whose last version reports to
// no one, down the solid lines of the last versions; positions on a loop of such lines (the
// last versions of different days may make one) come after, in their old order.
func (d *imageData) positionOrder() renumbering {
	n := len(d.posID)
	parent, all := make([]int32, n), make([]int32, n)
	for p := range n {
		all[p], parent[p] = int32(p), none
		if lo, hi := d.posVerAt[p], d.posVerAt[p+1]; hi > lo {
			parent[p] = d.posVer[hi-1].parent
		}
	}
	// Group 0 is the roots (no parent), group q+1 the children of q.
	childAt, children := bucket(n+1, all, func(p int32) int { return int(parent[p]) + 1 })
	// Each position has one parent, so the walk from the roots reaches each at most once.
	r := newRenumbering(n)
	stack := slices.Clone(children[childAt[0]:childAt[1]])
	slices.Reverse(stack)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		r.take(p)
		kids := children[childAt[p+1]:childAt[p+2]]
		for k := len(kids) - 1; k >= 0; k-- {
			stack = append(stack, kids[k])
		}
	}
	r.rest()
	return r
}

// personOrder numbers the people in the order of the first position, in the new order, that
// they hold in any version.
func (d *imageData) personOrder(pos *renumbering) renumbering {
	r := newRenumbering(len(d.personID))
	for _, p := range pos.old {
		for _, v := range d.posVer[d.posVerAt[p]:d.posVerAt[p+1]] {
			for _, h := range d.holds[v.holds[0]:v.holds[1]] {
				r.take(h.to)
			}
		}
	}
	r.rest()
	return r
}

// stringOrder numbers the strings: titles and kinds, then each position's id, then each
// person's id and names, then each unit's id and names, then the rest.
func (d *imageData) stringOrder(pos, people *renumbering) renumbering {
	r := newRenumbering(len(d.strAt) - 1)
	for _, v := range d.posVer {
		r.take(int32(v.title))
		r.take(int32(v.kind))
	}
	for _, p := range pos.old {
		r.take(int32(d.posID[p]))
	}
	for _, p := range people.old {
		r.take(int32(d.personID[p]))
		for _, v := range d.personVer[d.personAt[p]:d.personAt[p+1]] {
			r.take(int32(v.name))
		}
	}
	for u := range d.unitID {
		r.take(int32(d.unitID[u]))
		for _, v := range d.unitVer[d.unitAt[u]:d.unitAt[u+1]] {
			r.take(int32(v.name))
		}
	}
	r.rest()
	return r
}

// renumberStrings lays the strings out in their new order and renames every reference to them.
func (d *imageData) renumberStrings(strs *renumbering) {
	bytes := make([]byte, 0, len(d.strBytes))
	at := make([]uint32, 1, len(d.strAt))
	for _, s := range strs.old {
		bytes = append(bytes, d.strBytes[d.strAt[s]:d.strAt[s+1]]...)
		at = append(at, uint32(len(bytes)))
	}
	rank := make([]uint32, len(d.strRank))
	for s, r := range d.strRank {
		if n := strs.new[s]; int(n) < len(rank) {
			rank[n] = r
		}
	}
	of := func(s uint32) uint32 { return uint32(strs.new[s]) }
	for i := range d.posVer {
		d.posVer[i].title, d.posVer[i].kind = of(d.posVer[i].title), of(d.posVer[i].kind)
	}
	for i := range d.personVer {
		d.personVer[i].name = of(d.personVer[i].name)
	}
	for i := range d.unitVer {
		d.unitVer[i].name = of(d.unitVer[i].name)
	}
	for _, ids := range [][]uint32{d.posID, d.personID, d.unitID} {
		for i := range ids {
			ids[i] = of(ids[i])
		}
	}
	for i := range d.ids {
		d.ids[i].str = of(d.ids[i].str)
	}
	d.strBytes, d.strAt, d.strRank = bytes, at, rank
}

// renumberPositions lays the positions' arrays out in their new order: ids, ranks, versions
// with their holders and dotted lines, and the solid lines to each.
func (d *imageData) renumberPositions(pos, people *renumbering) {
	n := len(pos.old)
	holds, dotted := make([]imgLink, 0, len(d.holds)), make([]int32, 0, len(d.dotted))
	d.posVerAt, d.posVer, d.posFrom = reorder(pos.old, d.posVerAt, d.posVer, d.posFrom, func(v imgPosition) imgPosition {
		v.parent = pos.of(v.parent)
		v.holds = relink(&holds, d.holds[v.holds[0]:v.holds[1]], people)
		start := len(dotted)
		for _, q := range d.dotted[v.dotted[0]:v.dotted[1]] {
			dotted = append(dotted, pos.new[q])
		}
		v.dotted = [2]uint32{uint32(start), uint32(len(dotted))}
		return v
	})
	d.posID, d.posRank, d.holds, d.dotted = permute(pos.old, d.posID), permute(pos.old, d.posRank), holds, dotted
	d.edgeAt, d.edges = regroup(d.edgeAt, d.edges, append(slices.Clip(pos.old), int32(n)), pos) // the roots last
	for i := range d.unitPos {
		d.unitPos[i].child = pos.new[d.unitPos[i].child]
	}
}

// regroup lays out groups of edges in the order of keys (old group numbers), with the
// children renumbered.
func regroup(at []uint32, edges []imgEdge, keys []int32, pos *renumbering) ([]uint32, []imgEdge) {
	newAt := make([]uint32, 1, len(at))
	out := make([]imgEdge, 0, len(edges))
	for _, k := range keys {
		for _, e := range edges[at[k]:at[k+1]] {
			e.child = pos.new[e.child]
			out = append(out, e)
		}
		newAt = append(newAt, uint32(len(out)))
	}
	return newAt, out
}

// renumberPeople lays the people's arrays out in their new order.
func (d *imageData) renumberPeople(pos, people *renumbering) {
	held := make([]imgLink, 0, len(d.personPos))
	d.personAt, d.personVer, d.personFrom = reorder(people.old, d.personAt, d.personVer, d.personFrom, func(v imgPerson) imgPerson {
		v.positions = relink(&held, d.personPos[v.positions[0]:v.positions[1]], pos)
		return v
	})
	d.personID, d.personPos = permute(people.old, d.personID), held
}

// reorder lays out the versions of records in the order of their old numbers, each passed
// through fix: where each record's versions begin, the versions, and the day each begins.
func reorder[V any](old []int32, at []uint32, vers []V, from []int32, fix func(V) V) ([]uint32, []V, []int32) {
	newAt := make([]uint32, 1, len(old)+1)
	newVers, newFrom := make([]V, 0, len(vers)), make([]int32, 0, len(from))
	for _, r := range old {
		lo, hi := at[r], at[r+1]
		for k, v := range vers[lo:hi] {
			newVers, newFrom = append(newVers, fix(v)), append(newFrom, from[int(lo)+k])
		}
		newAt = append(newAt, uint32(len(newVers)))
	}
	return newAt, newVers, newFrom
}

// relink appends links to out with the records they go to renumbered, and returns their
// range in out.
func relink(out *[]imgLink, links []imgLink, to *renumbering) [2]uint32 {
	start := len(*out)
	for _, l := range links {
		*out = append(*out, imgLink{to: to.new[l.to], acting: l.acting})
	}
	return [2]uint32{uint32(start), uint32(len(*out))}
}

// permute returns xs in the order of old: its i-th element is xs[old[i]].
func permute[T any](old []int32, xs []T) []T {
	out := make([]T, len(old))
	for i, r := range old {
		out[i] = xs[r]
	}
	return out
}

// renumberUnits renames the positions heading units.
func (d *imageData) renumberUnits(pos *renumbering) {
	for i := range d.unitVer {
		d.unitVer[i].head = pos.of(d.unitVer[i].head)
	}
}

package ledger

import (
	"math"
	"slices"
	"strings"
)

// people builds the versions of person p: the name the chart shows and the positions a chart
// from the person starts at.
func (b *imageBuilder) people(c *imgChunk[imgPerson], p int32) {
	s := b.s
	rec := s.person(p)
	days := changeDays(c.days[:0], b.head, rec.name, rec.active)
	for _, q := range rec.positions {
		for _, h := range s.position(q).holders {
			if h.person == p {
				days = changeDays(days, b.head, h.tl)
			}
		}
	}
	c.days = sortedDays(days)
	first := len(c.vers)
	for _, day := range c.days {
		v := view{s: s, at: dayEnd(day), known: b.head}
		name, _ := v.val(rec.name)
		ver := imgPerson{name: uint32(name), active: boolU32(v.active(p))}
		start := len(c.side)
		for _, h := range v.positionsOf(p) {
			c.side = append(c.side, imgLink{to: h.position, acting: boolU32(h.acting)})
		}
		ver.positions = [2]uint32{uint32(start), uint32(len(c.side))}
		if n := len(c.vers); n > first {
			last := c.vers[n-1]
			if last.name == ver.name && last.active == ver.active &&
				slices.Equal(c.side[last.positions[0]:last.positions[1]], c.side[start:]) {
				c.side = c.side[:start]
				continue
			}
		}
		c.add(day, ver)
	}
}

// units builds the versions of unit u: its name, whether it is open, its head and its parent.
func (b *imageBuilder) units(c *imgChunk[imgUnit], u int32) {
	s := b.s
	rec := s.unit(u)
	days := changeDays(c.days[:0], b.head, rec.open, rec.name, rec.head, rec.parent)
	for _, e := range rec.head {
		if e.visible(b.head) && e.val != none {
			days = changeDays(days, b.head, s.position(e.val).open)
		}
	}
	c.days = sortedDays(days)
	first := len(c.vers)
	for _, day := range c.days {
		v := view{s: s, at: dayEnd(day), known: b.head}
		name, _ := v.val(rec.name)
		ver := imgUnit{name: uint32(name), open: boolU32(v.unitOpen(u)), head: v.head(u), parent: v.parentOf(u)}
		if n := len(c.vers); n > first && c.vers[n-1] == ver {
			continue
		}
		c.add(day, ver)
	}
}

// edges lists, for each position, the positions with a solid line to it and the days the line
// holds while they are open (the group after the last position holds the open positions that
// report to no one); and for each unit, its open positions and the days they are in it.
func (b *imageBuilder) edges() {
	d := &b.d
	n := int32(len(d.posID))
	d.edgeAt, d.edges = b.group(int(n)+1, func(v imgPosition) int32 {
		if v.parent == none {
			return n
		}
		return v.parent
	})
	d.unitPosAt, d.unitPos = b.group(len(d.unitID), func(v imgPosition) int32 { return v.unit })
}

// group returns, for each of n keys, the intervals of days over which an open position's
// versions have that key (none: no key), as edges[at[k]:at[k+1]].
func (b *imageBuilder) group(n int, key func(v imgPosition) int32) (at []uint32, edges []imgEdge) {
	d := &b.d
	type keyed struct {
		key int32
		imgEdge
	}
	var all []keyed
	for p := range len(d.posID) {
		vers, from := d.posVer[d.posVerAt[p]:d.posVerAt[p+1]], d.posFrom[d.posVerAt[p]:d.posVerAt[p+1]]
		for k, v := range vers {
			if v.open == 0 || key(v) == none {
				continue
			}
			to := int32(math.MaxInt32)
			if k+1 < len(vers) {
				to = from[k+1]
			}
			if last := len(all) - 1; last >= 0 && all[last].child == int32(p) && all[last].key == key(v) && all[last].to == from[k] {
				all[last].to = to
				continue
			}
			all = append(all, keyed{key(v), imgEdge{int32(p), from[k], to}})
		}
	}
	at, grouped := bucket(n, all, func(e keyed) int { return int(e.key) })
	edges = make([]imgEdge, len(grouped))
	for i, e := range grouped {
		edges[i] = e.imgEdge
	}
	return at, edges
}

// ranks numbers the titles and kinds in sorted order, and the positions in the order of
// their ids, so that the chart orders siblings by comparing numbers.
func (b *imageBuilder) ranks() {
	d := &b.d
	used := make([]bool, len(b.s.strs))
	for _, v := range d.posVer {
		used[v.title], used[v.kind] = true, true
	}
	var strs []uint32
	for s, u := range used {
		if u {
			strs = append(strs, uint32(s))
		}
	}
	slices.SortFunc(strs, func(a, c uint32) int { return strings.Compare(b.s.strs[a], b.s.strs[c]) })
	d.strRank = make([]uint32, len(b.s.strs))
	for r, s := range strs {
		d.strRank[s] = uint32(r)
	}
	d.posRank = make([]uint32, len(d.posID))
	order := make([]int32, len(d.posID))
	for p := range order {
		order[p] = int32(p)
	}
	if !b.s.positionIDsInOrder() {
		slices.SortFunc(order, func(p, q int32) int { return strings.Compare(b.s.position(p).id, b.s.position(q).id) })
	}
	for r, p := range order {
		d.posRank[p] = uint32(r)
	}
}

// ids lists every id with its record, sorted by id.
func (b *imageBuilder) ids() {
	d := &b.d
	for p, s := range d.posID {
		d.ids = append(d.ids, imgID{s, packRef(ref{kindPosition, int32(p)})})
	}
	for p, s := range d.personID {
		d.ids = append(d.ids, imgID{s, packRef(ref{kindPerson, int32(p)})})
	}
	for u, s := range d.unitID {
		d.ids = append(d.ids, imgID{s, packRef(ref{kindUnit, int32(u)})})
	}
	slices.SortFunc(d.ids, func(a, c imgID) int { return strings.Compare(d.strView(a.str), d.strView(c.str)) })
}

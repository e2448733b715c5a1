package ledger

import (
	"cmp"
	"errors"
	"runtime/debug"
	"slices"
	"sort"
	"time"
	"unsafe"

	"github.com/orgledger/orgledger"
)

// ErrNotAnswered is what Image.Chart returns for a query the image cannot answer, which the
// ledger must.
var ErrNotAnswered = errors.New("ledger: the image cannot answer this query")

// Chart returns what Ledger.Chart returns for the same query, from the image: the chart, or
// the error that its root is not on the day. It returns ErrNotAnswered for a query as known
// before the image's head, and for an image whose file turns out to be damaged. today is the
// date a query without one asks for, as Ledger.Today gives it.
func (im *Image) Chart(q Query, today orgledger.Date, opt ChartOptions) (nodes []orgledger.ChartNode, err error) {
	if !q.KnownAt.IsZero() && q.KnownAt.Before(time.UnixMicro(im.recorded)) {
		return nil, ErrNotAnswered
	}
	// An index out of range, or a fault reading a file cut short under the mapping: the file
	// is not what was written. Either is a panic here, and the chart is not answered.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			nodes, err = nil, ErrNotAnswered
		}
	}()
	day := clampDay(q, q.At, today)
	c := imgChart{d: &im.d, day: int32(day)}
	roots, ok := c.roots(opt.Root)
	if !ok {
		return nil, notARoot(opt.Root, day, q, c.isRoot)
	}
	if nodes, ok = c.walk(roots, opt.Depth); !ok {
		return nil, ErrNotAnswered
	}
	return nodes, nil
}

// imgChart is a chart being read from an image on one day.
type imgChart struct {
	d      *imageData
	day    int32
	units  map[int32]orgledger.Ref
	text   []byte            // the strings of the answer, copied out of the file (see str)
	copied int               // how many bytes of strings have been copied
	copies map[uint32]string // the strings copied once copied passes the size of them all
}

// str returns string i of the image, copied into the chart's own memory, which outlives the
// file's mapping: strings are appended to blocks that are never written again where a string
// already lies, so one allocation serves many strings.
//
// The strings of an image as written do not overlap. Once the bytes copied pass the size of
// all its strings, each string is copied once more at the most, so a chart never copies more
// than three times that size; a damaged file whose strings overlap, copied again and again,
// would make a chart take memory without bound, and is declined instead.
func (c *imgChart) str(i uint32) string {
	if s, ok := c.copies[i]; ok {
		return s
	}
	b := c.d.strBytes[c.d.strAt[i]:c.d.strAt[i+1]]
	if len(b) == 0 {
		return ""
	}
	if c.copied += len(b); c.copied > 3*len(c.d.strBytes) {
		panic("image: strings overlap")
	}
	if cap(c.text)-len(c.text) < len(b) {
		c.text = make([]byte, 0, max(64<<10, len(b)))
	}
	at := len(c.text)
	c.text = append(c.text, b...)
	s := unsafe.String(&c.text[at], len(b))
	if c.copied > len(c.d.strBytes) {
		if c.copies == nil {
			c.copies = make(map[uint32]string)
		}
		c.copies[i] = s
	}
	return s
}

// imgItem is a position of the chart and the version it shows.
type imgItem struct {
	p, parent int32 // parent: the index of the parent's item, -1 at a root (set by walk)
	ver       *imgPosition
}

// at returns the index of the version of record i in force on the day, or -1: versions of
// record i begin on from[at[i]:at[i+1]].
func (c *imgChart) at(at []uint32, from []int32, i int32) int {
	lo, hi := int(at[i]), int(at[i+1])
	k, _ := slices.BinarySearch(from[lo:hi], c.day+1) // the first version after the day
	return lo + k - 1
}

func (c *imgChart) position(p int32) *imgPosition {
	if k := c.at(c.d.posVerAt, c.d.posFrom, p); k >= int(c.d.posVerAt[p]) && c.d.posVer[k].open != 0 {
		return &c.d.posVer[k]
	}
	return nil
}

// positionAny returns the version of p on the day, open or not: a person may hold a closed
// position, and the chart starts from it all the same.
func (c *imgChart) positionAny(p int32) *imgPosition {
	if k := c.at(c.d.posVerAt, c.d.posFrom, p); k >= int(c.d.posVerAt[p]) {
		return &c.d.posVer[k]
	}
	return &imgPosition{parent: none, unit: none}
}

func (c *imgChart) person(p int32) *imgPerson {
	if k := c.at(c.d.personAt, c.d.personFrom, p); k >= int(c.d.personAt[p]) {
		return &c.d.personVer[k]
	}
	return nil
}

func (c *imgChart) unit(u int32) *imgUnit {
	if k := c.at(c.d.unitAt, c.d.unitFrom, u); k >= int(c.d.unitAt[u]) {
		return &c.d.unitVer[k]
	}
	return nil
}

// lookup finds an id.
func (c *imgChart) lookup(id string) (ref, bool) {
	ids := c.d.ids
	i := sort.Search(len(ids), func(i int) bool { return c.d.strView(ids[i].str) >= id })
	if i == len(ids) || c.d.strView(ids[i].str) != id {
		return ref{}, false
	}
	return unpackRef(ids[i].ref), true
}

// roots returns the positions the chart starts from, as chartRoots does.
func (c *imgChart) roots(root string) ([]imgItem, bool) {
	if root == "" {
		return c.children(int32(len(c.d.posID)), nil), true
	}
	r, ok := c.rootRef(root)
	switch {
	case !ok:
		return nil, false
	case r.kind == kindPosition:
		return []imgItem{{p: r.idx, ver: c.position(r.idx)}}, true
	case r.kind == kindPerson:
		v := c.person(r.idx)
		var held []int32
		for _, h := range c.d.personPos[v.positions[0]:v.positions[1]] {
			held = append(held, h.to)
		}
		return c.items(outermost(held, c.up)), true
	}
	return c.unitRoots(r.idx, c.unit(r.idx)), true
}

// rootRef returns the record of id when a chart may start from it on the day, as
// view.rootRef does.
func (c *imgChart) rootRef(id string) (ref, bool) {
	r, ok := c.lookup(id)
	switch {
	case !ok:
		return r, false
	case r.kind == kindPosition:
		return r, c.position(r.idx) != nil
	case r.kind == kindPerson:
		v := c.person(r.idx)
		return r, v != nil && v.active != 0
	}
	v := c.unit(r.idx)
	return r, v != nil && v.open != 0
}

// isRoot reports whether a chart may start from id on the day.
func (c *imgChart) isRoot(id string) bool { _, ok := c.rootRef(id); return ok }

// unitRoots returns the head of unit u, or else the positions of u and the units under it
// whose solid line leaves them all, as unitRoots does.
func (c *imgChart) unitRoots(u int32, v *imgUnit) []imgItem {
	if v.head != none {
		return []imgItem{{p: v.head, ver: c.position(v.head)}}
	}
	inside := c.unitsUnder(u)
	var roots []int32
	for w := range inside {
		for _, e := range c.d.unitPos[c.d.unitPosAt[w]:c.d.unitPosAt[w+1]] {
			if e.from <= c.day && c.day < e.to {
				ver := c.position(e.child)
				if ver.parent == none || !inside[c.positionAny(ver.parent).unit] {
					roots = append(roots, e.child)
				}
			}
		}
	}
	return c.items(outermost(roots, c.up))
}

// up returns the position p's solid line goes to on the day, as view.reportsTo does.
func (c *imgChart) up(p int32) int32 { return c.positionAny(p).parent }

// items returns the positions as the chart's items, in chart order.
func (c *imgChart) items(ps []int32) []imgItem {
	out := make([]imgItem, 0, len(ps))
	for _, p := range ps {
		out = append(out, imgItem{p: p, ver: c.positionAny(p)})
	}
	c.sort(out)
	return out
}

// unitsUnder returns u and the open units under it on the day. The image keeps each unit's
// parent, not its children, so each level is a pass over the units: a chart of a unit without
// a head is rare enough to pay for it.
func (c *imgChart) unitsUnder(u int32) map[int32]bool {
	inside := map[int32]bool{u: true}
	for level := []int32{u}; len(level) > 0; {
		in := make(map[int32]bool, len(level))
		for _, w := range level {
			in[w] = true
		}
		level = level[:0:0]
		for x := range int32(len(c.d.unitID)) {
			if v := c.unit(x); v != nil && v.open != 0 && in[v.parent] && !inside[x] {
				inside[x] = true
				level = append(level, x)
			}
		}
	}
	return inside
}

// children returns the open positions reporting to p on the day, in chart order.
func (c *imgChart) children(p int32, out []imgItem) []imgItem {
	for _, e := range c.d.edges[c.d.edgeAt[p]:c.d.edgeAt[p+1]] {
		if e.from <= c.day && c.day < e.to {
			out = append(out, imgItem{p: e.child, ver: c.position(e.child)})
		}
	}
	c.sort(out)
	return out
}

// sort orders positions as the chart does: assistants first, then by title, then by id.
func (c *imgChart) sort(items []imgItem) {
	d := c.d
	slices.SortFunc(items, func(a, b imgItem) int {
		if x := cmp.Compare(d.strRank[b.ver.kind], d.strRank[a.ver.kind]); x != 0 {
			return x
		}
		if x := cmp.Compare(d.strRank[a.ver.title], d.strRank[b.ver.title]); x != 0 {
			return x
		}
		return cmp.Compare(d.posRank[a.p], d.posRank[b.p])
	})
}

// walk collects the tree depth first from the roots, each position once, and builds its nodes.
// A walk that pushes more children than the image has lines has met a cycle, which no ledger
// has: the file is damaged.
func (c *imgChart) walk(roots []imgItem, depth int) ([]orgledger.ChartNode, bool) {
	var items []imgItem
	ok := depthFirst(roots, 0, depth, len(c.d.edges), func(it imgItem) int32 { return it.p },
		func(it imgItem, parent int32) int32 {
			it.parent = parent
			items = append(items, it)
			return int32(len(items) - 1)
		},
		func(it imgItem, out []imgItem) []imgItem { return c.children(it.p, out) })
	if !ok {
		return nil, false
	}
	return c.nodes(items)
}

// nodes builds the chart nodes of the collected items, their holders and dotted lines in two
// arrays shared by all. Each item shows its own version, so together they hold no more
// holders and lines than the image.
func (c *imgChart) nodes(items []imgItem) ([]orgledger.ChartNode, bool) {
	d := c.d
	nh, nd := 0, 0
	for _, it := range items {
		nh += len(d.holds[it.ver.holds[0]:it.ver.holds[1]])
		nd += len(d.dotted[it.ver.dotted[0]:it.ver.dotted[1]])
	}
	if nh > len(d.holds) || nd > len(d.dotted) {
		return nil, false // versions of one day that share holders: not an image that was written
	}
	out := make([]orgledger.ChartNode, len(items))
	holders, dotted := make([]orgledger.Holder, 0, nh), make([]string, 0, nd)
	for i, it := range items {
		n, v := &out[i], it.ver
		n.ID, n.Title, n.Kind, n.Unit = c.str(d.posID[it.p]), c.str(v.title), c.str(v.kind), c.unitRef(v.unit)
		if it.parent >= 0 {
			n.ParentID = &out[it.parent].ID
		}
		at := len(holders)
		for _, h := range d.holds[v.holds[0]:v.holds[1]] {
			holders = append(holders, orgledger.Holder{ID: c.str(d.personID[h.to]), Name: c.name(h.to), Acting: h.acting != 0})
		}
		n.Holders, n.Vacant = holders[at:len(holders):len(holders)], len(holders) == at
		at = len(dotted)
		for _, p := range d.dotted[v.dotted[0]:v.dotted[1]] {
			dotted = append(dotted, c.str(d.posID[p]))
		}
		n.Dotted = dotted[at:len(dotted):len(dotted)]
	}
	return out, true
}

// name returns a person's name on the day.
func (c *imgChart) name(p int32) string {
	if v := c.person(p); v != nil {
		return c.str(v.name)
	}
	return ""
}

// unitRef returns the id and name of unit u on the day, once per unit.
func (c *imgChart) unitRef(u int32) orgledger.Ref {
	if u == none {
		return orgledger.Ref{}
	}
	r, ok := c.units[u]
	if !ok {
		if c.units == nil {
			c.units = make(map[int32]orgledger.Ref)
		}
		r.ID = c.str(c.d.unitID[u])
		if v := c.unit(u); v != nil {
			r.Name = c.str(v.name)
		}
		c.units[u] = r
	}
	return r
}

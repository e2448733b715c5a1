package ledger

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// buildImage builds the image of the index as known at its head, in the index's numbering
// (locate then lays it out for reading): the versions of every
// position, person and unit, found by asking a view on each day one of the timelines the
// chart reads changes, so that the image answers exactly what the index answers.
func buildImage(x *index) *imageData {
	b := &imageBuilder{s: &state{index: x}, head: x.head()}
	b.strings()
	d := &b.d
	d.posVerAt, d.posVer, d.posFrom, d.holds, d.dotted = joinChunks(buildChunks(len(x.positions), b.positions))
	d.personAt, d.personVer, d.personFrom, d.personPos, _ = joinChunks(buildChunks(len(x.people), b.people))
	d.unitAt, d.unitVer, d.unitFrom, _, _ = joinChunks(buildChunks(len(x.units), b.units))
	b.edges()
	b.ranks()
	b.ids()
	return &b.d
}

// imageBuilder builds an image from the index.
type imageBuilder struct {
	s    *state
	head uint32
	d    imageData
}

// strings lays out the strings: the index's own, then the ids of positions, people and units,
// so that a string keeps its number and a record's id is found from its own.
func (b *imageBuilder) strings() {
	x := b.s.index
	d := &b.d
	add := func(s string) uint32 {
		d.strBytes = append(d.strBytes, s...)
		d.strAt = append(d.strAt, uint32(len(d.strBytes)))
		return uint32(len(d.strAt) - 2)
	}
	d.strAt = []uint32{0}
	for _, s := range x.strs {
		add(s)
	}
	for _, p := range x.positions {
		d.posID = append(d.posID, add(p.id))
	}
	for _, p := range x.people {
		d.personID = append(d.personID, add(p.id))
	}
	for _, u := range x.units {
		d.unitID = append(d.unitID, add(u.id))
	}
}

// imgChunk is the versions of a run of records, built on one core.
type imgChunk[V shifter[V]] struct {
	count  []uint32 // versions per record
	vers   []V
	from   []int32   // the day each version begins
	side   []imgLink // holders of positions, positions of people
	dotted []int32
	days   []int32 // scratch
}

// shifter moves a version's ranges when its chunk's arrays are appended to others.
type shifter[V any] interface {
	shifted(side, dotted uint32) V
}

func (v imgPosition) shifted(side, dotted uint32) imgPosition {
	v.holds[0], v.holds[1] = v.holds[0]+side, v.holds[1]+side
	v.dotted[0], v.dotted[1] = v.dotted[0]+dotted, v.dotted[1]+dotted
	return v
}

func (v imgPerson) shifted(side, _ uint32) imgPerson {
	v.positions[0], v.positions[1] = v.positions[0]+side, v.positions[1]+side
	return v
}

func (v imgUnit) shifted(_, _ uint32) imgUnit { return v }

// buildChunks builds the versions of records 0 to n-1 in runs, on every core.
func buildChunks[V shifter[V]](n int, build func(c *imgChunk[V], i int32)) []imgChunk[V] {
	const run = 4096
	chunks := make([]imgChunk[V], (n+run-1)/run)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := int(next.Add(1)) - 1; k < len(chunks); k = int(next.Add(1)) - 1 {
				c := &chunks[k]
				for i := k * run; i < min(n, (k+1)*run); i++ {
					before := len(c.vers)
					build(c, int32(i))
					c.count = append(c.count, uint32(len(c.vers)-before))
				}
				c.days = nil
			}
		})
	}
	wg.Wait()
	return chunks
}

// joinChunks appends the chunks' arrays in order, and numbers where each record's versions
// start.
func joinChunks[V shifter[V]](chunks []imgChunk[V]) (at []uint32, vers []V, from []int32, side []imgLink, dotted []int32) {
	at = []uint32{0}
	for _, c := range chunks {
		s, d := uint32(len(side)), uint32(len(dotted))
		for _, v := range c.vers {
			vers = append(vers, v.shifted(s, d))
		}
		from = append(from, c.from...)
		for _, n := range c.count {
			at = append(at, at[len(at)-1]+n)
		}
		side, dotted = append(side, c.side...), append(dotted, c.dotted...)
	}
	return at, vers, from, side, dotted
}

// add appends a version beginning on day.
func (c *imgChunk[V]) add(day int32, v V) {
	c.vers, c.from = append(c.vers, v), append(c.from, day)
}

// changeDays appends the days on which an entry of the timelines, as known at head, begins;
// sortedDays then sorts them and keeps each once.
func changeDays(days []int32, head uint32, tls ...timeline) []int32 {
	for _, t := range tls {
		for _, e := range t {
			if e.visible(head) {
				days = append(days, e.day)
			}
		}
	}
	return days
}

func sortedDays(days []int32) []int32 {
	slices.Sort(days)
	return slices.Compact(days)
}

// positions builds the versions of position p: what item and fill read of it.
func (b *imageBuilder) positions(c *imgChunk[imgPosition], p int32) {
	s := b.s
	rec := s.position(p)
	days := changeDays(c.days[:0], b.head, rec.open, rec.title, rec.unit, rec.reportsTo, rec.kind)
	for _, h := range rec.holders {
		days = changeDays(days, b.head, h.tl, s.person(h.person).active)
	}
	for _, l := range rec.dotted {
		days = changeDays(days, b.head, l.tl, s.position(l.to).open)
	}
	c.days = sortedDays(days)
	first := len(c.vers)
	for _, day := range c.days {
		v := view{s: s, at: dayEnd(day), known: b.head}
		ver := imgPosition{parent: v.reportsTo(p), unit: v.unitOf(p)}
		if v.posOpen(p) {
			ver.open = 1
		}
		title, _ := v.val(rec.title)
		kind, _ := v.val(rec.kind)
		ver.title, ver.kind = uint32(title), uint32(kind)
		ver.holds = b.holders(c, v, p)
		ver.dotted = b.dottedLines(c, v, p)
		if n := len(c.vers); n > first && sameVersion(c, c.vers[n-1], ver) {
			c.side, c.dotted = c.side[:ver.holds[0]], c.dotted[:ver.dotted[0]]
			continue
		}
		c.add(day, ver)
	}
}

// holders appends the holders of p in the view, by person id, and returns their range.
func (b *imageBuilder) holders(c *imgChunk[imgPosition], v view, p int32) [2]uint32 {
	start := len(c.side)
	for _, h := range v.holders(p) {
		c.side = append(c.side, imgLink{to: h.person, acting: boolU32(h.acting)})
	}
	hs := c.side[start:]
	if len(hs) > 1 {
		slices.SortFunc(hs, func(a, b2 imgLink) int {
			return strings.Compare(b.s.person(a.to).id, b.s.person(b2.to).id)
		})
	}
	return [2]uint32{uint32(start), uint32(len(c.side))}
}

// dottedLines appends the positions p has a dotted line to in the view, by id.
func (b *imageBuilder) dottedLines(c *imgChunk[imgPosition], v view, p int32) [2]uint32 {
	start := len(c.dotted)
	c.dotted = append(c.dotted, v.dottedTo(p)...)
	ds := c.dotted[start:]
	if len(ds) > 1 {
		slices.SortFunc(ds, func(x, y int32) int { return strings.Compare(b.s.position(x).id, b.s.position(y).id) })
	}
	return [2]uint32{uint32(start), uint32(len(c.dotted))}
}

// sameVersion reports whether a new version of a position shows what the one before it shows.
func sameVersion(c *imgChunk[imgPosition], a, b imgPosition) bool {
	return a.parent == b.parent && a.title == b.title && a.kind == b.kind && a.unit == b.unit && a.open == b.open &&
		slices.Equal(c.side[a.holds[0]:a.holds[1]], c.side[b.holds[0]:b.holds[1]]) &&
		slices.Equal(c.dotted[a.dotted[0]:a.dotted[1]], c.dotted[b.dotted[0]:b.dotted[1]])
}

func boolU32(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

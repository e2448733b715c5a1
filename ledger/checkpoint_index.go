package ledger

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/orgledger/orgledger/internal/hugepages"
)

// The binary form of the index: a magic line, the format version, the slab sizes, every field
// of the index (records in number order, each record's timelines together), and a CRC-32C of
// all of it. Numbers are varints. checkpointVersion must change whenever the index changes
// shape; a checkpoint of another version is ignored, and the ledger replays its events.
const (
	checkpointMagic   = "orgledger index\n"
	checkpointVersion = 1
)

// castagnoli is made on first use: a command that reads no checkpoint does not wait for it.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// encodeIndex returns the binary form of x.
func encodeIndex(x *index) []byte {
	count := &codec{mode: counting}
	count.index(x)
	c := &codec{mode: encoding, buf: make([]byte, 0, 64+len(x.evs)*48)}
	c.buf = append(c.buf, checkpointMagic...)
	c.header(checkpointVersion, &count.sz)
	c.index(x)
	return binary.LittleEndian.AppendUint32(c.buf, crc32.Checksum(c.buf, castagnoli()))
}

// decodeIndex reads the binary form of an index.
func decodeIndex(data []byte) (*index, error) {
	n := len(data) - 4
	if n < len(checkpointMagic) || !bytes.HasPrefix(data, []byte(checkpointMagic)) {
		return nil, errCorrupt
	}
	if crc32.Checksum(data[:n], castagnoli()) != binary.LittleEndian.Uint32(data[n:]) {
		return nil, fmt.Errorf("%w: its checksum does not match", errCorrupt)
	}
	c := &codec{mode: decoding, buf: data[:n], off: len(checkpointMagic)}
	var sz slabSizes
	if v := c.header(0, &sz); v != checkpointVersion {
		return nil, fmt.Errorf("the checkpoint is of format %d, not %d", v, checkpointVersion)
	}
	if c.bad || max(sz.entries, sz.i32s, sz.u32s, sz.holds, sz.lines, sz.attrs) > uint64(n) {
		return nil, errCorrupt
	}
	c.slab = slabs{entries: filledAhead[entry](int(sz.entries)), i32s: filledAhead[int32](int(sz.i32s)),
		u32s: filledAhead[uint32](int(sz.u32s)), holds: filledAhead[holdTimeline](int(sz.holds)),
		lines: filledAhead[lineTimeline](int(sz.lines)), attrs: filledAhead[attrTimeline](int(sz.attrs))}
	x := &index{}
	c.index(x)
	if c.bad || c.off != len(c.buf) {
		return nil, errCorrupt
	}
	x.rebuildMaps()
	return x, nil
}

// filledAhead returns an array of n elements for the decoder to fill whole: advised for huge
// pages (read at random by queries for as long as the index is kept), and backed with memory
// on another core while the decoder fills what comes before it. A process's first touch of
// its memory is what its first open of a large ledger waits on most (the kernel clearing each
// page, and a virtual machine's host backing it); done ahead, the decoder finds it done.
func filledAhead[E any](n int) []E {
	s := hugepages.Make[E](n)
	if uintptr(n)*unsafe.Sizeof(*new(E)) >= fillAheadFrom {
		go hugepages.Populate(s)
	}
	return s
}

// fillAheadFrom is the size from which filledAhead backs an array ahead: below it, the
// decoder is done with the array before another core would be.
const fillAheadFrom = 1 << 20

// header codes the format version and the slab sizes; it returns the version.
func (c *codec) header(version uint64, sz *slabSizes) uint64 {
	c.u64(&version)
	for _, v := range []*uint64{&sz.entries, &sz.i32s, &sz.u32s, &sz.holds, &sz.lines, &sz.attrs} {
		c.u64(v)
	}
	return version
}

// rebuildMaps makes what the records and the string table imply: every record's id is in
// ids, every string in strIdx, and whether positions' ids rise with their numbers.
func (x *index) rebuildMaps() {
	x.ids = newIDTable(len(x.people) + len(x.units) + len(x.positions))
	hugepages.Advise(x.ids.slots) // read at random by every lookup of an id, and kept while the index is
	for i, p := range x.people {
		x.putID(p.id, ref{kindPerson, int32(i)})
	}
	for i, u := range x.units {
		x.putID(u.id, ref{kindUnit, int32(i)})
	}
	for i, p := range x.positions {
		x.putID(p.id, ref{kindPosition, int32(i)})
	}
	for i := 1; i < len(x.positions) && !x.posUnordered; i++ {
		x.posUnordered = x.positions[i].id < x.positions[i-1].id
	}
	x.strIdx = make(map[string]int32, len(x.strs))
	for i, s := range x.strs {
		x.strIdx[s] = int32(i)
	}
}

// index codes every field of the index but what rebuildMaps makes.
func (c *codec) index(x *index) {
	x.strs = c.strings(x.strs)
	c.recordIDs(x)
	c.commits(&x.commits)
	c.events(&x.evs)
	c.merges(&x.merges)
	c.replaced(&x.replaced)
	c.point(&x.maxLine)
	c.point(&x.maxParent)
	for _, p := range x.people {
		c.person(p)
	}
	for _, u := range x.units {
		c.unit(u)
	}
	for _, p := range x.positions {
		c.position(p)
	}
}

// recordIDs codes how many records of each kind there are and their ids; decoding, it makes
// the records, each kind in one array.
func (c *codec) recordIDs(x *index) {
	np, nu, npos := c.length(len(x.people)), c.length(len(x.units)), c.length(len(x.positions))
	if c.mode == counting {
		return
	}
	var ids []string
	if c.mode == encoding {
		ids = make([]string, 0, np+nu+npos)
		for _, p := range x.people {
			ids = append(ids, p.id)
		}
		for _, u := range x.units {
			ids = append(ids, u.id)
		}
		for _, p := range x.positions {
			ids = append(ids, p.id)
		}
	}
	ids = c.strings(ids)
	if c.mode == encoding || c.bad || len(ids) != np+nu+npos {
		c.bad = c.bad || len(ids) != np+nu+npos
		return
	}
	x.people, x.units, x.positions = records(ids[:np], func(p *person, id string) { p.id = id }),
		records(ids[np:np+nu], func(u *unit, id string) { u.id = id }),
		records(ids[np+nu:], func(p *position, id string) { p.id = id })
}

// records makes one array of records with the given ids, and the pointers the index keeps.
func records[R any](ids []string, setID func(*R, string)) []*R {
	slab := filledAhead[R](len(ids))
	out := filledAhead[*R](len(ids))
	for i := range slab {
		setID(&slab[i], ids[i])
		out[i] = &slab[i]
	}
	return out
}

func (c *codec) commits(l *[]commitMeta) {
	n := c.length(len(*l))
	if c.mode == counting {
		return
	}
	if c.mode == decoding {
		*l = make([]commitMeta, n)
	}
	for i := range *l {
		m := (*l)[i]
		secs, nanos := m.recorded.Unix(), uint32(m.recorded.Nanosecond())
		c.i64(&m.id)
		c.i64(&secs)
		c.u32(&nanos)
		c.u32(&m.first)
		c.i32(&m.imported)
		if c.mode == decoding {
			m.recorded = time.Unix(secs, int64(nanos)).UTC()
			(*l)[i] = m
		}
	}
}

func (c *codec) events(l *[]evMeta) {
	n := c.length(len(*l))
	if c.mode == counting {
		return
	}
	if c.mode == decoding {
		*l = filledAhead[evMeta](n)
		c.decodeEvents(*l)
		return
	}
	prev := evMeta{}
	for i := range *l {
		m := (*l)[i]
		day, commit := m.day-prev.day, int32(m.commit)-int32(prev.commit)
		c.i32(&day)
		c.i32(&commit)
		m.day, m.commit = day+prev.day, uint32(commit+int32(prev.commit))
		c.u8(&m.verb)
		c.u8(&m.flags)
		c.u32(&m.gone)
		c.i32(&m.a)
		c.i32(&m.b)
		c.i32(&m.c)
		if c.mode == decoding {
			(*l)[i] = m
		}
		prev = m
	}
}

// merges codes the merge-units effects, by seq.
func (c *codec) merges(m *map[uint32]*mergeEffects) {
	keys := slices.Sorted(maps.Keys(*m))
	n := c.length(len(keys))
	if c.mode == decoding {
		*m, keys = make(map[uint32]*mergeEffects, n), make([]uint32, n)
	}
	for _, k := range keys {
		me := (*m)[k]
		if c.mode == decoding {
			me = &mergeEffects{}
		}
		c.u32(&k)
		c.int32s(&me.units)
		c.int32s(&me.positions)
		c.int32s(&me.children)
		if c.mode == decoding {
			(*m)[k] = me
		}
	}
}

// replaced codes who stepped out of positions taken with replace, by seq.
func (c *codec) replaced(m *map[uint32][]int32) {
	keys := slices.Sorted(maps.Keys(*m))
	n := c.length(len(keys))
	if c.mode == decoding {
		*m, keys = make(map[uint32][]int32, n), make([]uint32, n)
	}
	for _, k := range keys {
		l := (*m)[k]
		c.u32(&k)
		c.int32s(&l)
		if c.mode == decoding {
			(*m)[k] = l
		}
	}
}

func (c *codec) point(p *point) {
	c.i32(&p.day)
	c.u32(&p.seq)
}

package ledger

import (
	"encoding/binary"
	"errors"
	"math"
)

// codec reads or writes the binary form of the index (see checkpoint.go). One set of methods
// serves three passes, so that what is written and what is read cannot drift apart: counting
// (how large the arrays that hold decoded timelines and lists must be), encoding, decoding.
// Each method takes a pointer to the value: it reads it when counting or encoding and sets it
// when decoding.
type codec struct {
	mode mode
	buf  []byte
	off  int
	bad  bool
	sz   slabSizes // counting: the totals; decoding: what is left of the slabs
	slab slabs
}

type mode uint8

const (
	counting mode = iota
	encoding
	decoding
)

// slabSizes counts the elements of every timeline, list and small struct slice in the index.
// Decoding allocates one array of each and hands out pieces, so that loading a large ledger
// makes a few large allocations instead of millions of small ones, and a record's timelines
// lie next to each other in memory.
type slabSizes struct {
	entries, i32s, u32s, holds, lines, attrs uint64
}

type slabs struct {
	entries []entry
	i32s    []int32
	u32s    []uint32
	holds   []holdTimeline
	lines   []lineTimeline
	attrs   []attrTimeline
}

var errCorrupt = errors.New("the checkpoint is corrupt")

func (c *codec) fail() { c.bad = true }

func (c *codec) putUvarint(v uint64) { c.buf = binary.AppendUvarint(c.buf, v) }
func (c *codec) putVarint(v int64)   { c.buf = binary.AppendVarint(c.buf, v) }

func (c *codec) getUvarint() uint64 {
	v, n := binary.Uvarint(c.buf[c.off:])
	if n <= 0 {
		c.fail()
		c.off = len(c.buf)
		return 0
	}
	c.off += n
	return v
}

func (c *codec) getVarint() int64 {
	v, n := binary.Varint(c.buf[c.off:])
	if n <= 0 {
		c.fail()
		c.off = len(c.buf)
		return 0
	}
	c.off += n
	return v
}

// u64 codes an unsigned number.
func (c *codec) u64(v *uint64) {
	switch c.mode {
	case encoding:
		c.putUvarint(*v)
	case decoding:
		*v = c.getUvarint()
	}
}

// The narrower numbers write back only when decoding: encoding runs beside readers of the
// index, and must not write to it even the value it holds.

func (c *codec) u32(v *uint32) {
	x := uint64(*v)
	c.u64(&x)
	if c.mode == decoding {
		c.bad = c.bad || x > math.MaxUint32
		*v = uint32(x)
	}
}

// i64 codes a signed number (zig-zag: small negative numbers, like none, stay short).
func (c *codec) i64(v *int64) {
	switch c.mode {
	case encoding:
		c.putVarint(*v)
	case decoding:
		*v = c.getVarint()
	}
}

func (c *codec) i32(v *int32) {
	x := int64(*v)
	c.i64(&x)
	if c.mode == decoding {
		c.bad = c.bad || x < math.MinInt32 || x > math.MaxInt32
		*v = int32(x)
	}
}

func (c *codec) u8(v *uint8) {
	x := uint64(*v)
	c.u64(&x)
	if c.mode == decoding {
		c.bad = c.bad || x > math.MaxUint8
		*v = uint8(x)
	}
}

// length codes the length of a slice: n when counting or encoding, the length read when
// decoding. A length longer than the bytes left is corrupt: every element takes a byte at
// least, so a bad length never makes a huge allocation.
func (c *codec) length(n int) int {
	x := uint64(n)
	c.u64(&x)
	if c.mode == decoding && x > uint64(len(c.buf)-c.off) {
		c.fail()
		return 0
	}
	return int(x)
}

// take cuts n elements from the front of a slab, capped so that an append never writes into
// the next piece.
// sized codes the length of the list *l: counting adds it to *count, the slab's size to
// come; decoding cuts a list that long from the slab for *l to hold.
func sized[S ~[]E, E any](c *codec, l *S, slab *[]E, count *uint64) {
	n := c.length(len(*l))
	switch c.mode {
	case counting:
		*count += uint64(n)
	case decoding:
		*l = take(slab, n, c)
	}
}

func take[E any](slab *[]E, n int, c *codec) []E {
	if n == 0 {
		return nil
	}
	if n > len(*slab) {
		c.fail()
		return make([]E, n)
	}
	s := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return s
}

// timeline codes the entries of a timeline, days as differences from the previous entry.
func (c *codec) timeline(t *timeline) {
	sized(c, t, &c.slab.entries, &c.sz.entries)
	switch c.mode {
	case counting:
		return
	case decoding:
		c.decodeEntries(*t)
		return
	}
	prev := int32(0)
	for i := range *t {
		e := (*t)[i]
		day := e.day - prev
		c.i32(&day)
		e.day = day + prev
		prev = e.day
		c.u32(&e.seq)
		c.u32(&e.gone)
		c.i32(&e.val)
		if c.mode == decoding {
			(*t)[i] = e
		}
	}
}

// ids codes a list of record numbers.
func (c *codec) ids(l *ids) {
	if sized(c, l, &c.slab.i32s, &c.sz.i32s); c.mode == counting {
		return
	}
	for i := range *l {
		c.i32(&(*l)[i])
	}
}

// seqs codes a rising list of event numbers, as differences.
func (c *codec) seqs(l *seqs) {
	sized(c, l, &c.slab.u32s, &c.sz.u32s)
	switch c.mode {
	case counting:
		return
	case decoding:
		c.decodeSeqs(*l)
		return
	}
	prev := uint32(0)
	for i := range *l {
		d := (*l)[i] - prev
		c.u32(&d)
		prev += d
		if c.mode == decoding {
			(*l)[i] = prev
		}
	}
}

// int32s codes a list that is not part of a record (merge effects): no slab.
func (c *codec) int32s(l *[]int32) {
	n := c.length(len(*l))
	if c.mode == decoding && n > 0 {
		*l = make([]int32, n)
	}
	if c.mode != counting {
		for i := range *l {
			c.i32(&(*l)[i])
		}
	}
}

// strings codes a list of strings as their lengths, then their bytes in one block. Decoded,
// they are slices of one string: one allocation for all the ids of a million records.
func (c *codec) strings(l []string) []string {
	n := c.length(len(l))
	if c.mode == counting {
		return l
	}
	if c.mode == decoding {
		l = filledAhead[string](n)
	}
	lens := make([]uint64, n)
	total := uint64(0)
	for i := range l {
		lens[i] = uint64(len(l[i]))
		c.u64(&lens[i])
		total += lens[i]
	}
	if c.mode == encoding {
		for _, s := range l {
			c.buf = append(c.buf, s...)
		}
		return l
	}
	if total > uint64(len(c.buf)-c.off) {
		c.fail()
		return l
	}
	block := string(c.buf[c.off : c.off+int(total)])
	c.off += int(total)
	for i := range l {
		l[i], block = block[:lens[i]], block[lens[i]:]
	}
	return l
}

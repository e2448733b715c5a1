package ledger

import (
	"encoding/binary"
	"math"
)

// The decoding of the bulk of a checkpoint (timelines and event lists) reads varints in tight
// loops over the buffer: a checkpoint of ten million events is hundreds of megabytes.

// uvarintAt reads a varint at buf[off:], returning the offset after it, or -1 when malformed.
func uvarintAt(buf []byte, off int) (uint64, int) {
	if off >= 0 && off < len(buf) && buf[off] < 0x80 {
		return uint64(buf[off]), off + 1
	}
	if off < 0 || off > len(buf) {
		return 0, -1
	}
	v, n := binary.Uvarint(buf[off:])
	if n <= 0 {
		return 0, -1
	}
	return v, off + n
}

// varintAt reads a zig-zag varint.
func varintAt(buf []byte, off int) (int64, int) {
	u, off := uvarintAt(buf, off)
	return int64(u>>1) ^ -int64(u&1), off
}

func (c *codec) decodeEntries(t timeline) {
	buf, off, prev := c.buf, c.off, int64(0)
	var day, val int64
	var seq, gone uint64
	for i := range t {
		day, off = varintAt(buf, off)
		seq, off = uvarintAt(buf, off)
		gone, off = uvarintAt(buf, off)
		val, off = varintAt(buf, off)
		prev += day
		if off < 0 || seq > math.MaxUint32 || gone > math.MaxUint32 || prev != int64(int32(prev)) || val != int64(int32(val)) {
			c.fail()
			return
		}
		t[i] = entry{day: int32(prev), seq: uint32(seq), gone: uint32(gone), val: int32(val)}
	}
	c.off = off
}

func (c *codec) decodeSeqs(l seqs) {
	buf, off, prev := c.buf, c.off, uint64(0)
	var d uint64
	for i := range l {
		d, off = uvarintAt(buf, off)
		prev += d
		if off < 0 || prev > math.MaxUint32 {
			c.fail()
			return
		}
		l[i] = uint32(prev)
	}
	c.off = off
}

// decodeEvents reads the compact events as events writes them: day and commit as differences
// from the previous event's, then verb, flags, retraction and the three records.
func (c *codec) decodeEvents(l []evMeta) {
	buf, off := c.buf, c.off
	var f [8]int64
	prev := evMeta{}
	for i := range l {
		for k := range f {
			if k >= 2 && k <= 4 {
				var u uint64
				u, off = uvarintAt(buf, off)
				f[k] = int64(u)
			} else {
				f[k], off = varintAt(buf, off)
			}
		}
		m := evMeta{day: prev.day + int32(f[0]), commit: uint32(int32(prev.commit) + int32(f[1])), verb: uint8(f[2]),
			flags: uint8(f[3]), gone: uint32(f[4]), a: int32(f[5]), b: int32(f[6]), c: int32(f[7])}
		if off < 0 || f[2] > math.MaxUint8 || f[3] > math.MaxUint8 || f[4] > math.MaxUint32 {
			c.fail()
			return
		}
		l[i], prev = m, m
	}
	c.off = off
}

package ledger

import "hash/maphash"

// idTable maps every id of the index to its record: an open-addressing hash table whose slots
// are single numbers (32 bits of the id's hash, then the record: its kind in two bits, its
// number in thirty), each compared with the record's own id when the hash bits match. For the
// millions of ids of a large ledger it takes an eighth of the memory of a map[string]ref,
// holds no pointers for the collector to scan, and is built in a fraction of the time.
type idTable struct {
	slots []uint64
	n     int
	seed  maphash.Seed
}

func newIDTable(n int) idTable {
	size := 16
	for tooFull(n, size) {
		size *= 2
	}
	return idTable{slots: make([]uint64, size), seed: maphash.MakeSeed()}
}

// tooFull reports whether n ids would fill more than three quarters of size slots.
func tooFull(n, size int) bool { return n*4 > size*3 }

func (t *idTable) hash(id string) uint64 { return maphash.String(t.seed, id) }

func slotOf(h uint64, r ref) uint64 {
	return h&^(1<<32-1) | uint64(r.kind)<<30 | uint64(uint32(r.idx))
}

func refOf(slot uint64) ref { return ref{kind(slot >> 30 & 3), int32(slot & (1<<30 - 1))} }

// findID returns the record of id in the index.
func (x *index) findID(id string) (ref, bool) {
	t := &x.ids
	if t.slots == nil {
		return ref{}, false
	}
	h := t.hash(id)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; t.slots[i] != 0; i = (i + 1) & mask {
		if s := t.slots[i]; s>>32 == h>>32 && x.recordID(refOf(s)) == id {
			return refOf(s), true
		}
	}
	return ref{}, false
}

// putID adds a record's id, which the table must not hold yet.
func (x *index) putID(id string, r ref) {
	x.reserveIDs(1)
	t := &x.ids
	t.insert(t.hash(id), r)
	t.n++
}

// reserveIDs grows the table until n more ids fit.
func (x *index) reserveIDs(n int) {
	for tooFull(x.ids.n+n, len(x.ids.slots)) {
		x.growIDs()
	}
}

func (t *idTable) insert(h uint64, r ref) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = slotOf(h, r)
}

// growIDs doubles the table, hashing every id again.
func (x *index) growIDs() {
	old := x.ids.slots
	x.ids = newIDTable(max(2*len(old), 16) * 3 / 4)
	for _, s := range old {
		if s != 0 {
			r := refOf(s)
			x.ids.insert(x.ids.hash(x.recordID(r)), r)
			x.ids.n++
		}
	}
}

// recordID returns the id of a record of the index.
func (x *index) recordID(r ref) string {
	switch r.kind {
	case kindPerson:
		return x.people[r.idx].id
	case kindUnit:
		return x.units[r.idx].id
	}
	return x.positions[r.idx].id
}

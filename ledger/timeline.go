package ledger

import "math"

// A timeline is the history of one attribute (a position's title, a person's active flag, a
// unit's parent) as entries sorted by (day, seq): the value holds from its day until the next
// visible entry. Looking up a value is a short scan from the end, never a replay of the ledger.
type timeline []entry

// entry is one value of a timeline. seq is the event that set it; gone, when not zero, is the
// retraction that took it back. val is an index: of a record, of the string table, or a flag.
type entry struct {
	day  int32
	seq  uint32
	gone uint32
	val  int32
}

// point is a place in effective order: just before event seq on day. Queries use the end of
// a day (seq = endOfDay); checks use the place of the event being checked.
type point struct {
	day int32
	seq uint32
}

// endOfDay is the seq of a point after every event of its day.
const endOfDay = math.MaxUint32

// dayEnd returns the point after every event effective on day.
func dayEnd(day int32) point { return point{day, endOfDay} }

// before reports whether the entry is effective strictly before p.
func (e entry) before(p point) bool {
	return e.day < p.day || (e.day == p.day && e.seq < p.seq)
}

// visible reports whether the entry was known, and not yet retracted, at seq known.
func (e entry) visible(known uint32) bool {
	return e.seq <= known && (e.gone == 0 || e.gone > known)
}

// at returns the value in force at p, as known at seq known.
func (t timeline) at(p point, known uint32) (int32, bool) {
	i := len(t) - 1
	if i > 16 {
		i = t.search(p) - 1
	}
	for ; i >= 0; i-- {
		e := t[i]
		if e.before(p) && e.visible(known) {
			return e.val, true
		}
	}
	return 0, false
}

// search returns the index of the first entry not before p.
func (t timeline) search(p point) int {
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t[m].before(p) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// with returns t with e in its place. It inserts in place when t has room: a record copied
// into an overlay has its slices clipped to their length (see clip), so that the first
// insertion there moves to an array of the overlay's own and the index's stays as it was.
func (t timeline) with(e entry) timeline {
	i := t.search(point{e.day, e.seq})
	t = append(t, entry{})
	copy(t[i+1:], t[i:])
	t[i] = e
	return t
}

// had reports whether any entry, visible or not, ever held val: the record has then already
// been added to the candidate list of whatever val points to.
func (t timeline) had(val int32) bool {
	for _, e := range t {
		if e.val == val {
			return true
		}
	}
	return false
}

// retracted returns t with the entries of event seq marked as retracted by event by.
func (t timeline) retracted(seq, by uint32, fresh bool) timeline {
	hit := false
	for _, e := range t {
		if e.seq == seq {
			hit = true
			break
		}
	}
	if !hit {
		return t
	}
	if fresh {
		t = append(timeline(nil), t...)
	}
	for i := range t {
		if t[i].seq == seq && t[i].gone == 0 {
			t[i].gone = by
		}
	}
	return t
}

// next returns the first visible entry after p, as known at known.
func (t timeline) next(p point, known uint32) (entry, bool) {
	for i := t.search(p); i < len(t); i++ {
		if e := t[i]; e.visible(known) && !(e.day == p.day && e.seq == p.seq) {
			return e, true
		}
	}
	return entry{}, false
}

// last returns the last visible entry before p, as known at known.
func (t timeline) last(p point, known uint32) (entry, bool) {
	for i := t.search(p) - 1; i >= 0; i-- {
		if e := t[i]; e.visible(known) {
			return e, true
		}
	}
	return entry{}, false
}

// ids is a list of record indexes without duplicates: the candidates that may hang from a
// record on some date (every position that ever reported to a position, say). The caller adds
// a record only the first time it points here, which its own timeline tells (had).
type ids []int32

// seqs is the list of events touching a record, in seq order.
type seqs []uint32

// with returns l with s at its end, once.
func (l seqs) with(s uint32) seqs {
	if n := len(l); n > 0 && l[n-1] == s {
		return l
	}
	return append(l, s)
}

package ledger

// frameScratch is the arrays a frame, and a whole chart made from it, work in: sized by the
// records, not by the answer, and given back when the frame is done (frame.done), for the next
// frame. A whole-org answer of a million-person ledger would otherwise allocate about 90 MB of
// them each time, on top of its own nodes: memory the collector reclaims, and the kernel hands
// out again page by page, each page zeroed on its first write.
type frameScratch struct {
	pos    []posFrame
	active []bool
	counts [][]int32 // tree: per range of positions, a count for every position
	start  []int32   // tree: where each position's children begin in kids
	keys   []uint64  // tree: the children's sort keys
	kids   []int32   // tree: the children, grouped by parent
	at     []int32   // preorder: each position's place in the chart
	parent []int32   // preorder: each node's parent's place
}

// frameScratch returns arrays for a frame of np people and npos positions, ones a frame done
// with has given back when there are any. Only pos and active are sized; the rest are sized by
// whoever uses them (reused).
func (s *state) frameScratch(np, npos int) *frameScratch {
	sc, ok := s.frames.Get().(*frameScratch)
	if !ok {
		sc = &frameScratch{}
	}
	sc.pos, sc.active = reused(sc.pos, npos), reused(sc.active, np)
	return sc
}

// reused returns a of length n, its own array when it has room, else a new one; what it held
// before is still there, to be overwritten or cleared by the caller.
func reused[T any](a []T, n int) []T {
	if cap(a) < n {
		return make([]T, n)
	}
	return a[:n]
}

// zeroed returns a of length n with every element zero.
func zeroed[T any](a []T, n int) []T {
	a = reused(a, n)
	clear(a)
	return a
}

package ledger

import (
	"runtime"
	"sync"
)

// A frame is the org at one view as flat arrays, by record number: what every position and
// person is at that point, looked up once in a pass over the records. Questions about the
// whole org (the whole chart, a diff) read the arrays instead of walking records and looking
// up their timelines as they go; at a million people the walk spends its time waiting for
// memory, while the pass reads the records in the order they lie in memory, on every core.
type frame struct {
	v      view
	active []bool              // by person: active
	pos    []posFrame          // by position
	more   map[int32][]holding // the positions with several holders: all of them
	sc     *frameScratch       // the arrays above and those the answers work in, given back by done

	byNumber bool // positions' ids rise with their numbers: sorting by number is sorting by id
}

// posFrame is a position in a frame, in one piece, so that a reader of it pays for one cache
// line. Only an open position has the other fields set.
type posFrame struct {
	reportsTo, unit int32 // none when absent
	title, kind     int32 // string numbers
	holder          int32 // the holder, none when vacant; the first when several (see more)
	open, acting    bool
}

// newFrame makes the frame of v.
func newFrame(v view) *frame {
	np, npos := int(v.s.countPeople()), int(v.s.countPositions())
	sc := v.s.frameScratch(np, npos)
	f := &frame{v: v, active: sc.active, pos: sc.pos, more: make(map[int32][]holding), sc: sc,
		byNumber: v.s.positionIDsInOrder()}
	parallel(np, func(_, lo, hi int) {
		for p := lo; p < hi; p++ {
			f.active[p] = v.active(int32(p))
		}
	})
	var mu sync.Mutex
	parallel(npos, func(_, lo, hi int) {
		more := f.positions(lo, hi)
		mu.Lock()
		for p, hs := range more {
			f.more[p] = hs
		}
		mu.Unlock()
	})
	return f
}

// positions fills the frame for positions lo to hi, and returns the positions among them with
// several holders.
func (f *frame) positions(lo, hi int) map[int32][]holding {
	var more map[int32][]holding
	v := f.v
	for i := lo; i < hi; i++ {
		p, x := int32(i), &f.pos[i]
		*x = posFrame{reportsTo: none, unit: none, holder: none} // the array may be a used one
		if x.open = v.posOpen(p); !x.open {
			continue
		}
		rec := v.s.position(p)
		x.reportsTo, x.unit = v.ref(rec.reportsTo), v.ref(rec.unit)
		x.title, _ = v.val(rec.title)
		x.kind, _ = v.val(rec.kind)
		n := 0
		for _, h := range rec.holders {
			st, ok := v.val(h.tl)
			if !ok || st == notHeld || !f.active[h.person] {
				continue
			}
			if n++; n == 1 {
				x.holder, x.acting = h.person, st == acting
				continue
			}
			if more == nil {
				more = make(map[int32][]holding)
			}
			if n == 2 {
				more[p] = []holding{{x.holder, p, x.acting}}
			}
			more[p] = append(more[p], holding{h.person, p, st == acting})
		}
	}
	return more
}

// holders returns the holders of open position p, in the order view.holders gives them.
func (f *frame) holders(p int32) []holding {
	if hs, ok := f.more[p]; ok {
		return hs
	}
	if x := f.pos[p]; x.holder != none {
		return []holding{{x.holder, p, x.acting}}
	}
	return nil
}

// actingIn reports whether person holds open position p as an interim holder.
func (f *frame) actingIn(p, person int32) bool {
	if x := f.pos[p]; x.holder == person {
		return x.acting
	}
	for _, h := range f.more[p] {
		if h.person == person {
			return h.acting
		}
	}
	return false
}

// holderCount returns how many people hold open position p.
func (f *frame) holderCount(p int32) int {
	switch {
	case f.pos[p].holder == none:
		return 0
	case len(f.more) > 0 && f.more[p] != nil:
		return len(f.more[p])
	}
	return 1
}

// filled reports whether open position p has a holder.
func (f *frame) filled(p int32) bool { return f.pos[p].holder != none }

// manager returns the nearest filled position up the solid line from p, or none, as
// view.manager does. The frame holds only open positions; a line to a closed position, which
// validation never lets stand, is followed in the view.
func (f *frame) manager(p int32) int32 {
	for i, q := 0, f.pos[p].reportsTo; q != none && i <= 1<<20; i++ {
		if !f.pos[q].open {
			if f.v.filled(q) {
				return q
			}
			q = f.v.reportsTo(q)
			continue
		}
		if f.filled(q) {
			return q
		}
		q = f.pos[q].reportsTo
	}
	return none
}

// parallel calls fn on consecutive ranges of [0, n), one per processor (see parts), each with
// its number, and waits for them.
func parallel(n int, fn func(part, lo, hi int)) { inParts(n, parts(n), fn) }

// inParts calls fn on k consecutive ranges of [0, n), each with its number, and waits for them.
func inParts(n, k int, fn func(part, lo, hi int)) {
	if k == 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range k {
		lo, hi := n*i/k, n*(i+1)/k
		wg.Go(func() { fn(i, lo, hi) })
	}
	wg.Wait()
}

// parts returns how many ranges parallel splits n into: one per processor, or one for small n,
// which is quicker done than handed out.
func parts(n int) int {
	if n < 4096 {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// positionIDsInOrder reports whether every position's id sorts after the id of the position
// made before it, the overlay's included.
func (s *state) positionIDsInOrder() bool {
	if s.posUnordered {
		return false
	}
	for i := int32(len(s.positions)); i < s.countPositions(); i++ {
		if i > 0 && s.position(i).id < s.position(i-1).id {
			return false
		}
	}
	return true
}

// done gives the frame's arrays back, for the next frame. Nothing the frame answered may point
// into them.
func (f *frame) done() {
	if f.sc != nil { // done once: a second Put would give the pool a nil
		f.v.s.frames.Put(f.sc)
	}
	f.sc, f.pos, f.active = nil, nil, nil
}

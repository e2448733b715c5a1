package ledger

// view is the org at one point in effective time as known at one seq: the shared vocabulary of
// checks (at the place of the event being checked, knowing everything) and of queries (at the
// end of a day, knowing what was recorded by a time).
type view struct {
	s     *state
	at    point
	known uint32
}

func (v view) val(t timeline) (int32, bool) { return t.at(v.at, v.known) }

func (v view) flag(t timeline) bool {
	x, ok := v.val(t)
	return ok && x != 0
}

// ref returns the record a reference timeline points to, or none.
func (v view) ref(t timeline) int32 {
	if x, ok := v.val(t); ok {
		return x
	}
	return none
}

func (v view) text(t timeline) string {
	if x, ok := v.val(t); ok {
		return v.s.str(x)
	}
	return ""
}

func (v view) active(p int32) bool   { return v.flag(v.s.person(p).active) }
func (v view) unitOpen(u int32) bool { return v.flag(v.s.unit(u).open) }
func (v view) posOpen(p int32) bool  { return v.flag(v.s.position(p).open) }

// existsPerson reports whether the person was hired on or before the view's date.
func (v view) existsPerson(p int32) bool { _, ok := v.val(v.s.person(p).active); return ok }
func (v view) existsUnit(u int32) bool   { _, ok := v.val(v.s.unit(u).open); return ok }
func (v view) existsPos(p int32) bool    { _, ok := v.val(v.s.position(p).open); return ok }

// reportsTo returns the position p's solid line goes to, or none.
func (v view) reportsTo(p int32) int32 { return v.ref(v.s.position(p).reportsTo) }

func (v view) unitOf(p int32) int32   { return v.ref(v.s.position(p).unit) }
func (v view) parentOf(u int32) int32 { return v.ref(v.s.unit(u).parent) }

// holding is a person in a position.
type holding struct {
	person, position int32
	acting           bool
}

// holders returns who holds position p: people with a holding who are active.
func (v view) holders(p int32) []holding {
	var out []holding
	for _, h := range v.s.position(p).holders {
		if st, ok := v.val(h.tl); ok && st != notHeld && v.active(h.person) {
			out = append(out, holding{h.person, p, st == acting})
		}
	}
	return out
}

// filled reports whether anyone holds p, without building the list.
func (v view) filled(p int32) bool {
	for _, h := range v.s.position(p).holders {
		if st, ok := v.val(h.tl); ok && st != notHeld && v.active(h.person) {
			return true
		}
	}
	return false
}

// holds returns whether person holds position p, and as acting.
func (v view) holds(person, p int32) (bool, bool) {
	for _, h := range v.s.position(p).holders {
		if h.person == person {
			st, ok := v.val(h.tl)
			return ok && st != notHeld, st == acting
		}
	}
	return false, false
}

// positionsOf returns the positions the person holds; none once they have left.
func (v view) positionsOf(person int32) []holding {
	if !v.active(person) {
		return nil
	}
	var out []holding
	for _, p := range v.s.person(person).positions {
		if ok, act := v.holds(person, p); ok {
			out = append(out, holding{person, p, act})
		}
	}
	return out
}

// manager returns the nearest filled position up the solid line from p, or none.
func (v view) manager(p int32) int32 {
	for i, q := 0, v.reportsTo(p); q != none; q = v.reportsTo(q) {
		if v.filled(q) {
			return q
		}
		if i++; i > 1<<20 {
			break // a cycle, which validation never lets in
		}
	}
	return none
}

// children returns the open positions whose solid line goes to p.
func (v view) children(p int32) []int32 {
	var out []int32
	for _, c := range v.s.position(p).reports {
		if v.posOpen(c) && v.reportsTo(c) == p {
			out = append(out, c)
		}
	}
	return out
}

// unitPositions returns the open positions in unit u.
func (v view) unitPositions(u int32) []int32 {
	var out []int32
	for _, p := range v.s.unit(u).positions {
		if v.posOpen(p) && v.unitOf(p) == u {
			out = append(out, p)
		}
	}
	return out
}

// childUnits returns the open units whose parent is u.
func (v view) childUnits(u int32) []int32 {
	var out []int32
	for _, c := range v.s.unit(u).units {
		if v.unitOpen(c) && v.parentOf(c) == u {
			out = append(out, c)
		}
	}
	return out
}

// dottedTo returns the open positions p has a dotted line to.
func (v view) dottedTo(p int32) []int32 {
	var out []int32
	for _, d := range v.s.position(p).dotted {
		if v.flag(d.tl) && v.posOpen(d.to) {
			out = append(out, d.to)
		}
	}
	return out
}

// hasDotted reports whether the dotted line p → to exists.
func (v view) hasDotted(p, to int32) bool {
	for _, d := range v.s.position(p).dotted {
		if d.to == to {
			return v.flag(d.tl)
		}
	}
	return false
}

// head returns the open position heading unit u, or none.
func (v view) head(u int32) int32 {
	h := v.ref(v.s.unit(u).head)
	if h != none && !v.posOpen(h) {
		return none
	}
	return h
}

// lineReaches reports whether walking up the solid line from p reaches target, and the path.
func (v view) lineReaches(p, target int32) ([]int32, bool) {
	path := []int32{p}
	for q := p; q != none; q = v.reportsTo(q) {
		if q == target {
			return path, true
		}
		if q != p {
			path = append(path, q)
		}
		if len(path) > 1<<20 {
			break
		}
	}
	return nil, false
}

// parentReaches reports whether walking up the unit parents from u reaches target.
func (v view) parentReaches(u, target int32) ([]int32, bool) {
	path := []int32{u}
	for q := u; q != none; q = v.parentOf(q) {
		if q == target {
			return path, true
		}
		if q != u {
			path = append(path, q)
		}
		if len(path) > 1<<20 {
			break
		}
	}
	return nil, false
}

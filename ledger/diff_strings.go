package ledger

// strArena hands out one-element lists of strings from shared arrays: a diff of a million
// changes would otherwise make two million tiny allocations. Each method returns a function
// that makes the list, so that nothing is made for what did not change.
type strArena struct{ buf []string }

func (ar *strArena) one(s string) []string {
	if len(ar.buf) == cap(ar.buf) {
		ar.buf = make([]string, 0, 4096)
	}
	ar.buf = append(ar.buf, s)
	n := len(ar.buf)
	return ar.buf[n-1 : n : n]
}

func (ar *strArena) posID(v view, p int32) func(*strArena) []string {
	return func(ar *strArena) []string {
		if p == none {
			return nil
		}
		return ar.one(v.s.position(p).id)
	}
}

func (ar *strArena) unitID(v view, u int32) func(*strArena) []string {
	return func(ar *strArena) []string {
		if u == none {
			return nil
		}
		return ar.one(v.s.unit(u).id)
	}
}

func (ar *strArena) personID(v view, p int32) func(*strArena) []string {
	return func(ar *strArena) []string {
		if p == none {
			return nil
		}
		return ar.one(v.s.person(p).id)
	}
}

// title is the person's titles: none without a position, else its title, even "".
func (ar *strArena) title(v view, k personKey) func(*strArena) []string {
	return func(ar *strArena) []string {
		if k.pos == none {
			return nil
		}
		return ar.one(v.s.str(k.title))
	}
}

// text is one(s) for string number i: none for "".
func (ar *strArena) text(v view, i int32) func(*strArena) []string {
	return func(ar *strArena) []string {
		if i == 0 {
			return nil
		}
		return ar.one(v.s.str(i))
	}
}

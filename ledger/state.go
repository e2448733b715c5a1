package ledger

// state is the index as a change sees it. Without an overlay it is the index itself, edited in
// place: that is how the ledger loads and how it commits, under its write lock. With an
// overlay, every edit lands in copies and the index stays as readers see it: that is how a
// changeset is validated, a dry run diffed and a plan previewed.
type state struct {
	*index
	ov *overlay

	entries []entry // a block that new timelines take their first entry from (firstEntry)
}

type overlay struct {
	// Copies of the index's records that the overlay changed, by index; records the overlay
	// creates are in the slices below, numbered on from the index's counts.
	people    map[int32]*person
	units     map[int32]*unit
	positions map[int32]*position
	newPeople []*person
	newUnits  []*unit
	newPos    []*position
	ids       map[string]ref
	strs      []string
	strIdx    map[string]int32
	evs       []evMeta
	merges    map[uint32]*mergeEffects
	replaced  map[uint32][]int32
	gone      map[uint32]uint32 // index events retracted in the overlay
	maxLine   point             // the latest point of a reports-to entry the overlay set or retracted
	maxParent point             // the same for unit parents
	// unchanged is, for a changeset someone wrote or a plan's, why each of its changes that
	// changes nothing does (unchanged), by the change's index.
	unchanged map[int]string
}

// overlaid returns a state that leaves x untouched, for a changeset of about changes changes.
func overlaid(x *index, changes int) *state {
	return &state{index: x, ov: &overlay{
		people:    make(map[int32]*person),
		units:     make(map[int32]*unit),
		positions: make(map[int32]*position),
		ids:       make(map[string]ref, changes/2),
		strIdx:    make(map[string]int32, changes/2),
		evs:       make([]evMeta, 0, changes),
		merges:    make(map[uint32]*mergeEffects),
		replaced:  make(map[uint32][]int32),
		gone:      make(map[uint32]uint32),
		unchanged: make(map[int]string),
	}}
}

// firstEntry returns a timeline of the one entry e, cut from a block that other new timelines
// share: most timelines of a new record never hold a second entry, and one allocation for
// thousands of them spares the allocator and the collector. The timeline's capacity is its
// length, so a second entry moves it out of the block.
func (s *state) firstEntry(e entry) timeline {
	if len(s.entries) == cap(s.entries) {
		// Blocks double from 8 to 4,096 entries: every commit has a state of its own, and a
		// commit of one change must not keep a large block alive in the index.
		s.entries = make([]entry, 0, min(max(8, 2*cap(s.entries)), 4096))
	}
	s.entries = append(s.entries, e)
	n := len(s.entries)
	return timeline(s.entries[n-1 : n : n])
}

// lineSet notes that a reports-to entry at p was set or retracted.
func (s *state) lineSet(p point) {
	if s.ov == nil {
		s.maxLine = later(s.maxLine, p)
	} else {
		s.ov.maxLine = later(s.ov.maxLine, p)
	}
}

// parentSet notes that a unit parent entry at p was set or retracted.
func (s *state) parentSet(p point) {
	if s.ov == nil {
		s.maxParent = later(s.maxParent, p)
	} else {
		s.ov.maxParent = later(s.ov.maxParent, p)
	}
}

// fresh reports whether edits must copy: true with an overlay.
func (s *state) fresh() bool { return s.ov != nil }

func (s *state) person(i int32) *person {
	if s.ov != nil {
		if n := int32(len(s.people)); i >= n {
			return s.ov.newPeople[i-n]
		} else if p, ok := s.ov.people[i]; ok {
			return p
		}
	}
	return s.people[i]
}

func (s *state) unit(i int32) *unit {
	if s.ov != nil {
		if n := int32(len(s.units)); i >= n {
			return s.ov.newUnits[i-n]
		} else if u, ok := s.ov.units[i]; ok {
			return u
		}
	}
	return s.units[i]
}

func (s *state) position(i int32) *position {
	if s.ov != nil {
		if n := int32(len(s.positions)); i >= n {
			return s.ov.newPos[i-n]
		} else if p, ok := s.ov.positions[i]; ok {
			return p
		}
	}
	return s.positions[i]
}

// editPerson returns the person to change: the record itself, or its copy in the overlay.
func (s *state) editPerson(i int32) *person {
	if s.ov == nil {
		return s.people[i]
	}
	if n := int32(len(s.people)); i >= n {
		return s.ov.newPeople[i-n]
	}
	if p, ok := s.ov.people[i]; ok {
		return p
	}
	c := *s.people[i]
	c.clip()
	s.ov.people[i] = &c
	return &c
}

func (s *state) editUnit(i int32) *unit {
	if s.ov == nil {
		return s.units[i]
	}
	if n := int32(len(s.units)); i >= n {
		return s.ov.newUnits[i-n]
	}
	if u, ok := s.ov.units[i]; ok {
		return u
	}
	c := *s.units[i]
	c.clip()
	s.ov.units[i] = &c
	return &c
}

func (s *state) editPosition(i int32) *position {
	if s.ov == nil {
		return s.positions[i]
	}
	if n := int32(len(s.positions)); i >= n {
		return s.ov.newPos[i-n]
	}
	if p, ok := s.ov.positions[i]; ok {
		return p
	}
	c := *s.positions[i]
	c.clip()
	s.ov.positions[i] = &c
	return &c
}

func (s *state) countPeople() int32    { return int32(len(s.people)) + s.ovCount(kindPerson) }
func (s *state) countUnits() int32     { return int32(len(s.units)) + s.ovCount(kindUnit) }
func (s *state) countPositions() int32 { return int32(len(s.positions)) + s.ovCount(kindPosition) }

func (s *state) ovCount(k kind) int32 {
	if s.ov == nil {
		return 0
	}
	switch k {
	case kindPerson:
		return int32(len(s.ov.newPeople))
	case kindUnit:
		return int32(len(s.ov.newUnits))
	}
	return int32(len(s.ov.newPos))
}

// lookup finds the record of an id, in any namespace.
func (s *state) lookup(id string) (ref, bool) {
	if s.ov != nil {
		if r, ok := s.ov.ids[id]; ok {
			return r, true
		}
	}
	r, ok := s.findID(id)
	return r, ok
}

// add creates the record of a new id and returns its index.
func (s *state) add(k kind, id string) int32 {
	var i int32
	switch k {
	case kindPerson:
		i = s.countPeople()
		s.putPerson(&person{id: id})
	case kindUnit:
		i = s.countUnits()
		s.putUnit(&unit{id: id})
	case kindPosition:
		i = s.countPositions()
		s.putPosition(&position{id: id})
	}
	if s.ov != nil {
		s.ov.ids[id] = ref{k, i}
	} else {
		s.putID(id, ref{k, i})
	}
	return i
}

func (s *state) putPerson(p *person) {
	if s.ov == nil {
		s.people = append(s.people, p)
	} else {
		s.ov.newPeople = append(s.ov.newPeople, p)
	}
}

func (s *state) putUnit(u *unit) {
	if s.ov == nil {
		s.units = append(s.units, u)
	} else {
		s.ov.newUnits = append(s.ov.newUnits, u)
	}
}

func (s *state) putPosition(p *position) {
	if s.ov == nil {
		s.index.appendPosition(p)
	} else {
		s.ov.newPos = append(s.ov.newPos, p)
	}
}

// appendPosition adds a position made after the others, noting when its id sorts before the
// id of the one made before it (posUnordered).
func (x *index) appendPosition(p *position) {
	if n := len(x.positions); n > 0 && p.id < x.positions[n-1].id {
		x.posUnordered = true
	}
	x.positions = append(x.positions, p)
}

// str returns an interned string.
func (s *state) str(i int32) string {
	if n := int32(len(s.strs)); i >= n {
		return s.ov.strs[i-n]
	}
	return s.strs[i]
}

// countStrs returns how many strings are interned, counting the overlay's.
func (s *state) countStrs() int {
	if s.ov == nil {
		return len(s.strs)
	}
	return len(s.strs) + len(s.ov.strs)
}

// intern returns the index of v in the string table, adding it if new.
func (s *state) intern(v string) int32 {
	if i, ok := s.strIdx[v]; ok {
		return i
	}
	if s.ov == nil {
		i := int32(len(s.strs))
		s.strs = append(s.strs, v)
		s.strIdx[v] = i
		return i
	}
	if i, ok := s.ov.strIdx[v]; ok {
		return i
	}
	i := int32(len(s.strs) + len(s.ov.strs))
	s.ov.strs = append(s.ov.strs, v)
	s.ov.strIdx[v] = i
	return i
}

// ev returns the compact event seq.
func (s *state) ev(seq uint32) evMeta {
	if n := uint32(len(s.evs)); seq > n {
		return s.ov.evs[seq-n-1]
	}
	m := s.evs[seq-1]
	if s.ov != nil && m.gone == 0 {
		m.gone = s.ov.gone[seq]
	}
	return m
}

// evCount returns the seq of the last event, counting the overlay's.
func (s *state) evCount() uint32 {
	n := uint32(len(s.evs))
	if s.ov != nil {
		n += uint32(len(s.ov.evs))
	}
	return n
}

// appendEv adds an event and returns its seq.
func (s *state) appendEv(m evMeta) uint32 {
	if s.ov == nil {
		s.evs = append(s.evs, m)
		return uint32(len(s.evs))
	}
	s.ov.evs = append(s.ov.evs, m)
	return s.evCount()
}

// markGone records that event seq was retracted by event by.
func (s *state) markGone(seq, by uint32) {
	n := uint32(len(s.evs))
	switch {
	case s.ov == nil:
		s.evs[seq-1].gone = by
	case seq <= n:
		s.ov.gone[seq] = by
	default:
		s.ov.evs[seq-n-1].gone = by
	}
}

func (s *state) merge(seq uint32) *mergeEffects {
	if s.ov != nil {
		if m, ok := s.ov.merges[seq]; ok {
			return m
		}
	}
	return s.merges[seq]
}

// setMerge records what merge-units event seq did.
func (s *state) setMerge(seq uint32, m *mergeEffects) {
	if s.ov != nil {
		s.ov.merges[seq] = m
	} else {
		s.merges[seq] = m
	}
}

// setReplaced records the holders that assign event seq replaced.
func (s *state) setReplaced(seq uint32, people []int32) {
	if s.ov != nil {
		s.ov.replaced[seq] = people
	} else {
		s.replaced[seq] = people
	}
}

func (s *state) replacedBy(seq uint32) []int32 {
	if s.ov != nil {
		if r, ok := s.ov.replaced[seq]; ok {
			return r
		}
	}
	return s.replaced[seq]
}

// The clip methods cut the capacity of a copied record's slices to their length, so that an
// append in the overlay moves to a new array instead of writing into one the index shares.
// Slices whose elements are edited in place (holders, dotted lines, attributes) are copied.

func (p *person) clip() {
	p.active, p.name, p.email, p.location = clipped(p.active), clipped(p.name), clipped(p.email), clipped(p.location)
	p.attrs = append([]attrTimeline(nil), p.attrs...)
	for i := range p.attrs {
		p.attrs[i].tl = clipped(p.attrs[i].tl)
	}
	p.positions, p.events = clipped(p.positions), clipped(p.events)
}

func (u *unit) clip() {
	u.open, u.name, u.kind, u.parent, u.head = clipped(u.open), clipped(u.name), clipped(u.kind), clipped(u.parent), clipped(u.head)
	u.units, u.positions, u.events = clipped(u.units), clipped(u.positions), clipped(u.events)
}

func (p *position) clip() {
	p.open, p.title, p.unit, p.reportsTo, p.kind = clipped(p.open), clipped(p.title), clipped(p.unit), clipped(p.reportsTo), clipped(p.kind)
	p.dotted = append([]lineTimeline(nil), p.dotted...)
	for i := range p.dotted {
		p.dotted[i].tl = clipped(p.dotted[i].tl)
	}
	p.holders = append([]holdTimeline(nil), p.holders...)
	for i := range p.holders {
		p.holders[i].tl = clipped(p.holders[i].tl)
	}
	p.reports, p.dottedFrom, p.heads, p.events = clipped(p.reports), clipped(p.dottedFrom), clipped(p.heads), clipped(p.events)
}

func clipped[S ~[]E, E any](s S) S { return s[:len(s):len(s)] }

package ledger

import (
	"maps"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// The diff at scale. diffViews compares two frames (frame.go) record by record, on every core;
// a person who holds one position under a manager position with one holder (nearly everyone)
// is compared as a handful of numbers, and only a difference builds strings. Anyone else goes
// through diffPerson, which works from the views. Each record's changes come out together, in
// the order sortChanges gives kinds, so ordering the diff is ordering records by id, which
// records made in id order (as gen and HRIS imports make them) already are.

// personKey is what the diff compares of a person who holds at most one position.
type personKey struct {
	pos, title, unit, manager, name, email, location int32
	acting                                           int32 // pos when held as an interim holder, else none
}

// changed is the changes of the records of one kind that changed, each record's together, in
// blocks that are never grown: a diff of a million changes would otherwise copy them each time
// its array doubled, and leave the collector every array it outgrew.
type changed struct {
	blocks  [][]orgledger.DiffChange
	records []changedRecord
}

// changedRecord is a record that changed: its id and where its changes are.
type changedRecord struct {
	id         string
	block      int32
	start, end int32
}

// Blocks double from firstBlock changes to lastBlock, unless one record has more: most diffs
// are small (a dry run, a plan's preview).
const (
	firstBlock = 16
	lastBlock  = 4096
	roomFor    = 8 // more changes than one record has but rarely
)

// diffRecords calls diff for every record number below n, on every core, and returns the
// records that changed, in number order, in one part for each core. diff appends the record's
// changes to its argument.
func diffRecords(n int32, diff func(part int, i int32, out []orgledger.DiffChange) []orgledger.DiffChange, id func(i int32) string) []changed {
	out := make([]changed, parts(int(n)))
	parallel(int(n), func(part, lo, hi int) {
		c := &out[part]
		for i := lo; i < hi; i++ {
			c.add(diff, part, int32(i), id)
		}
	})
	return out
}

// add appends the changes of record i, which diff appends to the last block. A block with room
// for fewer than roomFor changes is left for a new one first; a record with more changes than
// the room left (diff's append then copies the block) moves them to a new block.
func (c *changed) add(diff func(int, int32, []orgledger.DiffChange) []orgledger.DiffChange, part int, i int32, id func(int32) string) {
	if n := len(c.blocks); n == 0 || cap(c.blocks[n-1])-len(c.blocks[n-1]) < roomFor {
		c.newBlock(0)
	}
	b := len(c.blocks) - 1
	last := c.blocks[b]
	out := diff(part, i, last)
	if len(out) == len(last) {
		return
	}
	start := len(last)
	if cap(out) != cap(last) {
		out, start = append(c.newBlock(len(out)-start), out[start:]...), 0
		b++
	}
	c.blocks[b] = out
	c.records = append(c.records, changedRecord{id(i), int32(b), int32(start), int32(len(out))})
}

// newBlock starts a block with room for at least n changes, twice the size of the last.
func (c *changed) newBlock(n int) []orgledger.DiffChange {
	size := firstBlock
	if k := len(c.blocks); k > 0 {
		size = min(2*cap(c.blocks[k-1]), lastBlock)
	}
	block := make([]orgledger.DiffChange, 0, max(size, n))
	c.blocks = append(c.blocks, block)
	return block
}

// changes returns the changes of record r.
func (c *changed) changes(r changedRecord) []orgledger.DiffChange {
	return c.blocks[r.block][r.start:r.end]
}

// span is a record that changed, and the part that holds its changes.
type span struct {
	changedRecord
	part int
}

// sortedChanges orders each kind's records by id and puts their changes in the diff, copying
// them once.
func sortedChanges(d *orgledger.Diff, groups ...[]changed) {
	n := 0
	for _, g := range groups {
		for _, c := range g {
			for _, b := range c.blocks {
				n += len(b)
			}
		}
	}
	d.Changes = make([]orgledger.DiffChange, 0, n)
	for _, g := range groups {
		if sortedByID(g) {
			for _, c := range g {
				for _, b := range c.blocks {
					d.Changes = append(d.Changes, b...)
				}
			}
			continue
		}
		var spans []span
		for part, c := range g {
			for _, r := range c.records {
				spans = append(spans, span{r, part})
			}
		}
		slices.SortStableFunc(spans, func(a, b span) int { return strings.Compare(a.id, b.id) })
		for _, s := range spans {
			d.Changes = append(d.Changes, g[s.part].changes(s.changedRecord)...)
		}
	}
}

// sortedByID reports whether the records of the parts, one part after another, are in id order.
func sortedByID(g []changed) bool {
	prev := ""
	for _, c := range g {
		for _, r := range c.records {
			if r.id < prev {
				return false
			}
			prev = r.id
		}
	}
	return true
}

// personDiffer compares people between two frames.
type personDiffer struct {
	a, b   *frame
	pa, pb []int32    // each person's position in each frame: none, or multiple when several
	arenas []strArena // one for each part of the work (see parallel)
}

// multiple marks a person who holds several positions.
const multiple int32 = -2

// personPositions returns the position each person holds in f: none, the one, or multiple.
func (f *frame) personPositions() []int32 {
	out := make([]int32, len(f.active))
	for i := range out {
		out[i] = none
	}
	for p, x := range f.pos {
		for _, h := range f.holders(int32(p)) {
			if x.open && out[h.person] == none {
				out[h.person] = int32(p)
			} else if x.open {
				out[h.person] = multiple
			}
		}
	}
	return out
}

// key returns what the diff compares of person p in f, or false when the person needs
// diffPerson: several positions, or a manager position with several holders.
func (d *personDiffer) key(f *frame, pos []int32, p int32) (personKey, bool) {
	v, rec := f.v, f.v.s.person(p)
	k := personKey{pos: pos[p], title: none, unit: none, manager: none, acting: none}
	k.name, k.email, k.location = strNum(v, rec.name), strNum(v, rec.email), strNum(v, rec.location)
	if k.pos == multiple {
		return k, false
	}
	if k.pos == none {
		return k, true
	}
	x := f.pos[k.pos]
	k.title, k.unit = x.title, x.unit
	if f.actingIn(k.pos, p) {
		k.acting = k.pos
	}
	if m := f.manager(k.pos); m != none {
		hs := f.holders(m)
		if len(hs) == 0 && !f.pos[m].open {
			hs = v.holders(m)
		}
		if len(hs) != 1 || hs[0].person == p {
			return k, false
		}
		k.manager = hs[0].person
	}
	return k, true
}

// strNum returns the string number of a text timeline's value, 0 ("") when it has none.
func strNum(v view, t timeline) int32 {
	x, _ := v.val(t)
	return x
}

func (d *personDiffer) active(f *frame, p int32) bool { return int(p) < len(f.active) && f.active[p] }

// diff appends the changes of person p to out.
func (d *personDiffer) diff(part int, p int32, out []orgledger.DiffChange) []orgledger.DiffChange {
	xa, xb := d.active(d.a, p), d.active(d.b, p)
	if !xa && !xb {
		return out
	}
	switch {
	case !xa:
		return append(out, orgledger.DiffChange{Kind: orgledger.DiffJoined, Person: personID(d.a.v, d.b.v, p)})
	case !xb:
		return append(out, orgledger.DiffChange{Kind: orgledger.DiffLeft, Person: personID(d.a.v, d.b.v, p)})
	}
	ka, okA := d.key(d.a, d.pa, p)
	kb, okB := d.key(d.b, d.pb, p)
	if !okA || !okB {
		return append(out, diffPerson(d.a.v, d.b.v, p)...)
	}
	attrs := attrsDiffer(d.a.v, d.b.v, p)
	if ka == kb && !attrs {
		return out
	}
	id, ar, a, b := personID(d.a.v, d.b.v, p), &d.arenas[part], d.a.v, d.b.v
	add := func(differ bool, k orgledger.DiffKind, before, after func(*strArena) []string) {
		if differ {
			out = append(out, orgledger.DiffChange{Kind: k, Person: id, Before: nonNil(before(ar)), After: nonNil(after(ar))})
		}
	}
	add(ka.pos != kb.pos, orgledger.DiffPosition, ar.posID(a, ka.pos), ar.posID(b, kb.pos))
	add(ka.acting != kb.acting, orgledger.DiffActing, ar.posID(a, ka.acting), ar.posID(b, kb.acting))
	add((ka.pos == none) != (kb.pos == none) || ka.pos != none && ka.title != kb.title, orgledger.DiffTitle,
		ar.title(a, ka), ar.title(b, kb))
	add(ka.unit != kb.unit, orgledger.DiffUnit, ar.unitID(a, ka.unit), ar.unitID(b, kb.unit))
	add(ka.manager != kb.manager, orgledger.DiffManager, ar.personID(a, ka.manager), ar.personID(b, kb.manager))
	add(ka.name != kb.name, orgledger.DiffName, ar.text(a, ka.name), ar.text(b, kb.name))
	add(ka.email != kb.email, orgledger.DiffEmail, ar.text(a, ka.email), ar.text(b, kb.email))
	add(ka.location != kb.location, orgledger.DiffLocation, ar.text(a, ka.location), ar.text(b, kb.location))
	if attrs {
		before, after := attrsChanged(attrsAt(a, a.s.person(p)), attrsAt(b, b.s.person(p)))
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffAttrs, Person: id, Before: nonNil(before), After: nonNil(after)})
	}
	return out
}

// attrsDiffer reports whether any attribute of person p has another value in b than in a.
func attrsDiffer(a, b view, p int32) bool {
	ra, rb := a.s.person(p), b.s.person(p)
	if ra != rb { // a preview's copy of the record, with timelines of its own
		return !maps.Equal(attrsAt(a, ra), attrsAt(b, rb))
	}
	for _, at := range ra.attrs {
		if strNum(a, at.tl) != strNum(b, at.tl) {
			return true
		}
	}
	return false
}

func posIDs(v view, p int32) []string {
	if p == none {
		return nil
	}
	return []string{v.s.position(p).id}
}

// appendDotted appends the change of p's dotted lines between a and b, if they changed. Most
// positions never had one, which their record says without a look at any timeline.
func appendDotted(a, b view, p int32, out []orgledger.DiffChange) []orgledger.DiffChange {
	if (p >= a.s.countPositions() || len(a.s.position(p).dotted) == 0) && (p >= b.s.countPositions() || len(b.s.position(p).dotted) == 0) {
		return out
	}
	x, y := dottedIDs(a, p), dottedIDs(b, p)
	if slices.Equal(x, y) {
		return out
	}
	return append(out, orgledger.DiffChange{Kind: orgledger.DiffDotted, Position: recordID(a, b, kindPosition, p), Before: x, After: y})
}

// dottedIDs returns the ids of the open positions p has a dotted line to in v, sorted.
func dottedIDs(v view, p int32) []string {
	out := []string{}
	if p < v.s.countPositions() {
		for _, to := range v.dottedTo(p) {
			out = append(out, v.s.position(to).id)
		}
	}
	slices.Sort(out)
	return out
}

func unitIDs(v view, u int32) []string {
	if u == none {
		return nil
	}
	return []string{v.s.unit(u).id}
}

func personIDs(v view, p int32) []string {
	if p == none {
		return nil
	}
	return []string{v.s.person(p).id}
}

// positionDiff appends diffPosition of p, from frames, to out.
func positionDiff(fa, fb *frame, p int32, out []orgledger.DiffChange) []orgledger.DiffChange {
	if shared(fa, p) || shared(fb, p) {
		return append(out, diffPosition(fa.v, fb.v, p)...)
	}
	xa, xb := fa.position(p), fb.position(p)
	switch {
	case !xa.open && !xb.open:
		return out
	case xa.open && xb.open && xa.reportsTo == xb.reportsTo && (xa.holder == none) == (xb.holder == none) &&
		xa.title == xb.title && xa.unit == xb.unit:
		return appendDotted(fa.v, fb.v, p, out)
	}
	id := recordID(fa.v, fb.v, kindPosition, p)
	switch {
	case !xa.open:
		return append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionCreated, Position: id})
	case !xb.open:
		return append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionClosed, Position: id})
	}
	if xa.reportsTo != xb.reportsTo {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffReportsTo, Position: id,
			Before: nonNil(posIDs(fa.v, xa.reportsTo)), After: nonNil(posIDs(fb.v, xb.reportsTo))})
	}
	if ta, tb := fa.v.s.str(xa.title), fb.v.s.str(xb.title); ta != tb {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionTitle, Position: id, Before: []string{ta}, After: []string{tb}})
	}
	if xa.unit != xb.unit {
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionMoved, Position: id,
			Before: nonNil(unitIDs(fa.v, xa.unit)), After: nonNil(unitIDs(fb.v, xb.unit))})
	}
	switch {
	case xa.holder != none && xb.holder == none:
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionVacated, Position: id,
			Before: personIDs(fa.v, xa.holder), After: []string{}})
	case xa.holder == none && xb.holder != none:
		out = append(out, orgledger.DiffChange{Kind: orgledger.DiffPositionFilled, Position: id,
			Before: []string{}, After: personIDs(fb.v, xb.holder)})
	}
	return appendDotted(fa.v, fb.v, p, out) // last, as diffPosition has it
}

// position returns p in the frame; a position the frame's state does not have is closed.
func (f *frame) position(p int32) posFrame {
	if int(p) < len(f.pos) {
		return f.pos[p]
	}
	return posFrame{reportsTo: none, unit: none, holder: none}
}

// shared reports whether p has several holders in f.
func shared(f *frame, p int32) bool { return len(f.more) > 0 && f.more[p] != nil }

package ledger

// Brief is what a page needs to name an id on a date: a person's or unit's name or a
// position's title, the positions a person holds, and the unit a position is in.
type Brief struct {
	Name      string
	Positions []string // a person's, by id
	Unit      string   // a position's, by name: "" for none
}

// Brief returns what id is called on the query's date, and false when it is not a person,
// position or unit then. It is the part of Show that names, without the rest (managers,
// reports) and without suggestions for an id not there: a page naming the thousands of ids of
// a diff asks it once for each.
func (l *Ledger) Brief(id string, q Query) (Brief, bool) {
	var out Brief
	var ok bool
	l.read(q, func(v view) error {
		out, ok = brief(v, id)
		return nil
	})
	return out, ok
}

// Brief is the ledger's Brief, with the changeset.
func (p *Preview) Brief(id string, q Query) (Brief, bool) { return brief(p.view(q), id) }

func brief(v view, id string) (Brief, bool) {
	r, known := v.s.lookup(id)
	if !known || !v.existsRef(r) {
		return Brief{}, false
	}
	switch r.kind {
	case kindPerson:
		b := Brief{Name: v.text(v.s.person(r.idx).name)}
		for _, h := range v.positionsOf(r.idx) {
			b.Positions = append(b.Positions, v.s.position(h.position).id)
		}
		return b, true
	case kindPosition:
		b := Brief{Name: v.text(v.s.position(r.idx).title)}
		if u := v.asClosed(v.s.position(r.idx).open).unitOf(r.idx); u != none { // a closed one's, as show has it
			b.Unit = v.text(v.s.unit(u).name)
		}
		return b, true
	}
	return Brief{Name: v.text(v.s.unit(r.idx).name)}, true
}

package ledger

// The records in binary form: every field but the id, which recordIDs codes for all records
// at once.

func (c *codec) person(p *person) {
	c.u32(&p.created)
	for _, t := range []*timeline{&p.active, &p.name, &p.email, &p.location} {
		c.timeline(t)
	}
	sized(c, &p.attrs, &c.slab.attrs, &c.sz.attrs)
	for i := range p.attrs {
		c.i32(&p.attrs[i].key)
		c.timeline(&p.attrs[i].tl)
	}
	c.ids(&p.positions)
	c.seqs(&p.events)
}

func (c *codec) unit(u *unit) {
	c.u32(&u.created)
	for _, t := range []*timeline{&u.open, &u.name, &u.kind, &u.parent, &u.head} {
		c.timeline(t)
	}
	c.ids(&u.units)
	c.ids(&u.positions)
	c.seqs(&u.events)
}

func (c *codec) position(p *position) {
	c.u32(&p.created)
	for _, t := range []*timeline{&p.open, &p.title, &p.unit, &p.reportsTo, &p.kind} {
		c.timeline(t)
	}
	sized(c, &p.dotted, &c.slab.lines, &c.sz.lines)
	for i := range p.dotted {
		c.i32(&p.dotted[i].to)
		c.timeline(&p.dotted[i].tl)
	}
	sized(c, &p.holders, &c.slab.holds, &c.sz.holds)
	for i := range p.holders {
		c.i32(&p.holders[i].person)
		c.timeline(&p.holders[i].tl)
	}
	for _, l := range []*ids{&p.reports, &p.dottedFrom, &p.heads} {
		c.ids(l)
	}
	c.seqs(&p.events)
}

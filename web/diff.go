package web

import (
	"cmp"
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// change is one difference as the page lists and marks it: the diff's change, with the names
// of what it names and the positions the person held before and after, so that the page can
// mark a leaver in the box they left, and name it though it is gone from the chart (closed by
// the import that recorded the leaving, say).
type change struct {
	orgledger.DiffChange
	Name        string   `json:"name,omitempty"` // the person's or unit's name, the position's title
	In          string   `json:"in,omitempty"`   // the unit a position is in, by name, unless its title names it (orgledger.UnitNotIn)
	Was         []string `json:"was,omitempty"`  // the person's positions on the from date
	Now         []string `json:"now,omitempty"`  // and on the to date
	WasNames    []string `json:"was_names,omitempty"`
	NowNames    []string `json:"now_names,omitempty"`
	BeforeNames []string `json:"before_names,omitempty"`
	AfterNames  []string `json:"after_names,omitempty"`
}

// diffAnswer is a diff as the page reads it.
type diffAnswer struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Changes []change `json:"changes"`
}

// diff answers what changed between two dates, both within the caller's horizon.
func (u *UI) diff(c *call) error {
	q := c.r.URL.Query()
	from, err := parseDate(q, "from")
	if err != nil {
		return err
	}
	t, err := parseTime(q)
	if err != nil {
		return err
	}
	if t.at, err = parseDate(q, "to"); err != nil {
		return err
	}
	before, after := c.query(timeParams{at: from, knownAt: t.knownAt}), c.query(t)
	l := u.cfg.Ledger
	d, err := l.Diff(before.At, after.At, t.knownAt, c.horizon())
	if err != nil {
		return err
	}
	return c.writeJSON(explain(d, briefAt(l.Brief, before), briefAt(l.Brief, after)))
}

// briefer names an id on one side of a diff; false when it is not there.
type briefer func(id string) (ledger.Brief, bool)

// briefAt is a briefer of the org at one query, through brief (the ledger's, or a preview's).
func briefAt(brief func(string, ledger.Query) (ledger.Brief, bool), q ledger.Query) briefer {
	return func(id string) (ledger.Brief, bool) { return brief(id, q) }
}

// explain adds names and positions to every change of d: from the before side for what was,
// from the after side for what is, each id looked up once.
func explain(d *orgledger.Diff, before, after briefer) diffAnswer {
	b, a := newNamer(before), newNamer(after)
	out := diffAnswer{From: dateString(d.From), To: dateString(d.To), Changes: make([]change, len(d.Changes))}
	for i, ch := range d.Changes {
		x := change{DiffChange: ch}
		switch {
		case ch.Person != "":
			x.Was, x.Now = b.positions(ch.Person), a.positions(ch.Person)
			x.WasNames, x.NowNames = b.positionNames(x.Was), a.positionNames(x.Now)
			x.Name = eitherSide(a, b, ch.Person).Name
		case ch.Position != "":
			p := eitherSide(a, b, ch.Position)
			x.Name, x.In = p.Name, orgledger.UnitNotIn(p.Name, p.Unit)
		case ch.Unit != "":
			x.Name = eitherSide(a, b, ch.Unit).Name
		}
		if ch.Kind.HoldsIDs() {
			x.BeforeNames, x.AfterNames = b.names(ch.Before), a.names(ch.After)
		}
		out.Changes[i] = x
	}
	return out
}

// eitherSide is what id is on the after side, or else on the before side (a leaver, a
// position or unit closed); empty when it is on neither.
func eitherSide(after, before *namer, id string) ledger.Brief {
	if b := after.info(id); b != nil {
		return *b
	}
	if b := before.info(id); b != nil {
		return *b
	}
	return ledger.Brief{}
}

// namer looks ids up on one side of a diff, once each.
type namer struct {
	brief briefer
	seen  map[string]*ledger.Brief // nil: not there on this side (a leaver after, a newcomer before)
}

func newNamer(b briefer) *namer { return &namer{brief: b, seen: map[string]*ledger.Brief{}} }

func (n *namer) info(id string) *ledger.Brief {
	if b, ok := n.seen[id]; ok {
		return b
	}
	var found *ledger.Brief
	if b, ok := n.brief(id); ok {
		found = &b
	}
	n.seen[id] = found
	return found
}

// names names ids by what they are called on this side; an id not there stays an id.
func (n *namer) names(ids []string) []string {
	return n.namedBy(ids, func(b *ledger.Brief) string { return b.Name })
}

// positionNames names positions as the side panel does, by title and unit (titleIn);
// an id not there on this side stays an id.
func (n *namer) positionNames(ids []string) []string {
	return n.namedBy(ids, func(b *ledger.Brief) string { return titleIn(b.Name, b.Unit) })
}

// namedBy names each id by what name makes of its brief on this side; an id not there, or
// whose name is empty, stays an id.
func (n *namer) namedBy(ids []string, name func(*ledger.Brief) string) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if b := n.info(id); b != nil {
			out[i] = cmp.Or(name(b), id)
		}
	}
	return out
}

// titleIn is a position's title and the unit it is in, "Title in Unit"; the title alone where
// it names the unit already ("Head of Engineering", not "Head of Engineering in Engineering").
func titleIn(title, unit string) string {
	if unit = orgledger.UnitNotIn(title, unit); unit == "" {
		return title
	}
	return title + " in " + unit
}

// positions are the positions a person holds.
func (n *namer) positions(id string) []string {
	if b := n.info(id); b != nil {
		return b.Positions
	}
	return nil
}

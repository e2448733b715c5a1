package web

import (
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// change is one difference as the page lists and marks it: the diff's change, with the names
// of what it names and the positions the person held before and after, so that the page can
// mark a leaver in the box they left.
type change struct {
	orgledger.DiffChange
	Name        string   `json:"name,omitempty"`
	Was         []string `json:"was,omitempty"` // the person's positions on the from date
	Now         []string `json:"now,omitempty"` // and on the to date
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
		if ch.Person != "" {
			x.Was, x.Now = b.positions(ch.Person), a.positions(ch.Person)
			x.Name = a.name(ch.Person)
			if x.Name == "" {
				x.Name = b.name(ch.Person)
			}
		}
		if idsIn(ch.Kind) {
			x.BeforeNames, x.AfterNames = b.names(ch.Before), a.names(ch.After)
		}
		out.Changes[i] = x
	}
	return out
}

// idsIn reports whether a change of kind k holds ids in Before and After, rather than titles,
// names or addresses.
func idsIn(k orgledger.DiffKind) bool {
	switch k {
	case orgledger.DiffTitle, orgledger.DiffPositionTitle, orgledger.DiffUnitRenamed, orgledger.DiffName, orgledger.DiffEmail, orgledger.DiffLocation, orgledger.DiffAttrs:
		return false
	}
	return true
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

// name is what a person, position or unit is called; "" when it is not there.
func (n *namer) name(id string) string {
	if b := n.info(id); b != nil {
		return b.Name
	}
	return ""
}

func (n *namer) names(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		if out[i] = n.name(id); out[i] == "" {
			out[i] = id
		}
	}
	return out
}

// positions are the positions a person holds.
func (n *namer) positions(id string) []string {
	if b := n.info(id); b != nil {
		return b.Positions
	}
	return nil
}

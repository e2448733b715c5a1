package ledger_test

// What the ledger's answers should say, computed from a model org, and the engine's answers
// reduced to the same comparable shapes.

import (
	"maps"
	"slices"

	"github.com/orgledger/orgledger"
)

// personView is what the property test compares of a person. Lists are sorted, nil when empty.
type personView struct {
	Active                bool
	Name, Email, Location string
	Attrs                 map[string]string
	Hired, Left           orgledger.Date
	Positions             []string // "id", "id(acting)", then " ^manager-position" and "(vacant)"
	Managers, Reports     []string
}

type positionView struct {
	Open                         bool
	Title, Kind, Unit, ReportsTo string
	Dotted, Holders, Reports     []string
	Heads                        []string
	Vacant                       bool
}

type unitView struct {
	Open                     bool
	Name, Kind, Parent, Head string
	Positions, Units         []string
}

// snapshot answers questions about one model org.
type snapshot struct {
	o        *org
	managers map[string][]string // active person -> sorted manager ids
}

func newSnapshot(o *org) *snapshot {
	s := &snapshot{o: o, managers: map[string][]string{}}
	for id := range o.people {
		if o.active(id) {
			s.managers[id] = s.managersOf(id)
		}
	}
	return s
}

// managersOf: for each position held, the holders of the nearest filled position up the solid
// line, the person excepted.
func (s *snapshot) managersOf(person string) []string {
	set := map[string]bool{}
	for _, pos := range s.o.heldBy(person) {
		for up := s.o.positions[pos].reportsTo; up != ""; up = s.o.positions[up].reportsTo {
			if hs := s.o.holders(up); len(hs) > 0 {
				for h := range hs {
					set[h] = true
				}
				break
			}
		}
	}
	delete(set, person)
	return sortedKeys(set)
}

// view returns the expected Show of id, or nil when the id is unknown on that day.
func (s *snapshot) view(id string) any {
	switch {
	case s.o.people[id] != nil:
		return s.person(id)
	case s.o.positions[id] != nil:
		return s.position(id)
	case s.o.units[id] != nil:
		return s.unit(id)
	}
	return nil
}

func (s *snapshot) person(id string) *personView {
	p := s.o.people[id]
	v := &personView{Active: p.active, Name: p.name, Email: p.email, Location: p.location,
		Attrs: nilIfEmpty(p.attrs), Hired: p.hired}
	if !p.active {
		v.Left = p.left
		return v
	}
	for _, pos := range s.o.heldBy(id) {
		v.Positions = append(v.Positions, heldString(pos, s.o.positions[pos].holds[id], s.o))
	}
	v.Managers = s.managers[id]
	for other, ms := range s.managers {
		if slices.Contains(ms, id) {
			v.Reports = append(v.Reports, other)
		}
	}
	slices.Sort(v.Reports)
	return v
}

func heldString(pos string, acting bool, o *org) string {
	s := holderString(pos, acting)
	if up := o.positions[pos].reportsTo; up != "" {
		s += " ^" + up
		if len(o.holders(up)) == 0 {
			s += "(vacant)"
		}
	}
	return s
}

func holderString(id string, acting bool) string {
	if acting {
		return id + "(acting)"
	}
	return id
}

func (s *snapshot) position(id string) *positionView {
	p := s.o.positions[id]
	v := &positionView{Open: p.open, Title: p.title, Kind: p.kind, Unit: p.unit, ReportsTo: p.reportsTo}
	for to := range p.dotted {
		if s.o.posOpen(to) { // a dotted line to a closed position stops showing
			v.Dotted = append(v.Dotted, to)
		}
	}
	for h, acting := range s.o.holders(id) {
		v.Holders = append(v.Holders, holderString(h, acting))
	}
	v.Vacant = p.open && len(v.Holders) == 0 // a closed position is no vacancy
	for other, q := range s.o.positions {
		if q.open && q.reportsTo == id {
			v.Reports = append(v.Reports, other)
		}
	}
	for u, unit := range s.o.units {
		if p.open && unit.open && unit.head == id {
			v.Heads = append(v.Heads, u)
		}
	}
	for _, l := range [][]string{v.Dotted, v.Holders, v.Reports, v.Heads} {
		slices.Sort(l)
	}
	return v
}

func (s *snapshot) unit(id string) *unitView {
	u := s.o.units[id]
	v := &unitView{Open: u.open, Name: u.name, Kind: u.kind, Parent: u.parent}
	if s.o.posOpen(u.head) { // a head that closed stops showing; a closed unit keeps its head
		v.Head = u.head
	}
	for p, pos := range s.o.positions {
		if pos.open && pos.unit == id {
			v.Positions = append(v.Positions, p)
		}
	}
	for c, unit := range s.o.units {
		if unit.open && unit.parent == id {
			v.Units = append(v.Units, c)
		}
	}
	slices.Sort(v.Positions)
	slices.Sort(v.Units)
	return v
}

// chart returns, for every open position, "reports-to | holders | dotted".
func (s *snapshot) chart() map[string]string {
	out := map[string]string{}
	for id, p := range s.o.positions {
		if p.open {
			v := s.position(id)
			out[id] = chartLine(p.reportsTo, v.Holders, v.Dotted)
		}
	}
	return out
}

func chartLine(parent string, holders, dotted []string) string {
	return parent + " | " + joinOrDash(holders) + " | " + joinOrDash(dotted)
}

// The engine's answers in the same shapes.

func engineView(info any) any {
	switch v := info.(type) {
	case *orgledger.PersonInfo:
		return enginePerson(v)
	case *orgledger.PositionInfo:
		return enginePosition(v)
	case *orgledger.UnitInfo:
		return engineUnit(v)
	}
	return info
}

func enginePerson(p *orgledger.PersonInfo) *personView {
	v := &personView{Active: p.Active, Name: p.Name, Email: p.Email, Location: p.Location,
		Attrs: nilIfEmpty(p.Attrs), Hired: p.Hired, Left: p.Left}
	for _, h := range p.Positions {
		s := holderString(h.ID, h.Acting)
		if m := h.ManagerPosition; m != nil {
			s += " ^" + m.ID
			if m.Vacant {
				s += "(vacant)"
			}
		}
		v.Positions = append(v.Positions, s)
	}
	for _, r := range p.Managers {
		v.Managers = append(v.Managers, r.ID)
	}
	for _, r := range p.Reports {
		v.Reports = append(v.Reports, r.ID)
	}
	for _, l := range [][]string{v.Positions, v.Managers, v.Reports} {
		slices.Sort(l)
	}
	return v
}

func enginePosition(p *orgledger.PositionInfo) *positionView {
	v := &positionView{Open: p.Open, Title: p.Title, Kind: p.Kind, Unit: p.Unit.ID, Vacant: p.Vacant}
	if p.ReportsTo != nil {
		v.ReportsTo = p.ReportsTo.ID
	}
	for _, d := range p.Dotted {
		v.Dotted = append(v.Dotted, d.ID)
	}
	for _, h := range p.Holders {
		v.Holders = append(v.Holders, holderString(h.ID, h.Acting))
	}
	for _, r := range p.Reports {
		v.Reports = append(v.Reports, r.ID)
	}
	for _, u := range p.Heads {
		v.Heads = append(v.Heads, u.ID)
	}
	for _, l := range [][]string{v.Dotted, v.Holders, v.Reports, v.Heads} {
		slices.Sort(l)
	}
	return v
}

func engineUnit(u *orgledger.UnitInfo) *unitView {
	v := &unitView{Open: u.Open, Name: u.Name, Kind: u.Kind}
	if u.Parent != nil {
		v.Parent = u.Parent.ID
	}
	if u.Head != nil {
		v.Head = u.Head.ID
	}
	for _, p := range u.Positions {
		v.Positions = append(v.Positions, p.ID)
	}
	for _, c := range u.Units {
		v.Units = append(v.Units, c.ID)
	}
	slices.Sort(v.Positions)
	slices.Sort(v.Units)
	return v
}

// engineChart reduces chart nodes like snapshot.chart; a position drawn twice is reported.
func engineChart(nodes []orgledger.ChartNode) (map[string]string, string) {
	out := map[string]string{}
	for _, n := range nodes {
		if _, dup := out[n.ID]; dup {
			return nil, "the chart draws " + n.ID + " twice"
		}
		parent := ""
		if n.ParentID != nil {
			parent = *n.ParentID
		}
		var holders []string
		for _, h := range n.Holders {
			holders = append(holders, holderString(h.ID, h.Acting))
		}
		slices.Sort(holders)
		dotted := slices.Sorted(slices.Values(n.Dotted))
		out[n.ID] = chartLine(parent, holders, dotted)
	}
	return out, ""
}

func nilIfEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return maps.Clone(m)
}

func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

func joinOrDash(l []string) string {
	if len(l) == 0 {
		return "-"
	}
	out := l[0]
	for _, s := range l[1:] {
		out += "," + s
	}
	return out
}

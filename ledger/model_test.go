package ledger_test

// A reference model of the ledger, written from ledger/doc.go and PRODUCT.md alone, for the
// property test in property_test.go. It is deliberately naive: every question replays the
// events from scratch, in (effective day, seq) order, into plain maps. Nothing here is shared
// with the engine, so that a misreading of the rules in one shows up as a disagreement.
//
// Where the docs are silent the model takes the ledger's reading, each found as a
// disagreement and judged a fair choice: an attribute given as "" at hire is not kept; a
// closed unit still shows its head while that position is open; a dotted line to a closed
// position may be removed; close-position and close-unit record no effects. Two readings doc.go now states are
// modelled as stated: retractions are numbered first, in the file's order; and an id once
// created as one kind of record is never created as another, even after a retraction
// (kindClash).

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/orgledger/orgledger"
)

type modelPerson struct {
	name, email, location string
	attrs                 map[string]string
	active                bool
	hired, left           orgledger.Date
}

type modelUnit struct {
	name, kind, parent, head string
	open                     bool
}

type modelPosition struct {
	title, kind, unit, reportsTo string
	dotted                       map[string]bool // the positions it has a dotted line to
	holds                        map[string]bool // person -> acting; leavers keep theirs but stop counting
	open                         bool
}

// org is the org on one day: every record created so far, open or closed.
type org struct {
	people    map[string]*modelPerson
	units     map[string]*modelUnit
	positions map[string]*modelPosition
}

func newOrg() *org {
	return &org{people: map[string]*modelPerson{}, units: map[string]*modelUnit{}, positions: map[string]*modelPosition{}}
}

func (o *org) exists(id string) bool {
	return o.people[id] != nil || o.units[id] != nil || o.positions[id] != nil
}

func (o *org) active(id string) bool {
	p := o.people[id]
	return p != nil && p.active
}

func (o *org) unitOpen(id string) bool {
	u := o.units[id]
	return u != nil && u.open
}

func (o *org) posOpen(id string) bool {
	p := o.positions[id]
	return p != nil && p.open
}

// holders returns the active people holding the position, with their acting flag: a leaver's
// holding stays recorded, but the position is vacant for them.
func (o *org) holders(pos string) map[string]bool {
	out := map[string]bool{}
	if p := o.positions[pos]; p != nil {
		for who, acting := range p.holds {
			if o.active(who) {
				out[who] = acting
			}
		}
	}
	return out
}

// heldBy returns the open positions the person holds, sorted.
func (o *org) heldBy(person string) []string {
	var out []string
	if !o.active(person) {
		return nil
	}
	for id, p := range o.positions {
		if _, ok := p.holds[person]; ok && p.open {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// unitAbove reports whether anc is u or one of u's ancestors.
func (o *org) unitAbove(anc, u string) bool {
	for i := 0; u != "" && i <= len(o.units); i++ {
		if u == anc {
			return true
		}
		if o.units[u] == nil {
			return false
		}
		u = o.units[u].parent
	}
	return false
}

// lineAbove reports whether anc is p or on p's solid line upwards.
func (o *org) lineAbove(anc, p string) bool {
	for i := 0; p != "" && i <= len(o.positions); i++ {
		if p == anc {
			return true
		}
		if o.positions[p] == nil {
			return false
		}
		p = o.positions[p].reportsTo
	}
	return false
}

// check returns why op is not valid at this place in the replay, or "". eff are the effects
// recorded with the event (or just computed, for a new one).
func (o *org) check(op orgledger.Op, eff orgledger.Effects) string {
	switch c := op.(type) {
	case *orgledger.Hire:
		return o.checkFree(c.ID)
	case *orgledger.Leave:
		return o.checkActive(c.Person)
	case *orgledger.UpdatePerson:
		return o.checkActive(c.Person)
	case *orgledger.Assign:
		return o.checkAssign(c, eff)
	case *orgledger.Unassign:
		if why := firstOf(o.checkActive(c.Person), o.checkPos(c.Position)); why != "" {
			return why
		}
		if _, ok := o.holders(c.Position)[c.Person]; !ok {
			return c.Person + " does not hold " + c.Position
		}
		return ""
	}
	if why, ok := o.checkUnitOp(op, eff); ok {
		return why
	}
	return o.checkPositionOp(op)
}

// checkUnitOp checks the unit verbs; ok is false for other verbs.
func (o *org) checkUnitOp(op orgledger.Op, eff orgledger.Effects) (why string, ok bool) {
	switch c := op.(type) {
	case *orgledger.CreateUnit:
		why = o.checkFree(c.ID)
		if why == "" && c.Parent != "" {
			why = o.checkUnit(c.Parent)
		}
	case *orgledger.RenameUnit:
		why = o.checkUnit(c.Unit)
	case *orgledger.MoveUnit:
		why = o.checkUnit(c.Unit)
		if why == "" && c.Parent != "" { // none: to the top
			why = o.checkUnit(c.Parent)
		}
		if why == "" && c.Parent != "" && o.unitAbove(c.Unit, c.Parent) {
			why = "moving " + c.Unit + " under " + c.Parent + " makes a cycle"
		}
	case *orgledger.MergeUnits:
		why = o.checkMerge(c, eff)
	case *orgledger.CloseUnit:
		why = o.checkUnit(c.Unit)
		if why == "" {
			why = o.checkUnitEmpty(c.Unit)
		}
	case *orgledger.SetHead:
		why = firstOf(o.checkUnit(c.Unit), o.checkPos(c.Position))
	default:
		return "", false
	}
	return why, true
}

// checkPositionOp checks the position verbs.
func (o *org) checkPositionOp(op orgledger.Op) string {
	switch c := op.(type) {
	case *orgledger.CreatePosition:
		why := firstOf(o.checkFree(c.ID), o.checkUnit(c.Unit))
		if why == "" && c.ReportsTo != "" {
			why = o.checkPos(c.ReportsTo)
		}
		return why
	case *orgledger.Retitle:
		return o.checkPos(c.Position)
	case *orgledger.MovePosition:
		return firstOf(o.checkPos(c.Position), o.checkUnit(c.Unit))
	case *orgledger.Report:
		if why := firstOf(o.checkPos(c.Position), o.checkPos(c.To)); why != "" {
			return why
		}
		if o.lineAbove(c.Position, c.To) {
			return c.Position + " reporting to " + c.To + " makes a cycle"
		}
	case *orgledger.Dotted:
		if why := firstOf(o.checkPos(c.Position), o.checkPos(c.To)); why != "" {
			return why
		}
		if o.positions[c.Position].dotted[c.To] {
			return "the dotted line " + c.Position + " -> " + c.To + " is already there"
		}
	case *orgledger.Undotted:
		// A line to a position that has closed may still be taken away.
		if why := o.checkPos(c.Position); why != "" {
			return why
		}
		if !o.positions[c.Position].dotted[c.To] {
			return "there is no dotted line " + c.Position + " -> " + c.To
		}
	case *orgledger.ClosePosition:
		return o.checkClosePosition(c.Position)
	default:
		return fmt.Sprintf("the model does not know %T", op)
	}
	return ""
}

func (o *org) checkFree(id string) string {
	if o.exists(id) {
		return "id " + id + " is already used"
	}
	return ""
}

func (o *org) checkActive(id string) string {
	if !o.active(id) {
		return id + " is not an active person"
	}
	return ""
}

func (o *org) checkUnit(id string) string {
	if !o.unitOpen(id) {
		return id + " is not an open unit"
	}
	return ""
}

func (o *org) checkPos(id string) string {
	if !o.posOpen(id) {
		return id + " is not an open position"
	}
	return ""
}

func (o *org) checkUnitEmpty(u string) string {
	for id, p := range o.positions {
		if p.open && p.unit == u {
			return u + " still has position " + id
		}
	}
	for id, c := range o.units {
		if c.open && c.parent == u {
			return u + " still has unit " + id
		}
	}
	return ""
}

func (o *org) checkClosePosition(pos string) string {
	if why := o.checkPos(pos); why != "" {
		return why
	}
	if len(o.holders(pos)) > 0 {
		return pos + " still has holders"
	}
	for id, p := range o.positions {
		if p.open && p.reportsTo == pos {
			return id + " still reports to " + pos
		}
	}
	return ""
}

// checkAssign: a filled position is taken only with replace or share, and a recorded replace
// must still name everyone it steps out.
func (o *org) checkAssign(c *orgledger.Assign, eff orgledger.Effects) string {
	if why := firstOf(o.checkActive(c.Person), o.checkPos(c.Position)); why != "" {
		return why
	}
	hs := o.holders(c.Position)
	if _, ok := hs[c.Person]; ok {
		return c.Person + " already holds " + c.Position
	}
	if len(hs) > 0 && !c.Replace && !c.Share {
		return c.Position + " is filled; assign needs replace or share"
	}
	if c.Replace {
		for h := range hs {
			if !slices.Contains(eff.Replaced, h) {
				return "the recorded replace of " + c.Position + " does not step out " + h
			}
		}
	}
	return ""
}

// checkMerge: every unit open, into not inside them, and the recorded effects still move
// everything that hangs from the merged units.
func (o *org) checkMerge(c *orgledger.MergeUnits, eff orgledger.Effects) string {
	if why := o.checkUnit(c.Into); why != "" {
		return why
	}
	for _, u := range c.Units {
		if why := o.checkUnit(u); why != "" {
			return why
		}
		if o.unitAbove(u, c.Into) {
			return c.Into + " is inside merged unit " + u
		}
	}
	for id, p := range o.positions {
		if p.open && slices.Contains(c.Units, p.unit) && !slices.Contains(eff.Positions, id) {
			return "the merge does not move position " + id
		}
	}
	for id, u := range o.units {
		if u.open && slices.Contains(c.Units, u.parent) && !slices.Contains(c.Units, id) && !slices.Contains(eff.Units, id) {
			return "the merge does not move unit " + id
		}
	}
	for _, u := range eff.Units {
		if o.unitAbove(u, c.Into) {
			return "moving " + u + " under " + c.Into + " makes a cycle"
		}
	}
	for _, id := range eff.Positions { // moved away since, the merge would pull it back
		if p := o.positions[id]; p != nil && p.open && !slices.Contains(c.Units, p.unit) && p.unit != c.Into {
			return "position " + id + " has left the merged units"
		}
	}
	for _, id := range eff.Units {
		if u := o.units[id]; u != nil && u.open && !slices.Contains(c.Units, u.parent) && u.parent != c.Into {
			return "unit " + id + " has left the merged units"
		}
	}
	return ""
}

// effectsOf returns what a new change does beyond its fields, given the org at its place.
func (o *org) effectsOf(op orgledger.Op) orgledger.Effects {
	var eff orgledger.Effects
	switch c := op.(type) {
	case *orgledger.Assign:
		if c.Replace {
			for h := range o.holders(c.Position) {
				if h != c.Person {
					eff.Replaced = append(eff.Replaced, h)
				}
			}
		}
	case *orgledger.Leave:
		eff.Vacated = o.heldBy(c.Person)
	case *orgledger.MergeUnits:
		for id, p := range o.positions {
			if p.open && slices.Contains(c.Units, p.unit) {
				eff.Positions = append(eff.Positions, id)
			}
		}
		for id, u := range o.units {
			if u.open && slices.Contains(c.Units, u.parent) && !slices.Contains(c.Units, id) {
				eff.Units = append(eff.Units, id)
			}
		}
	}
	slices.Sort(eff.Replaced)
	slices.Sort(eff.Positions)
	slices.Sort(eff.Units)
	return eff
}

// apply plays a valid event into the org.
func (o *org) apply(op orgledger.Op, eff orgledger.Effects, day orgledger.Date) {
	switch c := op.(type) {
	case *orgledger.Hire:
		attrs := maps.Clone(c.Attrs)
		maps.DeleteFunc(attrs, func(_, v string) bool { return v == "" }) // "" means no attribute
		o.people[c.ID] = &modelPerson{name: c.Name, email: c.Email, location: c.Location,
			attrs: attrs, active: true, hired: day}
	case *orgledger.Leave:
		p := o.people[c.Person]
		p.active, p.left = false, day
	case *orgledger.UpdatePerson:
		o.updatePerson(c)
	case *orgledger.Assign:
		p := o.positions[c.Position]
		for _, r := range eff.Replaced {
			delete(p.holds, r)
		}
		p.holds[c.Person] = c.Acting
	case *orgledger.Unassign:
		delete(o.positions[c.Position].holds, c.Person)
	default:
		if !o.applyUnitOp(op, eff) {
			o.applyPositionOp(op, eff)
		}
	}
}

func (o *org) updatePerson(c *orgledger.UpdatePerson) {
	p := o.people[c.Person]
	if c.Name != nil {
		p.name = *c.Name
	}
	if c.Email != nil {
		p.email = *c.Email
	}
	if c.Location != nil {
		p.location = *c.Location
	}
	for k, v := range c.Attrs {
		if p.attrs == nil {
			p.attrs = map[string]string{}
		}
		if v == "" {
			delete(p.attrs, k) // an attribute set to "" is removed
		} else {
			p.attrs[k] = v
		}
	}
}

func (o *org) applyUnitOp(op orgledger.Op, eff orgledger.Effects) bool {
	switch c := op.(type) {
	case *orgledger.CreateUnit:
		o.units[c.ID] = &modelUnit{name: c.Name, kind: c.Kind, parent: c.Parent, open: true}
	case *orgledger.RenameUnit:
		o.units[c.Unit].name = c.Name
	case *orgledger.MoveUnit:
		o.units[c.Unit].parent = c.Parent
	case *orgledger.MergeUnits:
		for _, u := range c.Units {
			o.units[u].open = false
		}
		// Exactly what was recorded moves, wherever it is now; but for what closed since, by a
		// change recorded later, which stays told where it was when it closed.
		for _, p := range eff.Positions {
			if o.positions[p] != nil && o.positions[p].open {
				o.positions[p].unit = c.Into
			}
		}
		for _, u := range eff.Units {
			if o.units[u] != nil && o.units[u].open {
				o.units[u].parent = c.Into
			}
		}
	case *orgledger.CloseUnit:
		o.units[c.Unit].open = false
	case *orgledger.SetHead:
		o.units[c.Unit].head = c.Position
	default:
		return false
	}
	return true
}

func (o *org) applyPositionOp(op orgledger.Op, eff orgledger.Effects) {
	switch c := op.(type) {
	case *orgledger.CreatePosition:
		o.positions[c.ID] = &modelPosition{title: c.Title, kind: c.Kind, unit: c.Unit, reportsTo: c.ReportsTo,
			dotted: map[string]bool{}, holds: map[string]bool{}, open: true}
	case *orgledger.Retitle:
		o.positions[c.Position].title = c.Title
	case *orgledger.MovePosition:
		o.positions[c.Position].unit = c.Unit
	case *orgledger.Report:
		o.positions[c.Position].reportsTo = c.To
	case *orgledger.Dotted:
		o.positions[c.Position].dotted[c.To] = true
	case *orgledger.Undotted:
		delete(o.positions[c.Position].dotted, c.To)
	case *orgledger.ClosePosition:
		// Its dotted lines stay; lines to it stop showing because it is closed.
		o.positions[c.Position].open = false
	}
}

func firstOf(reasons ...string) string {
	for _, r := range reasons {
		if r != "" {
			return r
		}
	}
	return ""
}

// modelEvent is one accepted event, as the model keeps it.
type modelEvent struct {
	seq         int64
	day         orgledger.Date
	op          orgledger.Op
	eff         orgledger.Effects
	retractedBy int64 // the seq of the retraction that took it back, 0 if none
}

// visible reports whether the event shapes the org as known at seq known: recorded by then and
// not retracted by then. Retractions themselves change nothing in the org.
func (e *modelEvent) visible(known int64) bool {
	if _, ok := e.op.(*orgledger.Retract); ok || e.seq > known {
		return false
	}
	return e.retractedBy == 0 || e.retractedBy > known
}

type modelCommit struct {
	recorded time.Time
	last     int64 // the seq of its last event
}

// model is the ledger as a list of accepted events.
type model struct {
	events  []*modelEvent // events[i].seq == i+1
	commits []modelCommit
}

func (m *model) head() int64 { return int64(len(m.events)) }

// orgAt replays, in (day, seq) order, every event visible as known at seq known and effective
// on or before day.
func (m *model) orgAt(day orgledger.Date, known int64) *org {
	var evs []*modelEvent
	for _, e := range m.events {
		if e.visible(known) && e.day <= day {
			evs = append(evs, e)
		}
	}
	sortByPlace(evs)
	o := newOrg()
	for _, e := range evs {
		o.apply(e.op, e.eff, e.day)
	}
	return o
}

func sortByPlace(evs []*modelEvent) {
	slices.SortFunc(evs, func(a, b *modelEvent) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.seq, b.seq))
	})
}

// createdIDs returns every id some visible event creates, on any day, as known now.
func (m *model) createdIDs() map[string]bool {
	out := map[string]bool{}
	for _, e := range m.events {
		if e.visible(m.head()) {
			if id := createdID(e.op); id != "" {
				out[id] = true
			}
		}
	}
	return out
}

func createdID(op orgledger.Op) string {
	switch c := op.(type) {
	case *orgledger.Hire:
		return c.ID
	case *orgledger.CreateUnit:
		return c.ID
	case *orgledger.CreatePosition:
		return c.ID
	}
	return ""
}

// numbered returns the changes in the order they get their seqs: retractions first, in the
// file's order, then by effective date, keeping the file's order within a day.
func numbered(cs *orgledger.Changeset) []orgledger.Change {
	out := slices.Clone(cs.Changes)
	slices.SortStableFunc(out, func(a, b orgledger.Change) int {
		_, ra := a.Op.(*orgledger.Retract)
		_, rb := b.Op.(*orgledger.Retract)
		if c := -cmp.Compare(boolInt(ra), boolInt(rb)); c != 0 || ra {
			return c
		}
		return cmp.Compare(effectiveOf(cs, a), effectiveOf(cs, b))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func effectiveOf(cs *orgledger.Changeset, c orgledger.Change) orgledger.Date {
	if c.Effective != 0 {
		return c.Effective
	}
	return cs.Effective
}

// verdict is the model's decision on a changeset.
type verdict struct {
	add    []*modelEvent // the events it adds, with their effects, when accepted
	why    string        // why it is refused; "" when accepted
	broken *modelEvent   // the existing event it would make invalid, when that is why
}

// try decides the changeset by full replay of everything as known with it.
func (m *model) try(cs *orgledger.Changeset) verdict {
	add, retracted, why := m.numberChanges(cs)
	if why != "" {
		return verdict{why: why}
	}
	for _, e := range add {
		if why := m.kindClash(e.op); why != "" {
			return verdict{why: why}
		}
	}
	var all []*modelEvent
	for _, e := range m.events {
		if e.visible(m.head()) && retracted[e.seq] == 0 {
			all = append(all, e)
		}
	}
	for _, e := range add {
		if e.visible(e.seq) {
			all = append(all, e)
		}
	}
	sortByPlace(all)
	o := newOrg()
	same := 0 // new changes that change nothing: refused only when every one does
	for _, e := range all {
		isNew := e.seq > m.head()
		if isNew {
			e.eff = o.effectsOf(e.op)
		}
		why := o.check(e.op, e.eff)
		if why == "" && isNew && o.unchanged(e.op) != "" {
			same++
		}
		if why != "" {
			v := verdict{why: fmt.Sprintf("event %d (%s on %s, new=%v): %s", e.seq, e.op.Verb(), e.day, isNew, why)}
			if !isNew {
				v.broken = e
			}
			return v
		}
		o.apply(e.op, e.eff, e.day)
	}
	if len(add) > 0 && same == len(add) {
		return verdict{why: "every change changes nothing"}
	}
	return verdict{add: add}
}

// numberChanges gives the changes their seqs and checks the retractions, which depend on the
// ledger's events rather than on the org. retracted maps target seq to retraction seq.
func (m *model) numberChanges(cs *orgledger.Changeset) (add []*modelEvent, retracted map[int64]int64, why string) {
	retracted = map[int64]int64{}
	for i, c := range numbered(cs) {
		if ps := c.Op.Check(); len(ps) > 0 {
			return nil, nil, fmt.Sprintf("%s: %s: %s", c.Op.Verb(), ps[0].Field, ps[0].Reason)
		}
		e := &modelEvent{seq: m.head() + int64(i) + 1, day: effectiveOf(cs, c), op: c.Op}
		if r, ok := c.Op.(*orgledger.Retract); ok {
			if why := m.checkRetract(r, retracted); why != "" {
				return nil, nil, why
			}
			retracted[r.Event] = e.seq
			e.eff.RetractsOf = string(m.events[r.Event-1].op.Verb())
		}
		add = append(add, e)
	}
	return add, retracted, ""
}

// kindClash: an id that was created as one kind of record is never created as another, even
// once the first creation is retracted (doc.go; TestRetractedIDKeepsItsKind).
func (m *model) kindClash(op orgledger.Op) string {
	id := createdID(op)
	if id == "" {
		return ""
	}
	for _, e := range m.events {
		if createdID(e.op) == id && e.op.Verb() != op.Verb() {
			return fmt.Sprintf("%s %s: id %s was created by event %d (%s)", op.Verb(), id, id, e.seq, e.op.Verb())
		}
	}
	return ""
}

func (m *model) checkRetract(r *orgledger.Retract, retracted map[int64]int64) string {
	switch {
	case r.Event < 1 || r.Event > m.head():
		return fmt.Sprintf("retract: event %d does not exist", r.Event)
	case m.events[r.Event-1].op.Verb() == orgledger.VerbRetract:
		return fmt.Sprintf("retract: event %d is a retraction", r.Event)
	case m.events[r.Event-1].retractedBy != 0 || retracted[r.Event] != 0:
		return fmt.Sprintf("retract: event %d is already retracted", r.Event)
	}
	return ""
}

// commit records accepted events.
func (m *model) commit(add []*modelEvent, recorded time.Time) {
	for _, e := range add {
		m.events = append(m.events, e)
		if r, ok := e.op.(*orgledger.Retract); ok {
			m.events[r.Event-1].retractedBy = e.seq
		}
	}
	m.commits = append(m.commits, modelCommit{recorded: recorded, last: m.head()})
}

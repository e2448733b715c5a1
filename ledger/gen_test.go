package ledger_test

// A random generator of changesets for the property test: mostly valid against the model's
// org on the changeset's date, often backdated before existing events, with some changes that
// are wrong on purpose.

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/orgledger/orgledger"
)

// The ids the generator draws from: a few dozen, so that records are often reused.
var (
	personIDs   = poolIDs("p", 16)
	unitIDs     = poolIDs("u", 7)
	positionIDs = poolIDs("x", 20)
	allIDs      = slices.Concat(personIDs, unitIDs, positionIDs, []string{"ghost"})
)

func poolIDs(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// The dates of the histories: nDays days from day0. Changes are spread over all of them, so
// that many are effective before events already in the ledger.
var day0 = date("2024-01-01")

const nDays = 10

type generator struct {
	r       *rand.Rand
	m       *model
	o       *org            // the org on the changeset's date, with the changes made so far
	created map[string]bool // ids some event creates, as known now, and in this changeset
	day     orgledger.Date
}

func newGenerator(seed uint64, m *model) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, 0x5eed)), m: m}
}

func (g *generator) randDay() orgledger.Date { return day0.AddDays(g.r.IntN(nDays)) }

// bootstrapVerbs make the first changeset: a small org with a few levels, people in it.
var bootstrapVerbs = []orgledger.Verb{
	orgledger.VerbCreateUnit, orgledger.VerbCreateUnit, orgledger.VerbCreatePosition,
	orgledger.VerbCreatePosition, orgledger.VerbCreatePosition, orgledger.VerbCreatePosition,
	orgledger.VerbHire, orgledger.VerbHire, orgledger.VerbHire,
}

// changeset returns the next changeset, of one to maxChanges changes; the first one builds a
// small org on the first day, for the others to change.
func (g *generator) changeset(maxChanges int) *orgledger.Changeset {
	first := g.m.head() == 0
	g.day = g.randDay()
	if first {
		g.day = day0
	}
	g.o = g.m.orgAt(g.day, g.m.head())
	g.created = g.m.createdIDs()
	cs := &orgledger.Changeset{Effective: g.day, Source: "property test"}
	add := func(op orgledger.Op, ownDate bool) {
		c := orgledger.Change{Op: op}
		if ownDate {
			c.Effective = g.randDay() // a change may name its own date
		}
		cs.Changes = append(cs.Changes, c)
		g.note(op)
	}
	if first {
		for _, v := range bootstrapVerbs {
			if op := g.opFor(v); op != nil {
				add(op, false)
			}
		}
	}
	for range 1 + g.r.IntN(maxChanges) {
		op := g.op()
		if op == nil {
			continue
		}
		add(op, g.r.IntN(8) == 0)
		if h, ok := op.(*orgledger.Hire); ok && g.r.IntN(2) == 0 {
			if a := g.assignNewcomer(h.ID); a != nil {
				add(a, false) // people mostly join into a position
			}
		}
	}
	if len(cs.Changes) == 0 {
		cs.Changes = append(cs.Changes, orgledger.Change{Op: &orgledger.Leave{Person: "ghost"}}) // never hired
	}
	return cs
}

// note plays a generated change into the generator's org, when valid, so that the next changes
// of the changeset build on it.
func (g *generator) note(op orgledger.Op) {
	if id := createdID(op); id != "" {
		g.created[id] = true
	}
	if op.Check() != nil || op.Verb() == orgledger.VerbRetract {
		return
	}
	eff := g.o.effectsOf(op)
	if g.o.check(op, eff) == "" {
		g.o.apply(op, eff, g.day)
	}
}

// weighted verbs; the empty verb stands for a change that is wrong on purpose.
var genWeights = []struct {
	verb   orgledger.Verb
	weight int
}{
	{orgledger.VerbHire, 8}, {orgledger.VerbLeave, 3}, {orgledger.VerbUpdatePerson, 3},
	{orgledger.VerbCreateUnit, 5}, {orgledger.VerbRenameUnit, 2}, {orgledger.VerbMoveUnit, 3},
	{orgledger.VerbMergeUnits, 3}, {orgledger.VerbCloseUnit, 2}, {orgledger.VerbSetHead, 3},
	{orgledger.VerbCreatePosition, 12}, {orgledger.VerbRetitle, 2}, {orgledger.VerbMovePosition, 3},
	{orgledger.VerbReport, 5}, {orgledger.VerbDotted, 4}, {orgledger.VerbUndotted, 3},
	{orgledger.VerbClosePosition, 3}, {orgledger.VerbAssign, 16}, {orgledger.VerbUnassign, 3},
	{orgledger.VerbRetract, 4}, {"", 2},
}

// op returns a random change, or nil when none of the tries found one to make.
func (g *generator) op() orgledger.Op {
	total := 0
	for _, w := range genWeights {
		total += w.weight
	}
	for range 10 {
		n := g.r.IntN(total)
		for _, w := range genWeights {
			if n -= w.weight; n < 0 {
				if op := g.opFor(w.verb); op != nil {
					return op
				}
				break
			}
		}
	}
	return nil
}

func (g *generator) opFor(v orgledger.Verb) orgledger.Op {
	switch v {
	case "":
		return g.invalid()
	case orgledger.VerbHire, orgledger.VerbLeave, orgledger.VerbUpdatePerson, orgledger.VerbAssign,
		orgledger.VerbUnassign, orgledger.VerbRetract:
		return g.personOp(v)
	case orgledger.VerbCreateUnit, orgledger.VerbRenameUnit, orgledger.VerbMoveUnit,
		orgledger.VerbMergeUnits, orgledger.VerbCloseUnit, orgledger.VerbSetHead:
		return g.unitOp(v)
	}
	return g.positionOp(v)
}

func (g *generator) personOp(v orgledger.Verb) orgledger.Op {
	switch v {
	case orgledger.VerbHire:
		if id := g.fresh(personIDs); id != "" {
			return &orgledger.Hire{ID: id, Name: "Person " + id, Email: g.maybe(id + "@example.com"),
				Location: g.maybe(g.pick([]string{"Hangzhou", "Beijing", "Singapore"})), Attrs: g.attrs()}
		}
	case orgledger.VerbLeave:
		if p := g.pick(g.activePeople()); p != "" {
			return &orgledger.Leave{Person: p, Reason: "resigned"}
		}
	case orgledger.VerbUpdatePerson:
		if p := g.pick(g.activePeople()); p != "" {
			name := fmt.Sprintf("Renamed %s %d", p, g.r.IntN(100))
			loc := g.pick([]string{"", "Shanghai", "Shenzhen"})
			return &orgledger.UpdatePerson{Person: p, Name: &name, Location: &loc, Attrs: g.attrs()}
		}
	case orgledger.VerbAssign:
		return g.assign()
	case orgledger.VerbUnassign:
		if pos := g.pick(g.filledPositions()); pos != "" {
			return &orgledger.Unassign{Person: g.pick(sortedKeys(g.o.holders(pos))), Position: pos}
		}
	case orgledger.VerbRetract:
		return g.retract()
	}
	return nil
}

// assign takes an open position, with replace or share most of the time when it is filled.
func (g *generator) assign() orgledger.Op {
	pos := g.pick(g.openPositions())
	people := g.activePeople()
	if g.r.IntN(10) > 0 { // now and then someone who holds it already
		people = slices.DeleteFunc(people, func(p string) bool { _, ok := g.o.holders(pos)[p]; return ok })
	}
	p := g.pick(people)
	if p == "" || pos == "" {
		return nil
	}
	a := &orgledger.Assign{Person: p, Position: pos, Acting: g.r.IntN(5) == 0}
	if len(g.o.holders(pos)) > 0 || g.r.IntN(4) == 0 {
		switch g.r.IntN(10) {
		case 0: // neither: refused when filled
		case 1, 2, 3, 4:
			a.Replace = true
		default:
			a.Share = true
		}
	}
	return a
}

// assignNewcomer puts a new hire into a vacant position, if there is one.
func (g *generator) assignNewcomer(person string) orgledger.Op {
	vacant := slices.DeleteFunc(g.openPositions(), func(p string) bool { return len(g.o.holders(p)) > 0 })
	if pos := g.pick(vacant); pos != "" {
		return &orgledger.Assign{Person: person, Position: pos, Acting: g.r.IntN(6) == 0}
	}
	return nil
}

// retract takes back an earlier event; now and then one that cannot be.
func (g *generator) retract() orgledger.Op {
	var ok []int64
	for _, e := range g.m.events {
		if e.retractedBy == 0 && e.op.Verb() != orgledger.VerbRetract {
			ok = append(ok, e.seq)
		}
	}
	seq := int64(0)
	switch {
	case len(ok) > 0 && g.r.IntN(8) > 0:
		seq = ok[g.r.IntN(len(ok))]
	case g.m.head() > 0:
		seq = 1 + g.r.Int64N(g.m.head()+2) // maybe retracted, a retraction, or not there
	default:
		return nil
	}
	return &orgledger.Retract{Event: seq, Reason: "was wrong"}
}

func (g *generator) unitOp(v orgledger.Verb) orgledger.Op {
	open := g.openUnits()
	u := g.pick(open)
	switch v {
	case orgledger.VerbCreateUnit:
		if id := g.fresh(unitIDs); id != "" {
			return &orgledger.CreateUnit{ID: id, Name: "Unit " + id, Parent: g.maybe(u), Kind: g.maybe("team")}
		}
	case orgledger.VerbRenameUnit:
		if u != "" {
			return &orgledger.RenameUnit{Unit: u, Name: fmt.Sprintf("Unit %s v%d", u, g.r.IntN(100))}
		}
	case orgledger.VerbMoveUnit:
		if to := g.pick(open); u != "" && to != u {
			return &orgledger.MoveUnit{Unit: u, Parent: g.sometimes(to)} // a cycle now and then; to the top now and then
		}
	case orgledger.VerbMergeUnits:
		return g.merge(open)
	case orgledger.VerbCloseUnit:
		if g.r.IntN(6) > 0 { // mostly one that can close
			u = g.pick(g.emptyUnits())
		}
		if u != "" {
			return &orgledger.CloseUnit{Unit: u}
		}
	case orgledger.VerbSetHead:
		if pos := g.pick(g.openPositions()); u != "" && pos != "" {
			return &orgledger.SetHead{Unit: u, Position: pos}
		}
	}
	return nil
}

// merge merges one or two open units into another that is not below them.
func (g *generator) merge(open []string) orgledger.Op {
	if len(open) < 2 {
		return nil
	}
	g.r.Shuffle(len(open), func(i, j int) { open[i], open[j] = open[j], open[i] })
	into, units := open[0], open[1:1+min(len(open)-1, 1+g.r.IntN(2))]
	if g.r.IntN(4) > 0 {
		units = slices.DeleteFunc(slices.Clone(units), func(u string) bool { return g.o.unitAbove(u, into) })
	}
	if len(units) == 0 {
		return nil
	}
	return &orgledger.MergeUnits{Units: units, Into: into}
}

func (g *generator) positionOp(v orgledger.Verb) orgledger.Op {
	open := g.openPositions()
	pos, to := g.pick(open), g.pick(open)
	switch v {
	case orgledger.VerbCreatePosition:
		id, u := g.fresh(positionIDs), g.pick(g.openUnits())
		if id != "" && u != "" {
			kind := ""
			if g.r.IntN(8) == 0 {
				kind = orgledger.KindAssistant
			}
			if g.r.IntN(5) == 0 {
				pos = "" // mostly under another position, now and then a new root
			}
			return &orgledger.CreatePosition{ID: id, Title: "Title " + id, Unit: u, ReportsTo: pos, Kind: kind}
		}
	case orgledger.VerbRetitle:
		if pos != "" {
			return &orgledger.Retitle{Position: pos, Title: fmt.Sprintf("Title %s v%d", pos, g.r.IntN(100))}
		}
	case orgledger.VerbMovePosition:
		if u := g.pick(g.openUnits()); pos != "" && u != "" {
			return &orgledger.MovePosition{Position: pos, Unit: u}
		}
	case orgledger.VerbReport:
		if g.r.IntN(4) > 0 { // mostly a line that makes no cycle
			to = g.pick(slices.DeleteFunc(open, func(p string) bool { return g.o.lineAbove(pos, p) }))
		}
		if pos != "" && to != "" && pos != to {
			return &orgledger.Report{Position: pos, To: to}
		}
	case orgledger.VerbDotted:
		if pos != "" && to != "" && pos != to {
			return &orgledger.Dotted{Position: pos, To: to}
		}
	case orgledger.VerbUndotted:
		return g.undotted(open)
	case orgledger.VerbClosePosition:
		return g.closePosition(open)
	}
	return nil
}

func (g *generator) undotted(open []string) orgledger.Op {
	var lines [][2]string
	for _, p := range open {
		for _, to := range sortedKeys(g.o.positions[p].dotted) {
			lines = append(lines, [2]string{p, to})
		}
	}
	if len(lines) == 0 {
		return nil
	}
	l := lines[g.r.IntN(len(lines))]
	return &orgledger.Undotted{Position: l[0], To: l[1]}
}

// closePosition mostly closes a position that can close.
func (g *generator) closePosition(open []string) orgledger.Op {
	free := slices.DeleteFunc(slices.Clone(open), func(p string) bool { return g.o.checkClosePosition(p) != "" })
	if len(free) > 0 && g.r.IntN(4) > 0 {
		return &orgledger.ClosePosition{Position: g.pick(free)}
	}
	if p := g.pick(open); p != "" {
		return &orgledger.ClosePosition{Position: p}
	}
	return nil
}

// invalid returns a change that is wrong on purpose, on the org as the generator sees it, or
// nil when the one it tried does not apply.
func (g *generator) invalid() orgledger.Op {
	left := slices.DeleteFunc(sortedKeys(g.o.people), g.o.active)
	switch g.r.IntN(8) {
	case 0:
		if pos := g.pick(g.openPositions()); pos != "" {
			return &orgledger.Assign{Person: "ghost", Position: pos} // an unknown id
		}
	case 1:
		if p := g.pick(left); p != "" {
			return &orgledger.Leave{Person: p} // leaving twice
		}
	case 2:
		if p, pos := g.pick(left), g.pick(g.openPositions()); p != "" && pos != "" {
			return &orgledger.Assign{Person: p, Position: pos, Share: true} // assign after leave
		}
	case 3:
		if id := g.pick(sortedKeys(g.created)); id != "" {
			return &orgledger.Hire{ID: id, Name: "Twin"} // an id created twice
		}
	case 4:
		return g.cycle()
	case 5:
		if pos := g.pick(g.filledPositions()); pos != "" {
			return &orgledger.ClosePosition{Position: pos}
		}
	case 6:
		if p, pos := g.pick(g.activePeople()), g.pick(g.filledPositions()); p != "" && pos != "" {
			return &orgledger.Assign{Person: p, Position: pos} // neither replace nor share
		}
	case 7:
		if pos := g.pick(g.openPositions()); pos != "" {
			return &orgledger.Report{Position: pos, To: "ghost"}
		}
	}
	return nil
}

// cycle points a solid line at a position below, or a unit under one below it.
func (g *generator) cycle() orgledger.Op {
	for _, top := range g.openPositions() {
		for _, p := range g.openPositions() {
			if p != top && g.o.lineAbove(top, p) {
				return &orgledger.Report{Position: top, To: p}
			}
		}
	}
	for _, top := range g.openUnits() {
		for _, u := range g.openUnits() {
			if u != top && g.o.unitAbove(top, u) {
				return &orgledger.MoveUnit{Unit: top, Parent: u}
			}
		}
	}
	return nil
}

// fresh returns an id of the pool that no event creates, or "".
func (g *generator) fresh(pool []string) string {
	var free []string
	for _, id := range pool {
		if !g.created[id] {
			free = append(free, id)
		}
	}
	return g.pick(free)
}

func (g *generator) pick(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[g.r.IntN(len(l))]
}

// maybe returns s half of the time, else "".
// sometimes returns s but one time in eight, "".
func (g *generator) sometimes(s string) string {
	if g.r.IntN(8) == 0 {
		return ""
	}
	return s
}

func (g *generator) maybe(s string) string {
	if g.r.IntN(2) == 0 {
		return ""
	}
	return s
}

func (g *generator) attrs() map[string]string {
	if g.r.IntN(3) > 0 {
		return nil
	}
	return map[string]string{"grade": g.pick([]string{"", "P7", "P8", "P9"})}
}

func (g *generator) activePeople() []string {
	return slices.DeleteFunc(sortedKeys(g.o.people), func(p string) bool { return !g.o.active(p) })
}

func (g *generator) openUnits() []string {
	return slices.DeleteFunc(sortedKeys(g.o.units), func(u string) bool { return !g.o.unitOpen(u) })
}

func (g *generator) openPositions() []string {
	return slices.DeleteFunc(sortedKeys(g.o.positions), func(p string) bool { return !g.o.posOpen(p) })
}

func (g *generator) filledPositions() []string {
	return slices.DeleteFunc(g.openPositions(), func(p string) bool { return len(g.o.holders(p)) == 0 })
}

func (g *generator) emptyUnits() []string {
	return slices.DeleteFunc(g.openUnits(), func(u string) bool { return g.o.checkUnitEmpty(u) != "" })
}

package gen

import (
	"math/rand/v2"

	"github.com/orgledger/orgledger"
)

// model is the org on the day the generator has reached: just enough to emit valid changes.
// Every person holds their own position, so one emp stands for both; people and units are
// numbered from 0 and never reused.
type model struct {
	r      *rand.Rand
	day    orgledger.Date
	emps   []emp
	units  []unit
	active pool // active people
	teams  pool // open units of kind team: where hires go
	depts  pool // open departments and groups: where teams move
	out    []orgledger.Change
	events int64 // changes emitted so far
}

// emp is a person and their position.
type emp struct {
	boss    int32   // whose position this one reports to; -1 at the top
	unit    int32   // the position's unit
	heads   int32   // the unit the position heads, or -1
	fn      uint8   // the function of the unit the person was hired into
	grade   uint8   // grade, for an individual contributor's title
	active  bool    // false once they have left
	reports []int32 // direct reports
}

// unit is an org unit.
type unit struct {
	parent int32
	head   int32 // the person whose position heads it
	kind   uint8
	fn     uint8
	area   uint16
	open   bool
}

func newModel(seed uint64) *model {
	return &model{r: rand.New(rand.NewPCG(seed, 0x09_1ed_9e6))}
}

// emit adds a change effective on the model's day to the batch.
func (m *model) emit(op orgledger.Op) {
	m.out = append(m.out, orgledger.Change{Op: op, Effective: m.day})
	m.events++
}

// newUnit opens a unit.
func (m *model) newUnit(parent int32, kind, fn uint8, area int) int32 {
	u := int32(len(m.units))
	m.units = append(m.units, unit{parent: parent, head: -1, kind: kind, fn: fn, area: uint16(area), open: true})
	op := &orgledger.CreateUnit{ID: unitID(u), Name: unitName(kind, fn, area, u), Kind: kindNames[kind]}
	if parent >= 0 {
		op.Parent = unitID(parent)
	}
	m.emit(op)
	m.pools(u, true)
	return u
}

// pools adds the unit to, or removes it from, the pools of its kind.
func (m *model) pools(u int32, add bool) {
	var p *pool
	switch m.units[u].kind {
	case kindTeam:
		p = &m.teams
	case kindDepartment, kindGroup:
		p = &m.depts
	default:
		return
	}
	if add {
		p.add(u)
	} else {
		p.remove(u)
	}
}

// hire adds a person in a new position of their own in unit u, reporting to boss.
func (m *model) hire(u, boss int32, title string, grade uint8) int32 {
	e := int32(len(m.emps))
	m.emps = append(m.emps, emp{boss: boss, unit: u, heads: -1, fn: m.units[u].fn, grade: grade, active: true})
	m.emit(&orgledger.Hire{ID: personID(e), Name: personName(m.r.IntN(len(firstNames) * len(lastNames))),
		Location: locations[m.r.IntN(len(locations))]})
	op := &orgledger.CreatePosition{ID: positionID(e), Title: title, Unit: unitID(u)}
	if boss >= 0 {
		op.ReportsTo = positionID(boss)
		m.emps[boss].reports = append(m.emps[boss].reports, e)
	}
	m.emit(op)
	m.emit(&orgledger.Assign{Person: personID(e), Position: positionID(e)})
	m.active.add(e)
	return e
}

// hireIC hires an individual contributor into u under its head, at a random grade.
func (m *model) hireIC(u, boss int32) int32 {
	g := m.grade()
	return m.hire(u, boss, icTitle(m.units[u].fn, g), g)
}

// grade draws a grade: most people in the middle, few principals.
func (m *model) grade() uint8 {
	return [...]uint8{0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4}[m.r.IntN(12)]
}

func (m *model) setHead(u, e int32) {
	if old := m.units[u].head; old >= 0 && m.emps[old].heads == u {
		m.emps[old].heads = -1
	}
	m.units[u].head, m.emps[e].heads = e, u
	m.emit(&orgledger.SetHead{Unit: unitID(u), Position: positionID(e)})
}

// report moves e's solid line to boss.
func (m *model) report(e, boss int32) {
	if old := m.emps[e].boss; old >= 0 {
		m.emps[old].reports = without(m.emps[old].reports, e)
	}
	m.emps[e].boss = boss
	m.emps[boss].reports = append(m.emps[boss].reports, e)
	m.emit(&orgledger.Report{Position: positionID(e), To: positionID(boss)})
}

func (m *model) movePosition(e, u int32) {
	if m.emps[e].unit != u {
		m.emps[e].unit = u
		m.emit(&orgledger.MovePosition{Position: positionID(e), Unit: unitID(u)})
	}
}

func (m *model) retitle(e int32, title string) {
	m.emit(&orgledger.Retitle{Position: positionID(e), Title: title})
}

// leave records that e leaves and closes their position; nothing may report to it by then.
func (m *model) leave(e int32, reason string) {
	x := &m.emps[e]
	if x.boss >= 0 {
		m.emps[x.boss].reports = without(m.emps[x.boss].reports, e)
	}
	x.active, x.heads = false, -1
	m.active.remove(e)
	m.emit(&orgledger.Leave{Person: personID(e), Reason: reason})
	m.emit(&orgledger.ClosePosition{Position: positionID(e)})
}

// isIC reports whether e is active, has no reports and heads no unit.
func (m *model) isIC(e int32) bool {
	x := &m.emps[e]
	return x.active && len(x.reports) == 0 && x.heads < 0 && x.boss >= 0
}

func without(xs []int32, x int32) []int32 {
	for i, v := range xs {
		if v == x {
			xs[i] = xs[len(xs)-1]
			return xs[:len(xs)-1]
		}
	}
	return xs
}

// pool is a set of numbers that can be drawn from at random, with O(1) adds and removes.
type pool struct {
	items []int32
	at    []int32 // where each number is in items; -1 when absent
}

func (p *pool) add(i int32) {
	for int(i) >= len(p.at) {
		p.at = append(p.at, -1)
	}
	p.at[i] = int32(len(p.items))
	p.items = append(p.items, i)
}

func (p *pool) remove(i int32) {
	k := p.at[i]
	last := p.items[len(p.items)-1]
	p.items[k], p.at[last] = last, k
	p.items, p.at[i] = p.items[:len(p.items)-1], -1
}

func (p *pool) len() int { return len(p.items) }

func (p *pool) pick(r *rand.Rand) int32 { return p.items[r.IntN(len(p.items))] }

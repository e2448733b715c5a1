package gen

import "math"

// Yearly rates, as a share of the people (or, for reorganizations, of the teams).
const (
	leaveRate     = 0.15 // people who leave in a year
	promoteRate   = 0.04 // individual contributors promoted a grade
	transferRate  = 0.03 // people who move to another team
	mergeRate     = 0.01 // teams merged into a sibling
	moveTeamRate  = 0.01 // teams moved to another department
	internalShare = 0.6  // managers replaced from inside their team, where they can be
	workdays      = 261  // working days in a year: changes take effect on weekdays
)

// workday runs one working day: leavers and their replacements, hires that keep the headcount
// near the target, promotions, transfers and the occasional reorganization.
func (m *model) workday(target int) {
	h := float64(m.active.len())
	for range m.poisson(h * leaveRate / workdays) {
		m.leaveRandom()
	}
	gap := float64(target - m.active.len())
	for range m.poisson(max(0, h*leaveRate/workdays+gap/20)) {
		m.hireRandom()
	}
	for range m.poisson(h * promoteRate / workdays) {
		m.promoteRandom()
	}
	for range m.poisson(h * transferRate / workdays) {
		m.transferRandom()
	}
	t := float64(m.teams.len())
	for range m.poisson(t * mergeRate / workdays) {
		m.mergeRandom()
	}
	for range m.poisson(t * moveTeamRate / workdays) {
		m.moveTeamRandom()
	}
}

// poisson draws a count with mean mu (normal approximation above 30).
func (m *model) poisson(mu float64) int {
	if mu > 30 {
		return max(0, int(math.Round(mu+math.Sqrt(mu)*m.r.NormFloat64())))
	}
	n, p, l := 0, m.r.Float64(), math.Exp(-mu)
	for p > l {
		n++
		p *= m.r.Float64()
	}
	return n
}

var leaveReasons = []string{"resigned", "resigned", "resigned", "retired", "laid off", "end of contract"}

// leaveRandom makes someone other than the chief executive leave, replacing them first if
// anyone reports to them.
func (m *model) leaveRandom() {
	e := m.active.pick(m.r)
	if m.emps[e].boss < 0 {
		return
	}
	if len(m.emps[e].reports) > 0 || m.emps[e].heads >= 0 {
		m.replace(e)
	}
	m.leave(e, leaveReasons[m.r.IntN(len(leaveReasons))])
}

// replace finds a successor for manager e, who is about to leave: one of their individual
// contributors, promoted, or a new hire. The successor takes e's reports and e's unit.
func (m *model) replace(e int32) {
	x := m.emps[e]
	succ := int32(-1)
	if m.r.Float64() < internalShare {
		succ = m.pickIC(x.reports)
	}
	title := headTitle(kindTeam, x.fn)
	if x.heads >= 0 {
		title = headTitle(m.units[x.heads].kind, m.units[x.heads].fn)
	}
	if succ >= 0 {
		m.report(succ, x.boss)
		m.movePosition(succ, x.unit)
		m.retitle(succ, title)
	} else {
		succ = m.hire(x.unit, x.boss, title, 0)
	}
	for _, r := range append([]int32(nil), m.emps[e].reports...) {
		m.report(r, succ)
	}
	if x.heads >= 0 {
		m.setHead(x.heads, succ)
	}
}

// pickIC returns an individual contributor among xs, or -1.
func (m *model) pickIC(xs []int32) int32 {
	if len(xs) == 0 {
		return -1
	}
	start := m.r.IntN(len(xs))
	for i := range xs {
		if c := xs[(start+i)%len(xs)]; m.isIC(c) {
			return c
		}
	}
	return -1
}

// hireRandom hires into a random team, splitting it first when it has grown too large.
func (m *model) hireRandom() {
	if m.teams.len() == 0 {
		return
	}
	t := m.teams.pick(m.r)
	head := m.units[t].head
	if len(m.emps[head].reports) >= splitAt {
		if t2 := m.split(t); t2 >= 0 && m.r.IntN(2) == 0 {
			t, head = t2, m.units[t2].head
		}
	}
	m.hireIC(t, head)
}

// promoteRandom moves a random individual contributor up a grade.
func (m *model) promoteRandom() {
	e := m.active.pick(m.r)
	x := &m.emps[e]
	if !m.isIC(e) || int(x.grade) >= len(icGrades)-1 {
		return
	}
	x.grade++
	m.retitle(e, icTitle(m.units[x.unit].fn, x.grade))
}

// transferRandom moves a random individual contributor to another team, under its manager.
func (m *model) transferRandom() {
	e := m.active.pick(m.r)
	if !m.isIC(e) || m.teams.len() < 2 {
		return
	}
	t := m.teams.pick(m.r)
	head := m.units[t].head
	if t == m.emps[e].unit || head == e || head == m.emps[e].boss {
		return
	}
	m.movePosition(e, t)
	m.report(e, head)
}

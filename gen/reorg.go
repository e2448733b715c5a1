package gen

import "github.com/orgledger/orgledger"

// split splits team t in two: a new sibling team, headed by one of t's individual
// contributors, promoted, takes half of the others. It returns the new team, or -1 when t
// cannot split (its manager is at the top, or has no individual contributor).
func (m *model) split(t int32) int32 {
	x := m.units[t]
	boss := m.emps[x.head].boss
	lead := m.pickIC(m.emps[x.head].reports)
	if boss < 0 || lead < 0 || x.parent < 0 {
		return -1
	}
	t2 := m.newUnit(x.parent, kindTeam, x.fn, int(x.area))
	m.movePosition(lead, t2)
	m.report(lead, boss)
	m.retitle(lead, headTitle(kindTeam, x.fn))
	m.setHead(t2, lead)
	reports := append([]int32(nil), m.emps[x.head].reports...)
	for i, r := range reports {
		if i%2 == 0 && m.isIC(r) {
			m.movePosition(r, t2)
			m.report(r, lead)
		}
	}
	return t2
}

// mergeRandom merges a random team into a sibling team: its positions move to the sibling,
// its people report to the sibling's manager, and its manager stays on as a senior
// individual contributor.
func (m *model) mergeRandom() {
	if m.teams.len() < 2 {
		return
	}
	b := m.teams.pick(m.r)
	a := m.siblingTeam(b)
	if a < 0 {
		return
	}
	m.emit(&orgledger.MergeUnits{Units: []string{unitID(b)}, Into: unitID(a)})
	m.units[b].open = false
	m.pools(b, false)
	mb, ma := m.units[b].head, m.units[a].head
	m.emps[mb].heads = -1
	m.emps[mb].unit = a
	for _, r := range append([]int32(nil), m.emps[mb].reports...) {
		m.emps[r].unit = a
		m.report(r, ma)
	}
	m.report(mb, ma)
	m.emps[mb].grade = 3
	m.retitle(mb, icTitle(m.units[a].fn, 3))
}

// siblingTeam returns another open team under the same parent as team b, or -1.
func (m *model) siblingTeam(b int32) int32 {
	parent := m.units[b].parent
	for range 8 {
		a := m.teams.pick(m.r)
		if a != b && m.units[a].parent == parent {
			return a
		}
	}
	return -1
}

// moveTeamRandom moves a random team under another department or group, whose head its
// manager now reports to.
func (m *model) moveTeamRandom() {
	if m.teams.len() == 0 || m.depts.len() == 0 {
		return
	}
	t, d := m.teams.pick(m.r), m.depts.pick(m.r)
	head := m.units[t].head
	if m.units[t].parent == d || m.emps[head].boss < 0 {
		return
	}
	m.units[t].parent = d
	m.emit(&orgledger.MoveUnit{Unit: unitID(t), Parent: unitID(d)})
	m.report(head, m.units[d].head)
}

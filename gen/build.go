package gen

import "math"

// The shape of the org built on the first day.
const (
	medianSpan = 6  // direct reports of a typical manager
	teamMax    = 13 // a unit of at most this many people is a team of individual contributors
	splitAt    = 16 // a team whose manager has this many reports splits in two
)

// divisionWeights size the divisions, in the order of functions: stores and the supply
// chain dwarf the rest, as at a large retailer.
var divisionWeights = []float64{40, 9, 14, 7, 9, 5, 3, 2.5, 2.5, 2, 2, 1}

// build makes the org of n people on the model's day: a company, its divisions, and under them
// units down to teams, top down, so that every position a change names already exists.
func (m *model) build(n int) {
	company := m.newUnit(-1, kindCompany, 0, 0)
	ceo := m.hire(company, -1, headTitle(kindCompany, 0), 0)
	m.setHead(company, ceo)
	rest := n - 1
	sizes := apportion(rest, divisionWeights)
	for fn, size := range sizes {
		if size > 0 {
			m.buildUnit(company, ceo, kindDivision, uint8(fn), m.r.IntN(len(areas)), size)
		}
	}
}

// apportion splits n into parts proportional to weights, the remainder to the first.
func apportion(n int, weights []float64) []int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	out := make([]int, len(weights))
	left := n
	for i, w := range weights {
		out[i] = int(float64(n) * w / total)
		left -= out[i]
	}
	out[0] += left
	return out
}

// buildUnit opens a unit of n people: its head, reporting to boss, and n-1 below.
func (m *model) buildUnit(parent, boss int32, kind, fn uint8, area, n int) {
	u := m.newUnit(parent, kind, fn, area)
	head := m.hire(u, boss, headTitle(kind, fn), 0)
	m.setHead(u, head)
	m.fill(u, head, n-1)
}

// fill places n people under the head of u: as individual contributors when they fit in one
// span, else in sub-units of uneven sizes, with a few staff reporting to the head directly.
func (m *model) fill(u, head int32, n int) {
	k := m.span()
	if n <= max(k, teamMax) || m.units[u].kind == kindTeam {
		for range n {
			m.hireIC(u, head)
		}
		return
	}
	staff := min(m.r.IntN(3), n-k)
	for range staff {
		m.hireIC(u, head)
	}
	x := m.units[u]
	for _, part := range m.parts(n-staff, k) {
		switch {
		case part < 4: // too few for a team of their own: staff of the head
			for range part {
				m.hireIC(u, head)
			}
		default:
			area := int(x.area)
			if x.kind <= kindDivision {
				area = m.r.IntN(len(areas))
			}
			m.buildUnit(u, head, childKind(x.kind, part), x.fn, area, part)
		}
	}
}

// childKind is the kind of a sub-unit of n people under a unit of kind parent.
func childKind(parent uint8, n int) uint8 {
	switch {
	case n <= teamMax:
		return kindTeam
	case parent <= kindDivision:
		return kindDepartment
	}
	return kindGroup
}

// span draws how many sub-units or reports a manager has: a median of six, and now and then a
// wide span of 15 to 45.
func (m *model) span() int {
	if m.r.IntN(40) == 0 {
		return 15 + m.r.IntN(31)
	}
	s := int(math.Round(math.Exp(math.Log(medianSpan) + 0.35*m.r.NormFloat64())))
	return max(2, min(s, 12))
}

// parts splits n into k uneven parts (log-normal weights), so that branches of the org have
// different depths; a part may be 0.
func (m *model) parts(n, k int) []int {
	w := make([]float64, k)
	for i := range w {
		w[i] = math.Exp(0.5 * m.r.NormFloat64())
	}
	return apportion(n, w)
}

package plans

import (
	"context"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Impact counts what a plan does to people, and to the shape of each unit it touches.
type Impact struct {
	Plan            string       `json:"plan"`
	PeopleMoved     int          `json:"people_moved"`     // whose position or unit changes
	ManagersChanged int          `json:"managers_changed"` // people whose managers change
	Joined          int          `json:"joined"`
	Left            int          `json:"left"`
	Units           []UnitImpact `json:"units"`
}

// UnitImpact is the shape of one unit without the plan and with it: the widest span of
// control among its positions, and the number of layers of its positions.
type UnitImpact struct {
	Unit        string `json:"unit"`
	SpanBefore  int    `json:"span_before"`
	SpanAfter   int    `json:"span_after"`
	DepthBefore int    `json:"depth_before"`
	DepthAfter  int    `json:"depth_after"`
}

// Impact measures the plan on its effective date.
func (s *Service) Impact(ctx context.Context, c Caller, name string) (*Impact, error) {
	out := &Impact{Plan: name, Units: []UnitImpact{}}
	err := s.preview(ctx, c, name, func(p *orgledger.Plan, _ resolved, pv *ledger.Preview) error {
		if pv == nil {
			return nil
		}
		d := pv.Diff(p.Effective)
		units := out.count(d)
		before, after := shapeOf(pv.Without(), p.Effective), shapeOf(pv, p.Effective)
		for _, u := range sortedKeys(units) {
			sb, db := unitShape(before, u)
			sa, da := unitShape(after, u)
			out.Units = append(out.Units, UnitImpact{Unit: u, SpanBefore: sb, SpanAfter: sa, DepthBefore: db, DepthAfter: da})
		}
		return nil
	})
	return out, err
}

// count tallies the diff's people and returns the units it touches.
func (m *Impact) count(d orgledger.Diff) map[string]bool {
	moved, managed := map[string]bool{}, map[string]bool{}
	units := map[string]bool{}
	for _, c := range d.Changes {
		switch c.Kind {
		case orgledger.DiffJoined:
			m.Joined++
		case orgledger.DiffLeft:
			m.Left++
		case orgledger.DiffPosition, orgledger.DiffUnit:
			moved[c.Person] = true
		case orgledger.DiffManager:
			managed[c.Person] = true
		}
		if c.Kind == orgledger.DiffUnit {
			for _, u := range append(c.Before, c.After...) {
				units[u] = true
			}
		}
		if c.Unit != "" {
			units[c.Unit] = true
		}
	}
	m.PeopleMoved, m.ManagersChanged = len(moved), len(managed)
	return units
}

// unitShape returns the widest span among a unit's positions and how many layers deep its
// positions go, counting only lines within the unit.
func unitShape(s shape, unit string) (span, depth int) {
	level := map[string]int{}
	for _, id := range sortedKeys(s.nodes) {
		n := s.nodes[id]
		if n.Unit.ID != unit {
			continue
		}
		span = max(span, s.children[id])
		depth = max(depth, unitLevel(s, id, unit, level))
	}
	return span, depth
}

func unitLevel(s shape, id, unit string, memo map[string]int) int {
	if l, ok := memo[id]; ok {
		return l
	}
	l := 1
	if n := s.nodes[id]; n.ParentID != nil {
		if p, ok := s.nodes[*n.ParentID]; ok && p.Unit.ID == unit {
			l = unitLevel(s, p.ID, unit, memo) + 1
		}
	}
	memo[id] = l
	return l
}

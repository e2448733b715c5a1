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
	// Change is "created" for a unit the plan opens and "closed" for one it closes (its span
	// and depth 0 on the side it is not open), "" for one open with and without it.
	Change string `json:"change,omitempty"`
}

// Impact measures the plan on its effective date.
func (s *Service) Impact(ctx context.Context, c Caller, name string) (*Impact, error) {
	out := &Impact{Plan: name, Units: []UnitImpact{}}
	err := s.preview(ctx, c, name, func(p *orgledger.Plan, _ resolved, pv *ledger.Preview) error {
		out.Plan = p.Ref()
		if pv == nil {
			return nil
		}
		d := pv.Diff(p.Effective)
		units, positions := out.count(d)
		q := ledger.Query{At: p.Effective}
		for _, side := range []*ledger.Preview{pv.Without(), pv} {
			for id := range positions {
				if u := unitOf(side, q, id); u != "" {
					units[u] = true
				}
			}
		}
		for _, u := range sortedKeys(units) {
			sb, db := unitShape(pv.Without(), q, u)
			sa, da := unitShape(pv, q, u)
			out.Units = append(out.Units, UnitImpact{Unit: u, SpanBefore: sb, SpanAfter: sa, DepthBefore: db, DepthAfter: da,
				Change: unitChange(unitOpen(pv.Without(), q, u), unitOpen(pv, q, u))})
		}
		return nil
	})
	return out, err
}

// count tallies the diff's people and returns the units it touches, and the positions whose
// units it touches: a position that opens, closes or moves its solid line changes the span of
// the positions it leaves and joins, and the depth of its own unit.
func (m *Impact) count(d orgledger.Diff) (units, positions map[string]bool) {
	moved, managed := map[string]bool{}, map[string]bool{}
	units, positions = map[string]bool{}, map[string]bool{}
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
		switch c.Kind {
		case orgledger.DiffReportsTo, orgledger.DiffPositionCreated, orgledger.DiffPositionClosed:
			for _, p := range append([]string{c.Position}, append(c.Before, c.After...)...) {
				positions[p] = true
			}
		case orgledger.DiffPositionMoved: // the units it leaves and joins
			// (A dotted line changes no span or depth: impact leaves it out.)
			for _, u := range append(c.Before, c.After...) {
				units[u] = true
			}
		}
	}
	m.PeopleMoved, m.ManagersChanged = len(moved), len(managed)
	return units, positions
}

// unitOpen reports whether the unit is open on the query's date.
func unitOpen(pv *ledger.Preview, q ledger.Query, unit string) bool {
	v, err := pv.Show(unit, q)
	u, ok := v.(*orgledger.UnitInfo)
	return err == nil && ok && u.Open
}

// unitChange says what the plan does to a unit open before or after it: creates or closes it,
// or neither.
func unitChange(before, after bool) string {
	switch {
	case !before && after:
		return "created"
	case before && !after:
		return "closed"
	}
	return ""
}

// unitOf returns the unit of a position on the query's date, "" when it is not open then.
func unitOf(pv *ledger.Preview, q ledger.Query, position string) string {
	if v, err := pv.Show(position, q); err == nil {
		if p, ok := v.(*orgledger.PositionInfo); ok {
			return p.Unit.ID
		}
	}
	return ""
}

// unitShape returns the widest span among a unit's positions and how many layers deep its
// positions go, counting only lines within the unit; zero for a unit not open then.
func unitShape(pv *ledger.Preview, q ledger.Query, unit string) (span, depth int) {
	v, err := pv.Show(unit, q)
	info, ok := v.(*orgledger.UnitInfo)
	if err != nil || !ok || !info.Open {
		return 0, 0
	}
	up := map[string]string{} // position to the position it reports to, within the unit
	for _, p := range info.Positions {
		up[p.ID] = ""
	}
	for _, p := range info.Positions {
		if v, err := pv.Show(p.ID, q); err == nil {
			pi := v.(*orgledger.PositionInfo)
			span = max(span, len(pi.Reports))
			if to := reportsTo(pi); to != "" {
				if _, in := up[to]; in {
					up[p.ID] = to
				}
			}
		}
	}
	for id := range up {
		n := 1
		for q := up[id]; q != "" && n <= len(up); q = up[q] {
			n++
		}
		depth = max(depth, n)
	}
	return span, depth
}

func reportsTo(p *orgledger.PositionInfo) string {
	if p.ReportsTo == nil {
		return ""
	}
	return p.ReportsTo.ID
}

package plans

import (
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// inForce reports whether what event e set still stands on day d, as the ledger knows it now,
// so that a change recorded on d would override it: not an event effective after d, which
// stands from its own day whatever d brings, nor one that a later event undid by d (a person
// assigned by hand, then unassigned; a title set, then set again). An event whose effect is
// not a value compared here (a unit made, a person hired, a retraction) stands from its day.
func inForce(l *ledger.Ledger, e orgledger.Event, d orgledger.Date) bool {
	if e.Effective > d {
		return false
	}
	q := ledger.Query{At: d}
	switch op := e.Op.(type) {
	case *orgledger.Retitle:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return p.Title == op.Title })
	case *orgledger.Report:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool {
			return p.ReportsTo != nil && p.ReportsTo.ID == op.To || p.ReportsTo == nil && op.To == ""
		})
	case *orgledger.MovePosition:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return p.Unit.ID == op.Unit })
	case *orgledger.Dotted:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return slices.ContainsFunc(p.Dotted, isPosition(op.To)) })
	case *orgledger.Undotted:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return !slices.ContainsFunc(p.Dotted, isPosition(op.To)) })
	case *orgledger.Assign:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return slices.ContainsFunc(p.Holders, isHolder(op.Person)) })
	case *orgledger.Unassign:
		return positionIs(l, op.Position, q, func(p *orgledger.PositionInfo) bool { return !slices.ContainsFunc(p.Holders, isHolder(op.Person)) })
	case *orgledger.SetHead:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool { return u.Head != nil && u.Head.ID == op.Position })
	case *orgledger.RenameUnit:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool { return u.Name == op.Name })
	case *orgledger.MoveUnit:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool { return u.Parent != nil && u.Parent.ID == op.Parent })
	}
	return true
}

// positionIs reports whether the position is on q's day as is says; false when it is not there.
func positionIs(l *ledger.Ledger, id string, q ledger.Query, is func(*orgledger.PositionInfo) bool) bool {
	info, err := l.Show(id, q)
	p, ok := info.(*orgledger.PositionInfo)
	return err == nil && ok && is(p)
}

// unitIs reports whether the unit is on q's day as is says; false when it is not there.
func unitIs(l *ledger.Ledger, id string, q ledger.Query, is func(*orgledger.UnitInfo) bool) bool {
	info, err := l.Show(id, q)
	u, ok := info.(*orgledger.UnitInfo)
	return err == nil && ok && is(u)
}

func isPosition(id string) func(orgledger.PositionRef) bool {
	return func(p orgledger.PositionRef) bool { return p.ID == id }
}

func isHolder(id string) func(orgledger.Holder) bool {
	return func(h orgledger.Holder) bool { return h.ID == id }
}

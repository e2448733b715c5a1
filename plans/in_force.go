package plans

import (
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// inForce reports whether the value event e set (valueOf) still stands on day d, as the
// ledger knows it now, so that a change recorded on d would set it back: not an event
// effective after d, which stands from its own day whatever d brings, nor one whose value was
// set again by d. An event that sets no such value stands from its day.
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
	case *orgledger.SetHead:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool { return u.Head != nil && u.Head.ID == op.Position })
	case *orgledger.RenameUnit:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool { return u.Name == op.Name })
	case *orgledger.MoveUnit:
		return unitIs(l, op.Unit, q, func(u *orgledger.UnitInfo) bool {
			return u.Parent != nil && u.Parent.ID == op.Parent || u.Parent == nil && op.Parent == "" // "": to the top
		})
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

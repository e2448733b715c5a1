package ledger

import (
	"math"
	"time"

	"github.com/orgledger/orgledger"
)

// Query places a question in time: the org on At, as known at KnownAt. Horizon, when set,
// hides everything effective after it, for readers who may not see future-dated changes.
type Query struct {
	At      orgledger.Date // zero: today
	KnownAt time.Time      // zero: now
	Horizon orgledger.Date // zero: no limit
	// KnownAfter, when set, asks as the ledger was known once it held event KnownAfter and
	// none after it, instead of KnownAt: a plan asks of the ledger it was drafted on.
	KnownAfter int64
}

// read runs fn with a view for q under the read lock.
func (l *Ledger) read(q Query, fn func(v view) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return fn(l.viewOf(&state{index: l.x}, q))
}

// viewOf returns the view of the state that q asks for.
func (l *Ledger) viewOf(s *state, q Query) view {
	known := uint32(math.MaxUint32)
	switch {
	case q.KnownAfter > 0:
		known = uint32(min(q.KnownAfter, math.MaxUint32))
	case !q.KnownAt.IsZero():
		known = s.knownSeq(q.KnownAt)
	}
	return view{s: s, at: dayEnd(int32(l.clampDate(q, q.At))), known: known}
}

// clampDate returns d, today when d is zero, and no later than the horizon.
func (l *Ledger) clampDate(q Query, d orgledger.Date) orgledger.Date {
	if d == 0 {
		d = l.Today()
	}
	return clampDay(q, d, d)
}

// clampDay returns d, today when d is zero, and no later than the query's horizon.
func clampDay(q Query, d, today orgledger.Date) orgledger.Date {
	if d == 0 {
		d = today
	}
	if q.Horizon != 0 && d > q.Horizon {
		d = q.Horizon
	}
	return d
}

// Today returns the ledger clock's date, in the local time zone.
func (l *Ledger) Today() orgledger.Date { return orgledger.DateOf(l.clock.Now().Local()) }

// Show returns the person, position or unit id on the query's date: a *orgledger.PersonInfo,
// *orgledger.PositionInfo or *orgledger.UnitInfo. An id that does not exist then is ENOTFOUND.
func (l *Ledger) Show(id string, q Query) (any, error) {
	var out any
	err := l.read(q, func(v view) error {
		var err error
		out, err = show(v, id, q)
		return err
	})
	return out, err
}

func show(v view, id string, q Query) (any, error) {
	if r, known := v.s.lookup(id); known && v.existsRef(r) {
		switch r.kind {
		case kindPerson:
			return personInfo(v, r.idx), nil
		case kindPosition:
			return positionInfo(v, r.idx), nil
		}
		return unitInfo(v, r.idx), nil
	}
	// The hint is the same whether or not the ledger knows the id at another time: leaving it
	// out for a known id would tell a viewer which ids exist after their horizon.
	return nil, orgledger.Errorf(orgledger.ENOTFOUND, "%s is not a person, position or unit on %s%s%s",
		orgledger.ShownID(id), orgledger.Date(v.at.day), knownSuffix(q), didYouMean(id, v.exists))
}

func knownSuffix(q Query) string {
	if q.KnownAt.IsZero() {
		return ""
	}
	return " as known at " + orgledger.FormatKnownAt(q.KnownAt)
}

package plans

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// settleReleases settles the claims of releases that stopped before they were done, and
// returns the plan as it is then. A claim whose changes the ledger holds (released) is done,
// and goes; one older than claimLease whose changes it does not hold was abandoned before its
// append, and its changes wait again, for this release to record. A younger claim may still be
// under way (its append gives up at appendWithin), and stays.
func (s *Service) settleReleases(ctx context.Context, p *orgledger.Plan) (*orgledger.Plan, error) {
	if len(p.Releasing) == 0 {
		return p, nil
	}
	if err := s.Ledger.Refresh(ctx); err != nil { // another server's append of a claim counts
		return nil, err
	}
	now := s.Clock.Now().UTC()
	var done, abandoned []orgledger.Release
	for _, c := range p.Releasing {
		recorded, err := s.released(ctx, p, c)
		switch {
		case err != nil:
			return nil, err
		case recorded:
			done = append(done, c)
		case now.Sub(c.Since) >= claimLease:
			abandoned = append(abandoned, c)
		}
	}
	if len(done)+len(abandoned) == 0 {
		return p, nil
	}
	q, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) {
		for _, c := range abandoned {
			if slices.ContainsFunc(p.Releasing, c.Same) { // not put back by another settle meanwhile
				p.Waiting = sortedUnion(p.Waiting, c.Changes)
			}
		}
		for _, c := range slices.Concat(done, abandoned) {
			p.Releasing = without(p.Releasing, c)
		}
		p.Updated = now
	})
	return q, err
}

// released reports whether the ledger holds every change of the claim: for each, an event
// marked with the plan, recorded after the claim, of the same change. Each change of a plan
// is recorded once, so such an event is the claim's.
func (s *Service) released(ctx context.Context, p *orgledger.Plan, c orgledger.Release) (bool, error) {
	changes := make([]orgledger.Change, len(c.Changes))
	for k, i := range c.Changes {
		changes[k] = p.Changes[i]
	}
	events, err := s.eventsAfter(ctx, c.After, changes, func(ledger.EventRef) bool { return true })
	if err != nil {
		return false, err
	}
	for _, ch := range changes {
		if !slices.ContainsFunc(events, func(e orgledger.Event) bool { return e.Plan == p.Ref() && sameOp(e.Op, ch.Op) }) {
			return false, nil
		}
	}
	return true, nil
}

// sameOp reports whether two changes are the same verb with the same fields, compared in the
// form the store keeps them in.
func sameOp(a, b orgledger.Op) bool {
	x, _, errA := orgledger.EncodeEvent(&orgledger.Event{Op: a})
	y, _, errB := orgledger.EncodeEvent(&orgledger.Event{Op: b})
	return errA == nil && errB == nil && a.Verb() == b.Verb() && x == y
}

// without returns the claims but c, in a new slice.
func without(claims []orgledger.Release, c orgledger.Release) []orgledger.Release {
	return slices.DeleteFunc(slices.Clone(claims), c.Same)
}

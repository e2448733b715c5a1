package plans

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// settleReleases settles the claims of releases that stopped before they were done, and
// returns the plan as it is then. A claim some of whose changes the ledger holds (recorded)
// had its commit recorded: it goes, and its changes the commit did not hold (their leaving
// retracted meanwhile) wait again. One older than claimLease of which the ledger holds nothing
// was abandoned before its append, and its changes wait again, for this release to record. A
// younger claim may still be under way (its append gives up at appendWithin), and stays.
func (s *Service) settleReleases(ctx context.Context, p *orgledger.Plan) (*orgledger.Plan, error) {
	if len(p.Releasing) == 0 {
		return p, nil
	}
	if err := s.Ledger.Refresh(ctx); err != nil { // another server's append of a claim counts
		return nil, err
	}
	now := s.Clock.Now().UTC()
	type ending struct {
		claim      orgledger.Release
		unrecorded []int
	}
	var ends []ending
	for _, c := range p.Releasing {
		done, err := s.recorded(ctx, p, c)
		switch {
		case err != nil:
			return nil, err
		case len(done) > 0:
			ends = append(ends, ending{c, slices.DeleteFunc(slices.Clone(c.Changes), func(i int) bool { return slices.Contains(done, i) })})
		case now.Sub(c.Since) >= claimLease:
			ends = append(ends, ending{c, c.Changes})
		}
	}
	if len(ends) == 0 {
		return p, nil
	}
	q, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) {
		for _, e := range ends {
			endClaim(p, e.claim, e.unrecorded) // unless another settle ended it meanwhile
		}
		p.Updated = now
	})
	return q, err
}

// recorded returns the changes of the claim that the ledger holds: for each, its own event,
// marked with the plan and recorded after the claim, of the same change with the note it is
// recorded with. Each change of a plan is recorded once; two changes of one plan alike in
// every field wait for different leavings, which their notes name, unless their author gave
// both one note.
func (s *Service) recorded(ctx context.Context, p *orgledger.Plan, c orgledger.Release) ([]int, error) {
	changes := make([]orgledger.Change, len(c.Changes))
	for k, i := range c.Changes {
		changes[k] = p.Changes[i]
	}
	events, err := s.eventsAfter(ctx, c.After, changes, func(ledger.EventRef) bool { return true })
	if err != nil {
		return nil, err
	}
	var out []int
	for k, ch := range changes {
		at := slices.IndexFunc(events, func(e orgledger.Event) bool {
			return e.Plan == p.Ref() && e.Note == releaseNote(ch) && sameOp(e.Op, ch.Op)
		})
		if at >= 0 {
			out = append(out, c.Changes[k])
			events = slices.Delete(events, at, at+1) // one change an event
		}
	}
	return out, nil
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

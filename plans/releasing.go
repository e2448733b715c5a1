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
		claim      orgledger.ReleaseClaim
		unrecorded []int
	}
	var ends []ending
	for _, c := range p.Releasing {
		done, err := s.recorded(ctx, p, c)
		switch {
		case err != nil:
			return nil, err
		case len(done) > 0:
			ends = append(ends, ending{c, minus(c.Changes, done)})
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

// recorded returns the changes of the claim that the ledger holds, recorded after the claim.
func (s *Service) recorded(ctx context.Context, p *orgledger.Plan, c orgledger.ReleaseClaim) ([]int, error) {
	as, err := s.recordedAs(ctx, p, c.Changes, c.After, nil)
	var out []int
	for _, i := range c.Changes {
		if _, ok := as[i]; ok {
			out = append(out, i)
		}
	}
	return out, err
}

// recordedAs returns, for each of the plan's changes listed that the ledger holds, the event
// that recorded it: one recorded after event after, of those keep accepts (all when nil),
// marked with the plan, of the same change with the note it is recorded with. Each change of a
// plan is recorded once, and an event matches one change; two changes of one plan alike in
// every field wait for different leavings, which their notes name, unless their author gave
// both one note.
func (s *Service) recordedAs(ctx context.Context, p *orgledger.Plan, which []int, after int64, keep func(ledger.EventRef) bool) (map[int]int64, error) {
	events, err := s.recordingEvents(ctx, p, which, after, keep)
	seqs := make(map[int]int64, len(events))
	for i, e := range events {
		seqs[i] = e.Seq
	}
	return seqs, err
}

// recordingEvents is recordedAs with the events themselves.
func (s *Service) recordingEvents(ctx context.Context, p *orgledger.Plan, which []int, after int64, keep func(ledger.EventRef) bool) (map[int]*orgledger.Event, error) {
	changes := make([]orgledger.Change, len(which))
	for k, i := range which {
		changes[k] = p.Changes[i]
	}
	events, err := s.recordingsAfter(ctx, after, changes, keep)
	if err != nil {
		return nil, err
	}
	// Each change takes the first event, in seq order, that records it and no change before it
	// took: one change an event. The events are found by what they record, each encoded once,
	// where a scan of them all for each change took seconds for a plan of 20,000.
	plan := p.Ref()
	bySame := map[string][]int{} // indexes into events
	for i, e := range events {
		if e.Plan == plan {
			k := eventKey(e)
			bySame[k] = append(bySame[k], i)
		}
	}
	out := map[int]*orgledger.Event{}
	for k, ch := range changes {
		key := changeKey(ch)
		if at := bySame[key]; len(at) > 0 && key != "" {
			out[which[k]], bySame[key] = &events[at[0]], at[1:]
		}
	}
	return out, nil
}

// recording returns whether an event records change ch of the plan: marked with the plan, of
// the same change, with the note it is recorded with.
func recording(p *orgledger.Plan, ch orgledger.Change) func(orgledger.Event) bool {
	key, plan := changeKey(ch), p.Ref()
	return func(e orgledger.Event) bool { return key != "" && e.Plan == plan && eventKey(e) == key }
}

// changeKey is what an event that records change ch has of it: its verb, the note it is
// recorded with and its fields as the store keeps them; "" when they cannot be encoded, which
// no recorded change's are.
func changeKey(ch orgledger.Change) string {
	data := opData(ch.Op)
	if data == "" {
		return ""
	}
	return sameKey(ch.Op.Verb(), releaseNote(ch), data)
}

// eventKey is changeKey of the change event e records.
func eventKey(e orgledger.Event) string { return sameKey(e.Op.Verb(), e.Note, opData(e.Op)) }

func sameKey(verb orgledger.Verb, note, data string) string {
	return string(verb) + "\x00" + note + "\x00" + data
}

// opData returns a change's fields in the form the store keeps them in, to compare two: ""
// when it cannot be encoded, which no recorded change is.
func opData(op orgledger.Op) string {
	data, _, err := orgledger.EncodeEvent(&orgledger.Event{Op: op})
	if err != nil {
		return ""
	}
	return data
}

// without returns the claims but c, in a new slice.
func without(claims []orgledger.ReleaseClaim, c orgledger.ReleaseClaim) []orgledger.ReleaseClaim {
	return slices.DeleteFunc(slices.Clone(claims), c.Same)
}

package plans

import (
	"context"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// retractedLeavings returns the leavings a commit retracts.
func (s *Service) retractedLeavings(ctx context.Context, c *orgledger.Commit) ([]orgledger.Event, error) {
	var seqs []int64
	for _, e := range c.Events {
		if r, ok := e.Op.(*orgledger.Retract); ok && e.Effects.RetractsOf == string(orgledger.VerbLeave) {
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	return s.Ledger.Store().EventsBySeq(ctx, seqs)
}

// unrelease takes back what a retracted leaving released of an applied plan: the events of its
// changes that waited for that person's leaving are retracted, in the name of by, and the
// changes wait again, for the leaving that is recorded in its place. When the ledger refuses to
// take them back (a later event needs them), they stay in force, and the error says so. (A
// released change that is itself a leaving has what it released in turn left in force.)
func (s *Service) unrelease(ctx context.Context, p *orgledger.Plan, leaving orgledger.Event, by string) error {
	person := leaving.Op.(*orgledger.Leave).Person
	released, cs, err := s.takeBack(ctx, p, leaving)
	if err != nil || len(released) == 0 {
		return err
	}
	if len(cs.Changes) > 0 {
		if _, err := s.Ledger.Apply(ctx, cs, ledger.ApplyOptions{Actor: by, Plan: p.Ref()}); err != nil {
			return fmt.Errorf("plan %s: changes %v took effect when %s left, and that leaving was retracted; taking them back was refused, so they stay in force: %w",
				p.Name, plusOne(released), person, err)
		}
	}
	_, _, err = s.rewrite(ctx, p, func(p *orgledger.Plan) { p.Waiting = sortedUnion(p.Waiting, released) })
	return err
}

// takeBack returns the plan's changes that the leaving (since retracted) released, and the
// changeset that retracts the events standing for them; a change whose event was taken back
// by hand has none.
func (s *Service) takeBack(ctx context.Context, p *orgledger.Plan, leaving orgledger.Event) ([]int, *orgledger.Changeset, error) {
	person := leaving.Op.(*orgledger.Leave).Person
	released := s.releasedBy(p, person)
	if len(released) == 0 {
		return nil, nil, nil
	}
	standing := func(e ledger.EventRef) bool { return !e.Retracted }
	as, err := s.recordedAs(ctx, p, released, p.Base, standing)
	if err != nil {
		return nil, nil, err
	}
	cs := &orgledger.Changeset{File: "plan " + p.Name, Effective: leaving.Effective}
	for _, i := range released {
		if seq, ok := as[i]; ok {
			cs.Changes = append(cs.Changes, orgledger.Change{Op: &orgledger.Retract{Event: seq,
				Reason: fmt.Sprintf("it took effect when %s left, and that leaving (event %d) was retracted", person, leaving.Seq)}})
		}
	}
	return released, cs, nil
}

// releasedBy returns the plan's changes that waited for person's leaving and no longer wait.
func (s *Service) releasedBy(p *orgledger.Plan, person string) []int {
	var released []int
	unreleased := p.Unreleased()
	for i, ch := range p.Changes {
		if ch.When != nil && ch.When.Leaves == person && !slices.Contains(unreleased, i) {
			released = append(released, i)
		}
	}
	return released
}

// unreleaseLeft takes back what leavings retracted since released of the plan, when a process
// that stopped between the retraction and its AfterCommit left it in force: the changes of
// the plan released by the leaving of someone the ledger no longer holds as leaving. Those the
// ledger would not take back now (a later event needs them) are left without a word, as
// AfterCommit of the retraction warned of them. It returns the plan as it is then.
func (s *Service) unreleaseLeft(ctx context.Context, p *orgledger.Plan, by string) (*orgledger.Plan, error) {
	for _, person := range s.releasedLeavers(p) {
		leaving, ok, err := s.retractedLeaving(ctx, person)
		if err != nil {
			return p, err
		} else if !ok {
			continue
		}
		_, cs, err := s.takeBack(ctx, p, leaving)
		if err != nil {
			return p, err
		}
		if len(cs.Changes) > 0 && s.Ledger.Preview(cs, ledger.ApplyOptions{Plan: p.Ref()}, func(*ledger.Preview) error { return nil }) != nil {
			continue
		}
		if err := s.unrelease(ctx, p, leaving, by); err != nil {
			return p, err
		}
		if p, err = s.reread(ctx, p); err != nil {
			return p, err
		}
	}
	return p, nil
}

// releasedLeavers returns the people whose leaving released changes of the plan and whom the
// ledger no longer holds as leaving.
func (s *Service) releasedLeavers(p *orgledger.Plan) []string {
	unreleased := p.Unreleased()
	var out []string
	for i, ch := range p.Changes {
		if ch.When != nil && !slices.Contains(unreleased, i) && !slices.Contains(out, ch.When.Leaves) &&
			ledgerLeaving(s.Ledger, ch.When.Leaves) == 0 {
			out = append(out, ch.When.Leaves)
		}
	}
	return out
}

// retractedLeaving returns the last retracted leaving of person, if there is one.
func (s *Service) retractedLeaving(ctx context.Context, person string) (orgledger.Event, bool, error) {
	rec, ok := s.Ledger.Record(person)
	if !ok {
		return orgledger.Event{}, false, nil
	}
	var seq int64
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbLeave && e.Retracted && len(e.IDs) > 0 && e.IDs[0] == person {
			seq = max(seq, e.Seq)
		}
	}
	if seq == 0 {
		return orgledger.Event{}, false, nil
	}
	events, err := s.Ledger.Store().EventsBySeq(ctx, []int64{seq})
	if err != nil || len(events) != 1 {
		return orgledger.Event{}, false, err
	}
	return events[0], true, nil
}

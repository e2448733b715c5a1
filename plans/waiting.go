package plans

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// AfterCommit applies the waiting changes of applied plans whose leaving a commit has just
// recorded: each plan's changes for that person, effective on the day the leaving is. Every
// write to the ledger should be followed by it; it does nothing when no plan waits.
func (s *Service) AfterCommit(ctx context.Context, c *orgledger.Commit) error {
	if c == nil || !hasLeave(c) {
		return nil
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	all, err := s.Store.Plans(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range all {
		switch {
		case p.Status == orgledger.PlanApplied && len(p.Waiting) > 0:
			errs = append(errs, s.release(ctx, p, c.Actor))
		case p.Status == orgledger.PlanApplying:
			// An apply under way releases what this leaving frees once it has marked the
			// plan; one that stopped has left the plan for whoever finds it to settle.
			if _, err := s.settle(ctx, p, c.Actor); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func hasLeave(c *orgledger.Commit) bool {
	for _, e := range c.Events {
		if e.Op.Verb() == orgledger.VerbLeave {
			return true
		}
	}
	return false
}

// release records the plan's waiting changes whose leaving is now known, in the name of whoever
// applied the plan, or of by (who recorded the leaving) when the apply recorded nothing.
//
// It claims them first: takes them off the plan's waiting list, revision-checked, and only
// then records them, so that two servers releasing on the same leaving do not both record
// them (the ledger would accept a second identical retitle, say). Those the ledger refuses
// wait again. A process that stops between the claim and the record loses them, which is
// told by nothing: the price of never recording one twice.
func (s *Service) release(ctx context.Context, p *orgledger.Plan, by string) error {
	if len(s.resolve(p, p.Waiting).index) == 0 {
		return nil // this leaving frees none of them: the plan is not written, nor the store read
	}
	actor, err := s.applier(ctx, p, by)
	if err != nil {
		return err
	}
	p, claimed, err := s.claimWaiting(ctx, p)
	if err != nil || len(claimed) == 0 {
		return err
	}
	r := s.resolve(p, claimed)
	res, err := s.Ledger.Apply(ctx, r.cs, ledger.ApplyOptions{Actor: actor, Plan: p.Ref()})
	if err != nil {
		return s.unclaimWaiting(ctx, p, claimed, err)
	}
	return s.afterRelease(ctx, res.Commit)
}

// unclaimWaiting answers a record of claimed changes that failed. Refused by the ledger
// (refused), they were not recorded, and are put back to wait. Any other failure may have come
// after the commit was stored: put back, they could be recorded twice, so they are not, and
// the error says to look in the ledger.
func (s *Service) unclaimWaiting(ctx context.Context, p *orgledger.Plan, claimed []int, failed error) error {
	if !refused(failed) {
		return fmt.Errorf("plan %s: recording changes %v waiting for a leaving failed, perhaps after they were stored; they no longer wait: look in the ledger, and add them again if they are not there: %w",
			p.Name, plusOne(claimed), failed)
	}
	if _, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) { p.Waiting = sortedUnion(p.Waiting, claimed) }); err != nil {
		return fmt.Errorf("plan %s: changes %v waiting for a leaving were refused (%s), and could not be put back to wait: %w; add them again",
			p.Name, plusOne(claimed), orgledger.ErrorMessage(failed), err)
	}
	return orgledger.Errorf(orgledger.ECONFLICT, "plan %s: a change waiting for a leaving could not be recorded, and waits on: %s",
		p.Name, orgledger.ErrorMessage(failed))
}

// refused reports whether the ledger refused an append, writing nothing: the changes broke
// the org (EINVALID), or could not get in after others' appends (ECONFLICT). Any other
// failure may have come after the commit was stored.
func refused(err error) bool {
	code := orgledger.ErrorCode(err)
	return code == orgledger.EINVALID || code == orgledger.ECONFLICT
}

// claimWaiting takes off the plan's waiting list the changes whose leaving is now known, as
// the plan stands when it is written, and returns the plan and them; none when another
// process took them first.
func (s *Service) claimWaiting(ctx context.Context, p *orgledger.Plan) (*orgledger.Plan, []int, error) {
	var claimed []int
	now := s.Clock.Now().UTC()
	q, changed, err := s.rewrite(ctx, p, func(p *orgledger.Plan) {
		claimed = s.resolve(p, p.Waiting).index
		p.Waiting = slices.DeleteFunc(slices.Clone(p.Waiting), func(i int) bool { return slices.Contains(claimed, i) })
		p.Updated = now
	})
	if err != nil || changed {
		return q, nil, err
	}
	return q, claimed, nil
}

// sortedUnion returns the indexes of a and b, each once, in order.
func sortedUnion(a, b []int) []int {
	return slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
}

// applier returns who applied the plan, the actor of the commit that recorded it, or by when
// the apply recorded nothing (every change waited): its waiting changes are recorded in that
// name, as the rest of the apply was, not in its owner's, who may not write to the ledger.
func (s *Service) applier(ctx context.Context, p *orgledger.Plan, by string) (string, error) {
	if p.Commit == 0 {
		return by, nil
	}
	actor := ""
	err := s.Ledger.Store().Commits(ctx, p.Commit-1, func(c *orgledger.Commit) error {
		if c.ID == p.Commit {
			actor = c.Actor
		}
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return "", err
	}
	if actor == "" {
		return "", fmt.Errorf("plan %s: its commit %d is not in the ledger", p.Ref(), p.Commit)
	}
	return actor, nil
}

// errStop stops a scan of the store once it has found what it looks for.
var errStop = errors.New("stop")

// afterRelease lets a released change that is itself a leaving release others.
func (s *Service) afterRelease(ctx context.Context, c *orgledger.Commit) error {
	if !hasLeave(c) {
		return nil
	}
	all, err := s.Store.Plans(ctx)
	if err != nil {
		return err
	}
	for _, p := range all {
		if p.Status == orgledger.PlanApplied && len(p.Waiting) > 0 {
			if err := s.release(ctx, p, c.Actor); err != nil {
				return err
			}
		}
	}
	return nil
}

// WaitingFor returns the waiting changes, of the plans the caller may see, that name id: what
// a person's history adds about changes to come.
func (s *Service) WaitingFor(ctx context.Context, c Caller, id string) ([]orgledger.WaitingChange, error) {
	if !c.Role.SeesFuture() {
		return nil, nil
	}
	all, err := s.Store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []orgledger.WaitingChange
	for _, p := range all {
		if !p.VisibleTo(c.Name, c.Role) || p.Status == orgledger.PlanDropped {
			continue
		}
		for i, ch := range p.Changes {
			if ch.When != nil && s.stillWaits(p, i) && (ch.When.Leaves == id || slices.Contains(ids(ch.Op), id)) {
				out = append(out, orgledger.WaitingChange{Plan: p.Ref(), Change: i + 1, Verb: ch.Op.Verb(), Leaves: ch.When.Leaves,
					Summary: ledger.Summary(&orgledger.Event{Op: ch.Op}) + " once " + ch.When.Leaves + " leaves"})
			}
		}
	}
	return out, nil
}

// stillWaits reports whether change i of the plan has not taken effect yet.
func (s *Service) stillWaits(p *orgledger.Plan, i int) bool {
	if p.Status == orgledger.PlanApplied {
		return slices.Contains(p.Waiting, i)
	}
	return s.leaving(p, p.Changes[i].When.Leaves) == 0
}

package plans

import (
	"context"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A plan is orgledger.PlanApplying while an apply records its changes. The apply writes that
// status, revision-checked, before it touches the ledger: a plan another process changed
// since the apply read it is not applied, and once it is applying no process adds to it,
// drops it, shares it or applies it again (ECONFLICT, "being applied"), so that what the
// ledger records is the plan as it stands, and no change its author was told is in the plan is
// left out.
//
// Recording and marking cannot be one transaction: the ledger and the plans are two stores. So
// a plan may be left applying by a process that stopped between the two; whoever next finds
// it so (an add, a drop, a share, an apply, the AfterCommit of a leaving, or Settle as a
// server starts or a command has written) settles it from the ledger: when the ledger holds a
// commit
// marked with the plan, the plan is marked applied as that commit; when it holds none and the
// claim is older than claimLease, the claim is released and the plan is a draft again. An
// apply that cannot append by appendWithin of its claim gives up, so that no append follows
// the release of a claim as abandoned.
const (
	// appendWithin bounds an apply's append to the ledger: one that has not appended by then
	// appends nothing.
	appendWithin = 2 * time.Minute
	// claimLease is how old a claim with nothing recorded must be to be taken for abandoned:
	// several times appendWithin, for the clocks of servers that disagree a little and for the
	// commit of an append under way at its deadline.
	claimLease = 10 * time.Minute
)

// claim marks the plan applying, with the changes r leaves waiting, if it is still as it was
// read: another process's write since then is a conflict, and nothing is recorded.
func (s *Service) claim(ctx context.Context, p *orgledger.Plan, r resolved) error {
	p.Status, p.Waiting, p.Commit, p.Updated = orgledger.PlanApplying, r.waiting, 0, s.Clock.Now().UTC()
	err := s.Store.UpdatePlan(ctx, p)
	if orgledger.ErrorCode(err) == orgledger.ECONFLICT {
		return s.claimLost(ctx, p)
	}
	return err
}

// claimLost is the conflict of an apply that another write to the plan came before: another
// apply of it, under way or done, or a change to it, which the plan must be looked at again for.
func (s *Service) claimLost(ctx context.Context, p *orgledger.Plan) error {
	cur, err := s.reread(ctx, p)
	switch {
	case err == nil && cur.Status == orgledger.PlanApplied && cur.Commit != 0:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s was applied meanwhile, by another request (commit %d); this one recorded nothing", p.Ref(), cur.Commit)
	case err == nil && cur.Status == orgledger.PlanApplied: // every change of it waits for a leaving: no commit
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s was applied meanwhile, by another request; this one recorded nothing", p.Ref())
	case err == nil && cur.Status == orgledger.PlanApplying:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is being applied by another request; this one recorded nothing", p.Ref())
	}
	return orgledger.Errorf(orgledger.ECONFLICT, "plan %s was changed by another write while it was being applied; nothing was recorded: look at it again and apply it again", p.Ref())
}

// record appends the plan's changes to the ledger, giving up at appendWithin; with unchanged
// set, only if the ledger's head is still that event (ledger.ErrMoved otherwise).
func (s *Service) record(ctx context.Context, p *orgledger.Plan, r resolved, actor string, unchanged *ledger.Mark) (*ledger.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, appendWithin)
	defer cancel()
	res, err := s.Ledger.Apply(ctx, r.cs, ledger.ApplyOptions{Actor: actor, Plan: p.Ref(), Unchanged: unchanged})
	if err == nil {
		noteRecorded(ctx, res.Commit)
	}
	return res, err
}

// unclaim answers an append that failed. When the ledger refused the changes (EINVALID) or
// could not get them in after others' appends (ECONFLICT), it wrote nothing, and the plan is a
// draft again. Any other failure may have come after the commit was stored, so the plan stays
// applying, for whoever finds it next to settle from the ledger.
func (s *Service) unclaim(ctx context.Context, p *orgledger.Plan, r resolved, failed error) error {
	if !refused(failed) {
		return explained(failed, "plan %s: recording its changes failed, and it stays %s until the ledger tells whether they were recorded", p.Ref(), orgledger.PlanApplying)
	}
	if _, err := s.reopen(ctx, p); err != nil {
		return fmt.Errorf("%w (and the plan, left %s, could not be made a draft again: %v)", s.refusal(p, r, failed), orgledger.PlanApplying, err)
	}
	return s.refusal(p, r, failed)
}

// reopen makes a plan that was applying, with nothing of it recorded, a draft again.
func (s *Service) reopen(ctx context.Context, p *orgledger.Plan) (*orgledger.Plan, error) {
	q, changed, err := s.rewrite(ctx, p, s.asDraft())
	if err == nil && changed {
		err = orgledger.Errorf(orgledger.ECONFLICT, "plan %s is %s, written by another process meanwhile", q.Ref(), q.Status)
	}
	return q, err
}

// settle finishes what an apply that stopped between its claim and its mark left of the plan
// (see the top of this file), and returns the plan as it is then; a conflict while the apply
// may still be under way. A plan it marks applied has its changes released whose leaving was
// recorded meanwhile, by, as the apply would have. The conflict is told to by, who may change
// the plan (settled; what follows a commit and Settle do not tell it), and names it as
// namedFor does.
func (s *Service) settle(ctx context.Context, p *orgledger.Plan, by string) (*orgledger.Plan, error) {
	if err := s.Ledger.Refresh(ctx); err != nil { // another server's commit of the plan counts
		return nil, err
	}
	commit, err := s.appliedAs(ctx, p)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now().UTC()
	switch {
	case commit != 0:
		q, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) {
			p.Status, p.Commit, p.Updated = orgledger.PlanApplied, commit, now
		})
		if err != nil || q.Status != orgledger.PlanApplied {
			return q, err
		}
		// What the stopped apply would have released. What the ledger refuses waits on, as
		// after any leaving, and is no failure of the write that settled the plan; any other
		// failure is.
		released, err := s.releaseLate(ctx, q, by)
		if err != nil && refused(err) {
			return q, nil
		}
		return released, err
	case now.Sub(p.Updated) < claimLease:
		return nil, orgledger.Errorf(orgledger.ECONFLICT, "plan %s is being applied (since %s); it cannot be changed meanwhile "+
			"(if the process applying it stopped, it is a draft again from %s, unless its changes were recorded)",
			namedFor(by, p), p.Updated.Format(time.RFC3339), p.Updated.Add(claimLease).Format(time.RFC3339))
	}
	q, _, err := s.rewrite(ctx, p, s.asDraft()) // abandoned
	return q, err
}

// asDraft returns what makes a plan that was applying a draft again.
func (s *Service) asDraft() func(*orgledger.Plan) {
	now := s.Clock.Now().UTC()
	return func(p *orgledger.Plan) {
		p.Status, p.Waiting, p.Releasing, p.Commit, p.Updated = orgledger.PlanDraft, nil, nil, 0, now
	}
}

// appliedAs returns the commit that recorded the plan's changes, or 0 when the ledger holds
// none: events marked with the plan, after its base, on the records its changes name. Only an
// apply marks events with a plan before it is applied.
func (s *Service) appliedAs(ctx context.Context, p *orgledger.Plan) (int64, error) {
	events, err := s.recordingsAfter(ctx, p.Base, p.Changes, nil)
	if err != nil {
		return 0, err
	}
	for _, e := range events {
		if e.Plan == p.Ref() {
			return e.Commit, nil
		}
	}
	return 0, nil
}

// rewrite writes set's changes to the plan; when another process wrote it after it was read,
// set is done again to the plan as that write left it, and written again. It stops when the
// plan is no longer of the status it was read with (changed: the plan as stored is returned,
// untouched), and after five tries.
func (s *Service) rewrite(ctx context.Context, p *orgledger.Plan, set func(*orgledger.Plan)) (_ *orgledger.Plan, changed bool, _ error) {
	was := p.Status
	for try := 1; ; try++ {
		set(p)
		err := s.Store.UpdatePlan(ctx, p)
		if orgledger.ErrorCode(err) != orgledger.ECONFLICT || try == 5 {
			return p, false, err
		}
		if p, err = s.reread(ctx, p); err != nil {
			return nil, false, err
		}
		if p.Status != was {
			return p, true, nil
		}
	}
}

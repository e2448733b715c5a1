package plans

import (
	"context"
	"errors"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A change that waits for a leaving was compared, when its plan was applied, with what the
// ledger had recorded since the plan was drafted (clashes). What is recorded after that, a
// title set by hand or a manager changed by an import, it was never compared with, and its
// release, months later, would override it unseen. So a release compares each change it would
// record with the events recorded since the plan was drafted, as an apply does, but for the
// plan's own and for those that made the very change it makes: one that clashes is held back
// and waits on, and the release warns of it, naming the event, to whoever recorded the
// leaving (an admin, who sees every plan). Retracting that event lets the next leaving, or
// the next settle, release it.

// recordReleasable records the changes of plan p that the claim lists, less those that clash
// with what was recorded since the plan was drafted, in actor's name, and returns what it
// recorded (nil when nothing was), the changes as resolved (those held back among the
// waiting) and the problems of those held back. When another write comes between the check
// and the record, it checks again, as an apply does.
func (s *Service) recordReleasable(ctx context.Context, p *orgledger.Plan, claimed []int, actor string) (*ledger.Result, resolved, []orgledger.Problem, error) {
	for attempt := 1; ; attempt++ {
		if err := s.Ledger.Refresh(ctx); err != nil {
			return nil, s.resolve(p, nil), nil, notRecorded(err)
		}
		head := s.Ledger.Mark()
		r, held, err := s.releasable(ctx, p, claimed)
		if err != nil {
			return nil, r, nil, notRecorded(err)
		}
		if len(r.cs.Changes) == 0 {
			return nil, r, held, nil
		}
		if s.checked != nil {
			s.checked()
		}
		res, err := s.record(ctx, p, r, actor, &head)
		if !errors.Is(err, ledger.ErrMoved) || attempt == maxAttempts {
			return res, r, held, err
		}
	}
}

// releasable resolves the changes of plan p that only lists and holds back, among the
// waiting, those that clash with an event recorded since the plan was drafted, with their
// problems.
func (s *Service) releasable(ctx context.Context, p *orgledger.Plan, only []int) (resolved, []orgledger.Problem, error) {
	r := s.resolve(p, only)
	held, err := s.releaseClashes(ctx, p, r)
	if err != nil || len(held) == 0 {
		return r, held, err
	}
	var heldBack []int
	for _, pr := range held {
		heldBack = append(heldBack, pr.Change-1)
	}
	kept := s.resolve(p, minus(only, heldBack))
	kept.waiting = sortedUnion(kept.waiting, heldBack)
	return kept, held, nil
}

// releaseClashes names each change of r, a release of plan p, that changes differently what
// an event recorded since the plan was drafted changed, other than the plan's own events:
// one problem a change, placed in the plan.
func (s *Service) releaseClashes(ctx context.Context, p *orgledger.Plan, r resolved) ([]orgledger.Problem, error) {
	if len(r.cs.Changes) == 0 {
		return nil, nil
	}
	mine := make([]plannedChange, len(r.cs.Changes))
	for k := range r.cs.Changes {
		mine[k] = plannedChange{r.index[k], p.Changes[r.index[k]]}
	}
	events, theirs, err := s.sinceClaimed(ctx, p, mine)
	if err != nil {
		return nil, err
	}
	var out []orgledger.Problem
	for _, pc := range mine {
		claimed := append(claims(pc.ch.Op, orgledger.Effects{}), dependsOn(pc.ch.Op)...)
		for j, e := range events {
			if e.Plan == p.Ref() {
				continue // the plan's own: its apply, an earlier release, a take-back
			}
			if cl, ok := shared(claimed, theirs[j]); ok && differently(pc.ch.Op, e.Op) {
				pr := clash(pc.i, pc.ch, cl, e, true)
				pr.File = "plan " + p.Ref()
				out = append(out, pr)
				break
			}
		}
	}
	return out, nil
}

// heldBack is the warning of a release that held back changes: they wait on.
func heldBack(p *orgledger.Plan, held []orgledger.Problem) error {
	if len(held) == 0 {
		return nil
	}
	what := "a change waiting for a leaving clashes with a change recorded since the plan was drafted, and waits on"
	if len(held) > 1 {
		what = "changes waiting for a leaving clash with changes recorded since the plan was drafted, and wait on"
	}
	return &orgledger.Error{Code: orgledger.ECONFLICT, Problems: slices.Clone(held), Message: "plan " + p.Ref() + ": " + what}
}

package plans

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A change that waits for a leaving was compared, when its plan was applied, with what the
// ledger had recorded since the plan was drafted (clashes), and with what other plans wait to
// change (waitingClashes); a plan applied later was compared with it. What is recorded by hand
// after that, a title set or a manager changed by an import, it was never compared with, and
// its release, months later, would override it unseen. So a release compares each change it
// would record with the events recorded since the plan was drafted outside any plan, as an
// apply does, but only with those whose value still stands on the change's day (inForce: not
// one effective later, nor one undone since), and not with one that made the very change it
// makes. One that clashes is held back and waits on, and the release warns of it, naming the
// event, to whoever recorded the leaving (an admin, who sees every plan); plan show says why
// it waits. Once that event is retracted, or no longer stands on that day, the next leaving,
// or settle, releases it.

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
		r, held, err := s.releasable(ctx, p, claimed, true)
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
// problems; those name the plan an event came from when namePlans is set, its actor else.
func (s *Service) releasable(ctx context.Context, p *orgledger.Plan, only []int, namePlans bool) (resolved, []orgledger.Problem, error) {
	r := s.resolve(p, only)
	held, err := s.releaseClashes(ctx, p, r, namePlans)
	if err != nil || len(held) == 0 {
		return r, held, err
	}
	kept := s.resolve(p, minus(only, heldChanges(held)))
	kept.waiting = sortedUnion(kept.waiting, heldChanges(held))
	return kept, held, nil
}

// releaseClashes names each change of r, a release of plan p, that changes differently what
// an event recorded since the plan was drafted changed, other than the plan's own events:
// one problem a change, placed in the plan.
func (s *Service) releaseClashes(ctx context.Context, p *orgledger.Plan, r resolved, namePlans bool) ([]orgledger.Problem, error) {
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
	for k, pc := range mine {
		day := cmp.Or(r.cs.Changes[k].Effective, r.cs.Effective)
		claimed := append(claims(pc.ch.Op, orgledger.Effects{}), dependsOn(pc.ch.Op)...)
		for j, e := range events {
			if e.Plan != "" {
				continue // a plan's: compared with this change when one of the two was applied
			}
			if cl, ok := shared(claimed, theirs[j]); ok && differently(pc.ch.Op, e.Op) && inForce(s.Ledger, e, day) {
				pr := clash(pc.i, pc.ch, cl, e, namePlans)
				pr.File = "plan " + p.Ref()
				out = append(out, pr)
				break
			}
		}
	}
	return out, nil
}

// heldChanges returns the plan's changes (from 0) that the problems of a release hold back.
func heldChanges(held []orgledger.Problem) []int {
	out := make([]int, len(held))
	for i, pr := range held {
		out[i] = pr.Change - 1
	}
	return out
}

// heldBack is the warning of a release that held back changes, of those waiting for someone
// tell says: they wait on.
func heldBack(p *orgledger.Plan, held []orgledger.Problem, tell func(person string) bool) error {
	held = slices.DeleteFunc(slices.Clone(held), func(pr orgledger.Problem) bool { return !tell(p.Changes[pr.Change-1].When.Leaves) })
	if len(held) == 0 {
		return nil
	}
	what := "a change waiting for a leaving clashes with a change recorded since the plan was drafted, and waits on"
	if len(held) > 1 {
		what = "changes waiting for a leaving clash with changes recorded since the plan was drafted, and wait on"
	}
	return &orgledger.Error{Code: orgledger.ECONFLICT, Problems: held, Message: "plan " + p.Ref() + ": " + what}
}

// leaversIn returns whether a person leaves in commit c.
func leaversIn(c *orgledger.Commit) func(string) bool {
	return func(person string) bool {
		return slices.ContainsFunc(c.Events, func(e orgledger.Event) bool {
			l, ok := e.Op.(*orgledger.Leave)
			return ok && l.Person == person
		})
	}
}

func everyone(string) bool { return true }

func nobody(string) bool { return false }

// heldReasons says, of each change of applied plan p whose leaving is recorded though it waits
// on, why: the event it clashes with, or the ledger's refusal. The plan an event came from is
// not named: the view is for whoever may see p, who may not see that plan.
func (s *Service) heldReasons(ctx context.Context, p *orgledger.Plan) (map[int]string, error) {
	if p.Status != orgledger.PlanApplied || len(s.freed(p)) == 0 {
		return nil, nil
	}
	r, held, err := s.releasable(ctx, p, s.freed(p), false)
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, pr := range held {
		out[pr.Change-1] = "it clashes with " + pr.Reason
	}
	if len(r.cs.Changes) == 0 {
		return out, nil
	}
	if err := s.Ledger.Preview(r.cs, ledger.ApplyOptions{Plan: p.Ref()}, func(*ledger.Preview) error { return nil }); err != nil {
		refusals(out, r, err)
	}
	return out, nil
}

// refusals adds to out why the ledger refuses release r, for each of its changes: its own
// problems, or, for one the refusal places no problem at, that it is released with those it
// does (a release is recorded whole), or the refusal's message, when it places none.
func refusals(out map[int]string, r resolved, err error) {
	placed := map[int][]string{}
	var refused []int
	for _, pr := range r.problems(err) {
		if i := pr.Change - 1; slices.Contains(r.index, i) {
			if len(placed[i]) == 0 {
				refused = append(refused, pr.Change)
			}
			placed[i] = append(placed[i], pr.Reason)
		}
	}
	for _, i := range r.index {
		switch {
		case len(placed[i]) > 0:
			out[i] = "the ledger refuses it: " + strings.Join(placed[i], "; ")
		case len(refused) > 0:
			out[i] = "it is released with change " + numberList(refused) + " of the plan, which the ledger refuses"
		default:
			out[i] = "the ledger refuses it: " + orgledger.ErrorMessage(err)
		}
	}
}

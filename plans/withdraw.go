package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
)

// Withdraw withdraws changes of an applied plan that still wait for a leaving, numbered as plan
// show numbers them (from 1): they wait no more, and the leaving, when it is recorded, records
// nothing of them. The plan keeps them, marked withdrawn with who withdrew them and when. Only
// admins may, as only admins apply plans: a withdrawal takes back part of what an apply
// decided. Numbers that name a change that does not wait (it took effect, or is being recorded
// by a release under way, or was withdrawn before) refuse the whole withdrawal, each named
// with what became of it; a change that took effect is taken back by retracting its event.
func (s *Service) Withdraw(ctx context.Context, c Caller, name string, numbers []int) (*orgledger.Plan, error) {
	numbers = slices.Compact(slices.Sorted(slices.Values(numbers)))
	s.writing.Lock()
	defer s.writing.Unlock()
	return afresh(func() (*orgledger.Plan, error) {
		p, err := s.settled(ctx, c, name, func(*orgledger.Plan) error {
			if !c.Role.Includes(orgledger.RoleAdmin) {
				return orgledger.Errorf(orgledger.EFORBIDDEN, "only admins withdraw the changes of applied plans, as only admins apply them")
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := withdrawable(p, numbers); err != nil {
			return nil, err
		}
		now := s.Clock.Now().UTC()
		for _, n := range numbers {
			p.Waiting = slices.DeleteFunc(p.Waiting, func(i int) bool { return i == n-1 })
			p.Withdrawn = append(p.Withdrawn, orgledger.Withdrawal{Change: n - 1, By: c.Name, At: now})
		}
		p.Updated = now
		return p, s.Store.UpdatePlan(ctx, p)
	})
}

// withdrawable refuses a withdrawal of the numbered changes of p unless every one waits.
func withdrawable(p *orgledger.Plan, numbers []int) error {
	switch p.Status {
	case orgledger.PlanDraft:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is a draft, not applied: nothing of it waits to be withdrawn; take its changes out with plan remove", p.Name)
	case orgledger.PlanDropped:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is dropped: nothing of it waits to be withdrawn", p.Name)
	case orgledger.PlanApplying:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is being applied: withdraw its changes once it is applied", p.Name)
	}
	if err := hasChanges(p, numbers, "withdraw"); err != nil {
		return err
	}
	var why []string
	for _, n := range numbers {
		if reason := notWaiting(p, n-1); reason != "" {
			why = append(why, fmt.Sprintf("change %d %s", n, reason))
		}
	}
	if len(why) > 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s: nothing was withdrawn: %s", p.Name, strings.Join(why, "; "))
	}
	return nil
}

// notWaiting says why change i of an applied plan does not wait to be recorded, or "" when it
// does.
func notWaiting(p *orgledger.Plan, i int) string {
	ch := p.Changes[i]
	if w := p.WithdrawalOf(i); w != nil {
		return fmt.Sprintf("was withdrawn by %s at %s", w.By, w.At.UTC().Format(time.RFC3339))
	}
	if ch.When == nil {
		return "took effect when the plan was applied; retract its event to take it back"
	}
	if at := claimedAt(p, i); at != nil {
		return fmt.Sprintf("is being recorded: %s's leaving is recorded, and a release claimed it at %s; once it is recorded, retract its event to take it back",
			ch.When.Leaves, at.UTC().Format(time.RFC3339))
	}
	if !slices.Contains(p.Waiting, i) {
		return fmt.Sprintf("took effect when %s left; retract its event to take it back", ch.When.Leaves)
	}
	return ""
}

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
// decided. Numbers that name a change that does not wait (it took effect, is being recorded by
// a release under way, was taken back, or withdrawn before), one that creates what another
// change still waiting names, or one without which the ledger would refuse the others waiting
// for its leaving (breaksRelease: a leaving releases its changes together), refuse the whole
// withdrawal, each named with why; a change that took effect is taken back by retracting its
// event. Once written, the withdrawal releases what it freed (releaseFreed).
func (s *Service) Withdraw(ctx context.Context, c Caller, name string, numbers []int) (*AfterWithdrawal, error) {
	numbers = slices.Compact(slices.Sorted(slices.Values(numbers)))
	s.writing.Lock()
	defer s.writing.Unlock()
	if err := s.Ledger.Refresh(ctx); err != nil { // a leaving another process recorded counts
		return nil, err
	}
	p, err := afresh(func() (*orgledger.Plan, error) {
		p, err := s.settled(ctx, c, name, adminOnly(c, "only admins withdraw the changes of applied plans, as only admins apply them"))
		if err != nil {
			return nil, err
		}
		if err := s.withdrawable(ctx, p, numbers); err != nil {
			return nil, err
		}
		now := s.Clock.Now().UTC()
		withdrawn := indexesOf(numbers)
		p.Waiting = minus(p.Waiting, withdrawn)
		for _, i := range withdrawn {
			p.Withdrawn = append(p.Withdrawn, orgledger.Withdrawal{Change: i, By: c.Name, At: now})
		}
		p.Updated = now
		return p, s.Store.UpdatePlan(ctx, p)
	})
	if err != nil {
		return nil, err
	}
	return s.releaseFreed(ctx, p, c.Name), nil
}

// AfterWithdrawal is what a withdrawal did: the plan as it stands after it, and the changes it
// let through.
type AfterWithdrawal struct {
	Plan *orgledger.Plan
	// Released numbers (from 1) the changes recorded once the others were withdrawn: changes
	// whose leaving is recorded, held back until then because the ledger refused a withdrawn
	// change released with them.
	Released []int
	// Unreleased says why changes that the withdrawal freed could not be recorded all the same:
	// the withdrawal stands, and they wait on, for the next command that records, or a running
	// server within a minute, to release them.
	Unreleased string
}

// releaseFreed records what a withdrawal from p freed: the changes that wait for a leaving the
// ledger holds, which a change the ledger refused held back with it when the leaving came, and
// which the ledger takes now that it is withdrawn. Were it not done here, they would wait for the
// next settle. The changes are recorded in the name of whoever applied the plan, as a release
// records them (release); it returns the plan as it is then.
func (s *Service) releaseFreed(ctx context.Context, p *orgledger.Plan, by string) *AfterWithdrawal {
	out := &AfterWithdrawal{Plan: p}
	if !s.wouldRelease(ctx, p) {
		return out
	}
	ctx, cancel := detached(ctx) // once claimed, its changes are recorded and the claim ended
	defer cancel()
	waiting := slices.Clone(p.Waiting) // release writes p
	if err := s.release(ctx, p, by, nobody); err != nil {
		out.Unreleased = orgledger.ErrorMessage(err)
	}
	if q, err := s.reread(ctx, p); err == nil {
		out.Plan = q
		out.Released = plusOne(slices.DeleteFunc(minus(waiting, q.Waiting), func(i int) bool { return claimedAt(q, i) != nil }))
	}
	return out
}

// withdrawable refuses a withdrawal of the numbered changes of p unless every one waits, no
// change that waits on names what one of them would create (neededBy), and the ledger would
// not refuse without them what it takes with them (breaksRelease).
func (s *Service) withdrawable(ctx context.Context, p *orgledger.Plan, numbers []int) error {
	switch p.Status {
	case orgledger.PlanDraft:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is a draft, not applied: nothing of it waits to be withdrawn; take its changes out with plan remove", p.Ref())
	case orgledger.PlanDropped:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is dropped: nothing of it waits to be withdrawn", p.Ref())
	case orgledger.PlanApplying:
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is being applied: withdraw its changes once it is applied", p.Ref())
	}
	if err := hasChanges(p, numbers, "withdraw"); err != nil {
		return err
	}
	back, byHand, err := s.retractedRecordings(ctx, p)
	if err != nil {
		return fmt.Errorf("plan %s: reading the events of its changes: %w", p.Ref(), err)
	}
	var why []string
	withdrawn := indexesOf(numbers)
	for _, i := range withdrawn {
		if reason := notWaiting(p, i, back, byHand); reason != "" {
			why = append(why, fmt.Sprintf("change %d %s", i+1, reason))
		} else if reason := neededBy(p, i, withdrawn); reason != "" {
			why = append(why, fmt.Sprintf("change %d %s", i+1, reason))
		}
	}
	if len(why) == 0 {
		if reason := s.breaksRelease(p, withdrawn); reason != "" {
			why = append(why, fmt.Sprintf("change %s %s", numberList(numbers), reason))
		}
	}
	if len(why) > 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s: nothing was withdrawn: %s", p.Ref(), strings.Join(why, "; "))
	}
	return nil
}

// notWaiting says why change i of an applied plan does not wait to be recorded, or "" when it
// does. back and byHand are the plan's changes taken back (retractedRecordings).
func notWaiting(p *orgledger.Plan, i int, back []int, byHand map[int]*Retraction) string {
	ch := p.Changes[i]
	switch w, r, claimed := p.WithdrawalOf(i), byHand[i], claimedAt(p, i); {
	case w != nil:
		return fmt.Sprintf("was withdrawn by %s at %s", w.By, w.At.UTC().Format(time.RFC3339))
	case r != nil:
		return fmt.Sprintf("was taken back: its event %d was retracted by event %d", r.Event, r.By)
	case ch.When == nil:
		return "took effect when the plan was applied; retract its event to take it back"
	case slices.Contains(back, i):
		return "was taken back with " + ch.When.Leaves + "'s leaving, and waits again once the plan is settled (by the next command that records, or a running server within a minute): withdraw it then"
	case claimed != nil:
		return fmt.Sprintf("is claimed by a release since %s, to be recorded: once it is, retract its event to take it back; were the process that claimed it to have stopped, it is released, or waits again, once the claim is ten minutes old",
			claimed.UTC().Format(time.RFC3339))
	case !slices.Contains(p.Waiting, i):
		return fmt.Sprintf("took effect when %s left; retract its event to take it back", ch.When.Leaves)
	}
	return ""
}

// neededBy says which change that waits on, and is not withdrawn with it, names what change i
// creates, or "": a release is recorded whole, and one of them without the other would be
// refused, with everything the same leaving releases.
func neededBy(p *orgledger.Plan, i int, withdrawn []int) string {
	id := orgledger.CreatedID(p.Changes[i].Op)
	if id == "" {
		return ""
	}
	for _, j := range p.Unreleased() {
		if j != i && !slices.Contains(withdrawn, j) && slices.Contains(orgledger.ReferencedIDs(p.Changes[j].Op), id) {
			return fmt.Sprintf("creates %s, which change %d, still waiting, names: withdraw change %d first, or with it", id, j+1, j+1)
		}
	}
	return ""
}

// indexesOf returns the indexes (from 0) of the changes numbered from 1.
func indexesOf(numbers []int) []int {
	out := make([]int, len(numbers))
	for k, n := range numbers {
		out[k] = n - 1
	}
	return out
}

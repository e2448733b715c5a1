package plans

import (
	"context"
	"errors"
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
	p, err := afresh(&s.writing, func() (*orgledger.Plan, error) {
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
	return s.releaseFreed(ctx, p, indexesOf(numbers), c.Name), nil
}

// AfterWithdrawal is what a withdrawal did: the plan as it stands after it, and what it let
// through.
type AfterWithdrawal struct {
	Plan *orgledger.Plan
	// Released numbers (from 1) the plan's changes that the withdrawal recorded: changes whose
	// leaving is recorded, which a withdrawn change the ledger refused had held back with it.
	Released []int
	// Recorded are the commits the withdrawal recorded: the released changes, and what other
	// plans waited for where one of them is itself a leaving.
	Recorded []*orgledger.Commit
	// Held numbers (from 1) the plan's changes that still wait though their leaving is
	// recorded: held back, or refused by the ledger, as plan show says.
	Held []int
	// Warnings says what did not go as it should with the changes the withdrawal freed, or
	// with those of other plans their leavings released: the withdrawal stands, and what was
	// not recorded waits on, for the next command that records, or a running server within a
	// minute.
	Warnings []string
}

// releaseFreed records what a withdrawal from p freed: the changes that wait for a leaving the
// ledger holds, which a withdrawn change the ledger refused held back with it when the leaving
// came, and which the ledger takes now. Were it not done here, they would wait for the next
// settle. They are recorded as a release records them (release): in the name of whoever
// applied the plan, or, when its apply recorded nothing, of by. It returns the plan as it is
// then, and does nothing when no leaving of the withdrawn changes is recorded.
func (s *Service) releaseFreed(ctx context.Context, p *orgledger.Plan, withdrawn []int, by string) *AfterWithdrawal {
	out := &AfterWithdrawal{Plan: p}
	if !slices.ContainsFunc(leavingsOf(p, withdrawn), func(person string) bool { return ledgerLeaving(s.Ledger, person) != 0 }) {
		return out
	}
	defer func() { out.Held = plusOne(s.freed(out.Plan)) }()
	if !s.wouldRelease(ctx, p) {
		return out
	}
	ctx, cancel := detached(ctx) // once claimed, its changes are recorded and the claim ended
	defer cancel()
	ctx, recorded := Recording(ctx)
	err := s.release(ctx, p, by, nobody)
	out.Recorded = recorded()
	out.Released = plusOne(recordedIn(p, out.Recorded))
	q, rerr := s.reread(ctx, p)
	if rerr == nil {
		out.Plan = q
	}
	out.Warnings = orgledger.ErrorMessages(errors.Join(err, rerr))
	return out
}

// recordedIn returns the plan's changes (indexes) that the commits recorded.
func recordedIn(p *orgledger.Plan, commits []*orgledger.Commit) []int {
	var out []int
	for i, ch := range p.Changes {
		records := recording(p, ch)
		if slices.ContainsFunc(commits, func(c *orgledger.Commit) bool { return slices.ContainsFunc(c.Events, records) }) {
			out = append(out, i)
		}
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
	rec, err := s.retractedRecordings(ctx, p)
	if err != nil {
		return fmt.Errorf("plan %s: reading the events of its changes: %w", p.Ref(), err)
	}
	var why []string
	withdrawn := indexesOf(numbers)
	for _, i := range withdrawn {
		if reason := notWaiting(p, i, rec); reason != "" {
			why = append(why, fmt.Sprintf("change %d %s", i+1, reason))
		} else if reason := neededBy(p, i, withdrawn); reason != "" {
			why = append(why, fmt.Sprintf("change %d %s", i+1, reason))
		}
	}
	if len(why) == 0 {
		if reason := s.breaksRelease(p, withdrawn); reason != "" {
			why = append(why, ChangesList(numbers)+" "+reason)
		}
	}
	if len(why) > 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s: nothing was withdrawn: %s", p.Ref(), strings.Join(why, "; "))
	}
	return nil
}

// notWaiting says why change i of an applied plan does not wait to be recorded, or "" when it
// does. rec tells what became of those that took effect (retractedRecordings).
func notWaiting(p *orgledger.Plan, i int, rec recordings) string {
	ch := p.Changes[i]
	switch w, r, claimed := p.WithdrawalOf(i), rec.byHand[i], claimedAt(p, i); {
	case w != nil:
		return fmt.Sprintf("was withdrawn by %s at %s", w.By, w.At.UTC().Format(time.RFC3339))
	case r != nil:
		return fmt.Sprintf("was taken back: its event %d was retracted by event %d", r.Event, r.By)
	case ch.When == nil:
		return "took effect when the plan was applied" + retractToTakeBack(rec.standing[i])
	case slices.Contains(rec.back, i):
		return "was taken back with " + ch.When.Leaves + "'s leaving, and waits again once the plan is settled (by the next command that records, or a running server within a minute): withdraw it then"
	case claimed != nil:
		return fmt.Sprintf("is claimed by a release since %s, to be recorded: once it is, retract its event to take it back; were the process that claimed it to have stopped, it is released, or waits again, once the claim is ten minutes old",
			claimed.UTC().Format(time.RFC3339))
	case !slices.Contains(p.Waiting, i):
		return fmt.Sprintf("took effect when %s left", ch.When.Leaves) + retractToTakeBack(rec.standing[i])
	}
	return ""
}

// retractToTakeBack says how a change that took effect is taken back: by retracting its event,
// named where it is known.
func retractToTakeBack(event int64) string {
	if event == 0 {
		return "; retract its event to take it back"
	}
	return fmt.Sprintf(", as event %d: retract it to take the change back", event)
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

package plans_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

// busyAppend is a ledger store whose appends fail, while busy is set, as SQLite's do when
// another process writes for longer than the busy timeout: unavailable, and known to have
// written nothing.
type busyAppend struct {
	orgledger.Store
	busy bool
}

func (s *busyAppend) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	if s.busy {
		return errors.Join(orgledger.Errorf(orgledger.EUNAVAILABLE, "another process is writing the database; nothing was written: try again"),
			orgledger.ErrNotWritten)
	}
	return s.Store.Append(ctx, head, c)
}

// TestApplyWhileTheDatabaseIsBusy: an apply whose append the store refuses as busy, having
// written nothing, leaves the plan a draft, so that trying again, as the error says, applies
// it; before, the plan was left applying for its claim's lease, ten minutes, and the retry
// was refused as being applied. (Found by a review.)
func TestApplyWhileTheDatabaseIsBusy(t *testing.T) {
	store := &busyAppend{Store: memory.New()}
	s := &plans.Service{Ledger: ledgerOn(t, store), Store: memory.NewPlans(), Clock: clockAt}
	record(t, s, "2022-01-01", &orgledger.CreateUnit{ID: "co", Name: "Company"})
	create(t, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	store.busy = true
	_, err := s.Apply(ctx, admin, "p")
	store.busy = false
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE {
		t.Fatalf("apply while the database is busy: %v (code %s), want unavailable", err, orgledger.ErrorCode(err))
	}
	if p := mustGet(t, s, "p"); p.Status != orgledger.PlanDraft {
		t.Errorf("the plan after a busy apply is %s, want a draft", p.Status)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Errorf("the apply again, as told: %v", err)
	}
}

// busyPlanWrite is a plan store whose write number fail (from 1) fails as a busy SQLite's does:
// unavailable, and known to have written nothing.
type busyPlanWrite struct {
	orgledger.PlanStore
	writes, fail int
}

func (s *busyPlanWrite) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if s.writes++; s.writes == s.fail {
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE, "another process is writing the database; nothing was written: try again"),
			orgledger.ErrNotWritten)
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// TestApplyRecordedButNotMarked: the plan's changes are recorded, and marking the plan applied
// fails (the database busy): the error says the changes are recorded and the plan stays
// applying, not "nothing was written: try again", and is not marked as having written nothing;
// the next settle marks the plan applied. (Found by a review.)
func TestApplyRecordedButNotMarked(t *testing.T) {
	store := &busyPlanWrite{PlanStore: memory.NewPlans(), fail: 2} // the claim, then the mark
	s := &plans.Service{Ledger: ledgerOn(t, memory.New()), Store: store, Clock: clockAt}
	record(t, s, "2022-01-01", &orgledger.CreateUnit{ID: "co", Name: "Company"})
	create(t, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	_, err := s.Apply(ctx, admin, "p")
	if msg := orgledger.ErrorMessage(err); !strings.Contains(msg, "its changes are recorded") || !strings.Contains(msg, "stays applying") ||
		errors.Is(err, orgledger.ErrNotWritten) {
		t.Fatalf("apply whose plan could not be marked: %q (nothing written: %v)", msg, errors.Is(err, orgledger.ErrNotWritten))
	}
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	if p := mustGet(t, s, "p"); p.Status != orgledger.PlanApplied {
		t.Errorf("after the settle the plan is %s, want applied", p.Status)
	}
}

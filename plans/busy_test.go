package plans_test

import (
	"context"
	"errors"
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

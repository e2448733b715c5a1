package plans_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// TestPlanChangesBounded: a plan holds at most plans.MaxPlanChanges changes, made with them or
// added to; one more is refused, saying so, and the plan is left as it was (found by QA: a
// planner's plan of 430,000 changes, read at once by ten requests, took 5.6 GB).
func TestPlanChangesBounded(t *testing.T) {
	s := service(t)
	hires := func(from, n int) []orgledger.Change {
		out := make([]orgledger.Change, n)
		for i := range out {
			out[i] = orgledger.Change{Op: &orgledger.Hire{ID: fmt.Sprintf("h%d", from+i), Name: "H"}}
		}
		return out
	}
	if _, err := s.Create(ctx, ann, "huge", date("2022-07-01"), hires(0, plans.MaxPlanChanges+1)); orgledger.ErrorCode(err) != orgledger.EINVALID ||
		!strings.Contains(orgledger.ErrorMessage(err), fmt.Sprintf("a plan holds at most %d", plans.MaxPlanChanges)) {
		t.Errorf("a plan made with one change too many: %v", err)
	}
	if _, err := s.Create(ctx, ann, "big", date("2022-07-01"), hires(0, plans.MaxPlanChanges-1)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, ann, "big", hires(plans.MaxPlanChanges, 2)); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Errorf("two changes added to a plan one short of the most: %v", err)
	}
	p, err := s.Add(ctx, ann, "big", hires(plans.MaxPlanChanges, 1))
	if err != nil || len(p.Changes) != plans.MaxPlanChanges {
		t.Errorf("the last change a plan holds: %v", err)
	}
}

package plans_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// countingPlans counts the reads of the plans pending and of every plan.
type countingPlans struct {
	orgledger.PlanStore
	reads int
}

func (c *countingPlans) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	c.reads++
	return c.PlanStore.PendingPlans(ctx)
}

func (c *countingPlans) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	c.reads++
	return c.PlanStore.Plans(ctx)
}

// TestWouldReleaseReadsThePlansOnce: a dry run recording two leavings tells what each would
// release, of the plans the caller may see, reading the plans once (found by a review: once
// a leaving, and an export's dry run may record thousands).
func TestWouldReleaseReadsThePlansOnce(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.Retitle{Position: "eng", Title: "Lead"})
	ops[0].When, ops[1].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), ops); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	counting := &countingPlans{PlanStore: s.Store}
	s.Store = counting
	events := []orgledger.Event{{Op: &orgledger.Leave{Person: "bob"}}, {Op: &orgledger.Hire{ID: "dee", Name: "Dee"}}, {Op: &orgledger.Leave{Person: "cy"}}}
	got, err := s.WouldRelease(ctx, admin, events)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "bob's leaving would also release change 1 of plan p@ann") ||
		!strings.HasSuffix(got[0], "position cto is retitled CTO (interim) once bob leaves") || !strings.HasPrefix(got[1], "cy's leaving would also release change 2 of plan p@ann") {
		t.Errorf("what the leavings would release: %q", got)
	}
	if counting.reads != 1 {
		t.Errorf("the plans were read %d times, want once", counting.reads)
	}
	if other, _ := s.WouldRelease(ctx, plans.Caller{Name: "zed", Role: orgledger.RolePlanner}, events); len(other) != 0 {
		t.Errorf("a planner who may not see plan p is told %q", other)
	}
}

package memory_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/storetest"
)

// TestStoreSuite runs the backends' common suite in memory.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(testing.TB) storetest.Backend {
		return storetest.Backend{Store: memory.New(), Plans: memory.NewPlans()}
	})
}

// TestCopyPlans: a copy holds the plans as stored, each at its revision, so that a write of
// one read from the store before is taken; and a write to the copy leaves the store as it was.
func TestCopyPlans(t *testing.T) {
	ctx := context.Background()
	src := memory.NewPlans()
	p := &orgledger.Plan{Name: "p", Owner: "ann", Status: orgledger.PlanApplied, Changes: []orgledger.Change{{Op: &orgledger.Hire{ID: "a", Name: "A"}}}, Waiting: []int{0}}
	if err := src.CreatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := src.UpdatePlan(ctx, p); err != nil { // at revision 1
		t.Fatal(err)
	}
	cp, err := memory.CopyPlans(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	q, err := cp.PlansNamed(ctx, "p")
	if err != nil || len(q) != 1 || q[0].Revision != 1 || q[0].Owner != "ann" || len(q[0].Changes) != 1 {
		t.Fatalf("the copy holds %+v, %v", q, err)
	}
	q[0].Waiting = nil
	if err := cp.UpdatePlan(ctx, q[0]); err != nil {
		t.Fatal(err)
	}
	if stored, _ := src.PlansNamed(ctx, "p"); stored[0].Revision != 1 || len(stored[0].Waiting) != 1 {
		t.Errorf("a write to the copy reached the store: %+v", stored[0])
	}
}

package plans_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// countingPlans counts the reads of the plans pending and of every plan (drafts and dropped
// ones too, whose changes are decoded all the same).
type countingPlans struct {
	orgledger.PlanStore
	reads, everyPlan int
}

func (c *countingPlans) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	c.reads++
	return c.PlanStore.PendingPlans(ctx)
}

func (c *countingPlans) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	c.reads++
	c.everyPlan++
	return c.PlanStore.Plans(ctx)
}

// TestTakeBackReadsNoDraft: the retraction of a leaving that released a change reads the
// plans being applied and applied, not every plan: drafts and dropped plans of thousands of
// changes each were decoded for each retraction (found by QA: 5 to 11 s a retraction).
func TestTakeBackReadsNoDraft(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	counting := &countingPlans{PlanStore: s.Store}
	s.Store = counting
	retraction := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Retract{Event: res.Events[0].Seq, Reason: "by mistake"})}
	made, _, err := s.WithTakeBacks(ctx, retraction)
	if err != nil {
		t.Fatal(err)
	}
	if len(made.Changes) != 2 || counting.everyPlan != 0 {
		t.Errorf("the retraction with its take-back: %d changes, every plan read %d times, want 2 and none", len(made.Changes), counting.everyPlan)
	}
}

// TestWouldReleaseReadsThePlansOnce: a dry run recording two leavings tells what each would
// release, of the plans the caller may see, reading the plans once (found by a review: once
// a leaving, and an export's dry run may record thousands).
func TestWouldReleaseReadsThePlansOnce(t *testing.T) {
	s := service(t)
	ops := changes(&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}, &orgledger.Retitle{Position: "eng", Title: "Lead"})
	ops[0].When, ops[1].When = &orgledger.When{Leaves: "bob"}, &orgledger.When{Leaves: "cy"}
	applyPlan(t, s, "p", ops)
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

// TestCheckWarnsOfWhatItsLeavingsRelease: a draft that records bob's leaving warns, on check,
// that applied it would also release the change of plan p waiting for that leaving, which its
// diff leaves out; a planner who may not see p is not told of it, and a plan whose leaving is
// itself waiting warns of nothing.
func TestCheckWarnsOfWhatItsLeavingsRelease(t *testing.T) {
	s := service(t)
	waits := changes(&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"})
	waits[0].When = &orgledger.When{Leaves: "bob"}
	applyPlan(t, s, "p", waits)
	create(t, s, bob, "q", "2022-08-01", &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Leave{Person: "bob"})
	told := warningsOf(t, s, admin, "q@bob", "releases")
	if len(told) != 1 || told[0].Change != 2 || told[0].Person != "bob" ||
		!strings.Contains(told[0].Message, "change 2 (bob's leaving) would also release change 1 of plan p@ann") ||
		!strings.Contains(told[0].Message, "position cto is retitled CTO (interim) once bob leaves") {
		t.Errorf("the admin's check warns %+v", told)
	}
	for _, w := range warningsOf(t, s, bob, "q@bob", "releases") {
		t.Errorf("bob, who may not see plan p, is told %q", w.Message)
	}
	later := changes(&orgledger.Leave{Person: "bob"})
	later[0].When = &orgledger.When{Leaves: "cy"}
	if _, err := s.Create(ctx, admin, "r", date("2022-08-01"), later); err != nil {
		t.Fatal(err)
	}
	for _, w := range warningsOf(t, s, admin, "r@root", "releases") {
		t.Errorf("a leaving that waits itself warns %q", w.Message)
	}
}

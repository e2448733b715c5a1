package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// cycleOrg is the tests' org with a CFO reporting to the CEO beside the CTO, and two plans of
// ann's: a moves cto under cfo once bob leaves; b moves cfo under cto. Each is valid alone; the
// two make a cycle.
func cycleOrg(t *testing.T) (s *plans.Service, a, b []orgledger.Change) {
	s = service(t)
	record(t, s, "2022-01-02", &orgledger.CreatePosition{ID: "cfo", Title: "CFO", Unit: "co", ReportsTo: "ceo"})
	a = changes(&orgledger.Report{Position: "cto", To: "cfo"})
	a[0].When = &orgledger.When{Leaves: "bob"}
	return s, a, changes(&orgledger.Report{Position: "cfo", To: "cto"})
}

// TestPlansMakingACycleOnceALeavingComes: plan a, applied, waits for bob's leaving to move cto
// under cfo; plan b, which moves cfo under cto, is checked with an error naming a's change and
// the cycle, and its apply is refused, writing nothing. (Found by QA: both applied, and bob's
// leaving found the cycle.)
func TestPlansMakingACycleOnceALeavingComes(t *testing.T) {
	s, a, b := cycleOrg(t)
	applyPlan(t, s, "a", a)
	if _, err := s.Create(ctx, ann, "b", date("2022-07-01"), b); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(ctx, admin, "b@ann")
	if err != nil {
		t.Fatal(err)
	}
	want := "solid lines would make a cycle, with change 1 of plan a@ann"
	if rep.OK || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Reason, want) || !strings.Contains(rep.Errors[0].Reason, "cfo → cto → cfo") {
		t.Fatalf("check of b: %+v; want the cycle with a's change", rep.Errors)
	}
	head, _ := s.Ledger.Head()
	_, err = s.Apply(ctx, admin, "b@ann")
	wantIn(t, err, want)
	if now, _ := s.Ledger.Head(); now != head {
		t.Errorf("the refused apply recorded events %d to %d", head+1, now)
	}
}

// TestWaitingLineMakingACycle: plan b, applied, moves cfo under cto; plan a, whose change waits
// for bob's leaving to move cto under cfo, would make a cycle with the ledger once bob leaves,
// and is refused, naming it. A waiting line that makes no cycle is not.
func TestWaitingLineMakingACycle(t *testing.T) {
	s, a, b := cycleOrg(t)
	applyPlan(t, s, "b", b)
	if _, err := s.Create(ctx, ann, "a", date("2022-07-01"), a); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, admin, "a@ann")
	wantIn(t, err, "solid lines would make a cycle, once bob leaves, with the solid lines as they stand: cto → cfo → cto")
	fine := changes(&orgledger.Report{Position: "eng", To: "cfo"})
	fine[0].When = &orgledger.When{Leaves: "bob"}
	applyPlan(t, s, "fine", fine) // a waiting line that makes no cycle
}

// applyPlan drafts ann's plan of that name, dated 2022-07-01, and applies it.
func applyPlan(t *testing.T, s *plans.Service, name string, changes []orgledger.Change) {
	t.Helper()
	if _, err := s.Create(ctx, ann, name, date("2022-07-01"), changes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, name+"@ann"); err != nil {
		t.Fatalf("apply %s: %v", name, err)
	}
}

// TestLinesMovedNowAndOnceALeavingComes: a plan moves eng under ceo and cto under eng now, and,
// once bob leaves, cto back under ceo and eng under cto. Its lines make no cycle at any time,
// and it applies: a line that waits takes the place of the one the plan draws now, not the
// other way round. (Found by a review: the order of the plan's changes decided.)
func TestLinesMovedNowAndOnceALeavingComes(t *testing.T) {
	s := service(t)
	applyPlan(t, s, "p", []orgledger.Change{
		whenBobLeaves(&orgledger.Report{Position: "cto", To: "ceo"}), whenBobLeaves(&orgledger.Report{Position: "eng", To: "cto"}),
		{Op: &orgledger.Report{Position: "eng", To: "ceo"}}, {Op: &orgledger.Report{Position: "cto", To: "eng"}},
	})
	if err := leaves(t, s, "bob", "2022-10-01"); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
}

// TestWaitingLineAndALaterOneMakeACycle: cfo moves under cto on 2022-09-01, recorded by hand;
// plan a, moving cto under cfo once bob leaves, would make a cycle once both have taken effect,
// and is refused, though on its own day the lines make none. (Found by a review.)
func TestWaitingLineAndALaterOneMakeACycle(t *testing.T) {
	s, a, _ := cycleOrg(t)
	record(t, s, "2022-09-01", &orgledger.Report{Position: "cfo", To: "cto"})
	if _, err := s.Create(ctx, ann, "a", date("2022-07-01"), a); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, admin, "a@ann")
	wantIn(t, err, "solid lines would make a cycle, once bob leaves, with the solid lines as they stand: cto → cfo → cto")
}

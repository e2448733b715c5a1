package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// whenBobLeaves returns the change, waiting for bob's leaving.
func whenBobLeaves(op orgledger.Op) orgledger.Change {
	return orgledger.Change{Op: op, When: &orgledger.When{Leaves: "bob"}}
}

// withUnits is service with units u1 and u2 under co, and dan hired.
func withUnits(t *testing.T) *plans.Service {
	t.Helper()
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.CreateUnit{ID: "u1", Name: "U1", Parent: "co"},
		&orgledger.CreateUnit{ID: "u2", Name: "U2", Parent: "co"}, &orgledger.Hire{ID: "dan", Name: "Dan"})
	return s
}

// secondPlan drafts plan "second" of bob's (a planner ann's plan "first" is not shared with)
// and returns the errors of its check as bob sees them and of its apply by an admin.
func secondPlan(t *testing.T, s *plans.Service, chs ...orgledger.Change) (checked []orgledger.Problem, applied error) {
	t.Helper()
	if _, err := s.Create(ctx, bob, "second", date("2022-07-01"), chs); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx, bob, "second")
	if err != nil {
		t.Fatal(err)
	}
	_, applied = s.Apply(ctx, admin, "second")
	return r.Errors, applied
}

// wantClash checks that the apply was refused as a conflict naming plan first@ann.
func wantClash(t *testing.T, err error) {
	t.Helper()
	if orgledger.ErrorCode(err) != orgledger.ECONFLICT || !strings.Contains(problemsOf(err), "plan first@ann") {
		t.Errorf("the second plan's apply: %v %s, want refused naming first@ann", err, problemsOf(err))
	}
}

func problemsOf(err error) string {
	var out []string
	for _, p := range orgledger.ErrorProblems(err) {
		out = append(out, p.Reason)
	}
	return strings.Join(out, "; ")
}

// TestWaitingChangesClash: two plans that move eng to different units once bob leaves (found by
// QA: both applied, and the second's release overrode the first's), and two that fill cto
// with different people then (the second's release was refused by the ledger, and waited for
// ever): the second apply is refused, naming the first plan and its change. Bob, who may not
// see ann's plan, is told nothing of it by check, not even that something clashes.
func TestWaitingChangesClash(t *testing.T) {
	email, other := "cy@example.com", "young@example.com"
	for name, ops := range map[string][2]orgledger.Op{
		"moves": {&orgledger.MovePosition{Position: "eng", Unit: "u1"}, &orgledger.MovePosition{Position: "eng", Unit: "u2"}},
		"fills": {&orgledger.Assign{Person: "cy", Position: "cto"}, &orgledger.Assign{Person: "dan", Position: "cto"}},
		// The ledger refuses the second of two like assigns: the second plan would wait for ever.
		"the same fill":    {&orgledger.Assign{Person: "cy", Position: "cto"}, &orgledger.Assign{Person: "cy", Position: "cto"}},
		"a person's email": {&orgledger.UpdatePerson{Person: "cy", Email: &email}, &orgledger.UpdatePerson{Person: "cy", Email: &other}},
	} {
		t.Run(name, func(t *testing.T) {
			s := withUnits(t)
			applied(t, s, "first", []orgledger.Change{whenBobLeaves(ops[0])})
			checked, err := secondPlan(t, s, whenBobLeaves(ops[1]))
			wantClash(t, err)
			for _, p := range checked {
				if strings.Contains(p.Reason, "first") || strings.Contains(p.Reason, "waits") || strings.Contains(p.Reason, "leaves") {
					t.Errorf("bob's check tells of ann's plan: %+v", p)
				}
			}
		})
	}
}

// TestPlanAfterAWaitingOneClashes: a plan that moves eng now, applied after one that moves it
// elsewhere once bob leaves, is refused: the release would override it. A planner the first
// plan is shared with is told so by check.
func TestPlanAfterAWaitingOneClashes(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"})})
	if _, err := s.Share(ctx, ann, "first", "bob"); err != nil {
		t.Fatal(err)
	}
	checked, err := secondPlan(t, s, orgledger.Change{Op: &orgledger.MovePosition{Position: "eng", Unit: "u2"}})
	wantClash(t, err)
	if len(checked) != 1 || !strings.Contains(checked[0].Reason, "change 1 of plan first@ann (position eng moves to unit u1), applied, changes it once bob leaves") {
		t.Errorf("the check of a planner who sees the first plan: %+v", checked)
	}
}

// TestWaitingChangesThatAgree: plans whose changes waiting for a leaving do not change one thing
// differently apply: the same retitle in both (the ledger records it twice), a position vacated
// and filled, changes to different positions.
func TestWaitingChangesThatAgree(t *testing.T) {
	paris, email := "Paris", "cy@example.com"
	for name, ops := range map[string][2]orgledger.Change{
		"the same retitle":              {whenBobLeaves(&orgledger.Retitle{Position: "cto", Title: "Chief"}), whenBobLeaves(&orgledger.Retitle{Position: "cto", Title: "Chief"})},
		"vacated, then filled":          {whenBobLeaves(&orgledger.Assign{Person: "cy", Position: "cto"}), {Op: &orgledger.Unassign{Person: "bob", Position: "cto"}}},
		"different positions":           {whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"}), whenBobLeaves(&orgledger.MovePosition{Position: "cto", Unit: "u2"})},
		"different attributes":          {whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"}), whenBobLeaves(&orgledger.Retitle{Position: "eng", Title: "Engineer II"})},
		"other people, other positions": {whenBobLeaves(&orgledger.Assign{Person: "cy", Position: "cto"}), {Op: &orgledger.Assign{Person: "dan", Position: "eng"}}},
		// Found by QA: any two updates of one person clashed, whatever their fields.
		"a person's other fields": {whenBobLeaves(&orgledger.UpdatePerson{Person: "cy", Location: &paris}), {Op: &orgledger.UpdatePerson{Person: "cy", Email: &email}}},
	} {
		t.Run(name, func(t *testing.T) {
			s := withUnits(t)
			applied(t, s, "first", ops[:1])
			if checked, err := secondPlan(t, s, ops[1]); err != nil || len(checked) > 0 {
				t.Errorf("the second plan: check %+v, apply %v %s", checked, err, problemsOf(err))
			}
		})
	}
}

// TestReleasedChangeNoLongerWaits: once bob's leaving released the first plan's change, it is an
// event like any other, and a plan drafted after it is not compared with it.
func TestReleasedChangeNoLongerWaits(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"})})
	if err := leaves(t, s, "bob", "2022-06-01"); err != nil {
		t.Fatal(err)
	}
	if checked, err := secondPlan(t, s, orgledger.Change{Op: &orgledger.MovePosition{Position: "eng", Unit: "u2"}}); err != nil || len(checked) > 0 {
		t.Errorf("a plan drafted after the release: check %+v, apply %v %s", checked, err, problemsOf(err))
	}
}

// TestWaitingPlanAfterAMoveClashes: QA's third case the other way round: the plan moving eng
// once bob leaves was drafted before another moved eng now; applied after it, it is refused, as
// a change it records now would be: its release would override the move.
func TestWaitingPlanAfterAMoveClashes(t *testing.T) {
	s := withUnits(t)
	if _, err := s.Create(ctx, ann, "first", date("2022-07-01"), []orgledger.Change{whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"})}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(ctx, bob, "now", date("2022-07-01"), []orgledger.Change{{Op: &orgledger.MovePosition{Position: "eng", Unit: "u2"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "now"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, admin, "first")
	if orgledger.ErrorCode(err) != orgledger.ECONFLICT || !strings.Contains(problemsOf(err), "moves to unit u2") {
		t.Errorf("the waiting plan's apply: %v %s, want refused naming the move recorded since", err, problemsOf(err))
	}
}

// TestStuckWaitingChangeDoesNotBlock: cy left before bob, so bob's leaving could not release the
// succession putting cy in cto, which waits still, though nothing will ever record it. It does
// not keep another plan from filling cto: nothing can withdraw it, and it would block for ever.
func TestStuckWaitingChangeDoesNotBlock(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.Assign{Person: "cy", Position: "cto"})})
	if err := leaves(t, s, "cy", "2022-07-15"); err != nil {
		t.Fatal(err)
	}
	leaves(t, s, "bob", "2022-08-01") // its release refused: cy has left
	if p := mustGet(t, s, "first"); len(p.Unreleased()) != 1 {
		t.Fatalf("the succession does not wait still: %v", p.Unreleased())
	}
	if checked, err := secondPlan(t, s, orgledger.Change{Op: &orgledger.Assign{Person: "dan", Position: "cto"}, Effective: date("2022-08-02")}); err != nil || len(checked) > 0 {
		t.Errorf("filling cto: check %+v, apply %v %s", checked, err, problemsOf(err))
	}
}

// TestChangeHeldWithARefusedOneStillBlocks: bob's leaving could not release the first plan's
// changes, as the ledger refuses its close of ceo (ann holds it); its retitle of cto waits,
// held back with the close, and is recorded once the close is withdrawn. So a plan retitling cto
// otherwise clashes with it, as it would before the leaving. (Found by QA: it did not.)
func TestChangeHeldWithARefusedOneStillBlocks(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.Retitle{Position: "cto", Title: "CTO (interim)"}),
		whenBobLeaves(&orgledger.ClosePosition{Position: "ceo"})})
	wantIn(t, leaves(t, s, "bob", "2022-08-01"), "change 2 (close-position)")
	_, err := secondPlan(t, s, orgledger.Change{Op: &orgledger.Retitle{Position: "cto", Title: "Technology Chief"}})
	wantClash(t, err)
}

// TestUnreleasedChangeStillBlocks: bob's leaving is recorded, but the process stopped before it
// released the first plan's move, which the next Settle records: until then the move still
// waits, and a plan moving eng elsewhere is refused, or the Settle would override it.
func TestUnreleasedChangeStillBlocks(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.MovePosition{Position: "eng", Unit: "u1"})})
	bobLeftUnreleased(t, s)
	_, err := secondPlan(t, s, orgledger.Change{Op: &orgledger.MovePosition{Position: "eng", Unit: "u2"}})
	wantClash(t, err)
}

// TestWaitingClashNamesTheFieldSetDifferently: two updates of cy that set her name alike and
// her email differently clash on the email, which the refusal names. (Found by a review: it
// named the name, on which they agree.)
func TestWaitingClashNamesTheFieldSetDifferently(t *testing.T) {
	name, mine, theirs := "Cy Young", "cy@example.com", "young@example.com"
	s := withUnits(t)
	applied(t, s, "first", []orgledger.Change{whenBobLeaves(&orgledger.UpdatePerson{Person: "cy", Name: &name, Email: &mine})})
	_, err := secondPlan(t, s, whenBobLeaves(&orgledger.UpdatePerson{Person: "cy", Name: &name, Email: &theirs}))
	wantClash(t, err)
	if got := problemsOf(err); !strings.Contains(got, "person cy: email:") || strings.Contains(got, "person cy: name") {
		t.Errorf("the clash: %s", got)
	}
}

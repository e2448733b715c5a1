package plans_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestReleasesOfOneLeavingInAnyOrder: two plans wait for bob's leaving, one promoting cy out of
// eng into cto, the other filling eng with dan; they do not clash (one vacates what the other
// fills). The filling plan sorts first, and its release came first and was refused (eng still
// cy's), and waited though the promotion then freed eng: a release refused is tried again once
// another plan's release of the same leaving went through.
func TestReleasesOfOneLeavingInAnyOrder(t *testing.T) {
	s := withUnits(t)
	record(t, s, "2022-01-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	applied(t, s, "z-promote", []orgledger.Change{whenBobLeaves(&orgledger.Unassign{Person: "cy", Position: "eng"}),
		whenBobLeaves(&orgledger.Assign{Person: "cy", Position: "cto"})})
	if _, err := s.Create(ctx, bob, "a-backfill", date("2022-07-01"), []orgledger.Change{whenBobLeaves(&orgledger.Assign{Person: "dan", Position: "eng"})}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "a-backfill"); err != nil {
		t.Fatal(err)
	}
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Errorf("bob's leaving: %v", err)
	}
	for who, where := range map[string]string{"cy": "cto", "dan": "eng"} {
		info, err := s.Ledger.Show(who, ledger.Query{At: date("2022-08-02")})
		if p, ok := info.(*orgledger.PersonInfo); err != nil || !ok || len(p.Positions) != 1 || p.Positions[0].ID != where {
			t.Errorf("%s on 2022-08-02: %+v %v, want in %s", who, info, err, where)
		}
	}
}

// holdsOn returns who holds position on day, "" when no one does.
func holdsOn(t *testing.T, l *ledger.Ledger, position, day string) string {
	t.Helper()
	info, err := l.Show(position, ledger.Query{At: date(day)})
	if p, ok := info.(*orgledger.PositionInfo); err == nil && ok && len(p.Holders) > 0 {
		return p.Holders[0].ID
	}
	return ""
}

// whenCyLeaves returns the change, waiting for cy's leaving.
func whenCyLeaves(op orgledger.Op) orgledger.Change {
	return orgledger.Change{Op: op, When: &orgledger.When{Leaves: "cy"}}
}

// TestChainedReleaseRetried: bob's leaving releases z-free's change (ann steps out of ceo) and
// b-chain's (cy leaves), whose release releases a-after-cy's (dan takes ceo) before z-free's
// came: refused, ceo still ann's. Tried again once z-free's went through, dan holds ceo, and
// nothing is left to tell. (Found by a review of the first retry, which retried only the plans
// whose own release failed, and told nothing of this one.)
func TestChainedReleaseRetried(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "a-after-cy", []orgledger.Change{whenCyLeaves(&orgledger.Assign{Person: "dan", Position: "ceo"})})
	applied(t, s, "b-chain", []orgledger.Change{whenBobLeaves(&orgledger.Leave{Person: "cy"})})
	applied(t, s, "z-free", []orgledger.Change{whenBobLeaves(&orgledger.Unassign{Person: "ann", Position: "ceo"})})
	if err := leaves(t, s, "bob", "2022-08-01"); err != nil {
		t.Errorf("bob's leaving: %v", err)
	}
	if h := holdsOn(t, s.Ledger, "ceo", "2022-08-02"); h != "dan" {
		t.Errorf("ceo held by %q, want dan", h)
	}
}

// TestChainedRefusalTold: as TestChainedReleaseRetried, but nothing frees ceo: a-after-cy's
// release, reached through b-chain's, is refused again when tried again (m-other's release
// went through), and told once, as a-after-cy's, not lost with b-chain's retry, which has
// nothing left to release.
func TestChainedRefusalTold(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "a-after-cy", []orgledger.Change{whenCyLeaves(&orgledger.Assign{Person: "dan", Position: "ceo"})})
	applied(t, s, "m-other", []orgledger.Change{whenBobLeaves(&orgledger.Retitle{Position: "eng", Title: "Engineer II"})})
	applied(t, s, "z-chain", []orgledger.Change{whenBobLeaves(&orgledger.Leave{Person: "cy"})})
	err := leaves(t, s, "bob", "2022-08-01")
	if got := orgledger.ErrorMessage(err); strings.Count(got, "could not be recorded") != 1 || !strings.Contains(got, "plan a-after-cy@ann: a change waiting") || !strings.Contains(got, "position ceo is filled by ann") {
		t.Errorf("bob's leaving told %q, want a-after-cy's refusal once", got)
	}
}

// failEndClaim is a plan store whose write of plan name ending its release's claim fails: the
// changes are recorded, and stay claimed.
type failEndClaim struct {
	orgledger.PlanStore
	name string
}

func (s failEndClaim) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if p.Name == s.name && p.Status == orgledger.PlanApplied && len(p.Releasing) == 0 {
		return orgledger.Errorf(orgledger.EINTERNAL, "the process stopped")
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// TestClaimLeftTold: a-x's release is recorded but its plan cannot be written, and its change
// stays claimed; m-other's release went through, so a second round comes, in which a-x has
// nothing to release: what its first try told stays told, with its plan.
func TestClaimLeftTold(t *testing.T) {
	s := withUnits(t)
	applied(t, s, "a-x", []orgledger.Change{whenBobLeaves(&orgledger.Retitle{Position: "ceo", Title: "Boss"})})
	applied(t, s, "m-other", []orgledger.Change{whenBobLeaves(&orgledger.Retitle{Position: "eng", Title: "Engineer II"})})
	s.Store = failEndClaim{s.Store, "a-x"}
	err := leaves(t, s, "bob", "2022-08-01")
	if got := orgledger.ErrorMessage(err); !strings.Contains(got, "plan a-x@ann") || !strings.Contains(got, "stay claimed") {
		t.Errorf("bob's leaving told %q, want a-x's claim left told", got)
	}
}

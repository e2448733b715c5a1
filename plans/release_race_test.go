package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"

	"github.com/orgledger/orgledger/plans"
)

// TestReleaseAfterItsLeavingRetractedMeanwhile: another server retracts bob's leaving between
// this one's resolving the change that waits for it and recording it. The release is not
// recorded on top of the retraction: the change waits again, and cto keeps its title. (Found
// by QA, on PostgreSQL with two servers: the change was recorded after the retraction, in
// force for a leaving retracted, until a settle a minute later took it back.)
func TestReleaseAfterItsLeavingRetractedMeanwhile(t *testing.T) {
	s := service(t)
	leaving := retitleWhenBobLeaves(t, s, "CTO (interim)")
	plans.OnceReleaseResolved(s, func() { retractBobsLeaving(t, s, leaving) }) // its AfterCommit finds nothing released yet
	if err := s.AfterCommit(ctx, leaving); err != nil {
		t.Fatal(err)
	}
	wantWaitingAgain(t, s, "after a release its leaving's retraction overtook")
}

// TestTakeBackOfAReleaseNotEndedYet: another server retracts bob's leaving after this one has
// recorded what it released but before it has ended its claim in the plan. The retraction's
// take-back finds the release in the ledger and takes it back, where it took the change for
// one still being released and left it in force. (Found by QA, as above.)
func TestTakeBackOfAReleaseNotEndedYet(t *testing.T) {
	s := service(t)
	leaving := retitleWhenBobLeaves(t, s, "CTO (interim)")
	other := &plans.Service{Ledger: s.Ledger, Store: s.Store, Clock: s.Clock} // another server's, on the same ledger and plans
	plans.OnceReleaseRecorded(s, func() {
		if err := other.AfterCommit(ctx, retractBobsLeaving(t, s, leaving)); err != nil {
			t.Error(err)
		}
	})
	if err := s.AfterCommit(ctx, leaving); err != nil {
		t.Fatal(err)
	}
	wantWaitingAgain(t, s, "after a release taken back while it was ending")
}

// TestReleaseAfterAHandChangeMeanwhile: another server records by hand what the change that
// waits for bob's leaving would set otherwise (cto retitled) while this one releases it:
// between checking it against what was set by hand and claiming it (found by QA, two servers
// on PostgreSQL: the ledger's mark that tells a release whether anything was recorded
// meanwhile was taken after the check, so the hand change between the two was set back
// unseen), or between resolving it on the ledger and recording it (found by a review). The
// release, checked again on that, holds the change back, as a release that saw the hand change
// first would, rather than record the plan's title over it.
func TestReleaseAfterAHandChangeMeanwhile(t *testing.T) {
	for name, between := range map[string]func(*plans.Service, func()){
		"checked and claimed": plans.OnceReleaseChecked, "resolved and recorded": plans.OnceReleaseResolved,
	} {
		t.Run(name, func(t *testing.T) {
			s := service(t)
			leaving := retitleWhenBobLeaves(t, s, "CTO (interim)")
			between(s, func() { record(t, s, "2022-08-01", &orgledger.Retitle{Position: "cto", Title: "CTO by hand"}) })
			if err := s.AfterCommit(ctx, leaving); err != nil && !strings.Contains(err.Error(), "set otherwise") {
				t.Fatal(err)
			}
			if got := ctoTitle(t, s, "2022-08-15"); got != "CTO by hand" {
				t.Errorf("cto after a release a hand change overtook: %q, want the hand change standing", got)
			}
			wantUnreleased(t, s, 2)
		})
	}
}

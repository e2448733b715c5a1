package plans_test

import (
	"testing"

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

package storetest

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
)

// Backend is the stores of one fresh database.
type Backend struct {
	Store  orgledger.Store
	Tokens orgledger.TokenStore // nil when the backend keeps no tokens
	Plans  orgledger.PlanStore  // nil when the backend keeps no plans
}

// Run runs every test of the suite, each on a backend open returns fresh.
func Run(t *testing.T, open func(tb testing.TB) Backend) {
	t.Run("AppendAndRead", func(t *testing.T) { testAppendAndRead(t, open(t).Store) })
	t.Run("AppendConflict", func(t *testing.T) { testAppendConflict(t, open(t).Store) })
	t.Run("AppendGap", func(t *testing.T) { testAppendGap(t, open(t).Store) })
	t.Run("LargeCommit", func(t *testing.T) { testLargeCommit(t, open(t).Store) })
	t.Run("EmptyCommit", func(t *testing.T) { testEmptyCommit(t, open(t).Store) })
	t.Run("EventsBySeq", func(t *testing.T) { testEventsBySeq(t, open(t).Store) })
	t.Run("ConcurrentAppends", func(t *testing.T) { testConcurrentAppends(t, open(t).Store) })
	t.Run("Tokens", func(t *testing.T) {
		if b := open(t); b.Tokens != nil {
			testTokens(t, b.Tokens)
		}
	})
	t.Run("Plans", func(t *testing.T) {
		if b := open(t); b.Plans != nil {
			testPlans(t, b.Plans)
		}
	})
	t.Run("PlanRevisionKept", func(t *testing.T) {
		if b := open(t); b.Plans != nil {
			testPlanRevisionKept(t, b.Plans)
		}
	})
	t.Run("PendingPlans", func(t *testing.T) {
		if b := open(t); b.Plans != nil {
			testPendingPlans(t, b.Plans)
		}
	})
	t.Run("Checkpoint", func(t *testing.T) {
		if cp, ok := open(t).Store.(orgledger.Checkpointer); ok {
			testCheckpoint(t, cp)
		}
	})
	t.Run("CheckpointWhileSaving", func(t *testing.T) {
		if cp, ok := open(t).Store.(orgledger.Checkpointer); ok {
			testCheckpointWhileSaving(t, cp)
		}
	})
}

var ctx = context.Background()

package plans_test

import (
	"context"
	"testing"
)

// TestReleaseOutlivesItsRequest: the request that recorded bob's leaving is gone (a client
// that hung up) by the time its AfterCommit runs; the change waiting for the leaving is
// released all the same, on a plan store that heeds cancellation. Before, the release stopped
// at its first read of the plans and left the change waiting, or claimed, for good.
func TestReleaseOutlivesItsRequest(t *testing.T) {
	s := service(t)
	s.Store = planStores["sqlite"](t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	left := bobLeftUnreleased(t, s)
	gone, hangUp := context.WithCancel(ctx)
	hangUp()
	if err := s.AfterCommit(gone, left); err != nil {
		t.Fatal(err)
	}
	wantHolder(t, s, "cto", "2022-08-01", "cy")
}

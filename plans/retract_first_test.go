package plans

import (
	"testing"

	"github.com/orgledger/orgledger"
)

// TestRetractFirst: a take-back refused because a later event needs what it takes back says to
// retract that first; one refused because its event is retracted already says nothing more.
func TestRetractFirst(t *testing.T) {
	if got := retractFirst(orgledger.Problem{Reason: "this would break event 15 (effective 2024-03-01): unknown person nu", Breaks: 15}); got == "" {
		t.Error("a take-back that would break a later event does not say to retract that first")
	}
	if got := retractFirst(orgledger.Problem{Reason: "event 14 is already retracted by event 20"}); got != "" {
		t.Errorf("a take-back of an event retracted already says %q", got)
	}
}

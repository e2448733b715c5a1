package plans

import "testing"

// TestRetractFirst: a take-back refused because a later event needs what it takes back says to
// retract that first; one refused because its event is retracted already says nothing more.
func TestRetractFirst(t *testing.T) {
	if got := retractFirst("this would break event 15 (effective 2024-03-01): unknown person nu"); got == "" {
		t.Error("a take-back that would break a later event does not say to retract that first")
	}
	if got := retractFirst("event 14 is already retracted by event 20"); got != "" {
		t.Errorf("a take-back of an event retracted already says %q", got)
	}
}

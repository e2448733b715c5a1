package plans

import (
	"errors"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestExplained: what a failure means for a plan is told before the failure's own message,
// which a user reads too; its code and causes are kept. (Found by a review: wrapped with %w,
// the CLI's warnings and the API's showed the inner message alone, "see the log before
// applying them again", without saying that the changes stay claimed.)
func TestExplained(t *testing.T) {
	inner := orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE, "the database did not confirm the commit"), orgledger.ErrNotWritten)
	err := explained(inner, "plan %s: changes %v stay claimed", "p", []int{2})
	want := "plan p: changes [2] stay claimed: the database did not confirm the commit"
	if got := orgledger.ErrorMessages(err); len(got) != 1 || got[0] != want {
		t.Errorf("ErrorMessages = %q, want [%q]", got, want)
	}
	if orgledger.ErrorCode(err) != orgledger.EUNAVAILABLE || !errors.Is(err, orgledger.ErrNotWritten) || !refused(err) {
		t.Errorf("code %s, ErrNotWritten %v, refused %v", orgledger.ErrorCode(err), errors.Is(err, orgledger.ErrNotWritten), refused(err))
	}
	if got := orgledger.ErrorMessage(explained(errors.New("disk on fire"), "plan p: recording failed")); got != "plan p: recording failed: internal error" {
		t.Errorf("an internal failure explained: %q", got)
	}
}

// TestTakeBackOutcome: a take-back the ledger refused is told as refused; one the database could
// not write now (busy), as to be done later; any other failure as perhaps recorded. (Found by a
// review: a busy database was told as a refusal.)
func TestTakeBackOutcome(t *testing.T) {
	busy := orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE, "busy"), orgledger.ErrNotWritten)
	for err, want := range map[error]string{
		orgledger.Errorf(orgledger.EINVALID, "breaks event 9"): "was refused",
		busy:                  "could not be written now",
		errors.New("cut off"): "failed, perhaps after it was recorded",
	} {
		if got := takeBackOutcome(err); !strings.HasPrefix(got, want) {
			t.Errorf("takeBackOutcome(%v) = %q, want it to begin %q", err, got, want)
		}
	}
}

package orgledger

import (
	"errors"
	"slices"
	"testing"
)

// TestErrorMessages: each failure a join puts together is told, once; an error with its
// causes (WithCause) is one failure, told by its own message, and still answers errors.Is for
// its causes; an error no user may read is told as an internal error.
func TestErrorMessages(t *testing.T) {
	busy := WithCause(Errorf(EUNAVAILABLE, "busy"), ErrNotWritten, errors.New("SQLITE_BUSY"))
	err := errors.Join(Errorf(EINVALID, "plan a: refused"), nil, errors.Join(busy, errors.New("disk on fire")))
	want := []string{"plan a: refused", "busy", "internal error"}
	if got := ErrorMessages(err); !slices.Equal(got, want) {
		t.Errorf("ErrorMessages = %q, want %q", got, want)
	}
	if !errors.Is(busy, ErrNotWritten) || ErrorCode(busy) != EUNAVAILABLE || ErrorMessage(busy) != "busy" {
		t.Errorf("WithCause: Is %v, code %q, message %q", errors.Is(busy, ErrNotWritten), ErrorCode(busy), ErrorMessage(busy))
	}
	if got := ErrorMessages(nil); got != nil {
		t.Errorf("ErrorMessages(nil) = %q", got)
	}
}

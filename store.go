package orgledger

import (
	"context"
	"time"
)

// Store keeps the ledger durably. Implementations: sqlite.Store, and a PostgreSQL store that
// several servers share. The ledger package holds the only copy of the rules; a Store checks
// nothing but the order of appends.
type Store interface {
	// Append writes the commit and its events in one transaction: after a crash either all of
	// it is there or none. head is the sequence number of the last event the caller has seen;
	// when the store's last event is another, Append writes nothing and returns ECONFLICT, so
	// that the caller catches up and validates again. The events' Seq must follow head.
	Append(ctx context.Context, head int64, c *Commit) error

	// Events calls fn with each event whose Seq is greater than after, in Seq order, with its
	// commit's fields filled in. An error from fn stops the scan and is returned.
	Events(ctx context.Context, after int64, fn func(*Event) error) error

	// EventsBySeq returns the events with the given sequence numbers, in Seq order. Unknown
	// numbers are skipped.
	EventsBySeq(ctx context.Context, seqs []int64) ([]Event, error)

	// Head returns the sequence number and recorded time of the last event; 0 and the zero time
	// for an empty ledger.
	Head(ctx context.Context) (seq int64, recorded time.Time, err error)

	Close() error
}

// Clock tells the time; tests inject a fixed one so that recorded times are known.
type Clock interface {
	Now() time.Time
}

// SystemClock is the Clock of the machine.
type SystemClock struct{}

// Now returns the current time in UTC, to the microsecond that stores keep.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

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
	// that the caller catches up and validates again. The events' Seq must follow head. A
	// commit may have no events: an HRIS import that found nothing to change still records
	// that the org was observed on its date. An error marked ErrNotWritten says nothing was
	// written (another writer held the ledger too long, say); after another error the commit
	// may be there, and the caller looks.
	Append(ctx context.Context, head int64, c *Commit) error

	// Commits calls fn with the header of each commit whose ID is greater than after, in ID
	// order, without its events.
	Commits(ctx context.Context, after int64, fn func(*Commit) error) error

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

// Checkpointer is a Store that also keeps a checkpoint: the ledger's index in memory, encoded
// after some event, so that opening a large ledger reads it and replays only the events after
// it instead of all of them. A checkpoint is a cache of what the events say; dropping it loses
// nothing but time. The ledger checks a checkpoint against the events before it trusts it.
// A store that does not implement Checkpointer is always opened by replaying every event.
type Checkpointer interface {
	// SaveCheckpoint stores data (opaque, possibly hundreds of megabytes) as the checkpoint
	// after event seq, replacing any older one, in one transaction. Seq 0 with no data, in a
	// store without events, removes any checkpoint there.
	SaveCheckpoint(ctx context.Context, seq int64, data []byte) error

	// LoadCheckpoint returns the latest checkpoint and the event it was taken after; seq 0
	// and no data when there is none.
	LoadCheckpoint(ctx context.Context) (seq int64, data []byte, err error)
}

// AppendWaiter is a Store whose appends may still be committing on the server after their
// caller has been told of an error (PostgreSQL): WaitForAppends returns once none is under way,
// so that whether a commit is there can be told for sure.
type AppendWaiter interface {
	WaitForAppends(ctx context.Context) error
}

// Notifier is a Store that tells when any process commits, so that a server following the
// ledger others write catches up at once instead of at its next poll.
type Notifier interface {
	// Changes returns a channel that receives a value soon after a commit; it is closed when
	// ctx is done.
	Changes(ctx context.Context) <-chan struct{}
}

// Clock tells the time; tests inject a fixed one so that recorded times are known.
type Clock interface {
	Now() time.Time
}

// SystemClock is the Clock of the machine.
type SystemClock struct{}

// Now returns the current time in UTC, to the microsecond that stores keep.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

package ledger

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
)

// A checkpoint is the index in binary form (checkpoint_index.go), kept by stores that
// implement orgledger.Checkpointer. Opening a ledger of ten million events by replaying them
// all takes about a minute, most of it reading and decoding the events; decoding a checkpoint
// and replaying the events after it takes seconds. A checkpoint is exactly the index that
// replaying the events up to it builds (checkpoint_test.go proves it on random histories), so
// a ledger opened from one answers every question as one opened by replay.

// OpenStats tell how the ledger was opened.
type OpenStats struct {
	Checkpoint int64         // the event the checkpoint was taken after; 0 when none was used
	Replayed   int64         // events replayed after it
	Ignored    string        // why a checkpoint the store had was not used, if it was not
	Took       time.Duration // the whole of Open
}

// OpenStats tells how the ledger was opened.
func (l *Ledger) OpenStats() OpenStats { return l.opened }

// Checkpoint saves the index in the store, when the store keeps checkpoints, so that the
// next Open replays only the events after this point. Readers go on meanwhile; a write waits
// until the index is encoded.
func (l *Ledger) Checkpoint(ctx context.Context) error {
	cp, ok := l.store.(orgledger.Checkpointer)
	if !ok {
		return nil
	}
	l.mu.RLock()
	head, data := l.x.head(), encodeIndex(l.x)
	l.mu.RUnlock()
	if err := cp.SaveCheckpoint(ctx, int64(head), data); err != nil {
		return fmt.Errorf("save checkpoint: %w", err)
	}
	return nil
}

// load builds the index: from the store's checkpoint when it has a sound one, then the events
// after it. If replaying after a checkpoint fails, it starts again from no checkpoint.
func (l *Ledger) load(ctx context.Context) error {
	start := time.Now()
	defer func() { l.opened.Took = time.Since(start) }()
	l.x = newIndex()
	if x, seq, why := loadCheckpoint(ctx, l.store); x != nil {
		l.x, l.opened.Checkpoint = x, seq
	} else {
		l.opened.Ignored = why
	}
	err := l.catchUp(ctx)
	if err != nil && l.opened.Checkpoint != 0 {
		l.x, l.opened = newIndex(), OpenStats{Ignored: "the events after it do not replay: " + err.Error()}
		err = l.catchUp(ctx)
	}
	l.opened.Replayed = int64(l.x.head()) - l.opened.Checkpoint
	return err
}

// loadCheckpoint returns the store's checkpoint, decoded, and the event it was taken after;
// or nil and why it cannot be used.
func loadCheckpoint(ctx context.Context, store orgledger.Store) (*index, int64, string) {
	cp, ok := store.(orgledger.Checkpointer)
	if !ok {
		return nil, 0, ""
	}
	seq, data, err := cp.LoadCheckpoint(ctx)
	if err != nil || seq == 0 {
		return nil, 0, errString(err)
	}
	x, err := decodeIndex(data)
	if err != nil {
		return nil, 0, err.Error()
	}
	if int64(x.head()) != seq {
		return nil, 0, fmt.Sprintf("it holds %d events, not %d", x.head(), seq)
	}
	if err := matchStore(ctx, store, x); err != nil {
		return nil, 0, err.Error()
	}
	return x, seq, ""
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// errStop ends a scan of the store early.
var errStop = errors.New("stop")

// matchStore checks that the checkpoint's last event and last commit are the store's: that the
// checkpoint was taken of this ledger, not of another whose file was copied over it.
func matchStore(ctx context.Context, store orgledger.Store, x *index) error {
	if len(x.commits) == 0 {
		return errors.New("it has no commits")
	}
	last := x.commits[len(x.commits)-1]
	got, err := CommitHeader(ctx, store, last.id)
	if err != nil {
		return err
	}
	if got == nil || !got.Recorded.Equal(last.recorded) {
		return fmt.Errorf("its last commit %d is not the store's", last.id)
	}
	if head := x.head(); head > 0 {
		evs, err := store.EventsBySeq(ctx, []int64{int64(head)})
		if err != nil {
			return err
		}
		if len(evs) != 1 || evs[0].Commit != int64(x.commits[x.evs[head-1].commit].id) ||
			int32(evs[0].Effective) != x.evs[head-1].day && verbOf(x.evs[head-1]) != orgledger.VerbRetract {
			return fmt.Errorf("its event %d is not the store's", head)
		}
	}
	return nil
}

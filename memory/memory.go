// Package memory is an orgledger.Store held in memory: for tests, and for trying changesets
// against a scratch copy of a ledger without touching its database.
package memory

import (
	"context"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// Store keeps events in a slice. It is safe for concurrent use.
type Store struct {
	mu     sync.Mutex
	events []orgledger.Event
}

var _ orgledger.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store { return &Store{} }

// Copy returns a store holding every event of src.
func Copy(ctx context.Context, src orgledger.Store) (*Store, error) {
	s := New()
	err := src.Events(ctx, 0, func(e *orgledger.Event) error {
		s.events = append(s.events, *e)
		return nil
	})
	return s, err
}

// Append adds the commit's events when head is the last event's seq.
func (s *Store) Append(_ context.Context, head int64, c *orgledger.Commit) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if int64(len(s.events)) != head {
		return orgledger.Errorf(orgledger.ECONFLICT, "the ledger moved on: its head is event %d, not %d", len(s.events), head)
	}
	for _, e := range c.Events {
		e.Commit, e.Recorded, e.Actor, e.Plan = c.ID, c.Recorded, c.Actor, c.Plan
		s.events = append(s.events, e)
	}
	return nil
}

// Events calls fn with every event after the given seq.
func (s *Store) Events(_ context.Context, after int64, fn func(*orgledger.Event) error) error {
	s.mu.Lock()
	evs := s.events[min(max(int(after), 0), len(s.events)):]
	s.mu.Unlock()
	for i := range evs {
		e := evs[i]
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

// EventsBySeq returns the events with the given seqs, in order.
func (s *Store) EventsBySeq(_ context.Context, seqs []int64) ([]orgledger.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []orgledger.Event
	for _, seq := range seqs {
		if seq >= 1 && seq <= int64(len(s.events)) {
			out = append(out, s.events[seq-1])
		}
	}
	return out, nil
}

// Head returns the last event's seq and recorded time.
func (s *Store) Head(context.Context) (int64, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.events) == 0 {
		return 0, time.Time{}, nil
	}
	e := s.events[len(s.events)-1]
	return e.Seq, e.Recorded, nil
}

// Close does nothing.
func (s *Store) Close() error { return nil }

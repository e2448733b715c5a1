package memory

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// Store keeps events in a slice. It is safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	events  []orgledger.Event
	commits []orgledger.Commit // headers, without events
}

var _ orgledger.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store { return &Store{} }

// Copy returns a store holding every commit of src as of the moment it reads the commits'
// headers: the events of commits appended while it reads are left out, so that the copy is
// the ledger as it stood then, not headers of one moment and events of another.
func Copy(ctx context.Context, src orgledger.Store) (*Store, error) {
	s := New()
	err := src.Commits(ctx, 0, func(c *orgledger.Commit) error {
		s.commits = append(s.commits, *c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	last := int64(len(s.commits))
	err = src.Events(ctx, 0, func(e *orgledger.Event) error {
		if e.Commit > last {
			return errCopied
		}
		s.events = append(s.events, *e)
		return nil
	})
	if errors.Is(err, errCopied) {
		err = nil
	}
	return s, err
}

// errCopied stops Copy's reading of events at the first of a commit appended since it read the
// commits.
var errCopied = errors.New("copied every event of the commits read")

// Append adds the commit's events when head is the last event's seq.
func (s *Store) Append(_ context.Context, head int64, c *orgledger.Commit) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if int64(len(s.events)) != head || c.ID != int64(len(s.commits))+1 {
		return orgledger.Errorf(orgledger.ECONFLICT, "the ledger moved on: its head is event %d, not %d", len(s.events), head)
	}
	if err := c.Follows(head); err != nil {
		return err
	}
	for _, e := range c.Events {
		e.Commit, e.Recorded, e.Actor, e.Plan, e.Import = c.ID, c.Recorded, c.Actor, c.Plan, c.Import
		s.events = append(s.events, e)
	}
	h := *c
	h.First, h.Events = head+1, nil
	s.commits = append(s.commits, h)
	return nil
}

// Commits calls fn with the header of every commit after the given id.
func (s *Store) Commits(_ context.Context, after int64, fn func(*orgledger.Commit) error) error {
	s.mu.Lock()
	cs := s.commits[min(max(int(after), 0), len(s.commits)):]
	s.mu.Unlock()
	for i := range cs {
		c := cs[i]
		if err := fn(&c); err != nil {
			return err
		}
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
	for _, seq := range slices.Compact(slices.Sorted(slices.Values(seqs))) {
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

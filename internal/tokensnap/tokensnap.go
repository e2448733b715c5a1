package tokensnap

import (
	"context"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// Snapshot is what Build makes of the stored tokens, read again once it is TTL old. One
// request reads them, without the lock; the others meanwhile answer from the snapshot they
// have while it is younger than twice TTL, and after that, or before there is one, read for
// themselves. A token revoked is so refused within twice TTL, whatever the store does.
type Snapshot[T any] struct {
	TTL   time.Duration
	Now   func() time.Time               // time.Now when nil
	Build func(all []*orgledger.Token) T // what requests look tokens up in

	mu      sync.Mutex
	at      time.Time
	val     T
	have    bool
	reading int          // the requests reading the tokens for the snapshot
	tried   time.Time    // when the last read began
	latest  *readCall[T] // the read that began last
}

// Get returns the snapshot, read again from store when it is TTL old.
func (s *Snapshot[T]) Get(ctx context.Context, store orgledger.TokenStore) (T, error) {
	s.mu.Lock()
	age := s.now().Sub(s.at)
	fresh, usable := s.have && age < s.TTL, s.have && age < 2*s.TTL
	if fresh || (s.reading > 0 && usable) {
		defer s.mu.Unlock()
		return s.val, nil
	}
	return s.read(ctx, store) // unlocks
}

// Fresh returns the tokens as a read that began at or after the call found them: for a token
// the snapshot lacks, which may have been made a moment ago, after the last read began. It
// joins such a read under way; it waits for one under way that began before, rather than
// begin another beside it on a slow store; and it begins one no sooner than every after the
// last began. So requests with unknown tokens read the store one at a time, once every
// `every` at most, however many come, each waiting for that and for the store.
func (s *Snapshot[T]) Fresh(ctx context.Context, store orgledger.TokenStore, every time.Duration) (T, error) {
	var zero T
	s.mu.Lock()
	since, waited := s.now(), false
	for {
		if s.have && !s.at.Before(since) {
			defer s.mu.Unlock()
			return s.val, nil
		}
		if c := s.latest; c != nil && (!c.began.Before(since) || !c.finished()) {
			s.mu.Unlock()
			select {
			case <-c.done:
			case <-ctx.Done():
				return zero, ctx.Err()
			}
			s.mu.Lock()
			if !c.began.Before(since) {
				if c.err == nil {
					defer s.mu.Unlock()
					return c.val, nil
				}
				return s.read(ctx, store) // its reader failed (gone, say): read for this one; unlocks
			}
			continue // one that began before is done: look again
		}
		wait := every - s.now().Sub(s.tried)
		if !s.have || waited || wait <= 0 {
			return s.read(ctx, store) // unlocks
		}
		s.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			return zero, err
		}
		waited = true // once: then read, whatever a clock that tests hold still says
		s.mu.Lock()
	}
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readCall is a read of the tokens: when it began, and, once done is closed, what it found.
type readCall[T any] struct {
	began time.Time
	done  chan struct{}
	val   T
	err   error
}

// finished reports whether the read is done.
func (c *readCall[T]) finished() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// read reads the tokens, without the lock, which the caller holds and read releases, and keeps
// them unless a read that began later kept its own first.
func (s *Snapshot[T]) read(ctx context.Context, store orgledger.TokenStore) (T, error) {
	s.reading++
	at := s.now() // the snapshot is as old as the moment its read began
	c := &readCall[T]{began: at, done: make(chan struct{})}
	s.tried, s.latest = at, c
	s.mu.Unlock()
	all, err := store.Tokens(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(c.done)
	s.reading--
	if c.err = err; err != nil {
		var zero T
		return zero, err
	}
	c.val = s.Build(all)
	if !s.have || at.After(s.at) {
		s.at, s.val, s.have = at, c.val, true
	}
	return c.val, nil
}

func (s *Snapshot[T]) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

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
	reading bool // a request is reading the tokens for the snapshot
}

// Get returns the snapshot, read again from store when it is TTL old.
func (s *Snapshot[T]) Get(ctx context.Context, store orgledger.TokenStore) (T, error) {
	return s.within(ctx, store, s.TTL)
}

// Within returns the snapshot, read again from store when it is older than ttl: for a token
// the snapshot lacks, which may have been made a moment ago, with a ttl short enough for that
// and long enough that unknown tokens cannot make every request read the store.
func (s *Snapshot[T]) Within(ctx context.Context, store orgledger.TokenStore, ttl time.Duration) (T, error) {
	return s.within(ctx, store, min(ttl, s.TTL))
}

func (s *Snapshot[T]) within(ctx context.Context, store orgledger.TokenStore, ttl time.Duration) (T, error) {
	s.mu.Lock()
	age := s.now().Sub(s.at)
	fresh, usable := s.have && age < ttl, s.have && age < 2*ttl
	val, mine := s.val, !fresh && !s.reading
	if fresh || (s.reading && usable) {
		s.mu.Unlock()
		return val, nil
	}
	s.reading = true // by this request (mine), or already by another
	s.mu.Unlock()
	at := s.now() // the snapshot is as old as the moment its read began
	all, err := store.Tokens(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if mine {
		s.reading = false
	}
	if err != nil {
		var zero T
		return zero, err
	}
	val = s.Build(all)
	if !s.have || at.After(s.at) {
		s.at, s.val, s.have = at, val, true
	}
	return val, nil
}

func (s *Snapshot[T]) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

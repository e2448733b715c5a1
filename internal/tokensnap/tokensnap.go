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
	reading int       // the requests reading the tokens for the snapshot
	tried   time.Time // when the last read began
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

// Within returns the snapshot, read again from store unless a read began less than ttl ago or
// is under way: for a token the snapshot lacks, which may have been made a moment ago. Requests
// with unknown tokens so read the store once every ttl at most, however many come at once.
func (s *Snapshot[T]) Within(ctx context.Context, store orgledger.TokenStore, ttl time.Duration) (T, error) {
	s.mu.Lock()
	if s.have && (s.reading > 0 || s.now().Sub(s.tried) < ttl) {
		defer s.mu.Unlock()
		return s.val, nil
	}
	return s.read(ctx, store) // unlocks
}

// read reads the tokens, without the lock, which the caller holds and read releases, and keeps
// them unless a read that began later kept its own first.
func (s *Snapshot[T]) read(ctx context.Context, store orgledger.TokenStore) (T, error) {
	s.reading++
	at := s.now() // the snapshot is as old as the moment its read began
	s.tried = at
	s.mu.Unlock()
	all, err := store.Tokens(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reading--
	if err != nil {
		var zero T
		return zero, err
	}
	val := s.Build(all)
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

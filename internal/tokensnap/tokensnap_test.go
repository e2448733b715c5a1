package tokensnap

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
)

// slowTokens is a token store whose reads block until released, and are counted.
type slowTokens struct {
	orgledger.TokenStore
	reads   atomic.Int32
	release chan struct{}
}

func (s *slowTokens) Tokens(context.Context) ([]*orgledger.Token, error) {
	s.reads.Add(1)
	<-s.release
	return []*orgledger.Token{{Name: "t"}}, nil
}

// TestReadsOnce checks that, once there is a snapshot, a stale one is read again
// by one request while the others answer from it at once, instead of queueing behind a read
// that a stalled database holds up.
func TestReadsOnce(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	s := &Snapshot[[]*orgledger.Token]{TTL: time.Second, Now: func() time.Time { return *clock.Load() },
		Build: func(all []*orgledger.Token) []*orgledger.Token { return all }}
	store := &slowTokens{release: make(chan struct{})}
	close(store.release) // the first read is quick
	if _, err := s.Get(context.Background(), store); err != nil {
		t.Fatal(err)
	}
	store.release = make(chan struct{})
	later := now.Add(1500 * time.Millisecond) // stale, and young enough to answer from while one request reads
	clock.Store(&later)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.Get(context.Background(), store) }() // reads, and waits
	for store.reads.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	for range 10 {
		if all, err := s.Get(context.Background(), store); err != nil || len(all) != 1 {
			t.Fatalf("while another request reads: %v %v", all, err)
		}
	}
	// Past twice its ttl the snapshot is too old to answer from: a request reads for itself.
	oldest := now.Add(2500 * time.Millisecond)
	clock.Store(&oldest)
	wg.Add(1)
	go func() { defer wg.Done(); s.Get(context.Background(), store) }()
	for store.reads.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	close(store.release)
	wg.Wait()
	if n := store.reads.Load(); n != 3 {
		t.Errorf("%d reads of the tokens, want 3: the first, one for the stale snapshot, one past twice its ttl", n)
	}
	// Its age counts from when the read began: the clock moved on during it.
	s.mu.Lock()
	at := s.at
	s.mu.Unlock()
	if !at.Equal(later) && !at.Equal(oldest) {
		t.Errorf("the snapshot is dated %v, want the start of a read (%v or %v)", at, later, oldest)
	}
}

package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// pausing blocks its nth read of events until released.
type pausing struct {
	orgledger.Store
	calls   atomic.Int32
	n       int32
	reached chan struct{}
	release chan struct{}
}

func (p *pausing) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	if p.calls.Add(1) == p.n {
		close(p.reached)
		<-p.release
	}
	return p.Store.Events(ctx, after, fn)
}

// units returns n changes that each open a unit.
func units(n int) []orgledger.Op {
	var ops []orgledger.Op
	for i := range n {
		ops = append(ops, &orgledger.CreateUnit{ID: fmt.Sprint("u", i), Name: "U"})
	}
	return ops
}

// TestCatchUpWholeCommits: readers of a ledger catching up with a commit larger than a batch,
// while it waits for the store's next batch, see all of the commit or none of it.
func TestCatchUpWholeCommits(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	p := &pausing{Store: l.Store(), n: 2, reached: make(chan struct{}), release: make(chan struct{})}
	follower := openOn(t, p, clock)
	p.calls.Store(0)
	apply(t, l, "2022-04-01", units(5000)...)
	done := make(chan error, 1)
	go func() { done <- follower.Refresh(ctx) }()
	<-p.reached
	head, _ := follower.Head()
	close(p.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if head != 0 && head != 5000 {
		t.Errorf("a reader saw head %d: part of a commit of 5000 events", head)
	}
}

// failing fails its nth read of events after ten events.
type failing struct {
	orgledger.Store
	calls atomic.Int32
	n     int32
}

var errMid = errors.New("connection reset mid-read")

func (f *failing) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	if f.calls.Add(1) != f.n {
		return f.Store.Events(ctx, after, fn)
	}
	k := 0
	return f.Store.Events(ctx, after, func(e *orgledger.Event) error {
		if k++; k > 10 {
			return errMid
		}
		return fn(e)
	})
}

// TestCatchUpFailsBetweenCommits: a store that fails in the middle of a commit leaves the
// catch-up at the commit before, headers and events (an import is not listed before its
// events are in), and the next catch-up takes the rest in.
func TestCatchUpFailsBetweenCommits(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	f := &failing{Store: l.Store()}
	follower := openOn(t, f, clock)
	apply(t, l, "2022-04-01", units(3)...)
	if _, err := l.Apply(ctx, changeset("2022-04-30", units(5000)[3:]...), ledger.ApplyOptions{Actor: "hr", Import: date("2022-04-30")}); err != nil {
		t.Fatal(err)
	}
	f.calls.Store(0)
	f.n = 1
	if err := follower.Refresh(ctx); !errors.Is(err, errMid) {
		t.Fatalf("refresh: %v", err)
	}
	if m := follower.Mark(); m.Event != 0 || m.Commit != 0 || len(follower.ImportDates()) != 0 {
		t.Errorf("after a failed catch-up: %+v, imports %v, want where it stood", m, follower.ImportDates())
	}
	if err := follower.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if follower.Mark() != l.Mark() {
		t.Errorf("mark %+v, want %+v", follower.Mark(), l.Mark())
	}
}

// hidingCommits hides the headers of commits from 2 on: a damaged store, with events of commits
// it has no header of.
type hidingCommits struct {
	orgledger.Store
	reads atomic.Int32
}

func (s *hidingCommits) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	s.reads.Add(1)
	return s.Store.Commits(ctx, after, func(c *orgledger.Commit) error {
		if c.ID >= 2 {
			return nil
		}
		return fn(c)
	})
}

// TestCatchUpMissingHeader: an event of a commit two past the headers the store has fails the
// catch-up, naming them, after one more read of the headers, rather than reading for ever.
func TestCatchUpMissingHeader(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.CreateUnit{ID: "u1", Name: "U1"})
	importNothingThenWrite(t, l, clock)
	s := &hidingCommits{Store: l.Store()}
	_, err := ledger.Open(ctx, s, clock)
	if err == nil || !strings.Contains(err.Error(), "event 2 belongs to commit 3, which is not in the ledger") {
		t.Errorf("open: %v", err)
	}
	if n := s.reads.Load(); n > 4 {
		t.Errorf("the headers were read %d times", n)
	}
}

// importNothingThenWrite records, on a ledger of one event, an import that found nothing to
// change (commit 2, without events) and then a changeset (commit 3, event 2).
func importNothingThenWrite(t *testing.T, l *ledger.Ledger, clock *fixedClock) {
	t.Helper()
	empty := &orgledger.Commit{ID: 2, Recorded: clock.t, Actor: "hr", Import: date("2022-04-30"), First: 2}
	if err := l.Store().Append(context.Background(), 1, empty); err != nil {
		t.Fatal(err)
	}
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	apply(t, l, "2022-05-01", &orgledger.CreateUnit{ID: "u2", Name: "U2"})
}

package ledger_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// countingStore counts the reads of events.
type countingStore struct {
	orgledger.Store
	reads int
}

func (s *countingStore) EventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	s.reads++
	return s.Store.EventsBySeq(ctx, seqs)
}

func (s *countingStore) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	s.reads++
	return s.Store.Events(ctx, after, fn)
}

// TestAlreadyAppliedReadsAFew: a ledger of many commits of one hire each on one day (an
// integration that records a hire a request) refuses a hire of someone hired without reading
// every such commit from the store, and still finds a changeset applied again among the last.
// (Found by a review: each refusal read them all, under the write lock, for seconds.)
func TestAlreadyAppliedReadsAFew(t *testing.T) {
	store := &countingStore{Store: memory.New()}
	l := openOn(t, store, &fixedClock{t: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	for i := range 200 {
		apply(t, l, "2025-01-15", &orgledger.Hire{ID: fmt.Sprintf("p%03d", i), Name: fmt.Sprintf("Person %d", i)})
	}
	store.reads = 0
	_, err := l.Apply(context.Background(), changeset("2025-01-15", &orgledger.Hire{ID: "p007", Name: "Someone Else"}), ledger.ApplyOptions{Actor: "test"})
	if orgledger.ErrorCode(err) != orgledger.EINVALID || strings.Contains(err.Error(), "in the ledger already") {
		t.Fatalf("a hire of someone hired, by another name: %v", err)
	}
	if store.reads > 8 {
		t.Errorf("the refusal read events from the store %d times, want at most 8", store.reads)
	}
	_, err = l.Apply(context.Background(), changeset("2025-01-15", &orgledger.Hire{ID: "p197", Name: "Person 197"}), ledger.ApplyOptions{Actor: "test"})
	if !strings.Contains(fmt.Sprint(err), "in the ledger already, as commit 198 (event 198,") {
		t.Errorf("a recent hire applied again: %v", err)
	}
}

// TestAlreadyAppliedNotForPlans: a plan's or an import's changes are worked out from the
// ledger, not a file applied twice: their refusal is not told as one.
func TestAlreadyAppliedNotForPlans(t *testing.T) {
	l, _ := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.Hire{ID: "ann", Name: "Ann"})
	for _, opt := range []ledger.ApplyOptions{{Actor: "test", Plan: "reorg@ann"}, {Actor: "test", Import: date("2022-04-01")}} {
		_, err := l.Apply(context.Background(), changeset("2022-04-01", &orgledger.Hire{ID: "ann", Name: "Ann"}), opt)
		if orgledger.ErrorCode(err) != orgledger.EINVALID || strings.Contains(err.Error(), "in the ledger already") {
			t.Errorf("%+v: %v", opt, err)
		}
	}
	_, err := l.Apply(context.Background(), changeset("2022-04-01", &orgledger.Hire{ID: "ann", Name: "Ann"}), ledger.ApplyOptions{Actor: "test"})
	if !strings.Contains(fmt.Sprint(err), "in the ledger already") {
		t.Errorf("the same changes applied again by hand: %v", err)
	}
}

package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// countedReads is a store that counts the reads of events by number.
type countedReads struct {
	*memory.Store
	reads int
}

func (c *countedReads) EventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	c.reads++
	return c.Store.EventsBySeq(ctx, seqs)
}

// TestHistoryWithinAHorizon: a history asked with a horizon (a viewer's) lists the events
// effective by then; a record that exists only after it is not found, as an unknown one is,
// and its events are not even read, so that the time the answer takes does not tell them
// apart either. (A review timed the two.)
func TestHistoryWithinAHorizon(t *testing.T) {
	store := &countedReads{Store: memory.New()}
	l, err := ledger.Open(context.Background(), store, &fixedClock{t: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, l, "2022-01-01", &orgledger.Hire{ID: "ann", Name: "Ann"})
	newName := "Ann B"
	apply(t, l, "2022-09-01", &orgledger.UpdatePerson{Person: "ann", Name: &newName}, &orgledger.Hire{ID: "zed", Name: "Zed"})
	h, err := l.History(context.Background(), "ann", ledger.HistoryOptions{Horizon: date("2022-05-01")})
	if err != nil || len(h.Events) != 1 || h.Events[0].Verb != orgledger.VerbHire {
		t.Fatalf("ann's history by 2022-05-01: %+v %v", h, err)
	}
	if h, err := l.History(context.Background(), "ann", ledger.HistoryOptions{}); err != nil || len(h.Events) != 2 {
		t.Fatalf("ann's whole history: %+v %v", h, err)
	}
	store.reads = 0
	for _, id := range []string{"zed", "nobody"} {
		if _, err := l.History(context.Background(), id, ledger.HistoryOptions{Horizon: date("2022-05-01")}); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
			t.Errorf("%s's history by 2022-05-01: %v", id, err)
		}
	}
	if store.reads != 0 {
		t.Errorf("the events were read %d times for records the horizon hides", store.reads)
	}
}

// TestNoPlanWithinAHorizon: an event a plan recorded shows its plan in history and log, but not
// to a caller with a horizon (a viewer, for whom there are no plans), though the event is in
// force: the plan's name and owner are the plan's.
func TestNoPlanWithinAHorizon(t *testing.T) {
	l, _ := mustOpen(t)
	if _, err := l.Apply(context.Background(), changeset("2022-04-01", &orgledger.Hire{ID: "a", Name: "A"}),
		ledger.ApplyOptions{Actor: "admin", Plan: "layoffs@hr"}); err != nil {
		t.Fatal(err)
	}
	for _, horizon := range []orgledger.Date{0, date("2022-05-01")} {
		h, err := l.History(context.Background(), "a", ledger.HistoryOptions{Horizon: horizon})
		if err != nil {
			t.Fatal(err)
		}
		lg, err := l.Log(context.Background(), ledger.LogOptions{Horizon: horizon})
		if err != nil {
			t.Fatal(err)
		}
		want := "layoffs@hr"
		if horizon != 0 {
			want = ""
		}
		if h.Events[0].Plan != want || lg.Events[0].Plan != want {
			t.Errorf("horizon %s: history's plan %q, log's %q, want %q", horizon, h.Events[0].Plan, lg.Events[0].Plan, want)
		}
	}
}

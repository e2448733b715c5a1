package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestHeadWithin checks the head as a caller with a horizon knows it: writes effective after
// the horizon leave it, a retraction of what the caller sees moves it, whatever its date.
func TestHeadWithin(t *testing.T) {
	l, _ := mustOpen(t)
	horizon := date("2022-05-01")
	seen := apply(t, l, "2022-04-01", &orgledger.Hire{ID: "a", Name: "A"}).Commit
	apply(t, l, "2022-09-01", &orgledger.Hire{ID: "b", Name: "B"})
	if seq, rec := l.HeadWithin(horizon); seq != seen.Events[0].Seq || !rec.Equal(seen.Recorded) {
		t.Errorf("after a later write: %d at %v, want %d at %v", seq, rec, seen.Events[0].Seq, seen.Recorded)
	}
	if seq, _ := l.HeadWithin(0); seq != 2 {
		t.Errorf("no horizon: %d, want the head, 2", seq)
	}
	retract := apply(t, l, "2022-09-02", &orgledger.Retract{Event: seen.Events[0].Seq, Reason: "wrong"}).Commit
	if seq, _ := l.HeadWithin(horizon); seq != retract.Events[0].Seq {
		t.Errorf("after a retraction of what is seen: %d, want %d", seq, retract.Events[0].Seq)
	}
	if seq, _ := l.HeadWithin(date("2021-01-01")); seq != 0 {
		t.Errorf("before every event: %d, want 0", seq)
	}
}

// TestBehindACommitWithoutEvents: another process's import that found nothing to change
// appends a commit without events; a ledger on the same store is behind it, though the last
// event is the same, until it refreshes, and then knows the date as imported.
func TestBehindACommitWithoutEvents(t *testing.T) {
	l, clock := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.Hire{ID: "a", Name: "A"})
	other := openOn(t, l.Store(), clock)
	if behind, err := l.Behind(context.Background()); err != nil || behind {
		t.Fatalf("behind before anything else was written: %v %v", behind, err)
	}
	if _, err := other.Apply(context.Background(), &orgledger.Changeset{Effective: date("2022-05-01")},
		ledger.ApplyOptions{Actor: "hris", Import: date("2022-05-01")}); err != nil {
		t.Fatal(err)
	}
	if behind, err := l.Behind(context.Background()); err != nil || !behind {
		t.Errorf("not behind the other's commit without events: %v %v", behind, err)
	}
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if behind, _ := l.Behind(context.Background()); behind || len(l.ImportDates()) != 1 || l.Mark() != other.Mark() {
		t.Errorf("after refreshing: behind %v, import dates %v, mark %+v and the other's %+v", behind, l.ImportDates(), l.Mark(), other.Mark())
	}
}

// TestCheckedAsOfTheStoresHead: a changeset that needs what another process wrote a moment ago
// is checked again once the ledger has taken that in, not refused against its older copy; a
// dry run answers as of the store's head too; a changeset bad in itself is still refused.
func TestCheckedAsOfTheStoresHead(t *testing.T) {
	l, clock := mustOpen(t)
	other := openOn(t, l.Store(), clock)
	apply(t, other, "2022-04-01", &orgledger.CreateUnit{ID: "eng", Name: "Eng"})
	position := changeset("2022-04-01", &orgledger.CreatePosition{ID: "cto", Title: "CTO", Unit: "eng"})
	if res, err := l.Apply(context.Background(), position, ledger.ApplyOptions{Actor: "test", DryRun: true}); err != nil || len(res.Diffs) == 0 {
		t.Fatalf("a dry run that needs the other's unit: %v", err)
	}
	apply(t, other, "2022-04-01", &orgledger.CreateUnit{ID: "ops", Name: "Ops"})
	inOps := changeset("2022-04-01", &orgledger.CreatePosition{ID: "coo", Title: "COO", Unit: "ops"})
	if _, err := l.Apply(context.Background(), inOps, ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatalf("a changeset that needs the other's unit: %v", err)
	}
	bad := changeset("2022-04-01", &orgledger.CreatePosition{ID: "cfo", Title: "CFO", Unit: "nowhere"})
	if _, err := l.Apply(context.Background(), bad, ledger.ApplyOptions{Actor: "test"}); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Errorf("a position in no unit: %v", err)
	}
}

// racing is a store whose next read of events first lets another process record: what may
// happen between a catch-up's read of the commits and its read of the events.
type racing struct {
	orgledger.Store
	before func()
}

func (r *racing) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	if f := r.before; f != nil {
		r.before = nil
		f()
	}
	return r.Store.Events(ctx, after, fn)
}

// TestCatchUpPastCommitsItHadNotRead: an import that found nothing to change (a commit without
// events) and a changeset, recorded by another process between a catch-up's two reads, are
// both taken in: the event of a commit whose header was not read sends it back for the headers.
func TestCatchUpPastCommitsItHadNotRead(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.CreateUnit{ID: "u1", Name: "U1"})
	r := &racing{Store: l.Store()}
	behind := openOn(t, r, clock)
	r.before = func() { importNothingThenWrite(t, l, clock) }
	if err := behind.Refresh(ctx); err != nil {
		t.Fatalf("a catch-up past an import without events: %v", err)
	}
	if got, want := behind.Mark(), l.Mark(); got != want {
		t.Errorf("caught up to %+v, want %+v", got, want)
	}
	if dates := behind.ImportDates(); len(dates) != 1 || dates[0] != date("2022-04-30") {
		t.Errorf("imported dates %v", dates)
	}
}

// TestReadersGoOnWhileTheStoreIsRead: while a catch-up waits for the store, readers of the
// ledger are answered from what it has.
func TestReadersGoOnWhileTheStoreIsRead(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	r := &racing{Store: l.Store()}
	follower := openOn(t, r, clock)
	apply(t, l, "2022-04-01", &orgledger.CreateUnit{ID: "u1", Name: "U1"})
	reading, release := make(chan struct{}), make(chan struct{})
	r.before = func() { close(reading); <-release }
	refreshed := make(chan error, 1)
	go func() { refreshed <- follower.Refresh(ctx) }()
	<-reading
	answered := make(chan struct{})
	go func() {
		follower.Chart(ledger.Query{At: date("2022-04-01")}, ledger.ChartOptions{Depth: -1})
		close(answered)
	}()
	select {
	case <-answered:
	case <-time.After(5 * time.Second):
		t.Error("a chart waited for the store's events")
	}
	close(release)
	if err := <-refreshed; err != nil {
		t.Fatal(err)
	}
	<-answered
}

// TestDryRunAsOfTheStoresHead: a dry run valid on the ledger's older copy too answers with the
// difference it makes as of the store's head: the leaving of someone another process has just
// placed in a position vacates it.
func TestDryRunAsOfTheStoresHead(t *testing.T) {
	l, clock := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.Hire{ID: "ann", Name: "Ann"}, &orgledger.CreateUnit{ID: "eng", Name: "Eng"})
	stale := openOn(t, l.Store(), clock)
	apply(t, l, "2022-04-01", &orgledger.CreatePosition{ID: "cto", Title: "CTO", Unit: "eng"}, &orgledger.Assign{Person: "ann", Position: "cto"})
	res, err := stale.Apply(context.Background(), changeset("2022-05-01", &orgledger.Leave{Person: "ann"}), ledger.ApplyOptions{Actor: "test", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	vacated := false
	for _, d := range res.Diffs {
		for _, ch := range d.Changes {
			vacated = vacated || (ch.Kind == "position-vacated" && ch.Position == "cto")
		}
	}
	if !vacated {
		t.Errorf("the dry run's difference, as of the store's head, lacks cto vacated: %+v", res.Diffs)
	}
}

package ledger_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// unconfirmed is a store whose appends fail after writing (written) or before (not written),
// as a connection lost after or before the database committed; and whose commits cannot be
// read when unreadable is set.
type unconfirmed struct {
	orgledger.Store
	written, unreadable bool
	notWritten          bool // the store's error says it wrote nothing
}

var errLost = errors.New("conn closed")

func (s *unconfirmed) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	if s.written {
		if err := s.Store.Append(ctx, head, c); err != nil {
			return err
		}
	}
	if s.notWritten {
		return errors.Join(errLost, orgledger.ErrNotWritten)
	}
	return errLost
}

func (s *unconfirmed) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	if s.unreadable {
		return errLost
	}
	return s.Store.Commits(ctx, after, fn)
}

// TestAppendNotConfirmed: an append the store did not confirm is looked for: found, it stands
// as recorded; not there, the error says nothing was written, as a database that cut the write
// off (a 503, to try again); when the store cannot say, that the changes may have been
// recorded.
func TestAppendNotConfirmed(t *testing.T) {
	for _, tc := range []struct {
		store    unconfirmed
		recorded bool
		code     string
		says     string
	}{
		{unconfirmed{written: true}, true, "", ""},
		{unconfirmed{}, false, orgledger.EUNAVAILABLE, "nothing of it was written; try again"},
		{unconfirmed{written: true, unreadable: true}, false, orgledger.EUNAVAILABLE, "may have been recorded"},
		{unconfirmed{notWritten: true, unreadable: true}, false, orgledger.EINTERNAL, "nothing was written"}, // the store knows: no looking
	} {
		s := unconfirmed{Store: memory.New(), written: tc.store.written, notWritten: tc.store.notWritten}
		l, err := ledger.Open(context.Background(), &s, &fixedClock{t: date("2022-05-01").Time()})
		if err != nil {
			t.Fatal(err)
		}
		s.unreadable = tc.store.unreadable
		_, err = l.Apply(context.Background(), changeset("2022-05-01", &orgledger.Hire{ID: "ann", Name: "Ann"}), ledger.ApplyOptions{Actor: "test"})
		if orgledger.ErrorCode(err) != tc.code || !strings.Contains(errorText(err), tc.says) {
			t.Errorf("%+v: %v, want code %q saying %q", tc.store, err, tc.code, tc.says)
		}
		if head, _ := l.Head(); (head == 1) != tc.recorded {
			t.Errorf("%+v: the ledger's head is %d", tc.store, head)
		}
	}
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// lostAppend lets another process append first, then fails as a connection lost before the
// commit.
type lostAppend struct {
	orgledger.Store
	other func()
}

func (s *lostAppend) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	if f := s.other; f != nil {
		s.other = nil
		f()
		return errLost
	}
	return s.Store.Append(ctx, head, c)
}

// TestAppendNotConfirmedOthersCommit: an append the store did not confirm is not taken for
// done when the commit of its number is another process's, with the same recorded time and
// actor (two backfills by one token): the error says nothing was written, and the ledger
// holds what the store holds.
func TestAppendNotConfirmedOthersCommit(t *testing.T) {
	ctx := context.Background()
	l, clock := mustOpen(t)
	apply(t, l, "2022-04-01", &orgledger.CreateUnit{ID: "u1", Name: "U1"})
	s := &lostAppend{Store: l.Store()}
	mine := openOn(t, s, clock)
	backfill := func(id string) *orgledger.Changeset {
		cs := changeset("2022-04-02", &orgledger.CreateUnit{ID: id, Name: "U"})
		cs.Recorded = clock.t
		return cs
	}
	s.other = func() {
		if _, err := l.Apply(ctx, backfill("theirs"), ledger.ApplyOptions{Actor: "migration"}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := mine.Apply(ctx, backfill("mine"), ledger.ApplyOptions{Actor: "migration"})
	if err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("an append lost behind another's commit of the same header: %v", err)
	}
	if _, ok := mine.Record("mine"); ok {
		t.Error("the ledger took in a change the store does not hold")
	}
}

// lateCommit is a store whose appends are still committing on the server when their caller is
// told of an error: they land while the caller waits for the appends under way.
type lateCommit struct {
	orgledger.Store
	landing func() error
}

func (s *lateCommit) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	s.landing = func() error { return s.Store.Append(ctx, head, c) }
	return errLost
}

func (s *lateCommit) WaitForAppends(context.Context) error {
	if f := s.landing; f != nil {
		s.landing = nil
		return f()
	}
	return nil
}

// TestAppendStillCommitting: an append the server was still committing when its caller was
// told of an error is waited for before it is looked for, and found: it stands as recorded,
// not "nothing was written".
func TestAppendStillCommitting(t *testing.T) {
	s := &lateCommit{Store: memory.New()}
	l := openOn(t, s, &fixedClock{t: date("2022-05-01").Time()})
	if _, err := l.Apply(context.Background(), changeset("2022-05-01", &orgledger.Hire{ID: "ann", Name: "Ann"}), ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatalf("an append that landed late: %v", err)
	}
	if head, _ := l.Head(); head != 1 {
		t.Errorf("head %d", head)
	}
}

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
}

var errLost = errors.New("conn closed")

func (s *unconfirmed) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	if s.written {
		if err := s.Store.Append(ctx, head, c); err != nil {
			return err
		}
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
// as recorded; not there, the error says nothing was written; when the store cannot say, that
// the changes may have been recorded.
func TestAppendNotConfirmed(t *testing.T) {
	for _, tc := range []struct {
		store    unconfirmed
		recorded bool
		code     string
		says     string
	}{
		{unconfirmed{written: true}, true, "", ""},
		{unconfirmed{}, false, orgledger.EINTERNAL, "nothing was written"},
		{unconfirmed{written: true, unreadable: true}, false, orgledger.EUNAVAILABLE, "may have been recorded"},
	} {
		s := unconfirmed{Store: memory.New(), written: tc.store.written}
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

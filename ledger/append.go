package ledger

import (
	"context"
	"errors"
	"time"

	"github.com/orgledger/orgledger"
)

// appendOrFind appends c at head. When the store answers with an error, the commit may be
// there all the same: a connection lost after the database committed, a caller gone while it
// did. The store is asked then, with a context of its own, whether c is there: if it is, the
// append succeeded; if it is not, the error says that nothing was written: the store's own
// error where it has a code, else EUNAVAILABLE (a write the database cut off, its connection
// ended, say: a 503, which a client may try again); if the store cannot say, that the changes
// may have been recorded.
func (l *Ledger) appendOrFind(ctx context.Context, head int64, c *orgledger.Commit) error {
	err := l.store.Append(ctx, head, c)
	if err == nil || orgledger.ErrorCode(err) == orgledger.ECONFLICT || errors.Is(err, orgledger.ErrNotWritten) {
		return err // the store says what happened: done, or nothing written
	}
	ask, cancel := context.WithTimeout(context.WithoutCancel(ctx), findWithin+time.Duration(len(c.Events))*findEach)
	defer cancel()
	var ferr error
	if w, ok := l.store.(orgledger.AppendWaiter); ok {
		ferr = w.WaitForAppends(ask) // a commit the server was still making is made, or not, by then
	}
	found := false
	if ferr == nil {
		found, ferr = l.findCommit(ask, c)
	}
	switch {
	case ferr != nil:
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database did not confirm the commit, and cannot be read now: the changes may have been recorded; see the log before applying them again"), err, ferr)
	case found:
		return nil
	}
	if orgledger.ErrorCode(err) != orgledger.EINTERNAL {
		return orgledger.WithCause(err, orgledger.ErrNotWritten) // the store told why, for the user
	}
	return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
		"the write was cut off before the database recorded it: nothing of it was written; try again shortly"), orgledger.ErrNotWritten, err)
}

// findWithin, and findEach for each of its events, bound how long appendOrFind asks the store
// whether a commit it did not confirm is there.
const (
	findWithin = 10 * time.Second
	findEach   = 50 * time.Microsecond
)

// findCommit reports whether the store holds commit c as c: its header, and every event of it
// as c has it, so that another process's commit of the same number, time and actor is not
// taken for c.
func (l *Ledger) findCommit(ctx context.Context, c *orgledger.Commit) (bool, error) {
	got, err := CommitHeader(ctx, l.store, c.ID)
	if err != nil {
		return false, err
	}
	if got == nil || !got.Recorded.Equal(c.Recorded) || got.Actor != c.Actor || got.First != c.First ||
		got.Source != c.Source || got.Note != c.Note || got.Plan != c.Plan || got.File != c.File || got.Import != c.Import {
		return false, nil
	}
	same, n := true, 0
	err = l.store.Events(ctx, c.First-1, func(e *orgledger.Event) error {
		if n == len(c.Events) {
			return errStop
		}
		same = same && e.Commit == c.ID && sameEvent(e, &c.Events[n])
		n++
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return false, err
	}
	return same && n == len(c.Events), nil
}

// sameEvent reports whether two events record the same change, with the same effects, on the
// same date.
func sameEvent(a, b *orgledger.Event) bool {
	ad, ae, err1 := orgledger.EncodeEvent(a)
	bd, be, err2 := orgledger.EncodeEvent(b)
	return err1 == nil && err2 == nil && ad == bd && ae == be && a.Effective == b.Effective &&
		a.Source == b.Source && a.Note == b.Note
}

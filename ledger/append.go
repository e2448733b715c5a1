package ledger

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
)

// appendOrFind appends c at head. When the store answers with an error, the commit may be
// there all the same: a connection lost after the database committed, a caller gone while it
// did. The store is asked then, with a context of its own, whether c is there: if it is, the
// append succeeded; if it is not, the error says that nothing was written; if the store cannot
// say, that the changes may have been recorded.
func (l *Ledger) appendOrFind(ctx context.Context, head int64, c *orgledger.Commit) error {
	err := l.store.Append(ctx, head, c)
	if err == nil || orgledger.ErrorCode(err) == orgledger.ECONFLICT {
		return err
	}
	ask, cancel := context.WithTimeout(context.WithoutCancel(ctx), findWithin)
	defer cancel()
	found, ferr := l.findCommit(ask, c)
	switch {
	case ferr != nil:
		return errors.Join(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database did not confirm the commit, and cannot be read now: the changes may have been recorded; see the log before applying them again"), err, ferr)
	case found:
		return nil
	}
	return fmt.Errorf("append: nothing was written: %w", err)
}

// findWithin bounds how long appendOrFind asks the store whether a commit it did not confirm
// is there.
const findWithin = 10 * time.Second

// findCommit reports whether the store holds commit c as c: its header, and every event of it
// as c has it, so that another process's commit of the same number, time and actor is not
// taken for c.
func (l *Ledger) findCommit(ctx context.Context, c *orgledger.Commit) (bool, error) {
	var got *orgledger.Commit
	err := l.store.Commits(ctx, c.ID-1, func(h *orgledger.Commit) error {
		got = h
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return false, err
	}
	if got == nil || got.ID != c.ID || !got.Recorded.Equal(c.Recorded) || got.Actor != c.Actor || got.First != c.First ||
		got.Source != c.Source || got.Note != c.Note || got.Plan != c.Plan || got.File != c.File || got.Import != c.Import {
		return false, nil
	}
	seqs := make([]int64, len(c.Events))
	for i := range c.Events {
		seqs[i] = c.Events[i].Seq
	}
	stored, err := l.store.EventsBySeq(ctx, seqs)
	if err != nil || len(stored) != len(c.Events) {
		return false, err
	}
	for i := range stored {
		if stored[i].Commit != c.ID || !sameEvent(&stored[i], &c.Events[i]) {
			return false, nil
		}
	}
	return true, nil
}

// sameEvent reports whether two events record the same change, with the same effects, on the
// same date.
func sameEvent(a, b *orgledger.Event) bool {
	ad, ae, err1 := orgledger.EncodeEvent(a)
	bd, be, err2 := orgledger.EncodeEvent(b)
	return err1 == nil && err2 == nil && ad == bd && ae == be && a.Effective == b.Effective &&
		a.Source == b.Source && a.Note == b.Note
}

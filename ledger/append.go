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

// findCommit reports whether the store holds commit c as c: its number, with its recorded
// time, actor and first event.
func (l *Ledger) findCommit(ctx context.Context, c *orgledger.Commit) (bool, error) {
	found := false
	err := l.store.Commits(ctx, c.ID-1, func(got *orgledger.Commit) error {
		found = got.ID == c.ID && got.Recorded.Equal(c.Recorded) && got.Actor == c.Actor && got.First == c.First
		return errStop
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return found, err
}

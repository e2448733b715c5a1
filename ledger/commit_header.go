package ledger

import (
	"context"
	"errors"

	"github.com/orgledger/orgledger"
)

// CommitHeader returns the header of commit id as the store has it, without its events; nil
// when the store has no such commit.
func CommitHeader(ctx context.Context, store orgledger.Store, id int64) (*orgledger.Commit, error) {
	var got *orgledger.Commit
	err := store.Commits(ctx, id-1, func(c *orgledger.Commit) error {
		if c.ID == id {
			got = c
		}
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	return got, nil
}

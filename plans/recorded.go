package plans

import (
	"context"
	"slices"
	"sync"

	"github.com/orgledger/orgledger"
)

// Recording returns a context under which what the service records in the ledger of its own
// accord (changes a leaving releases, what a retracted leaving takes back) is noted, and a
// function that returns those commits, in the order recorded: what follows a write that its
// answer tells (AfterCommit).
func Recording(ctx context.Context) (context.Context, func() []*orgledger.Commit) {
	var mu sync.Mutex
	var commits []*orgledger.Commit
	note := func(c *orgledger.Commit) {
		mu.Lock()
		defer mu.Unlock()
		commits = append(commits, c)
	}
	return context.WithValue(ctx, recordingKey{}, note), func() []*orgledger.Commit {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(commits)
	}
}

type recordingKey struct{}

// noteRecorded notes a commit the service recorded, for Recording.
func noteRecorded(ctx context.Context, c *orgledger.Commit) {
	if note, ok := ctx.Value(recordingKey{}).(func(*orgledger.Commit)); ok && c != nil {
		note(c)
	}
}

package gen

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"hash"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// skipWritten moves g past the changesets of its history that the ledger holds already, and
// sets Progress.Resumed to how many there are. Each is checked against the commit that
// recorded it: its actor, source, note, recorded time and number of events; the last the
// ledger holds, where the run was cut short, also by its content, a digest of its events as
// stored (their effects left out, which the ledger works out) against one of the events the
// changeset is recorded as. A ledger whose history differs in any of these (another seed, or a
// release of gen that makes other changes) is refused, naming the first commit that differs,
// before anything is written.
//
// Only the last commit's events are read: at a million people, reading and digesting every
// one takes minutes, about half as long as making the history. The generator draws every
// changeset from the org the ones before it made and from one stream of random numbers, so a
// release that makes other changes in an earlier changeset makes other ones in the last too,
// but for a change that leaves every later draw alone.
func skipWritten(ctx context.Context, l *ledger.Ledger, g *Generator) error {
	head, _ := l.Head()
	if head == 0 {
		return nil
	}
	var commits []orgledger.Commit
	err := l.Store().Commits(ctx, 0, func(c *orgledger.Commit) error {
		commits = append(commits, *c)
		return nil
	})
	if err != nil {
		return err
	}
	for i := range commits {
		c := &commits[i]
		last := head
		if i+1 < len(commits) {
			last = commits[i+1].First - 1
		}
		cs := g.Next()
		if cs == nil || c.Actor != actor || c.Source != cs.Source || c.Note != cs.Note ||
			!c.Recorded.Equal(cs.Recorded) || last-c.First+1 != int64(len(cs.Changes)) {
			return anotherHistory(head, c, i+1, "")
		}
		if i == len(commits)-1 {
			if err := sameContent(ctx, l.Store(), c, cs, head, i+1); err != nil {
				return err
			}
		}
	}
	g.progress.Resumed = len(commits)
	return nil
}

// sameContent refuses commit c, changeset n of the history, which head ends, unless its events
// as stored are the ones cs is recorded as.
func sameContent(ctx context.Context, s orgledger.Store, c *orgledger.Commit, cs *orgledger.Changeset, head int64, n int) error {
	h := sha256.New()
	want, err := digestChangeset(h, c, cs)
	if err != nil {
		return err
	}
	h.Reset()
	err = s.Events(ctx, c.First-1, func(e *orgledger.Event) error {
		if e.Seq > head {
			return errRead
		}
		e.Effects = orgledger.Effects{}
		return orgledger.DigestEvent(h, e)
	})
	if err != nil && !errors.Is(err, errRead) {
		return err
	}
	if [sha256.Size]byte(h.Sum(nil)) != want {
		return anotherHistory(head, c, n, ": it records as many changes, but other ones")
	}
	return nil
}

// errRead stops the reading of a commit's events at its last.
var errRead = errors.New("the commit is read")

// anotherHistory is the refusal of a ledger whose commit c is not changeset n of the history
// asked for; why, if not empty, tells how they differ.
func anotherHistory(head int64, c *orgledger.Commit, n int, why string) error {
	return orgledger.Errorf(orgledger.EINVALID, "gen writes into an empty ledger, or goes on with a history it was cut short in, given the same --people, --years and --seed (and release of orgledger); "+
		"this ledger, of %d events, holds a different history: its commit %d (%q) is not this history's changeset %d%s", head, c.ID, c.Note, n, why)
}

// digestChangeset is the digest of the events cs is recorded as by commit c, their effects
// left out, as sameContent makes it of the events stored. The generator makes a changeset's
// changes in effective order, which is the order the ledger numbers them in.
func digestChangeset(h hash.Hash, c *orgledger.Commit, cs *orgledger.Changeset) ([sha256.Size]byte, error) {
	h.Reset()
	for i, ch := range cs.Changes {
		e := orgledger.Event{Seq: c.First + int64(i), Commit: c.ID, Effective: cmp.Or(ch.Effective, cs.Effective),
			Recorded: cs.Recorded, Actor: actor, Source: cmp.Or(ch.Source, cs.Source), Note: cmp.Or(ch.Note, cs.Note), Op: ch.Op}
		if err := orgledger.DigestEvent(h, &e); err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

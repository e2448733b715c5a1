package gen

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"hash"
	"runtime"
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// skipWritten moves g past the changesets of its history that the ledger holds already, and
// sets Progress.Resumed to how many there are. Each is checked against the commit that
// recorded it: its actor, source, note, recorded time and number of events, then its content,
// a digest of its events as stored (their effects left out, which the ledger works out)
// against one of the events the changeset is recorded as. A ledger whose history differs in
// any of these (another seed, or a release of gen that makes other changes) is refused,
// naming the first commit that differs, before anything is written.
//
// The stored events are read and digested on every core while g makes the changesets again:
// at a million people, reading them takes longer than making them.
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
	ctx, cancel := context.WithCancel(ctx)
	stored := readDigests(ctx, l.Store(), commits, head)
	defer func() {
		cancel()
		stored.wait()
	}()
	h := sha256.New()
	for i := range commits {
		c := &commits[i]
		cs := g.Next()
		if cs == nil || c.Actor != actor || c.Source != cs.Source || c.Note != cs.Note ||
			!c.Recorded.Equal(cs.Recorded) || stored.last(i)-c.First+1 != int64(len(cs.Changes)) {
			return anotherHistory(head, c, i+1, "")
		}
		want, err := digestChangeset(h, c, cs)
		if err != nil {
			return err
		}
		got, err := stored.sum(ctx, i)
		if err != nil {
			return err
		}
		if got != want {
			return anotherHistory(head, c, i+1, ": it records as many changes, but other ones")
		}
	}
	g.progress.Resumed = len(commits)
	return nil
}

// anotherHistory is the refusal of a ledger whose commit c is not changeset n of the history
// asked for; why, if not empty, tells how they differ.
func anotherHistory(head int64, c *orgledger.Commit, n int, why string) error {
	return orgledger.Errorf(orgledger.EINVALID, "gen writes into an empty ledger, or goes on with a history it was cut short in, given the same --people, --years and --seed (and release of orgledger); "+
		"this ledger, of %d events, holds a different history: its commit %d (%q) is not this history's changeset %d%s", head, c.ID, c.Note, n, why)
}

// digests are the digests of the events of commits as stored, each commit's made once its
// events are read. The events are read in parts, a part of about as many events for each core.
type digests struct {
	commits []orgledger.Commit
	head    int64
	sums    [][sha256.Size]byte
	ready   []chan struct{} // ready[i] is closed once sums[i] is made
	failed  chan struct{}   // closed once a part stopped on an error, err
	once    sync.Once
	err     error
	parts   sync.WaitGroup
}

// readDigests begins reading the events of commits, which head ends, from s.
func readDigests(ctx context.Context, s orgledger.Store, commits []orgledger.Commit, head int64) *digests {
	d := &digests{commits: commits, head: head, sums: make([][sha256.Size]byte, len(commits)),
		ready: make([]chan struct{}, len(commits)), failed: make(chan struct{})}
	for i := range d.ready {
		d.ready[i] = make(chan struct{})
	}
	n := int64(runtime.GOMAXPROCS(0))
	size := max((head-commits[0].First+1)/n, 1) // about as many events in each part
	for i := 0; i < len(commits); {
		j := i + 1
		for j < len(commits) && commits[j].First-commits[i].First < size {
			j++
		}
		d.parts.Add(1)
		go func(i, j int) {
			defer d.parts.Done()
			if err := d.read(ctx, s, i, j); err != nil {
				d.once.Do(func() { d.err = err; close(d.failed) })
			}
		}(i, j)
		i = j
	}
	return d
}

// last is the seq of the last event of commit i.
func (d *digests) last(i int) int64 {
	if i+1 < len(d.commits) {
		return d.commits[i+1].First - 1
	}
	return d.head
}

// errPartRead stops the reading of a part at its last event.
var errPartRead = errors.New("the part is read")

// read digests the events of commits i to j (not j), each as DigestEvent writes it with its
// effects left out.
func (d *digests) read(ctx context.Context, s orgledger.Store, i, j int) error {
	h, end := sha256.New(), d.last(j-1)
	err := s.Events(ctx, d.commits[i].First-1, func(e *orgledger.Event) error {
		if e.Seq > end {
			return errPartRead
		}
		for e.Seq > d.last(i) { // the commits before e's are read (none of their events is missing)
			d.done(i, h)
			i++
		}
		e.Effects = orgledger.Effects{}
		return orgledger.DigestEvent(h, e)
	})
	if err != nil && !errors.Is(err, errPartRead) {
		return err
	}
	for ; i < j; i++ { // the last, and any whose events the store did not give
		d.done(i, h)
	}
	return nil
}

// done makes commit i's digest of what h has taken, and starts h anew.
func (d *digests) done(i int, h hash.Hash) {
	h.Sum(d.sums[i][:0])
	h.Reset()
	close(d.ready[i])
}

// sum waits for the digest of commit i.
func (d *digests) sum(ctx context.Context, i int) ([sha256.Size]byte, error) {
	select {
	case <-d.ready[i]:
		return d.sums[i], nil
	case <-d.failed:
		return [sha256.Size]byte{}, d.err
	case <-ctx.Done():
		return [sha256.Size]byte{}, ctx.Err()
	}
}

// wait returns once every part has stopped.
func (d *digests) wait() { d.parts.Wait() }

// digestChangeset is the digest of the events cs is recorded as by commit c, their effects
// left out, as digests makes it of the events stored. The generator makes a changeset's
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

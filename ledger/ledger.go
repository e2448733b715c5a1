package ledger

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orgledger/orgledger"
)

// Ledger is the bitemporal org: an index in memory over the events of a Store. Reads may run
// concurrently; writes are serialized, validated against the true head of the store, appended
// in one transaction, and only then made visible.
type Ledger struct {
	store orgledger.Store
	clock orgledger.Clock

	write sync.Mutex   // one writer at a time
	mu    sync.RWMutex // guards x
	x     *index

	opened OpenStats
	within atomic.Pointer[headWithin] // the last answer of HeadWithin
}

// headWithin is an answer of HeadWithin, and the head and horizon it was for.
type headWithin struct {
	x        *index
	head     uint32
	horizon  orgledger.Date
	seq      int64
	recorded time.Time
}

// Open reads the store's events into memory, starting from the store's checkpoint if it keeps
// one (see Checkpoint), and returns the ledger.
func Open(ctx context.Context, store orgledger.Store, clock orgledger.Clock) (*Ledger, error) {
	if clock == nil {
		clock = orgledger.SystemClock{}
	}
	l := &Ledger{store: store, clock: clock}
	if err := l.load(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// catchUp takes in what the store holds beyond the index, whole commits at a time: each batch
// of events is read without the index's lock and applied under it, with the headers of the
// commits it reaches, so that readers wait only while a batch is applied, never for the
// database, and never see part of a commit (but of one over maxBuffered events). The caller
// holds the write lock: nothing else changes the index meanwhile. An event of a commit whose
// header was not read (commits recorded between the reads, an import without events among
// them) sends it back to read the headers again, once for each header it finds.
func (l *Ledger) catchUp(ctx context.Context) error {
	var pending []orgledger.Commit // headers read, to be added with the events that reach them
	readHeaders := func() (int, error) {
		n := len(pending)
		err := l.store.Commits(ctx, int64(len(l.x.commits)+len(pending)), func(c *orgledger.Commit) error {
			pending = append(pending, *c)
			return nil
		})
		return len(pending) - n, err
	}
	if _, err := readHeaders(); err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		known := int64(len(l.x.commits) + len(pending))
		batch, headerless, err := l.readBatch(ctx, known)
		if err != nil {
			return err
		}
		end := headerless.Seq == 0 && len(batch) < catchUpBatch // the last of what the store holds
		if pending, err = l.applyBatch(batch, pending, end); err != nil {
			return err
		}
		if end {
			return nil
		}
		if headerless.Seq != 0 {
			if n, err := readHeaders(); err != nil || n == 0 {
				return cmp.Or(err, fmt.Errorf("event %d belongs to commit %d, which is not in the ledger", headerless.Seq, headerless.Commit))
			}
		}
	}
}

// catchUpBatch is how many events catchUp reads, at least, before it applies them: up to the
// end of a commit; maxBuffered, how many it holds of one commit at most.
const (
	catchUpBatch = 4096
	maxBuffered  = 1 << 20
)

// readBatch reads the events after the index's head, up to the end of the commit it is in
// once it has catchUpBatch (or maxBuffered) of them; it stops before an event of a commit
// beyond the known ones, which it returns.
func (l *Ledger) readBatch(ctx context.Context, known int64) (batch []orgledger.Event, headerless orgledger.Event, err error) {
	err = l.store.Events(ctx, int64(l.x.head()), func(e *orgledger.Event) error {
		switch n := len(batch); {
		case e.Commit > known+1:
			headerless = *e
			return errStop
		case n >= maxBuffered || (n >= catchUpBatch && e.Commit != batch[n-1].Commit):
			return errStop
		}
		batch = append(batch, *e)
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return batch, headerless, err
}

// applyBatch applies events to the index under its lock, each after the headers of the
// commits up to its own; at the end of what the store holds (all), the headers of commits
// without events after them too. It returns the headers not added.
func (l *Ledger) applyBatch(events []orgledger.Event, pending []orgledger.Commit, all bool) ([]orgledger.Commit, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := &state{index: l.x}
	for i := range events {
		for len(pending) > 0 && pending[0].ID <= events[i].Commit {
			addCommit(s, pending[0].ID, pending[0].Recorded, pending[0].First, pending[0].Import)
			pending = pending[1:]
		}
		if err := replay(s, &events[i]); err != nil {
			return pending, err
		}
	}
	for all && len(pending) > 0 {
		addCommit(s, pending[0].ID, pending[0].Recorded, pending[0].First, pending[0].Import)
		pending = pending[1:]
	}
	return pending, nil
}

// addCommit adds a commit's header to the index, once.
func addCommit(s *state, id int64, recorded time.Time, first int64, imported orgledger.Date) {
	if id == int64(len(s.commits))+1 {
		s.commits = append(s.commits, commitMeta{id: id, recorded: recorded, first: uint32(first), imported: int32(imported)})
	}
}

// Behind reports whether the store holds what the index has not taken in: events, or a
// commit without any (an import that found nothing to change, which later imports heed),
// that other processes appended. It reads the store without taking the index's locks.
func (l *Ledger) Behind(ctx context.Context) (bool, error) {
	known := l.Mark()
	seq, _, err := l.store.Head(ctx)
	if err != nil || seq != known.Event {
		return seq != known.Event, err
	}
	more := false
	err = l.store.Commits(ctx, known.Commit, func(*orgledger.Commit) error {
		more = true
		return errStop
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return more, err
}

// Refresh brings the index up to date with events other processes appended to the store.
func (l *Ledger) Refresh(ctx context.Context) error {
	l.write.Lock()
	defer l.write.Unlock()
	return l.catchUp(ctx)
}

// replay applies a recorded event to the index, as loading and committing do.
func replay(s *state, e *orgledger.Event) error {
	seq := uint32(e.Seq)
	if seq != s.head()+1 {
		return fmt.Errorf("event %d follows event %d: the ledger has a gap", e.Seq, s.head())
	}
	addCommit(s, e.Commit, e.Recorded, e.Seq, e.Import) // a commit appended since its header was read
	if e.Commit < 1 || e.Commit > int64(len(s.commits)) {
		return fmt.Errorf("event %d belongs to commit %d, which is not in the ledger", e.Seq, e.Commit)
	}
	m, merged, reason, _ := resolve(s, e.Op, nil)
	if reason != "" {
		return fmt.Errorf("event %d (%s) does not replay: %s", e.Seq, e.Op.Verb(), reason)
	}
	m.day, m.commit = int32(e.Effective), uint32(e.Commit-1)
	if e.Op.Verb() == orgledger.VerbRetract {
		m.day = s.ev(uint32(m.a)).day
	}
	apply(s, seq, m, merged, e)
	return nil
}

// maxAttempts bounds how often Apply validates again after losing the race to append to
// another writer. Each loss means another commit landed, so the ledger always moves on; the
// bound only keeps a writer from waiting for ever behind a flood of others.
const maxAttempts = 1000

// ApplyOptions say who writes a changeset and how.
type ApplyOptions struct {
	Actor  string         // recorded with every event
	Plan   string         // the plan the changes come from, if any
	Import orgledger.Date // for an HRIS import: the date of the export it records
	DryRun bool           // validate and describe, but write nothing
	Names  bool           // a dry run also names the ids of its diffs (Result.Names), for text that lists them
	// Progress, when set, is called now and then while the changes are checked, with how
	// many of how many are done.
	Progress func(done, total int)
	// Unchanged, when set, is where the ledger stood when the changeset was worked out from
	// it (an import's differences between the org and a file): if anything was recorded
	// since, here or by another process, events or a commit without any (an import that found
	// nothing to change, whose date later imports heed), Apply writes nothing and returns
	// ErrMoved, for the caller to work the changeset out again.
	Unchanged *Mark

	draft bool // check each change at its place only (Draft)
}

// byHand reports whether the changeset is one someone wrote, not one a plan or an import
// worked out from the ledger.
func (opt ApplyOptions) byHand() bool { return opt.Plan == "" && opt.Import == 0 && !opt.draft }

// ErrMoved is what Apply returns when the ledger has recorded something since the event a
// changeset was worked out from (ApplyOptions.Unchanged).
var ErrMoved = orgledger.Errorf(orgledger.ECONFLICT, "the ledger recorded other changes while these were worked out from it; nothing was written")

// Result is what applying a changeset did, or would do in a dry run.
type Result struct {
	Commit *orgledger.Commit
	Diffs  []orgledger.Diff  // a dry run's: what the changeset changes on each date (CommitDiffs)
	Names  map[string]string // a dry run's, asked for (ApplyOptions.Names): what the ids of Diffs are called (CommitNames)
	// Unchanged is why each change of a changeset someone wrote or a plan's that changes nothing
	// does (unchanged), by the change's index in the changeset: recorded with the others, for
	// the caller to warn of (UnchangedWarnings; a plan numbers its changes its own way).
	Unchanged map[int]string
}

// Apply validates the changeset against the ledger and appends it as one commit. A refused
// changeset returns an EINVALID error listing every problem, and writes nothing; one whose
// changes the ledger holds already, as one commit, is refused saying so (alreadyApplied),
// unless a plan or an import made it: their changes are worked out from the ledger.
func (l *Ledger) Apply(ctx context.Context, cs *orgledger.Changeset, opt ApplyOptions) (*Result, error) {
	res, refusedAt, err := l.applyLocked(ctx, cs, opt)
	if orgledger.ErrorCode(err) == orgledger.EINVALID && opt.Plan == "" && opt.Import == 0 {
		// It only reads, so other writers need not wait for it; it looks at the commits the
		// refusal was made against, not at any recorded since.
		return nil, l.alreadyApplied(ctx, cs, err, refusedAt)
	}
	return res, err
}

// applyLocked is Apply under the write lock. A refusal comes with the head it was made at.
func (l *Ledger) applyLocked(ctx context.Context, cs *orgledger.Changeset, opt ApplyOptions) (*Result, uint32, error) {
	l.write.Lock()
	defer l.write.Unlock()
	for attempt := 0; ; attempt++ {
		if opt.Unchanged != nil && l.x.mark() != *opt.Unchanged {
			return nil, 0, ErrMoved
		}
		c, s, err := l.prepare(cs, opt)
		if (orgledger.ErrorCode(err) == orgledger.EINVALID || (err == nil && opt.DryRun)) && attempt < maxAttempts && l.behind(ctx) {
			if err := l.catchUp(ctx); err != nil {
				return nil, 0, err
			}
			continue // another process wrote what the changeset may need: check it again with that
		}
		if err != nil {
			return nil, l.x.head(), err
		}
		same := maps.Clone(s.ov.unchanged)
		if opt.DryRun {
			res := &Result{Commit: c, Diffs: dryRunDiffs(s, c), Unchanged: same}
			if opt.Names {
				res.Names = commitNames(s, res.Diffs, s.index.head(), ^uint32(0))
			}
			return res, 0, nil
		}
		err = l.appendOrFind(ctx, int64(l.x.head()), c)
		if orgledger.ErrorCode(err) == orgledger.ECONFLICT && attempt < maxAttempts && ctx.Err() == nil {
			if err := l.catchUp(ctx); err != nil {
				return nil, 0, err
			}
			continue // validate again against the store's head
		} else if err != nil {
			return nil, 0, err
		}
		l.commit(c, s)
		return &Result{Commit: c, Unchanged: same}, 0, nil
	}
}

// behind reports whether the store holds what the index has not taken in. A refusal, and a dry
// run's answer, are only given as of the store's head: not from a copy another process has
// moved past. A store that cannot be read now leaves them as they are.
func (l *Ledger) behind(ctx context.Context) bool {
	b, err := l.Behind(ctx)
	return b && err == nil
}

// prepare validates cs against the index; the caller holds the write lock, so the index
// cannot change underneath, and readers may go on reading it.
func (l *Ledger) prepare(cs *orgledger.Changeset, opt ApplyOptions) (*orgledger.Commit, *state, error) {
	recorded, err := l.recordedTime(cs)
	if err != nil {
		return nil, nil, err
	}
	actor := opt.Actor
	if actor == "" {
		actor = "unknown"
	}
	return prepare(l.x, cs, recorded, actor, opt)
}

// recordedTime fixes the commit's recorded time: the changeset's, for a backfill, or now, to
// the microsecond, as every store keeps it (so that a ledger answers "as known at" alike before
// and after it is opened again). It never goes back before the last commit.
func (l *Ledger) recordedTime(cs *orgledger.Changeset) (time.Time, error) {
	r, err := l.recordedExactly(cs)
	return r.Truncate(time.Microsecond), err
}

func (l *Ledger) recordedExactly(cs *orgledger.Changeset) (time.Time, error) {
	now, last := l.clock.Now().UTC(), l.x.lastRecorded()
	if cs.Recorded.IsZero() {
		if now.Before(last) {
			now = last // a clock behind the ledger must not make time run backwards
		}
		return now, nil
	}
	r := cs.Recorded.UTC()
	if r.Nanosecond()%int(time.Microsecond) != 0 {
		// Kept to the microsecond, it would be answered "as known" before the time it gives.
		return time.Time{}, orgledger.Refused(refusal(cs), []orgledger.Problem{{File: cs.File, Line: cs.FieldLine("recorded"), Field: "recorded",
			Reason: fmt.Sprintf("%s is finer than a microsecond, to which the ledger keeps recorded times: write %s, or the next microsecond",
				r.Format(time.RFC3339Nano), r.Truncate(time.Microsecond).Format(time.RFC3339Nano))}})
	}
	if r.Before(last) {
		return time.Time{}, orgledger.Refused(refusal(cs), []orgledger.Problem{{File: cs.File, Line: cs.FieldLine("recorded"), Field: "recorded",
			Reason: fmt.Sprintf("%s is earlier than the latest recorded time in the ledger, %s (commit %d: orgledger log shows it); recorded time never goes back",
				r.Format(time.RFC3339Nano), last.Format(time.RFC3339Nano), l.x.commits[len(l.x.commits)-1].id)}})
	}
	if r.After(now) {
		return time.Time{}, orgledger.Refused(refusal(cs), []orgledger.Problem{{File: cs.File, Line: cs.FieldLine("recorded"), Field: "recorded",
			Reason: fmt.Sprintf("%s is in the future; a change cannot be known before it is recorded", r.Format(time.RFC3339Nano))}})
	}
	return r, nil
}

// commit makes an appended commit visible: the overlay that validated it holds what its
// events do, and the index takes it in, exactly as replaying them would build it when the
// ledger is opened again (TestCheckpointEqualsReplay holds the two to the same bytes).
func (l *Ledger) commit(c *orgledger.Commit, s *state) {
	l.mu.Lock()
	defer l.mu.Unlock()
	addCommit(&state{index: l.x}, c.ID, c.Recorded, c.First, c.Import)
	l.x.absorb(s.ov)
}

// Mark is where a ledger stands: its last event, and its last commit, which a commit without
// events (an import that found nothing to change) moves alone.
type Mark struct{ Event, Commit int64 }

// Mark returns where the ledger stands.
func (l *Ledger) Mark() Mark {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.x.mark()
}

func (x *index) mark() Mark { return Mark{Event: int64(x.head()), Commit: int64(len(x.commits))} }

// Head returns the seq of the last event and its recorded time.
func (l *Ledger) Head() (int64, time.Time) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return int64(l.x.head()), l.x.lastRecorded()
}

// HeadWithin returns Head as a caller who sees nothing effective after horizon knows it: the
// last event that can change what they are answered, one effective on or before horizon or a
// retraction of one, and its recorded time. A zero horizon sees everything. Caches and ETags
// keyed by it stay current for such a caller through writes hidden from them, and so do not
// tell them that those writes happened.
func (l *Ledger) HeadWithin(horizon orgledger.Date) (int64, time.Time) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if horizon == 0 {
		return int64(l.x.head()), l.x.lastRecorded()
	}
	head := l.x.head()
	if c := l.within.Load(); c != nil && c.x == l.x && c.head == head && c.horizon == horizon {
		return c.seq, c.recorded // asked on every viewer's request; the scan is as long as the events after horizon
	}
	c := &headWithin{x: l.x, head: head, horizon: horizon}
	for seq := head; seq > 0; seq-- {
		// A retraction's day in the index is its event's (validate.go): it counts where what
		// it takes back does.
		if m := l.x.evs[seq-1]; m.day <= int32(horizon) {
			c.seq, c.recorded = int64(seq), l.x.commits[m.commit].recorded
			break
		}
	}
	l.within.Store(c)
	return c.seq, c.recorded
}

// EffectiveSpan returns the first and last effective dates of the events after seq after, up
// to the head, which it returns too; zero dates when there are none. It reads the index, not
// the store: a caller keeping the span of every event asks again only from the head it had.
func (l *Ledger) EffectiveSpan(after int64) (first, last orgledger.Date, head int64) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, m := range l.x.evs[min(max(after, 0), int64(l.x.head())):] {
		if d := orgledger.Date(m.day); first == 0 || d < first {
			first = d
		}
		last = max(last, orgledger.Date(m.day))
	}
	return first, last, int64(l.x.head())
}

// Store returns the ledger's store.
func (l *Ledger) Store() orgledger.Store { return l.store }

// Clock returns the ledger's clock.
func (l *Ledger) Clock() orgledger.Clock { return l.clock }

// Now returns the ledger clock's time.
func (l *Ledger) Now() time.Time { return l.clock.Now() }

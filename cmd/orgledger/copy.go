package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
)

type copyConfig struct {
	from, to string
}

func (m *Main) copyCommand() *cobra.Command {
	c := &copyConfig{}
	cmd := &cobra.Command{
		Use:   "copy --from DB --to DB",
		Short: "Copy a whole ledger, with its plans and tokens, between databases",
		Long: `Copy reads every commit and event, plan and token of one database and writes them into another,
which must hold no ledger yet: SQLite to PostgreSQL, PostgreSQL to SQLite, or either to its
own kind. It then proves the copy identical by comparing a digest (SHA-256) of both logs,
every commit and event with all its fields, and prints it. The source's checkpoint goes with
the copy, so that the copy opens as fast as the source (a SQLite file's image does not: the
next checkpoint writes one). A source whose ledger is written
to while it is copied is refused (its plans and tokens are copied as they are when read), as
is any copy that fails; a SQLite file the copy made is then removed. A new SQLite file is
written as TO.incomplete-copy and takes its name once proved, so that a copy killed midway
leaves no ledger under it; never over a file made at TO meanwhile, and only if no other copy
into TO replaced the file it wrote (copy into one database one copy at a time). A copy into PostgreSQL (or into a SQLite file that was there) killed
midway leaves the commits copied so far, marked as a copy under way: no command but copy opens
it; delete its commits, events, plans and tokens before copying into it again.`,
		Example: `  orgledger copy --from orgledger.db --to postgres://orgledger@db.internal/orgledger
  orgledger copy --from postgres://orgledger@db.internal/orgledger --to backup.db`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.copyLedger(cmd.Context(), c) }),
	}
	cmd.Flags().StringVar(&c.from, "from", "", "the database to copy: a SQLite file or a postgres:// URL")
	cmd.Flags().StringVar(&c.to, "to", "", "the database to copy into, empty: a SQLite file or a postgres:// URL")
	return cmd
}

func (m *Main) copyLedger(ctx context.Context, c *copyConfig) error {
	if c.from == "" || c.to == "" {
		return usageErrorf("copy needs both --from and --to")
	}
	src, err := openDatabase(ctx, c.from, false)
	if err != nil {
		return err
	}
	defer src.close()
	_, statErr := os.Stat(c.to)
	created := !postgres.IsURL(c.to) && errors.Is(statErr, fs.ErrNotExist)
	path := c.to
	if created {
		// A new SQLite file is written under another name and takes its own once proved: a
		// copy killed midway leaves no ledger under the name given, only a file that says
		// what it is (and the next copy replaces it).
		path = c.to + incompleteSuffix
		removeSQLite(path)
	}
	dst, err := openAny(ctx, path, true) // one a copy left unproved is refused unless empty
	if err != nil {
		return err
	}
	written, _ := os.Stat(path) // a new file's: the one to give its name once proved
	if err := mustBeEmpty(ctx, dst, redactURL(c.to)); err != nil {
		dst.close()
		return err
	}
	if err := dst.copies.BeginCopy(ctx, m.Clock.Now()); err != nil { // until proved, not a ledger to open
		dst.close()
		return err
	}
	if m.copyMarked != nil {
		m.copyMarked()
	}
	proved, err := m.copyAll(ctx, src, dst)
	if err == nil {
		err = dst.copies.EndCopy(ctx)
	}
	dst.close()
	if err == nil && created {
		return m.installCopy(path, c.to, written, proved)
	}
	if err == nil {
		fmt.Fprintln(m.Stdout, proved)
		return nil
	}
	// A copy is whole or not there: one this command created is removed; into a database that
	// was there, what it wrote stays, and the next copy would refuse it as not empty.
	if created {
		removeSQLite(path)
		return withNote(err, "the incomplete copy "+c.to+" was removed")
	}
	if errors.As(err, new(errNothingCopied)) {
		return withNote(err, "this copy wrote none of the log into "+redactURL(c.to)+": another write there came first (one copy into a database at a time)")
	}
	return withNote(err, redactURL(c.to)+" holds an incomplete copy now: delete its commits, events, plans and tokens before copying again")
}

// errNothingCopied is the refusal of a copy's first commit: what is in the database to copy
// into was written by another, none of it by this copy.
type errNothingCopied struct{ error }

func (e errNothingCopied) Unwrap() error { return e.error }

// installCopy gives the proved copy written at path its name, to: unless another copy into to
// replaced that file meanwhile (a copy as it starts removes what it takes for one a copy killed
// before left), whose file is left to it; or unless a database was made at to meanwhile, which
// stays as it is.
func (m *Main) installCopy(path, to string, written os.FileInfo, proved string) error {
	if now, err := os.Stat(path); err != nil || written == nil || !os.SameFile(written, now) {
		return orgledger.Errorf(orgledger.ECONFLICT, "another copy into %s began while this one ran and replaced the file it wrote: this copy is not there (copy into a file one copy at a time)", to)
	}
	err := os.Link(path, to) // never over a file: one made at to meanwhile stays
	removeSQLite(path)
	switch {
	case errors.Is(err, fs.ErrExist):
		return orgledger.Errorf(orgledger.ECONFLICT, "%s was made while the copy ran, and is left as it is; the copy was removed", to)
	case err != nil:
		return withNote(err, "the incomplete copy "+to+" was removed")
	}
	fmt.Fprintln(m.Stdout, proved)
	return nil
}

// mustBeEmpty refuses a database to copy into that holds anything already: events, tokens or
// plans. A token made there (token create makes the database) would clash with a copied one
// halfway through the copy, or stay beside them, with its role, in a copy proved identical.
func mustBeEmpty(ctx context.Context, db *database, name string) error {
	head, _, err := db.store.Head(ctx)
	if err != nil {
		return err
	}
	if head == 0 { // a commit may be there without its events: what a stopped copy left, its events deleted
		commits := 0
		err := db.store.Commits(ctx, 0, func(*orgledger.Commit) error { commits++; return errEnough })
		if err != nil && !errors.Is(err, errEnough) {
			return err
		}
		if commits > 0 {
			return orgledger.Errorf(orgledger.EINVALID, "%s is not empty: it holds commits without events (what a stopped copy leaves, its events deleted); delete them too: copy writes into an empty database only", name)
		}
	}
	tokens, err := db.tokens.Tokens(ctx)
	if err != nil {
		return err
	}
	plans, err := db.plans.Plans(ctx)
	if err != nil {
		return err
	}
	if head > 0 || len(tokens) > 0 || len(plans) > 0 {
		return orgledger.Errorf(orgledger.EINVALID, "%s is not empty (events: %d, tokens: %d, plans: %d); copy writes into an empty database only",
			name, head, len(tokens), len(plans))
	}
	return nil
}

// errEnough stops a read of the store once it has read enough.
var errEnough = errors.New("enough read")

// incompleteSuffix names the file a copy into a new SQLite file writes until it is proved.
const incompleteSuffix = ".incomplete-copy"

// removeSQLite removes a SQLite file with its -wal and -shm.
func removeSQLite(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}

// copyAll copies the ledger as it is when the copy starts (its commits then), with the tokens
// and plans, and proves the copy identical to it. Commits recorded in the source meanwhile
// would leave plans copied as applied by commits the copy lacks: the copy is refused then.
func (m *Main) copyAll(ctx context.Context, src, dst *database) (string, error) {
	commits, err := commitsOf(ctx, src.store)
	if err != nil {
		return "", err
	}
	if err := dropCheckpoint(ctx, dst.store); err != nil {
		return "", err
	}
	events, err := copyLog(ctx, src.store, dst.store, commits)
	if err != nil && events == 0 && orgledger.ErrorCode(err) == orgledger.ECONFLICT {
		return "", errNothingCopied{err} // another write came first: none of the log is this copy's
	}
	if err != nil {
		return "", err
	}
	if m.logCopied != nil {
		m.logCopied()
	}
	if err := copyTokens(ctx, src.tokens, dst.tokens); err != nil {
		return "", err
	}
	if err := copyPlans(ctx, src.plans, dst.plans); err != nil {
		return "", err
	}
	if now, err := commitsOf(ctx, src.store); err != nil {
		return "", err
	} else if len(now) != len(commits) {
		return "", orgledger.Errorf(orgledger.ECONFLICT, "%s was written while it was copied (from commit %d on); copy it when nothing writes to it",
			redactURL(src.path), len(commits)+1)
	}
	proved, err := proveCopy(ctx, src.store, dst.store, int64(len(commits)), events)
	if err == nil {
		m.copyCheckpoint(ctx, src.store, dst.store, events)
	}
	return proved, err
}

// dropCheckpoint removes the checkpoint of the database to copy into, which holds no events
// yet: one left there by another ledger (mustBeEmpty does not count it) could match the copy's
// log where opening compares them, its last commit and event alike, and answer for the
// other ledger (found by QA: a copy of a source without a checkpoint answered with the
// titles of the ledger once copied into the same database).
func dropCheckpoint(ctx context.Context, dst orgledger.Store) error {
	cp, ok := dst.(orgledger.Checkpointer)
	if !ok {
		return nil
	}
	if err := cp.SaveCheckpoint(ctx, 0, nil); err != nil {
		return fmt.Errorf("remove the checkpoint already there: %w", err)
	}
	return nil
}

// copyCheckpoint gives the copy the source's checkpoint when it is of events the copy holds: a
// checkpoint is the index of the log alone, which the copy has proved the same, and without one
// the copy's first open replays every event (23 s for the 1.35 million events of a hundred
// thousand people on PostgreSQL, 1.5–2.2 s from a checkpoint). Opening checks it against
// the log as it checks any. A checkpoint is a cache: not copying one is only a warning.
func (m *Main) copyCheckpoint(ctx context.Context, src, dst orgledger.Store, events int64) {
	from, ok := src.(orgledger.Checkpointer)
	to, ok2 := dst.(orgledger.Checkpointer)
	if !ok || !ok2 {
		return
	}
	seq, data, err := from.LoadCheckpoint(ctx)
	if err == nil && (seq == 0 || seq > events) {
		return // none, or one of events recorded since the copy began
	}
	if err == nil {
		err = to.SaveCheckpoint(ctx, seq, data)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "orgledger: warning: the copy is whole, but not its checkpoint (orgledger checkpoint saves one): %s\n", printable(checkpointError(err)))
	}
}

// commitsOf returns the commits of a store, without their events.
func commitsOf(ctx context.Context, s orgledger.Store) ([]*orgledger.Commit, error) {
	var out []*orgledger.Commit
	err := s.Commits(ctx, 0, func(c *orgledger.Commit) error { out = append(out, c); return nil })
	return out, err
}

// copyLog appends the commits to dst, with their events from src, in order, and returns how
// many events it copied. Events of later commits, recorded since, are left.
func copyLog(ctx context.Context, src, dst orgledger.Store, commits []*orgledger.Commit) (int64, error) {
	var head int64
	i := 0
	flush := func(upTo int64) error { // appends the commits before upTo that are complete
		for ; i < len(commits) && commits[i].ID < upTo; i++ {
			if err := dst.Append(ctx, head, commits[i]); err != nil {
				return fmt.Errorf("commit %d: %w", commits[i].ID, err)
			}
			head += int64(len(commits[i].Events))
			commits[i].Events = nil
		}
		return nil
	}
	last := int64(len(commits))
	err := src.Events(ctx, 0, func(e *orgledger.Event) error {
		if e.Commit > last {
			return nil // recorded since the copy began
		}
		if err := flush(e.Commit); err != nil {
			return err
		}
		if i >= len(commits) || commits[i].ID != e.Commit {
			return fmt.Errorf("event %d belongs to commit %d, which the source does not list", e.Seq, e.Commit)
		}
		commits[i].Events = append(commits[i].Events, *e)
		return nil
	})
	if err == nil {
		err = flush(last + 1)
	}
	return head, err
}

func copyTokens(ctx context.Context, src, dst orgledger.TokenStore) error {
	tokens, err := src.Tokens(ctx)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if err := dst.CreateToken(ctx, t); err != nil {
			return fmt.Errorf("token %s: %w", t.Name, err)
		}
		if !t.LastUsed.IsZero() {
			err = dst.TouchToken(ctx, t.Name, t.LastUsed)
		}
		if err == nil && !t.Active() {
			err = dst.RevokeToken(ctx, t.Name, t.Revoked)
		}
		if err != nil {
			return fmt.Errorf("token %s: %w", t.Name, err)
		}
	}
	return nil
}

func copyPlans(ctx context.Context, src, dst orgledger.PlanStore) error {
	plans, err := src.Plans(ctx)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if err := dst.CreatePlan(ctx, p); err != nil {
			return fmt.Errorf("plan %s: %w", p.Name, err)
		}
	}
	return nil
}

// proveCopy compares the digests of both logs, up to the last commit copied, and says what was
// copied.
func proveCopy(ctx context.Context, src, dst orgledger.Store, last, events int64) (string, error) {
	a, err := logDigest(ctx, src, last)
	if err != nil {
		return "", err
	}
	b, err := logDigest(ctx, dst, last)
	if err != nil {
		return "", err
	}
	if a != b {
		return "", orgledger.Errorf(orgledger.EINTERNAL, "the copy differs from its source: digest %s, not %s", b, a)
	}
	return fmt.Sprintf("copied %s; the log's digest is %s on both", count(int(events), "event"), a), nil
}

// logDigest is the SHA-256 of every commit header and every event up to commit last, with all
// their fields, in order: two stores with the same digest hold the same ledger.
func logDigest(ctx context.Context, s orgledger.Store, last int64) (string, error) {
	h := sha256.New()
	err := s.Commits(ctx, 0, func(c *orgledger.Commit) error {
		if c.ID <= last {
			fmt.Fprintf(h, "commit %d %d %q %q %q %q %q %s %d\n", c.ID, c.Recorded.UnixMicro(), c.Actor, c.Source,
				c.Note, c.Plan, c.File, c.Import, c.First)
		}
		return nil
	})
	if err == nil {
		err = s.Events(ctx, 0, func(e *orgledger.Event) error {
			if e.Commit > last {
				return nil
			}
			return orgledger.DigestEvent(h, e)
		})
	}
	return hex.EncodeToString(h.Sum(nil)), err
}

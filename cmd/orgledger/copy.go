package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
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
every commit and event with all its fields, and prints it.`,
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
	dst, err := openDatabase(ctx, c.to, true)
	if err != nil {
		return err
	}
	defer dst.close()
	if head, _, err := dst.store.Head(ctx); err != nil {
		return err
	} else if head > 0 {
		return orgledger.Errorf(orgledger.EINVALID, "%s holds a ledger already; copy writes into an empty database only", redactURL(c.to))
	}
	n, err := copyLog(ctx, src.store, dst.store)
	if err != nil {
		return err
	}
	if err := copyTokens(ctx, src.tokens, dst.tokens); err != nil {
		return err
	}
	if err := copyPlans(ctx, src.plans, dst.plans); err != nil {
		return err
	}
	return m.proveCopy(ctx, src.store, dst.store, n)
}

// copyLog appends every commit of src to dst, with its events, in order.
func copyLog(ctx context.Context, src, dst orgledger.Store) (int64, error) {
	var commits []*orgledger.Commit
	if err := src.Commits(ctx, 0, func(c *orgledger.Commit) error { commits = append(commits, c); return nil }); err != nil {
		return 0, err
	}
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
	err := src.Events(ctx, 0, func(e *orgledger.Event) error {
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
		err = flush(int64(len(commits)) + 1)
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

// proveCopy compares the digests of both logs.
func (m *Main) proveCopy(ctx context.Context, src, dst orgledger.Store, events int64) error {
	a, err := logDigest(ctx, src)
	if err != nil {
		return err
	}
	b, err := logDigest(ctx, dst)
	if err != nil {
		return err
	}
	if a != b {
		return orgledger.Errorf(orgledger.EINTERNAL, "the copy differs from its source: digest %s, not %s", b, a)
	}
	fmt.Fprintf(m.Stdout, "copied %s; the log's digest is %s on both\n", count(int(events), "event"), a)
	return nil
}

// logDigest is the SHA-256 of every commit header and every event, with all their fields, in
// order: two stores with the same digest hold the same ledger.
func logDigest(ctx context.Context, s orgledger.Store) (string, error) {
	h := sha256.New()
	err := s.Commits(ctx, 0, func(c *orgledger.Commit) error {
		fmt.Fprintf(h, "commit %d %d %q %q %q %q %q %s %d\n", c.ID, c.Recorded.UnixMicro(), c.Actor, c.Source,
			c.Note, c.Plan, c.File, c.Import, c.First)
		return nil
	})
	if err == nil {
		err = s.Events(ctx, 0, func(e *orgledger.Event) error { return digestEvent(h, e) })
	}
	return hex.EncodeToString(h.Sum(nil)), err
}

func digestEvent(h hash.Hash, e *orgledger.Event) error {
	data, effects, err := orgledger.EncodeEvent(e)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "event %d %d %s %d %q %q %q %q %s %s %s %s\n", e.Seq, e.Commit, e.Effective, e.Recorded.UnixMicro(),
		e.Actor, e.Source, e.Note, e.Plan, e.Import, e.Op.Verb(), data, effects)
	return nil
}

package main

import (
	"context"
	"fmt"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

// globalConfig holds the flags every command shares.
type globalConfig struct {
	db string
}

// dbPath returns the database the command works on: --db, else $ORGLEDGER_DB, else
// orgledger.db in the working directory.
func (m *Main) dbPath(g *globalConfig) string {
	if g.db != "" {
		return g.db
	}
	if v := m.Getenv("ORGLEDGER_DB"); v != "" {
		return v
	}
	return "orgledger.db"
}

// openLedger opens the ledger. A command that only reads refuses to create a database.
func (m *Main) openLedger(ctx context.Context, g *globalConfig, create bool) (*ledger.Ledger, error) {
	b, err := m.open(ctx, g, create)
	if err != nil {
		return nil, err
	}
	return b.ledger, nil
}

// reading checks the format asked for, opens the ledger for reading and runs fn with it:
// what every command that only reads does.
func (m *Main) reading(ctx context.Context, g *globalConfig, format *formatFlag, fn func(l *ledger.Ledger) error) error {
	if err := format.check(); err != nil {
		return err
	}
	l, err := m.openLedger(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Store().Close()
	return fn(l)
}

// backend is an open database: the ledger on it and the plans beside it.
type backend struct {
	ledger *ledger.Ledger
	plans  *plans.Service
}

// open opens the database and the ledger on it. A command that only reads refuses to create a
// database. Closing the ledger's store closes the database.
func (m *Main) open(ctx context.Context, g *globalConfig, create bool) (*backend, error) {
	db, err := openDatabase(ctx, m.dbPath(g), create)
	if err != nil {
		return nil, err
	}
	l, err := ledger.Open(ctx, db.store, m.Clock)
	if err != nil {
		db.close()
		return nil, err
	}
	svc := &plans.Service{Ledger: l, Store: db.plans, Clock: l.Clock(), Tokens: db.tokens}
	return &backend{ledger: l, plans: svc}, nil
}

// openToWrite opens the database for a command that writes, or only tries to. Where there is no ledger yet, a dry run works on an empty one in
// memory and creates nothing, and a write works on a database that its first write creates
// (newDB), once the ledger or the plans have checked that write: a refused first command
// leaves nothing behind, and an accepted one is checked once. A database is never removed
// after a refusal instead: another process may have recorded in it meanwhile.
func (m *Main) openToWrite(ctx context.Context, g *globalConfig, dryRun bool) (*backend, error) {
	b, err := m.open(ctx, g, false)
	if orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		return b, err
	}
	if dryRun {
		return m.scratch(ctx, memory.New())
	}
	n := &newDB{path: m.dbPath(g)}
	l, err := ledger.Open(ctx, newDBStore{n}, m.Clock)
	if err != nil {
		return nil, err
	}
	return &backend{ledger: l, plans: &plans.Service{Ledger: l, Store: newDBPlans{n}, Clock: l.Clock()}}, nil
}

// scratch returns a backend on a store in memory, with plans in memory: for dry runs.
func (m *Main) scratch(ctx context.Context, store orgledger.Store) (*backend, error) {
	l, err := ledger.Open(ctx, store, m.Clock)
	if err != nil {
		return nil, err
	}
	return &backend{ledger: l, plans: &plans.Service{Ledger: l, Store: memory.NewPlans(), Clock: l.Clock()}}, nil
}

// afterCommit releases plan changes waiting for a leaving the commit recorded, and what a
// process that stopped left waiting (plans.Service.Settle). A failure does not undo the
// commit, so it is reported as a warning.
func (m *Main) afterCommit(ctx context.Context, b *backend, c *orgledger.Commit) {
	m.afterCommitWith(ctx, b, c, nil)
}

// afterCommitWith is afterCommit, telling, before what plans recorded after the commit, the
// commits earlier ones recorded of their own accord: for a plan's apply, which may release
// changes of its own that wait for a leaving it records before it returns. What the plans
// recorded is told from the service's own note of it (plans.Recording), whoever's name they
// are in (the plan's applier, the leaver's), and nothing another process recorded meanwhile.
func (m *Main) afterCommitWith(ctx context.Context, b *backend, c *orgledger.Commit, earlier []*orgledger.Commit) {
	rctx, recorded := plans.Recording(ctx)
	for _, err := range []error{b.plans.AfterCommit(rctx, c), b.plans.Settle(rctx, m.actor())} {
		for _, msg := range orgledger.ErrorMessages(err) {
			fmt.Fprintf(m.Stderr, "orgledger: warning: %s\n", printable(msg))
		}
	}
	for _, r := range byPlan(append(slices.Clone(earlier), recorded()...)) { // what the command recorded is in its output
		fmt.Fprintf(m.Stderr, "orgledger: plan %s recorded %s after it: changes that wait for a leaving, released or taken back (orgledger log shows them)\n", r.plan, eventsNamed(r.seqs))
	}
}

// eventsNamed names events by number: "event 7", "events 7–12", or, with others' events
// between them, "events 7 9 12".
func eventsNamed(seqs []int64) string {
	switch {
	case len(seqs) == 1:
		return fmt.Sprint("event ", seqs[0])
	case seqs[len(seqs)-1]-seqs[0] != int64(len(seqs)-1):
		return "events " + strings.Trim(fmt.Sprint(seqs), "[]")
	}
	return "events " + seqRangeOf(seqs[0], seqs[len(seqs)-1])
}

// planRecorded is what one plan recorded after a command's commit.
type planRecorded struct {
	plan string
	seqs []int64
}

// byPlan returns the events of the commits that plans recorded, by plan in the order they
// first recorded.
func byPlan(commits []*orgledger.Commit) []planRecorded {
	var out []planRecorded
	for _, c := range commits {
		for _, e := range c.Events {
			out = addPlanEvent(out, e.Plan, e.Seq)
		}
	}
	return out
}

// addPlanEvent adds event seq, of plan, to what plans recorded; an event of no plan is left out.
func addPlanEvent(out []planRecorded, plan string, seq int64) []planRecorded {
	if plan == "" {
		return out
	}
	i := slices.IndexFunc(out, func(r planRecorded) bool { return r.plan == plan })
	if i < 0 {
		out, i = append(out, planRecorded{plan: plan}), len(out)
	}
	out[i].seqs = append(out[i].seqs, seq)
	return out
}

// seqRangeOf names the events from first to last: "7" for one, "7–12" for several.
func seqRangeOf(first, last int64) string {
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// actor names who runs the command: the local user.
func (m *Main) actor() string {
	if v := m.Getenv("USER"); v != "" {
		return v
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "local"
}

// timeFlags are --at and --known-at.
type timeFlags struct {
	at, knownAt string
}

func (t *timeFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&t.at, "at", "", "the date to look at, YYYY-MM-DD (default today)")
	registerKnownAt(cmd, &t.knownAt)
}

// registerKnownAt is --known-at.
func registerKnownAt(cmd *cobra.Command, knownAt *string) {
	cmd.Flags().StringVar(knownAt, "known-at", "", "as known at this time (RFC 3339) or date (end of that day, UTC); default now")
}

// knownAtOf parses --known-at, zero when it is not given.
func knownAtOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseKnownAt(s)
}

// query parses the flags into a ledger query; a malformed value is a usage error.
func (t *timeFlags) query() (ledger.Query, error) {
	var q ledger.Query
	if t.at != "" {
		d, err := orgledger.ParseDate(t.at)
		if err != nil {
			return q, usageErrorf("--at: %v", err)
		}
		q.At = d
	}
	if t.knownAt != "" {
		k, err := parseKnownAt(t.knownAt)
		if err != nil {
			return q, err
		}
		q.KnownAt = k
	}
	return q, nil
}

func parseKnownAt(s string) (time.Time, error) {
	k, err := orgledger.ParseKnownAt(s)
	if err != nil {
		return time.Time{}, usageErrorf("--known-at: %v", err)
	}
	return k, nil
}

// formatFlag is --format, checked against the formats a command offers.
type formatFlag struct {
	value   string
	allowed []string
}

func (f *formatFlag) register(cmd *cobra.Command, allowed ...string) {
	f.allowed = allowed
	cmd.Flags().StringVar(&f.value, "format", allowed[0], "output format: "+joinOr(allowed))
}

func (f *formatFlag) check() error {
	f.value = strings.ToLower(f.value) // --format JSON is json
	for _, a := range f.allowed {
		if f.value == a {
			return nil
		}
	}
	return usageErrorf("--format %q: choose %s", f.value, joinOr(f.allowed))
}

// formatAsked reports whether the command line args ask for --format value, the last given
// winning, as pflag reads them, for where the flags could not be parsed.
func formatAsked(args []string, value string) bool {
	asked := ""
	for i, a := range args {
		switch {
		case a == "--":
			return strings.EqualFold(asked, value)
		case a == "--format" && i+1 < len(args):
			asked = args[i+1]
		case strings.HasPrefix(a, "--format="):
			asked = strings.TrimPrefix(a, "--format=")
		}
	}
	return strings.EqualFold(asked, value)
}

func joinOr(xs []string) string {
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			out += " or "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// parseDateFlag parses a required date flag.
func parseDateFlag(name, v string) (orgledger.Date, error) {
	if v == "" {
		return 0, usageErrorf("--%s is required", name)
	}
	d, err := orgledger.ParseDate(v)
	if err != nil {
		return 0, usageErrorf("--%s: %v", name, err)
	}
	return d, nil
}

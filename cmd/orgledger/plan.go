package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

// planConfig holds the flags of the plan commands.
type planConfig struct {
	owner     string
	effective string
	with      string
	format    formatFlag
}

func (m *Main) planCommand(g *globalConfig) *cobra.Command {
	c := &planConfig{}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Reorganizations drafted in private, previewed, checked and applied",
		Long: `A plan is a named draft of changes on top of the ledger, with its own effective date. It is
kept outside the ledger: nothing in it shows in chart, show, diff or export until it is
applied. Over HTTP a plan is visible only to its owner, the token names it is shared with, and
admins; on the command line, which works on the database directly, plans are owned by --owner
(default: the local user name) and every plan is visible.

A change in a plan may wait for someone to leave, with when: {leaves: PERSON}: it takes effect
on the day their leaving does, once that leaving is recorded. If that leaving is retracted, the
change is taken back and waits again; one that a later event relies on stays in force, with a
warning, until it can be taken back (that event retracted, say), which the next command that
records, or a server as it starts, then does.`,
		Example: `  orgledger plan create reshuffle --effective 2022-04-12 reshuffle.yaml
  orgledger plan diff reshuffle
  orgledger plan check reshuffle
  orgledger plan apply reshuffle`,
		Args: subcommandOnly,
		RunE: helpOnly,
	}
	cmd.PersistentFlags().StringVar(&c.owner, "owner", "", "the plan owner's name (default: the local user name; for plan list, only the plans it owns, and without it every plan)")
	cmd.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := checkFlags(cmd); err != nil { // the root's hook, which this one stands in for
			return err
		}
		// An owner is a token's name. The local user name, the default, is checked where it
		// would own the plan made: one that is not a token's name could never be given the
		// plan over HTTP, and NAME@OWNER could not name it.
		switch {
		case cmd.Flags().Changed("owner"):
			if err := ownerName(c.owner).Check(); err != nil {
				return usageErrorf("--owner: %s", orgledger.ErrorMessage(err))
			}
		case cmd.Name() == "create":
			if err := ownerName(m.actor()).Check(); err != nil {
				return usageErrorf("the local user name cannot own a plan: %s; name its owner with --owner", orgledger.ErrorMessage(err))
			}
		}
		return nil
	}
	cmd.AddCommand(m.planCreate(g, c), m.planAdd(g, c), m.planShow(g, c), m.planDiff(g, c), m.planCheck(g, c),
		m.planImpact(g, c), m.planApply(g, c), m.planList(g, c), m.planRemove(g, c), m.planWithdraw(g, c), m.planDrop(g, c), m.planShare(g, c), m.planUnshare(g, c))
	return cmd
}

// ownerName is a plan owner's name as the token of that name, for its check.
func ownerName(name string) *orgledger.Token {
	return &orgledger.Token{Name: name, Role: orgledger.RoleViewer}
}

// caller is who runs a plan command: the owner named, with an admin's reach, since the command
// line works on the database directly.
func (m *Main) caller(c *planConfig) plans.Caller {
	name := c.owner
	if name == "" {
		name = m.actor()
	}
	return plans.Caller{Name: name, Role: orgledger.RoleAdmin}
}

// withPlans opens the database, which must exist, and runs fn with its plans.
func (m *Main) withPlans(ctx context.Context, g *globalConfig, fn func(b *backend) error) error {
	b, err := m.open(ctx, g, false)
	if err != nil {
		return err
	}
	defer b.ledger.Store().Close()
	return fn(b)
}

func (m *Main) planCreate(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create NAME --effective DATE [FILE...]",
		Short: "Draft a new plan, optionally with the changes of changeset files",
		Long: `Create drafts a plan on top of the ledger as it is now. The files' changes become the plan's;
each keeps its file's source and note, and takes the plan's effective date unless the change
names its own: a file's effective date gives way to the plan's, so that the same changes can
be drafted for another day (create says so when it does). A file's recorded time is not kept
either: a plan's changes are recorded when it is applied.`,
		Args: argsOf(1, -1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			day, err := parseDateFlag("effective", c.effective)
			if err != nil {
				return err
			}
			changes, sets, err := m.planChanges(args[1:])
			if err != nil {
				return err
			}
			b, err := m.openToWrite(cmd.Context(), g, false)
			if err != nil {
				return err
			}
			defer b.ledger.Store().Close()
			p, err := b.plans.Create(cmd.Context(), m.caller(c), args[0], day, changes)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "plan %s drafted with %s, effective %s\n", p.Name, count(len(p.Changes), "change"), p.Effective)
			m.sayDatesGiveWay(sets, p)
			return nil
		}),
	}
	cmd.Flags().StringVar(&c.effective, "effective", "", "the date the plan takes effect, YYYY-MM-DD")
	required(cmd, "effective")
	return cmd
}

// planChanges reads changeset files as changes for a plan, with the files themselves.
func (m *Main) planChanges(files []string) ([]orgledger.Change, []*orgledger.Changeset, error) {
	sets, err := m.decodeFiles(files)
	if err != nil {
		return nil, nil, err
	}
	var out []orgledger.Change
	var refused []error
	for _, cs := range sets {
		changes, err := plans.ChangesOf(cs)
		if err != nil {
			refused = append(refused, err) // every file's problems are told, as apply tells them
		}
		out = append(out, changes...)
	}
	if len(refused) > 0 {
		return nil, nil, refusedTogether("the plan's changes are refused", refused)
	}
	return out, sets, nil
}

// sayDatesGiveWay says on standard error which files' own dates gave way to the plan's: a
// file's effective date is not the plan's, and its recorded time is not kept (a plan's changes
// are recorded when it is applied), which a reader of the file might expect.
func (m *Main) sayDatesGiveWay(sets []*orgledger.Changeset, p *orgledger.Plan) {
	for _, cs := range sets {
		for _, msg := range plans.DatesGiveWay(cs, p.Effective) {
			fmt.Fprintf(m.Stderr, "%s: %s\n", cs.File, msg)
		}
	}
}

func (m *Main) planAdd(g *globalConfig, c *planConfig) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME FILE...",
		Short: "Add the changes of changeset files to a draft plan",
		Long: `Add appends the files' changes to a draft plan, as create does: each keeps its file's source
and note, and takes the plan's effective date unless the change names its own (add says when
a file's date gives way, and that a file's recorded time is not kept).`,
		Args: argsOf(2, -1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			changes, sets, err := m.planChanges(args[1:])
			if err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				p, err := b.plans.Add(cmd.Context(), m.caller(c), args[0], changes)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "plan %s now has %s\n", p.Name, count(len(p.Changes), "change"))
				m.sayDatesGiveWay(sets, p)
				return nil
			})
		}),
	}
}

func (m *Main) planShow(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "A plan's changes, owner, base and status",
		Args:  argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				p, err := b.plans.Get(cmd.Context(), m.caller(c), args[0])
				if err != nil {
					return err
				}
				v, err := b.plans.View(cmd.Context(), p)
				if err != nil {
					return err
				}
				if c.format.value == "json" {
					return writeJSON(m.Stdout, v)
				}
				writePlan(m.Stdout, v)
				return nil
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

func writePlan(w io.Writer, v plans.View) {
	fmt.Fprintf(w, "plan %s (%s), owned by %s, effective %s\n", v.Name, v.Status, v.Owner, v.Effective)
	if v.Base == 0 {
		fmt.Fprintln(w, "  drafted on an empty ledger")
	} else {
		fmt.Fprintf(w, "  drafted on the ledger as of event %d (%s)\n", v.Base, v.BaseTime.UTC().Format(time.RFC3339Nano))
	}
	if len(v.Shared) > 0 {
		fmt.Fprintf(w, "  shared with %s\n", listOrNone(v.Shared))
	}
	if v.Commit != 0 {
		fmt.Fprintf(w, "  applied as commit %d\n", v.Commit)
	}
	if len(v.Changes) == 0 { // found by QA: nothing said it
		fmt.Fprintln(w, "  (no changes)")
	}
	for _, ch := range v.Changes {
		fmt.Fprintf(w, "  %2d. %s, effective %s\n", ch.Change, ch.Summary, ch.Effective)
		switch {
		case ch.Withdrawn != nil:
			fmt.Fprintf(w, "      withdrawn by %s at %s: it waited for %s's leaving, which records nothing of it\n",
				ch.Withdrawn.By, ch.Withdrawn.At.UTC().Format(time.RFC3339), ch.When.Leaves)
		case ch.When != nil && ch.Releasing != nil:
			fmt.Fprintf(w, "      being released: %s's leaving is recorded, and a release claimed this change at %s to record it (one a process that stopped left claimed is released, or waits again, once the claim is ten minutes old)\n",
				ch.When.Leaves, ch.Releasing.UTC().Format(time.RFC3339))
		case ch.When != nil && ch.LeavingRecorded && ch.Held != "":
			fmt.Fprintf(w, "      waiting: %s's leaving is recorded, but this change is held back: %s\n", ch.When.Leaves, ch.Held)
		case ch.When != nil && ch.LeavingRecorded:
			fmt.Fprintf(w, "      waiting: %s's leaving is recorded, but this change is not (the ledger refused it, or it is not released yet); it is recorded once the ledger takes it\n", ch.When.Leaves)
		case ch.When != nil && ch.Waiting:
			fmt.Fprintf(w, "      waiting: takes effect when %s leaves, once that is recorded\n", ch.When.Leaves)
		case ch.When != nil && ch.Retracted != nil:
			fmt.Fprintf(w, "      taken back: %s's leaving released it as event %d, which event %d retracted; it does not wait again\n",
				ch.When.Leaves, ch.Retracted.Event, ch.Retracted.By)
		case ch.When != nil && ch.Event != 0:
			fmt.Fprintf(w, "      released when %s left, as event %d\n", ch.When.Leaves, ch.Event)
		case ch.When != nil:
			fmt.Fprintf(w, "      when %s leaves\n", ch.When.Leaves)
		case ch.Retracted != nil:
			fmt.Fprintf(w, "      taken back: recorded as event %d, which event %d retracted\n", ch.Retracted.Event, ch.Retracted.By)
		case ch.Event != 0:
			fmt.Fprintf(w, "      recorded as event %d\n", ch.Event)
		}
	}
}

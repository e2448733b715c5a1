package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

func (m *Main) planApply(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "apply NAME",
		Short: "Record the plan's changes in the ledger, marked with its name",
		Long: `Apply records the plan's changes as events marked with the plan's name, against the ledger as
it is now. It is refused, naming each clash, when changes recorded since the plan was drafted
change what the plan changes, when a change of another applied plan that waits for a leaving
would change it differently once released, or when the two together would break the org.

An apply that was stopped midway (killed, or its machine lost) leaves the plan "applying":
the next command that writes, or a server as it starts, settles it, as applied if the ledger
holds its changes, else as a draft again once ten minutes have passed since it began (an
apply still under way elsewhere has that long to finish).`,
		Args: argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				rctx, recorded := plans.Recording(cmd.Context())
				a, err := b.plans.Apply(rctx, m.applier(c), m.planRef(c, args[0]))
				if err != nil {
					if code := orgledger.ErrorCode(err); c.format.value == "json" && (code == orgledger.EINVALID || code == orgledger.ECONFLICT) {
						writeJSON(m.Stdout, map[string]any{"plan": m.refOf(rctx, b, c, args[0]), "refused": refusalOf(err)}) // as apply and import tell one
					}
					return err
				}
				m.afterCommitWith(cmd.Context(), b, a.Commit, slices.DeleteFunc(recorded(), func(rc *orgledger.Commit) bool {
					return a.Commit != nil && rc.ID == a.Commit.ID // told as the apply's own
				}))
				m.noteApplyDay(a, b.ledger.Today())
				err = m.printApply(c, a)
				m.checkpointIfBehind(cmd.Context(), b.ledger, m.dbPath(g))
				return err
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

// applier is who records a plan's changes: the local user, who runs the command, whoever owns
// the plan. The events name their writer, and the owner of a plan is the plan's, hidden from
// whoever may not see it.
func (m *Main) applier(c *planConfig) plans.Caller {
	return plans.Caller{Name: m.actor(), Role: orgledger.RoleAdmin}
}

// refOf returns the reference NAME@OWNER of the plan name names, as an apply's answer names it
// whether it is recorded or refused (found by QA: the name as given when refused); the name as
// given when no plan is found by it.
func (m *Main) refOf(ctx context.Context, b *backend, c *planConfig, name string) string {
	if p, err := b.plans.Get(ctx, m.applier(c), m.planRef(c, name)); err == nil {
		return p.Ref()
	}
	return name
}

// planRef is the plan --owner names as NAME@OWNER, for a caller other than its owner.
func (m *Main) planRef(c *planConfig, name string) string {
	if _, owner := orgledger.ParsePlanRef(name); owner != "" || c.owner == "" {
		return name
	}
	return name + "@" + c.owner
}

// noteApplyDay tells, on standard error, of a plan applied on another day than its own: before
// it, its changes are read by every planner from now on (and by viewers from its day); after
// it, they change the org from its day on, as known from now.
func (m *Main) noteApplyDay(a *plans.Applied, today orgledger.Date) {
	switch d := a.Plan.Effective; {
	case a.Commit == nil:
	case d > today:
		viewers := "viewers from that day"
		if first := earliest(a.Commit); first < d {
			viewers = fmt.Sprintf("viewers each from the day it takes effect, the first on %s", first)
			if first <= today {
				viewers += ", which they read now"
			}
		}
		fmt.Fprintf(m.Stderr, "orgledger: plan %s takes effect on %s, in %s: every planner reads its changes from now on, and %s\n", a.Plan.Name, d, count(int(d-today), "day"), viewers)
	case d < today:
		fmt.Fprintf(m.Stderr, "orgledger: plan %s took effect on %s, %s ago: the org from that day on has its changes, as known from now\n", a.Plan.Name, d, count(int(today-d), "day"))
	}
}

// earliest returns the day the first of a commit's events takes effect.
func earliest(c *orgledger.Commit) orgledger.Date {
	first := orgledger.MaxDate
	for _, e := range c.Events {
		first = min(first, e.Effective)
	}
	return first
}

// printApply prints what applying a plan did: as the API answers it with --format json.
func (m *Main) printApply(c *planConfig, a *plans.Applied) error {
	if c.format.value == "json" {
		return writeJSON(m.Stdout, a)
	}
	if a.Commit != nil {
		fmt.Fprintf(m.Stdout, "plan %s applied: recorded %s (%s) as commit %d\n", a.Plan.Name, count(a.Events, "event"), seqRange(a.Commit.Events), a.Commit.ID)
	} else {
		fmt.Fprintf(m.Stdout, "plan %s applied: recorded nothing yet\n", a.Plan.Name)
	}
	for _, i := range a.Waiting {
		fmt.Fprintf(m.Stdout, "change %d waits for the leaving of %s, not yet recorded\n", i, a.Plan.Changes[i-1].When.Leaves)
	}
	if a.Unreleased != "" {
		fmt.Fprintf(m.Stderr, "changes waiting for a leaving recorded meanwhile could not be recorded: %s\n", a.Unreleased)
	}
	for _, w := range a.Warnings { // its changes that changed nothing: afterCommit tells the rest
		fmt.Fprintf(m.Stderr, "orgledger: warning: plan %s: %s\n", a.Plan.Name, w)
	}
	return nil
}

func (m *Main) planList(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "The plans, with status, owner and date",
		Long: `List shows every plan, with its status, date, owner and number of changes; with --owner,
only the plans that name owns.`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				ps, err := b.plans.List(cmd.Context(), m.caller(c))
				if err != nil {
					return err
				}
				if c.owner != "" { // found by QA: taken, and then every plan listed
					ps = slices.DeleteFunc(ps, func(p *orgledger.Plan) bool { return p.Owner != c.owner })
				}
				list := b.plans.Summaries(ps)
				if c.format.value == "json" {
					return writeJSON(m.Stdout, list)
				}
				tw := columns(m.Stdout) // found by QA: a name of over 24 characters pushed its row out of line
				for _, p := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s  owner %s, %s%s\n", p.Name, p.Status, p.Effective, p.Owner, count(p.Changes, "change"), unreleasedNote(p))
				}
				return tw.Flush()
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) planDrop(g *globalConfig, c *planConfig) *cobra.Command {
	return &cobra.Command{
		Use:   "drop NAME",
		Short: "Drop a draft plan",
		Args:  argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				if err := b.plans.Drop(cmd.Context(), m.caller(c), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "plan %s dropped\n", args[0])
				return nil
			})
		}),
	}
}

func (m *Main) planShare(g *globalConfig, c *planConfig) *cobra.Command {
	return m.planSharing(g, c, "share", "Let the holder of another token see the plan and add to it",
		"the token name to share the plan with", (*plans.Service).Share)
}

func (m *Main) planUnshare(g *globalConfig, c *planConfig) *cobra.Command {
	return m.planSharing(g, c, "unshare", "Take back a share: the token no longer sees the plan",
		"the token name to take the plan back from", (*plans.Service).Unshare)
}

// planSharing is share or unshare: what changes the token names a plan is shared with.
func (m *Main) planSharing(g *globalConfig, c *planConfig, verb, short, with string,
	change func(*plans.Service, context.Context, plans.Caller, string, string) (*orgledger.Plan, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   verb + " NAME --with TOKEN-NAME",
		Short: short,
		Args:  argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if c.with == "" {
				return usageErrorf("--with is required")
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				done := "no longer shared with " + c.with
				if verb == "share" {
					before, err := b.plans.Get(cmd.Context(), m.caller(c), args[0])
					if err != nil {
						return err
					}
					done = "now shared with " + c.with
					if slices.Contains(before.Shared, c.with) { // found by a review: told as done again
						done = "already shared with " + c.with
					}
				}
				p, err := change(b.plans, cmd.Context(), m.caller(c), args[0], c.with)
				if err != nil {
					return err
				}
				others := slices.DeleteFunc(slices.Clone(p.Shared), func(n string) bool { return n == c.with })
				switch { // found by QA: a share told "…; it is shared with" the same name again
				case verb != "share" && len(others) == 0:
					done += "; it is shared with no one"
				case verb != "share":
					done += "; it is shared with " + listOrNone(others)
				case len(others) > 0:
					done += "; also with " + listOrNone(others)
				}
				fmt.Fprintf(m.Stdout, "plan %s is %s\n", p.Name, done)
				return nil
			})
		}),
	}
	cmd.Flags().StringVar(&c.with, "with", "", with)
	required(cmd, "with")
	return cmd
}

// unreleasedNote says how many changes of a plan wait for a leaving, and how many were
// withdrawn while they waited, or nothing when none did.
func unreleasedNote(p plans.Summary) string {
	var parts []string
	if p.Waiting > 0 {
		parts = append(parts, fmt.Sprintf("%d waiting for a leaving", p.Waiting))
	}
	if p.Withdrawn > 0 {
		parts = append(parts, fmt.Sprintf("%d withdrawn", p.Withdrawn))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

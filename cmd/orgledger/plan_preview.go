package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/plans"
)

func (m *Main) planDiff(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff NAME",
		Short: "The org on the plan's date with the plan against without it",
		Long: `Diff shows the org on the plan's date with the plan against the org on that date without
it, in diff's format: with --format json, diff's JSON, its "from" and "to" both the plan's date.
A change that takes effect after the plan's date, by an effective of its own, is not in it: the
text says which (plan check warns of them too).`,
		Args: argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				d, names, err := b.plans.DiffNamed(cmd.Context(), m.caller(c), args[0])
				if err != nil {
					return err
				}
				if c.format.value == "json" {
					return writeJSON(m.Stdout, d)
				}
				p, err := b.plans.Get(cmd.Context(), m.caller(c), args[0])
				if err != nil {
					return err
				}
				if len(p.Changes) == 0 { // found by QA: told as a diff that leaves changes out
					fmt.Fprintf(m.Stdout, "plan %s has no changes\n", p.Ref())
					return nil
				}
				return m.buffered(func(w io.Writer) {
					writeDiffText(w, d, "", names)
					writeAfterItsDate(w, p)
				})
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) planCheck(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check NAME",
		Short: "What applying the plan would be refused for, and warnings",
		Long: `Check lists the errors apply would refuse the plan for, with the change each comes from
(among them its clashes with what was recorded since it was drafted, and with changes of other
plans you may see that wait for a leaving), and warnings: positions
left vacant or created vacant, people left or hired without a manager, spans of control over 12,
layers added, units left or created without a head, changes that change nothing (while the
ledger refuses the plan, the org with it cannot be worked out, and one warning says so in place
of these), changes waiting for a leaving that is recorded before the plan's date (they
take effect then) or of someone the ledger does not know, and leavings the plan records that
would also release changes of applied plans you may see (which its diff leaves out). It exits 1
when there are errors.`,
		Args: argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				r, err := b.plans.Check(cmd.Context(), m.caller(c), args[0])
				if err != nil {
					return err
				}
				if c.format.value == "json" {
					err = writeJSON(m.Stdout, r)
				} else {
					writeReport(m.Stdout, r)
				}
				if err == nil && !r.OK {
					err = orgledger.Refused(fmt.Sprintf("plan %s has %s", r.Plan, count(len(r.Errors), "error")), nil)
				}
				return err
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

func writeReport(w io.Writer, r *plans.Report) {
	if r.OK && len(r.Warnings) == 0 {
		fmt.Fprintf(w, "plan %s: no errors, no warnings\n", r.Plan)
	}
	for _, p := range r.Errors {
		fmt.Fprintf(w, "error: %s\n", p)
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", wn.Message)
	}
	for _, i := range r.Waiting {
		fmt.Fprintf(w, "waiting: change %d waits for a leaving not yet recorded\n", i)
	}
}

func (m *Main) planImpact(g *globalConfig, c *planConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "impact NAME",
		Short: "People moved, managers changed, and span and depth of each unit touched",
		Args:  argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := c.format.check(); err != nil {
				return err
			}
			return m.withPlans(cmd.Context(), g, func(b *backend) error {
				im, err := b.plans.Impact(cmd.Context(), m.caller(c), args[0])
				if err != nil {
					return err
				}
				if c.format.value == "json" {
					return writeJSON(m.Stdout, im)
				}
				fmt.Fprintf(m.Stdout, "people moved %d, managers changed %d, joined %d, left %d\n", im.PeopleMoved, im.ManagersChanged, im.Joined, im.Left)
				tw := columns(m.Stdout)
				for _, u := range im.Units {
					fmt.Fprintf(tw, "  %s\tspan %d → %d, depth %d → %d%s\n", u.Unit, u.SpanBefore, u.SpanAfter, u.DepthBefore, u.DepthAfter, unitChangeNote(u.Change))
				}
				return tw.Flush()
			})
		}),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

// writeAfterItsDate says which of the plan's changes take effect after its date, by an
// effective of their own, and so are not in a diff of the org on that date.
func writeAfterItsDate(w io.Writer, p *orgledger.Plan) {
	later := plans.AfterItsDate(p)
	switch len(later) {
	case 0:
		return
	case 1:
		fmt.Fprintf(w, "(%s takes effect after the plan's date, %s, and so is not in this diff)\n", plans.ChangesList(later), p.Effective)
	default:
		fmt.Fprintf(w, "(%s take effect after the plan's date, %s, and so are not in this diff)\n", plans.ChangesList(later), p.Effective)
	}
}

// unitChangeNote says, after a unit's span and depth, that the plan creates or closes it: its
// span and depth are 0 where it is not open (found by QA: 0 → 0 read as nothing changed).
func unitChangeNote(change string) string {
	if change == "" {
		return ""
	}
	return " (" + change + " by the plan)"
}

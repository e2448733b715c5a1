package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/plans"
)

func (m *Main) planWithdraw(g *globalConfig, c *planConfig) *cobra.Command {
	return changeNumbersCommand(&cobra.Command{
		Use:   "withdraw NAME N...",
		Short: "Withdraw changes of an applied plan that still wait for a leaving",
		Long: `Withdraw withdraws the changes numbered N (as plan show numbers them, from 1) of an applied
plan that still wait for a leaving: they wait no more, and the leaving, when it is recorded,
records nothing of them. plan show keeps them, marked withdrawn, with who withdrew them and
when. Only admins withdraw, as only admins apply. A number of a change that does not wait (it
took effect when the plan was applied or when its leaving came, it is being recorded, it was
taken back, or withdrawn before), or of one that creates what another change still waiting
names, or without which the ledger would refuse the others waiting for the same leaving,
refuses the whole withdrawal (the refusal names the change to withdraw first, or with it); a
change that took effect is taken back by retracting its event. Changes whose leaving is
recorded, which the ledger refused with a change withdrawn (plan show says so), are recorded
once it is withdrawn, when the ledger takes them then.`,
		Example: `  orgledger plan show succession
  orgledger plan withdraw succession 2`,
		RunE: m.withChangeNumbers(g, func(ctx context.Context, b *backend, name string, numbers []int) error {
			w, err := b.plans.Withdraw(ctx, m.applier(c), m.planRef(c, name), numbers)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "plan %s: %s withdrawn; %s still waiting\n", w.Plan.Name, count(len(numbers), "change"), count(len(w.Plan.Unreleased()), "change"))
			for _, r := range byPlan(w.Recorded) {
				if r.plan == w.Plan.Ref() {
					fmt.Fprintf(m.Stdout, "plan %s: recorded %s, which the withdrawal freed, as %s\n", w.Plan.Name, changesNumbered(w.Released), eventsNamed(r.seqs))
				} else {
					fmt.Fprintf(m.Stderr, "orgledger: plan %s recorded %s after it: changes that wait for a leaving, released (orgledger log shows them)\n", r.plan, eventsNamed(r.seqs))
				}
			}
			if len(w.Held) > 0 {
				fmt.Fprintf(m.Stderr, "orgledger: plan %s: %s still waiting, the leaving recorded: plan show says why\n", w.Plan.Name, changesNumbered(w.Held))
			}
			for _, msg := range w.Warnings {
				fmt.Fprintf(m.Stderr, "orgledger: warning: %s\n", printable(msg))
			}
			return nil
		}),
	})
}

// changesNumbered names changes of a plan by number: "change 2", "changes 2, 3", or, of none,
// "its changes".
func changesNumbered(numbers []int) string {
	if len(numbers) == 0 {
		return "its changes"
	}
	return plans.ChangesList(numbers)
}

package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

func (m *Main) planWithdraw(g *globalConfig, c *planConfig) *cobra.Command {
	return &cobra.Command{
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
change that took effect is taken back by retracting its event.`,
		Example: `  orgledger plan show succession
  orgledger plan withdraw succession 2`,
		Args: cobra.MinimumNArgs(2),
		RunE: m.withChangeNumbers(g, func(ctx context.Context, b *backend, name string, numbers []int) error {
			p, err := b.plans.Withdraw(ctx, m.applier(c), m.planRef(c, name), numbers)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "plan %s: %s withdrawn; %s still waiting\n", p.Name, count(len(numbers), "change"), count(len(p.Unreleased()), "change"))
			return nil
		}),
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/orgledger/orgledger/plans"
)

func (m *Main) planRemove(g *globalConfig, c *planConfig) *cobra.Command {
	return changeNumbersCommand(&cobra.Command{
		Use:   "remove NAME N...",
		Short: "Take changes out of a draft plan, by the numbers plan show gives them",
		Long: `Remove takes the changes numbered N (as plan show numbers them, from 1) out of a draft plan;
the others keep their order, and are numbered again from 1. Whoever may add to the plan may
remove from it. A number the plan has no change of refuses the whole removal, and so does a
plan that is applied or being applied.`,
		Example: `  orgledger plan show reshuffle
  orgledger plan remove reshuffle 3
  orgledger plan remove reshuffle 5 6 7   # the changes of a file added by mistake`,
		RunE: m.withChangeNumbers(g, func(ctx context.Context, b *backend, name string, numbers []int) error {
			p, err := b.plans.Remove(ctx, m.caller(c), name, numbers, plans.AnyRevision)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "plan %s now has %s\n", p.Name, count(len(p.Changes), "change"))
			return nil
		}),
	})
}

// changeNumbersCommand returns cmd, a command given a plan's name and the numbers of its
// changes, with a negative number, which cobra reads as a flag of digits, refused as the
// number it is.
func changeNumbersCommand(cmd *cobra.Command) *cobra.Command {
	cmd.Args = argsOf(2, -1)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		var unknown *pflag.NotExistError
		if errors.As(err, &unknown) && isDigits(unknown.GetSpecifiedShortnames()) {
			return usageErrorf("%q is not the number of a change: plan show numbers them from 1", "-"+unknown.GetSpecifiedShortnames())
		}
		return flagError(err)
	})
	return cmd
}

// isDigits reports whether s is one or more decimal digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// withChangeNumbers is the RunE of a command given a plan's name and the numbers of its
// changes: fn runs on the database's plans with them.
func (m *Main) withChangeNumbers(g *globalConfig, fn func(ctx context.Context, b *backend, name string, numbers []int) error) func(*cobra.Command, []string) error {
	return run(func(cmd *cobra.Command, args []string) error {
		numbers, err := changeNumbers(args[1:])
		if err != nil {
			return err
		}
		return m.withPlans(cmd.Context(), g, func(b *backend) error { return fn(cmd.Context(), b, args[0], numbers) })
	})
}

// changeNumbers reads the numbers of a plan's changes, each given once.
func changeNumbers(args []string) ([]int, error) {
	var out []int
	for _, a := range args {
		n, err := strconv.Atoi(a)
		if err != nil || n < 1 {
			return nil, usageErrorf("%q is not the number of a change: plan show numbers them from 1", a)
		}
		if slices.Contains(out, n) {
			return nil, usageErrorf("change %d is named twice", n)
		}
		out = append(out, n)
	}
	return out, nil
}

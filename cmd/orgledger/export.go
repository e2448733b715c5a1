package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

type exportConfig struct {
	time   timeFlags
	format formatFlag
}

func (m *Main) exportCommand(g *globalConfig) *cobra.Command {
	c := &exportConfig{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "The org on a date as HRIS-style rows",
		Long: `Export writes one row per person active on the date, sorted by id, with the canonical
columns employee_id, name, title, manager_id, department and location (and email and
start_date when anyone has them). Importing a sequence of exports and exporting at each of
their dates gives back the same rows. Someone who holds several positions is written with
one: a position they hold for good before one they act in, then the one they have held
longest, then the first by id. A value a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a line break) is written after a ', which shows it as text; import takes it
off.`,
		Example: `  orgledger export --at 2024-01-31 > 2024-01.csv
  orgledger export --at 2022-04-13 --format json`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.export(cmd.Context(), g, c) }),
	}
	c.time.register(cmd)
	c.format.register(cmd, "csv", "json")
	return cmd
}

func (m *Main) export(ctx context.Context, g *globalConfig, c *exportConfig) error {
	q, err := c.time.query()
	if err != nil {
		return err
	}
	return m.reading(ctx, g, &c.format, func(l *ledger.Ledger) error {
		people := l.Employees(q)
		if c.format.value == "json" {
			return writeJSON(m.Stdout, people)
		}
		email, start := l.EmployeeFields(q)
		return hris.WriteExport(m.Stdout, people, hris.Had{Email: email, StartDate: start})
	})
}

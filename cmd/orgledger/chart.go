package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

type chartConfig struct {
	time   timeFlags
	root   string
	depth  int
	format formatFlag
}

func (m *Main) chartCommand(g *globalConfig) *cobra.Command {
	c := &chartConfig{}
	cmd := &cobra.Command{
		Use:   "chart",
		Short: "Draw the org chart on a date: positions, holders, vacancies",
		Long: `Chart draws every open position under the one it reports to, with who holds it, or
"vacant". --root starts from a person (their positions), a position, or a unit (its head, or
its top positions); --depth limits the levels below the root.

--format text is an indented tree, coloured on a terminal unless NO_COLOR is set; json is a
flat list of positions with id and parentId, as chart libraries read it; dot is a Graphviz
graph with a cluster per unit; mermaid is a Mermaid flowchart; svg is a drawing orgledger
lays out itself; csv is the export's rows (see export) of the people in the drawn tree, in
the tree's order.`,
		Example: `  orgledger chart --at 2022-04-13
  orgledger chart --at 2022-04-13 --known-at 2022-04-12
  orgledger chart --root cai-yinghua --depth 1 --format json
  orgledger chart --at 2022-04-13 --format svg > chart.svg
  orgledger chart --format dot | dot -Tpdf > chart.pdf`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.chart(cmd.Context(), g, c) }),
	}
	c.register(cmd)
	return cmd
}

func (c *chartConfig) register(cmd *cobra.Command) {
	c.time.register(cmd)
	cmd.Flags().StringVar(&c.root, "root", "", "start from this person, position or unit id")
	cmd.Flags().IntVar(&c.depth, "depth", -1, "levels below the root to draw, -1 for all")
	c.format.register(cmd, "text", "json", "csv", "dot", "mermaid", "svg")
}

func (m *Main) chart(ctx context.Context, g *globalConfig, c *chartConfig) error {
	q, err := c.time.query()
	if err != nil {
		return err
	}
	if err := c.format.check(); err != nil {
		return err
	}
	if c.depth < -1 {
		return usageErrorf("--depth: %d levels; give 0 or more, or -1 for all", c.depth)
	}
	if nodes, err := m.chartFromImage(ctx, g, c, q); !errors.Is(err, ledger.ErrNotAnswered) {
		if err != nil {
			return err
		}
		return m.drawChart(c, nil, q, nodes)
	}
	return m.reading(ctx, g, &c.format, func(l *ledger.Ledger) error {
		nodes, err := l.Chart(q, ledger.ChartOptions{Root: c.root, Depth: c.depth})
		if err != nil {
			return err
		}
		return m.drawChart(c, l, q, nodes)
	})
}

// needsLedger reports whether the format draws more than the chart's nodes: svg names the
// chart after its top unit, csv writes the rows of the people in it.
func (c *chartConfig) needsLedger() bool {
	return c.format.value == "svg" || c.format.value == "csv"
}

// drawChart writes the chart in the format asked for; l may be nil when the format does not
// need the ledger (needsLedger).
func (m *Main) drawChart(c *chartConfig, l *ledger.Ledger, q ledger.Query, nodes []orgledger.ChartNode) error {
	switch c.format.value {
	case "json":
		return chart.JSON(m.Stdout, nodes)
	case "dot":
		return chart.DOT(m.Stdout, nodes)
	case "mermaid":
		return chart.Mermaid(m.Stdout, nodes)
	case "svg":
		return chart.SVG(m.Stdout, nodes, chart.SVGOptions{Title: chartTitle(l, q, nodes, c.time.knownAt)})
	case "csv":
		return hris.WriteCSV(m.Stdout, peopleOf(nodes, l.Employees(q)))
	}
	if len(nodes) == 0 { // a day without open positions, or a unit without any of its own
		day := "today"
		if q.At != 0 {
			day = "on " + q.At.String()
		}
		where, known := "", ""
		if c.root != "" {
			where = " in " + c.root
		}
		if !q.KnownAt.IsZero() {
			known = " as known at " + orgledger.FormatKnownAt(q.KnownAt) + " (what was recorded by then)"
		}
		_, err := fmt.Fprintf(m.Stdout, "no open positions%s %s%s\n", where, day, known)
		return err
	}
	if m.colorful(m.Stdout) {
		return chart.TextColor(m.Stdout, nodes)
	}
	return chart.Text(m.Stdout, nodes)
}

// peopleOf returns the rows of the people who hold the chart's positions, in the chart's order.
func peopleOf(nodes []orgledger.ChartNode, all []orgledger.Employee) []orgledger.Employee {
	byID := make(map[string]orgledger.Employee, len(all))
	for _, e := range all {
		byID[e.ID] = e
	}
	var out []orgledger.Employee
	seen := map[string]bool{}
	for _, n := range nodes {
		for _, h := range n.Holders {
			if e, ok := byID[h.ID]; ok && !seen[h.ID] {
				seen[h.ID] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// colorful reports whether w is a terminal that wants colour: not when NO_COLOR is set to
// anything (no-color.org) or TERM is dumb.
func (m *Main) colorful(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || m.Getenv("NO_COLOR") != "" || m.Getenv("TERM") == "dumb" {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// chartTitle names a drawn chart: the unit at the top of the org above every position in it
// ("Org chart" if there is no one such unit), the date, and the --known-at given, if any.
func chartTitle(l *ledger.Ledger, q ledger.Query, nodes []orgledger.ChartNode, knownAt string) string {
	at := q.At
	if at.IsZero() {
		at = l.Today()
	}
	title := "Org chart"
	tops := make(map[string]orgledger.Ref)
	for _, n := range nodes {
		if _, ok := tops[n.Unit.ID]; !ok {
			tops[n.Unit.ID] = topUnit(l, q, n.Unit)
		}
	}
	if org, one := onlyUnit(tops); one && org.Name != "" {
		title = org.Name
	}
	title += " — " + at.String()
	if knownAt != "" {
		title += ", as known at " + knownAt
	}
	return title
}

// topUnit follows u's parents up to the unit at the top.
func topUnit(l *ledger.Ledger, q ledger.Query, u orgledger.Ref) orgledger.Ref {
	for range 1000 { // a bound, in case the ledger ever held a cycle of units
		info, err := l.Show(u.ID, q)
		unit, ok := info.(*orgledger.UnitInfo)
		if err != nil || !ok || unit.Parent == nil {
			return u
		}
		u = *unit.Parent
	}
	return u
}

// onlyUnit returns the one unit that every value of tops is, if there is one.
func onlyUnit(tops map[string]orgledger.Ref) (orgledger.Ref, bool) {
	var only orgledger.Ref
	for _, u := range tops {
		if only.ID != "" && u.ID != only.ID || u.ID == "" {
			return orgledger.Ref{}, false
		}
		only = u
	}
	return only, only.ID != ""
}

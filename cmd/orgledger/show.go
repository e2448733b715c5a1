package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

type showConfig struct {
	time   timeFlags
	format formatFlag
}

func (m *Main) showCommand(g *globalConfig) *cobra.Command {
	c := &showConfig{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one person, position or unit on a date",
		Long: `Show describes a person (their positions, managers and reports), a position (its unit,
solid and dotted lines, holders) or a unit (its parent, head, positions and child units) on a
date, as known at a time. An id that does not exist on that date is an error.`,
		Example: `  orgledger show huo-jia --at 2022-04-13
  orgledger show cloud-china-president --at 2022-04-13 --known-at 2022-04-12 --format json`,
		Args: oneID,
		RunE: run(func(cmd *cobra.Command, args []string) error { return m.show(cmd.Context(), g, c, args[0]) }),
	}
	c.time.register(cmd)
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) show(ctx context.Context, g *globalConfig, c *showConfig, id string) error {
	q, err := c.time.query()
	if err != nil {
		return err
	}
	return m.reading(ctx, g, &c.format, func(l *ledger.Ledger) error {
		info, err := l.Show(id, q)
		if err != nil {
			return err
		}
		if c.format.value == "json" {
			return writeJSON(m.Stdout, info)
		}
		switch v := info.(type) {
		case *orgledger.PersonInfo:
			writePerson(m.Stdout, v)
		case *orgledger.PositionInfo:
			writePosition(m.Stdout, v)
		case *orgledger.UnitInfo:
			writeUnit(m.Stdout, v)
		}
		return nil
	})
}

func writePerson(w io.Writer, p *orgledger.PersonInfo) {
	fmt.Fprintf(w, "%s (%s), person\n", p.Name, p.ID)
	if p.Active {
		fmt.Fprintf(w, "  active, hired %s\n", p.Hired)
	} else {
		fmt.Fprintf(w, "  not active: hired %s, left %s\n", p.Hired, p.Left)
	}
	for _, k := range []struct{ label, v string }{{"email", p.Email}, {"location", p.Location}} {
		if k.v != "" {
			fmt.Fprintf(w, "  %s: %s\n", k.label, indentLines(k.v, "    "))
		}
	}
	// Attributes are named by whoever recorded them, so they go under a heading of their own:
	// one named "managers" must not read as the person's managers.
	if len(p.Attrs) > 0 {
		fmt.Fprintln(w, "  attributes:")
	}
	for _, k := range slices.Sorted(maps.Keys(p.Attrs)) {
		fmt.Fprintf(w, "    %s: %s\n", k, indentLines(p.Attrs[k], "      "))
	}
	if len(p.Positions) == 0 {
		fmt.Fprintln(w, "  positions: none")
	}
	for _, pos := range p.Positions {
		acting := ""
		if pos.Acting {
			acting = " (acting)"
		}
		fmt.Fprintf(w, "  position: %s (%s)%s%s\n", pos.Title, pos.ID, acting, unitOf(pos))
		if mp := pos.ManagerPosition; mp != nil {
			vacant := ""
			if mp.Vacant {
				vacant = ", vacant"
			}
			fmt.Fprintf(w, "    reports to: %s (%s%s)\n", mp.Title, mp.ID, vacant)
		}
	}
	fmt.Fprintf(w, "  managers: %s\n", refList(p.Managers))
	fmt.Fprintf(w, "  reports: %s\n", refList(p.Reports))
}

// unitOf says which unit a person's position is in, after its title: " in Unit (unit-id)", or
// where the title names the unit (orgledger.UnitNotIn) its id alone, ", unit unit-id", to show
// it by: "Head of Engineering (head-eng), unit eng", not "Head of Engineering (head-eng) in
// Engineering (eng)".
func unitOf(pos orgledger.HeldPosition) string {
	if pos.Unit.ID == "" {
		return ""
	}
	if orgledger.UnitNotIn(pos.Title, pos.Unit.Name) == "" {
		return ", unit " + pos.Unit.ID
	}
	return fmt.Sprintf(" in %s (%s)", pos.Unit.Name, pos.Unit.ID)
}

func writePosition(w io.Writer, p *orgledger.PositionInfo) {
	state := "open"
	if !p.Open {
		state = "closed"
	}
	fmt.Fprintf(w, "%s (%s), %s, %s\n", p.Title, p.ID, withKind("position", p.Kind), state)
	fmt.Fprintf(w, "  unit: %s (%s)\n", p.Unit.Name, p.Unit.ID)
	if len(p.Heads) > 0 {
		fmt.Fprintf(w, "  heads: %s\n", refList(p.Heads))
	}
	if p.ReportsTo != nil {
		fmt.Fprintf(w, "  reports to: %s (%s)\n", p.ReportsTo.Title, p.ReportsTo.ID)
	}
	for _, d := range p.Dotted {
		fmt.Fprintf(w, "  dotted line to: %s (%s)\n", d.Title, d.ID)
	}
	holders := make([]string, len(p.Holders))
	for i, h := range p.Holders {
		holders[i] = fmt.Sprintf("%s (%s)", h.Name, h.ID)
		if h.Acting {
			holders[i] += ", acting"
		}
	}
	switch {
	case p.Vacant:
		holders = []string{"vacant"}
	case len(holders) == 0:
		holders = []string{"no one"} // closed
	}
	fmt.Fprintf(w, "  held by: %s\n", strings.Join(holders, "; "))
	fmt.Fprintf(w, "  reports: %s\n", positionList(p.Reports))
}

func writeUnit(w io.Writer, u *orgledger.UnitInfo) {
	state := "open"
	if !u.Open {
		state = "closed"
	}
	fmt.Fprintf(w, "%s (%s), %s, %s\n", u.Name, u.ID, withKind("unit", u.Kind), state)
	if u.Parent != nil {
		fmt.Fprintf(w, "  parent: %s (%s)\n", u.Parent.Name, u.Parent.ID)
	}
	if u.Head != nil {
		fmt.Fprintf(w, "  head: %s (%s)\n", u.Head.Title, u.Head.ID)
	}
	fmt.Fprintf(w, "  positions: %s\n", positionList(u.Positions))
	fmt.Fprintf(w, "  units: %s\n", refList(u.Units))
}

// withKind names what a record is, with its kind when it has one: "position (assistant)",
// "unit (division)".
func withKind(what, kind string) string {
	if kind == "" {
		return what
	}
	return what + " (" + kind + ")"
}

func refList(rs []orgledger.Ref) string {
	if len(rs) == 0 {
		return "none"
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s (%s)", r.Name, r.ID)
	}
	return strings.Join(out, ", ")
}

func positionList(ps []orgledger.PositionRef) string {
	if len(ps) == 0 {
		return "none"
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%s (%s)", p.Title, p.ID)
	}
	return strings.Join(out, ", ")
}

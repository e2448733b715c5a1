package ledger

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/orgledger/orgledger"
)

// Summary describes an event in one line, for history and log.
func Summary(e *orgledger.Event) string {
	s := summaryOf(e.Op)
	if len(e.Effects.Replaced) > 0 {
		verb := " steps out"
		if len(e.Effects.Replaced) > 1 {
			verb = " step out"
		}
		s += "; " + strings.Join(e.Effects.Replaced, ", ") + verb
	}
	if len(e.Effects.Vacated) > 0 {
		s += "; vacates " + strings.Join(e.Effects.Vacated, ", ")
	}
	if len(e.Effects.Positions) > 0 {
		s += "; moves positions " + strings.Join(e.Effects.Positions, ", ")
	}
	if len(e.Effects.Units) > 0 {
		s += "; moves units " + strings.Join(e.Effects.Units, ", ")
	}
	return s
}

func summaryOf(op orgledger.Op) string {
	switch c := op.(type) {
	case *orgledger.Hire:
		return fmt.Sprintf("%s (%s) is hired", c.ID, c.Name)
	case *orgledger.Leave:
		if c.Reason != "" {
			return fmt.Sprintf("%s leaves (%s)", c.Person, c.Reason)
		}
		return c.Person + " leaves"
	case *orgledger.UpdatePerson:
		return c.Person + "'s details change" + detailsSet(c)
	case *orgledger.CreateUnit:
		return fmt.Sprintf("unit %s (%s) opens%s", c.ID, c.Name, optional(" under ", c.Parent))
	case *orgledger.RenameUnit:
		return fmt.Sprintf("unit %s is renamed %s", c.Unit, c.Name)
	case *orgledger.MoveUnit:
		if c.Parent == "" {
			return fmt.Sprintf("unit %s moves to the top, under no unit", c.Unit)
		}
		return fmt.Sprintf("unit %s moves under %s", c.Unit, c.Parent)
	case *orgledger.MergeUnits:
		if len(c.Units) == 1 {
			return fmt.Sprintf("unit %s merges into %s", c.Units[0], c.Into)
		}
		return fmt.Sprintf("units %s merge into %s", strings.Join(c.Units, ", "), c.Into)
	case *orgledger.CloseUnit:
		return fmt.Sprintf("unit %s closes", c.Unit)
	case *orgledger.SetHead:
		return fmt.Sprintf("%s heads unit %s", c.Position, c.Unit)
	case *orgledger.CreatePosition:
		return fmt.Sprintf("position %s (%s) opens in %s%s", c.ID, c.Title, c.Unit, optional(", reporting to ", c.ReportsTo))
	case *orgledger.Retitle:
		return fmt.Sprintf("position %s is retitled %s", c.Position, c.Title)
	case *orgledger.MovePosition:
		return fmt.Sprintf("position %s moves to unit %s", c.Position, c.Unit)
	case *orgledger.Report:
		if c.To == "" {
			return c.Position + " now reports to no one"
		}
		return fmt.Sprintf("%s now reports to %s", c.Position, c.To)
	case *orgledger.Dotted:
		return fmt.Sprintf("%s gains a dotted line to %s", c.Position, c.To)
	case *orgledger.Undotted:
		return fmt.Sprintf("%s loses its dotted line to %s", c.Position, c.To)
	case *orgledger.ClosePosition:
		return fmt.Sprintf("position %s closes", c.Position)
	case *orgledger.Assign:
		how := ""
		if c.Acting {
			how = " (acting)"
		}
		return fmt.Sprintf("%s takes position %s%s", c.Person, c.Position, how)
	case *orgledger.Unassign:
		return fmt.Sprintf("%s steps out of position %s", c.Person, c.Position)
	case *orgledger.Retract:
		return fmt.Sprintf("event %d is retracted: %s", c.Event, c.Reason)
	}
	return string(op.Verb())
}

// detailsSet says what an update of a person sets, after a colon: "name Ada Lovelace",
// "location Hangzhou", "email removed", "attribute grade P9"; "" when it sets nothing.
func detailsSet(c *orgledger.UpdatePerson) string {
	var parts []string
	for _, f := range c.Sets() {
		what, v := f.Field, cmp.Or(f.Value, "removed")
		if k, ok := strings.CutPrefix(what, "attrs."); ok {
			what = "attribute " + k
		}
		parts = append(parts, what+" "+v)
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

func optional(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

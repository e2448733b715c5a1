package orgledger

import (
	"slices"
	"strconv"
	"strings"
)

// The Check methods look at one change alone: required fields, id syntax, name lengths. What a
// change means for the org is the ledger's to check.

// Check returns the problems of a change alone, with a verb: its fields, then its source and
// note.
func (c *Change) Check() []*Problem {
	out := c.Op.Check()
	if p := CheckProvenance(c.Source, c.Note); p != nil {
		out = append(out, p)
	}
	if c.When != nil {
		out = append(out, problems(checkID("when.leaves", c.When.Leaves))...)
	}
	return out
}

func (c *Hire) Check() []*Problem {
	return append(problems(checkID("id", c.ID), CheckName("name", c.Name),
		checkOneLine("email", c.Email, 254), checkTrimmed("location", c.Location, MaxNameLen)),
		checkAttrs(c.Attrs)...)
}

func (c *Leave) Check() []*Problem {
	return problems(checkID("person", c.Person), checkText("reason", c.Reason, 1000))
}

func (c *UpdatePerson) Check() []*Problem {
	if c.Name == nil && c.Email == nil && c.Location == nil && len(c.Attrs) == 0 {
		return problems(checkID("person", c.Person), &Problem{Reason: "names no detail to change (name, email, location or attrs)"})
	}
	var name *Problem
	if c.Name != nil {
		name = CheckName("name", *c.Name)
	}
	return append(problems(checkID("person", c.Person), name, checkOptional("email", c.Email, 254, checkOneLine),
		checkOptional("location", c.Location, MaxNameLen, checkTrimmed)), checkAttrs(c.Attrs)...)
}

func (c *CreateUnit) Check() []*Problem {
	parent := checkOptionalID("parent", c.Parent)
	if parent == nil && c.Parent == c.ID && c.ID != "" {
		parent = &Problem{Field: "parent", Reason: "a unit cannot be its own parent"}
	}
	return problems(checkID("id", c.ID), CheckName("name", c.Name), parent, checkOneLine("kind", c.Kind, 64))
}

func (c *RenameUnit) Check() []*Problem {
	return problems(checkID("unit", c.Unit), CheckName("name", c.Name))
}

func (c *MoveUnit) Check() []*Problem {
	parent := checkOptionalID("parent", c.Parent)
	if parent == nil && c.Parent == c.Unit && c.Unit != "" {
		parent = &Problem{Field: "parent", Reason: "a unit cannot be its own parent"}
	}
	return problems(checkID("unit", c.Unit), parent)
}

func (c *MergeUnits) Check() []*Problem {
	return problems(c.checkUnits(), c.checkInto())
}

// checkUnits returns the first problem of the units merged: none listed, one not an id, or
// one listed twice.
func (c *MergeUnits) checkUnits() *Problem {
	if len(c.Units) == 0 {
		return &Problem{Field: "units", Reason: "must list at least one unit"}
	}
	seen := make(map[string]bool, len(c.Units))
	for _, u := range c.Units {
		if p := checkID("units", u); p != nil {
			return p
		}
		if seen[u] {
			return &Problem{Field: "units", Reason: "lists " + u + " twice"}
		}
		seen[u] = true
	}
	return nil
}

// checkInto returns the problem of the unit merged into: not an id, or one of the units merged.
func (c *MergeUnits) checkInto() *Problem {
	if p := checkID("into", c.Into); p != nil {
		return p
	}
	if slices.Contains(c.Units, c.Into) {
		return &Problem{Field: "into", Reason: "unit " + c.Into + " cannot be merged into itself"}
	}
	return nil
}

func (c *CloseUnit) Check() []*Problem { return problems(checkID("unit", c.Unit)) }

func (c *SetHead) Check() []*Problem {
	return problems(checkID("unit", c.Unit), checkID("position", c.Position))
}

func (c *CreatePosition) Check() []*Problem {
	reportsTo := checkOptionalID("reports-to", c.ReportsTo)
	if reportsTo == nil && c.ReportsTo == c.ID && c.ID != "" {
		reportsTo = &Problem{Field: "reports-to", Reason: "a position cannot report to itself"}
	}
	var kind *Problem
	if c.Kind != "" && c.Kind != KindAssistant {
		kind = &Problem{Field: "kind", Reason: "must be \"assistant\" or absent, not " + quote(c.Kind)}
	}
	return problems(checkID("id", c.ID), CheckName("title", c.Title), checkID("unit", c.Unit), reportsTo, kind)
}

func (c *Retitle) Check() []*Problem {
	return problems(checkID("position", c.Position), CheckName("title", c.Title))
}

func (c *MovePosition) Check() []*Problem {
	return problems(checkID("position", c.Position), checkID("unit", c.Unit))
}

// Check allows To to be empty: the position then reports to no one.
func (c *Report) Check() []*Problem {
	if c.To == "" {
		return problems(checkID("position", c.Position))
	}
	return checkLine(c.Position, c.To)
}

func (c *Dotted) Check() []*Problem { return checkLine(c.Position, c.To) }

func (c *Undotted) Check() []*Problem { return checkLine(c.Position, c.To) }

func (c *ClosePosition) Check() []*Problem { return problems(checkID("position", c.Position)) }

func (c *Assign) Check() []*Problem {
	var both *Problem
	if c.Replace && c.Share {
		both = &Problem{Field: "replace", Reason: "replace and share cannot both be true"}
	}
	return problems(checkID("person", c.Person), checkID("position", c.Position), both)
}

func (c *Unassign) Check() []*Problem {
	return problems(checkID("person", c.Person), checkID("position", c.Position))
}

func (c *Retract) Check() []*Problem {
	var event *Problem
	if c.Event <= 0 {
		event = &Problem{Field: "event", Reason: "must be the number of an event in the ledger"}
	}
	reason := checkText("reason", c.Reason, 1000)
	if c.Reason == "" {
		reason = &Problem{Field: "reason", Reason: "is required: say why the event is retracted"}
	}
	return problems(event, reason)
}

// KindAssistant marks a position that assists its manager rather than leading a team.
const KindAssistant = "assistant"

func checkLine(position, to string) []*Problem {
	line := checkID("to", to)
	if line == nil && position == to {
		line = &Problem{Field: "to", Reason: "a position cannot point to itself"}
	}
	return problems(checkID("position", position), line)
}

func checkOptionalID(field, v string) *Problem {
	if v == "" {
		return nil
	}
	return checkID(field, v)
}

// checkOptional checks with check a detail that a change may leave out (nil).
func checkOptional(field string, v *string, max int, check func(field, v string, max int) *Problem) *Problem {
	if v == nil {
		return nil
	}
	return check(field, *v, max)
}

// checkAttrs returns a problem for each attribute whose key is not one or whose value is not
// text, in the order of the keys. A key's problem is the field attrs.KEY, where the file gave
// the key's line, but for a key holding what a terminal would not print: it is told as attrs.
func checkAttrs(attrs map[string]string) []*Problem {
	var out []*Problem
	keys := make([]string, 0, len(attrs)) // one allocation: a change of each row of an import has attrs
	for k := range attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !ValidID(k) {
			field := "attrs"
			if k != "" && !strings.ContainsFunc(k, func(r rune) bool { return !strconv.IsPrint(r) }) {
				field += "." + k
			}
			out = append(out, &Problem{Field: field, Reason: "key " + quoteClipped(k) + " " + whyNotID(k, "key")})
		} else if p := checkText("attrs."+k, attrs[k], 1000); p != nil {
			out = append(out, p)
		}
	}
	return out
}

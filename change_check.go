package orgledger

import (
	"sort"
	"strconv"
)

// The Check methods look at one change alone: required fields, id syntax, name lengths. What a
// change means for the org is the ledger's to check.

// Check returns the problems of a change alone, with a verb: its fields, then its source and
// note.
func (c *Change) Check() []*Problem {
	var out []*Problem
	var when *Problem
	if c.When != nil {
		when = checkID("when.leaves", c.When.Leaves)
	}
	for _, p := range []*Problem{c.Op.Check(), CheckProvenance(c.Source, c.Note), when} {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

func (c *Hire) Check() *Problem {
	return firstProblem(checkID("id", c.ID), CheckName("name", c.Name),
		checkOneLine("email", c.Email, 254), checkTrimmed("location", c.Location, MaxNameLen),
		checkAttrs(c.Attrs))
}

func (c *Leave) Check() *Problem {
	return firstProblem(checkID("person", c.Person), checkText("reason", c.Reason, 1000))
}

func (c *UpdatePerson) Check() *Problem {
	if p := checkID("person", c.Person); p != nil {
		return p
	}
	if c.Name == nil && c.Email == nil && c.Location == nil && len(c.Attrs) == 0 {
		return &Problem{Reason: "names no detail to change (name, email, location or attrs)"}
	}
	var name *Problem
	if c.Name != nil {
		name = CheckName("name", *c.Name)
	}
	return firstProblem(name, checkOptional("email", c.Email, 254, checkOneLine),
		checkOptional("location", c.Location, MaxNameLen, checkTrimmed), checkAttrs(c.Attrs))
}

func (c *CreateUnit) Check() *Problem {
	p := firstProblem(checkID("id", c.ID), CheckName("name", c.Name),
		checkOptionalID("parent", c.Parent), checkOneLine("kind", c.Kind, 64))
	if p == nil && c.Parent == c.ID {
		p = &Problem{Field: "parent", Reason: "a unit cannot be its own parent"}
	}
	return p
}

func (c *RenameUnit) Check() *Problem {
	return firstProblem(checkID("unit", c.Unit), CheckName("name", c.Name))
}

func (c *MoveUnit) Check() *Problem {
	p := firstProblem(checkID("unit", c.Unit), checkID("parent", c.Parent))
	if p == nil && c.Parent == c.Unit {
		p = &Problem{Field: "parent", Reason: "a unit cannot be its own parent"}
	}
	return p
}

func (c *MergeUnits) Check() *Problem {
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
	if p := checkID("into", c.Into); p != nil {
		return p
	}
	if seen[c.Into] {
		return &Problem{Field: "into", Reason: "unit " + c.Into + " cannot be merged into itself"}
	}
	return nil
}

func (c *CloseUnit) Check() *Problem { return checkID("unit", c.Unit) }

func (c *SetHead) Check() *Problem {
	return firstProblem(checkID("unit", c.Unit), checkID("position", c.Position))
}

func (c *CreatePosition) Check() *Problem {
	p := firstProblem(checkID("id", c.ID), CheckName("title", c.Title), checkID("unit", c.Unit),
		checkOptionalID("reports-to", c.ReportsTo))
	if p == nil && c.Kind != "" && c.Kind != KindAssistant {
		p = &Problem{Field: "kind", Reason: "must be \"assistant\" or absent, not " + quote(c.Kind)}
	}
	if p == nil && c.ReportsTo == c.ID {
		p = &Problem{Field: "reports-to", Reason: "a position cannot report to itself"}
	}
	return p
}

func (c *Retitle) Check() *Problem {
	return firstProblem(checkID("position", c.Position), CheckName("title", c.Title))
}

func (c *MovePosition) Check() *Problem {
	return firstProblem(checkID("position", c.Position), checkID("unit", c.Unit))
}

// Check allows To to be empty: the position then reports to no one.
func (c *Report) Check() *Problem {
	if c.To == "" {
		return checkID("position", c.Position)
	}
	return checkLine(c.Position, c.To)
}

func (c *Dotted) Check() *Problem { return checkLine(c.Position, c.To) }

func (c *Undotted) Check() *Problem { return checkLine(c.Position, c.To) }

func (c *ClosePosition) Check() *Problem { return checkID("position", c.Position) }

func (c *Assign) Check() *Problem {
	p := firstProblem(checkID("person", c.Person), checkID("position", c.Position))
	if p == nil && c.Replace && c.Share {
		p = &Problem{Field: "replace", Reason: "replace and share cannot both be true"}
	}
	return p
}

func (c *Unassign) Check() *Problem {
	return firstProblem(checkID("person", c.Person), checkID("position", c.Position))
}

func (c *Retract) Check() *Problem {
	if c.Event <= 0 {
		return &Problem{Field: "event", Reason: "must be the number of an event in the ledger"}
	}
	if c.Reason == "" {
		return &Problem{Field: "reason", Reason: "is required: say why the event is retracted"}
	}
	return checkText("reason", c.Reason, 1000)
}

// KindAssistant marks a position that assists its manager rather than leading a team.
const KindAssistant = "assistant"

func checkLine(position, to string) *Problem {
	p := firstProblem(checkID("position", position), checkID("to", to))
	if p == nil && position == to {
		p = &Problem{Field: "to", Reason: "a position cannot point to itself"}
	}
	return p
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

func checkAttrs(attrs map[string]string) *Problem {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !ValidID(k) {
			return &Problem{Field: "attrs", Reason: "key " + strconv.QuoteToASCII(k) + " " + whyNotID(k, "key")}
		}
		if p := checkText("attrs."+k, attrs[k], 1000); p != nil {
			return p
		}
	}
	return nil
}

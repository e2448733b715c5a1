package plans

import "github.com/orgledger/orgledger"

// claims names what a change changes, as "kind:id:attribute" keys: two changes that claim the
// same key change the same thing. A plan clashes with the ledger when an event recorded since
// the plan was drafted claims what a change of the plan claims.
func claims(op orgledger.Op, eff orgledger.Effects) []string {
	switch c := op.(type) {
	case *orgledger.Hire:
		return []string{key("person", c.ID, "exists")}
	case *orgledger.Leave:
		return []string{key("person", c.Person, "active"), key("person", c.Person, "positions")}
	case *orgledger.UpdatePerson:
		return []string{key("person", c.Person, "details")}
	case *orgledger.CreateUnit:
		return []string{key("unit", c.ID, "exists")}
	case *orgledger.RenameUnit:
		return []string{key("unit", c.Unit, "name")}
	case *orgledger.MoveUnit:
		return []string{key("unit", c.Unit, "parent")}
	case *orgledger.MergeUnits:
		return mergeClaims(c, eff)
	case *orgledger.CloseUnit:
		return []string{key("unit", c.Unit, "open")}
	case *orgledger.SetHead:
		return []string{key("unit", c.Unit, "head")}
	case *orgledger.CreatePosition:
		return []string{key("position", c.ID, "exists")}
	case *orgledger.Retitle:
		return []string{key("position", c.Position, "title")}
	case *orgledger.MovePosition:
		return []string{key("position", c.Position, "unit")}
	case *orgledger.Report:
		return []string{key("position", c.Position, "line")}
	case *orgledger.Dotted:
		return []string{key("position", c.Position, "dotted to "+c.To)}
	case *orgledger.Undotted:
		return []string{key("position", c.Position, "dotted to "+c.To)}
	case *orgledger.ClosePosition:
		return []string{key("position", c.Position, "open")}
	case *orgledger.Assign:
		out := []string{key("position", c.Position, "holders"), key("person", c.Person, "positions")}
		for _, r := range eff.Replaced {
			out = append(out, key("person", r, "positions"))
		}
		return out
	case *orgledger.Unassign:
		return []string{key("position", c.Position, "holders"), key("person", c.Person, "positions")}
	}
	return nil
}

func mergeClaims(c *orgledger.MergeUnits, eff orgledger.Effects) []string {
	var out []string
	for _, u := range c.Units {
		out = append(out, key("unit", u, "open"))
	}
	for _, p := range eff.Positions {
		out = append(out, key("position", p, "unit"))
	}
	for _, u := range eff.Units {
		out = append(out, key("unit", u, "parent"))
	}
	return out
}

// puts names what a recorded event puts a position or a unit in, beside what it changes
// (claims): the units whose contents it changes.
func puts(op orgledger.Op) []string {
	switch c := op.(type) {
	case *orgledger.CreateUnit:
		return contents(c.Parent)
	case *orgledger.MoveUnit:
		return contents(c.Parent)
	case *orgledger.CreatePosition:
		return contents(c.Unit)
	case *orgledger.MovePosition:
		return contents(c.Unit)
	case *orgledger.MergeUnits:
		out := contents(c.Into)
		for _, u := range c.Units {
			out = append(out, contents(u)...)
		}
		return out
	}
	return nil
}

// dependsOn names what a change of a plan acts on beyond what it changes (claims): a merge
// moves whatever is in the units it closes, so a position or unit put in one of them since the
// plan was drafted would move with it, unlike on the org the plan was previewed on. A plan's
// change that puts something in a unit does not clash with an event that did too.
func dependsOn(op orgledger.Op) []string {
	c, ok := op.(*orgledger.MergeUnits)
	if !ok {
		return nil
	}
	var out []string
	for _, u := range c.Units {
		out = append(out, contents(u)...)
	}
	return out
}

// contents is the key of what is in unit u: its positions and child units.
func contents(u string) []string {
	if u == "" {
		return nil
	}
	return []string{key("unit", u, "what is in it")}
}

func key(kind, id, attr string) string { return kind + " " + id + ": " + attr }

// ids returns the ids a change names: the one it creates, then those it refers to.
func ids(op orgledger.Op) []string {
	return append([]string{orgledger.CreatedID(op)}, orgledger.ReferencedIDs(op)...)
}

package plans

import (
	"slices"

	"github.com/orgledger/orgledger"
)

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
		return personFieldClaims(c)
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

// personFieldClaims claims each field an update of a person sets: an update of one field does
// not change another (a location an HRIS import recorded, an email a plan sets).
func personFieldClaims(c *orgledger.UpdatePerson) []string {
	var out []string
	for _, f := range c.Sets() {
		out = append(out, key("person", c.Person, f.Field))
	}
	return out
}

// personField returns the value an update of a person sets the field a claim names to, and
// whether it sets it.
func personField(c *orgledger.UpdatePerson, claim string) (string, bool) {
	for _, f := range c.Sets() {
		if key("person", c.Person, f.Field) == claim {
			return f.Value, true
		}
	}
	return "", false
}

// agreeOn reports whether two changes that both claim one thing change it alike: the same
// change, or two updates of a person that set the field the claim names to one value.
func agreeOn(a, b orgledger.Op, claim string) bool {
	if sameChange(a, b) {
		return true
	}
	ua, okA := a.(*orgledger.UpdatePerson)
	ub, okB := b.(*orgledger.UpdatePerson)
	if !okA || !okB {
		return false
	}
	va, setA := personField(ua, claim)
	vb, setB := personField(ub, claim)
	return setA && setB && va == vb
}

// clashingClaim returns the first of theirs (claimed by change b) that mine (claimed by change
// a) holds too and that the two do not change alike (agreeOn).
func clashingClaim(mine []string, a orgledger.Op, theirs []string, b orgledger.Op) (string, bool) {
	for _, cl := range theirs {
		if slices.Contains(mine, cl) && !agreeOn(a, b, cl) {
			return cl, true
		}
	}
	return "", false
}

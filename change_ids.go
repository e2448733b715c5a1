package orgledger

// CreatedID returns the id a change creates, "" for one that creates none.
func CreatedID(op Op) string {
	switch c := op.(type) {
	case *Hire:
		return c.ID
	case *CreatePosition:
		return c.ID
	case *CreateUnit:
		return c.ID
	}
	return ""
}

// ReferencedIDs returns the ids a change refers to, besides the one it creates (CreatedID): for
// a change that cannot stand without them, say, or that clashes with another naming them.
func ReferencedIDs(op Op) []string {
	switch c := op.(type) {
	case *Leave:
		return []string{c.Person}
	case *UpdatePerson:
		return []string{c.Person}
	case *CreateUnit:
		return []string{c.Parent}
	case *RenameUnit:
		return []string{c.Unit}
	case *MoveUnit:
		return []string{c.Unit, c.Parent}
	case *MergeUnits:
		return append([]string{c.Into}, c.Units...)
	case *CloseUnit:
		return []string{c.Unit}
	case *SetHead:
		return []string{c.Unit, c.Position}
	case *CreatePosition:
		return []string{c.Unit, c.ReportsTo}
	case *Retitle:
		return []string{c.Position}
	case *MovePosition:
		return []string{c.Position, c.Unit}
	case *Report:
		return []string{c.Position, c.To}
	case *Dotted:
		return []string{c.Position, c.To}
	case *Undotted:
		return []string{c.Position, c.To}
	case *ClosePosition:
		return []string{c.Position}
	case *Assign:
		return []string{c.Person, c.Position}
	case *Unassign:
		return []string{c.Person, c.Position}
	}
	return nil // a hire names no one else; a retraction names an event
}

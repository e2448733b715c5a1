package ledger_test

import "github.com/orgledger/orgledger"

// unchanged: a change of a changeset someone wrote that finds the org already so at its place
// changes nothing, and a changeset of only such changes is refused (ledger/unchanged.go); the
// model reads it from its own maps.
func (o *org) unchanged(op orgledger.Op) string {
	same := false
	switch c := op.(type) {
	case *orgledger.RenameUnit:
		same = o.units[c.Unit].name == c.Name
	case *orgledger.MoveUnit:
		same = o.units[c.Unit].parent == c.Parent
	case *orgledger.SetHead:
		same = o.units[c.Unit].head == c.Position
	case *orgledger.Retitle:
		same = o.positions[c.Position].title == c.Title
	case *orgledger.MovePosition:
		same = o.positions[c.Position].unit == c.Unit
	case *orgledger.Report:
		same = o.positions[c.Position].reportsTo == c.To
	case *orgledger.UpdatePerson:
		same = o.samePerson(c)
	}
	if same {
		return string(op.Verb()) + " changes nothing"
	}
	return ""
}

// samePerson reports whether the person has already every field the update sets.
func (o *org) samePerson(c *orgledger.UpdatePerson) bool {
	p := o.people[c.Person]
	for _, f := range []struct {
		set *string
		now string
	}{{c.Name, p.name}, {c.Email, p.email}, {c.Location, p.location}} {
		if f.set != nil && *f.set != f.now {
			return false
		}
	}
	for k, v := range c.Attrs {
		if p.attrs[k] != v {
			return false
		}
	}
	return true
}

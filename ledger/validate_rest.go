package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// checkRest checks, once some changes were refused alone (checkFields), the others against
// the org, so that one refusal lists every problem rather than those of the first stage only.
// A change is left out with those refused alone, and so is one that names an id a change left
// out would have created: a hire refused for its name would otherwise make every change
// naming that person a second, misleading problem. The problems are listed in the order of
// the changes.
func (p *pending) checkRest() {
	refused := map[int]bool{}
	for _, pr := range p.problem {
		refused[pr.Change-1] = true
	}
	left := map[string]bool{}
	p.order = p.order[:0]
	for i, ch := range p.cs.Changes {
		if refused[i] || ch.Op == nil {
			left[createdID(ch.Op)] = true
			continue
		}
		p.order = append(p.order, i)
	}
	p.sortChanges()
	delete(left, "") // what a change that creates nothing would have created
	var kept []int
	for _, idx := range p.order {
		op := p.cs.Changes[idx].Op
		if slices.ContainsFunc(namedIDs(op), func(id string) bool { return left[id] }) {
			if id := createdID(op); id != "" {
				left[id] = true
			}
			continue
		}
		kept = append(kept, idx)
	}
	p.order = kept // numbered, checked and told of (hintCycle) in this order, as prepare's
	for i, idx := range p.order {
		p.add(idx, p.base+uint32(i)+1)
	}
	slices.SortStableFunc(p.problem, func(a, b orgledger.Problem) int { return a.Change - b.Change })
}

// namedIDs returns the ids a change names, besides the one it creates.
func namedIDs(op orgledger.Op) []string {
	switch c := op.(type) {
	case *orgledger.Leave:
		return []string{c.Person}
	case *orgledger.UpdatePerson:
		return []string{c.Person}
	case *orgledger.CreateUnit:
		return []string{c.Parent}
	case *orgledger.RenameUnit:
		return []string{c.Unit}
	case *orgledger.MoveUnit:
		return []string{c.Unit, c.Parent}
	case *orgledger.MergeUnits:
		return append([]string{c.Into}, c.Units...)
	case *orgledger.CloseUnit:
		return []string{c.Unit}
	case *orgledger.SetHead:
		return []string{c.Unit, c.Position}
	case *orgledger.CreatePosition:
		return []string{c.Unit, c.ReportsTo}
	case *orgledger.Retitle:
		return []string{c.Position}
	case *orgledger.MovePosition:
		return []string{c.Position, c.Unit}
	case *orgledger.Report:
		return []string{c.Position, c.To}
	case *orgledger.Dotted:
		return []string{c.Position, c.To}
	case *orgledger.Undotted:
		return []string{c.Position, c.To}
	case *orgledger.ClosePosition:
		return []string{c.Position}
	case *orgledger.Assign:
		return []string{c.Person, c.Position}
	case *orgledger.Unassign:
		return []string{c.Person, c.Position}
	}
	return nil // a hire names no one else; a retraction names an event
}

// createdID returns the id a change creates, "" for one that creates none.
func createdID(op orgledger.Op) string {
	switch c := op.(type) {
	case *orgledger.Hire:
		return c.ID
	case *orgledger.CreatePosition:
		return c.ID
	case *orgledger.CreateUnit:
		return c.ID
	}
	return ""
}

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
	left := map[string]bool{} // the ids the changes left out would have created
	leaveOut := func(op orgledger.Op) {
		if id := orgledger.CreatedID(op); id != "" {
			left[id] = true
		}
	}
	p.order = p.order[:0]
	for i, ch := range p.cs.Changes {
		if refused[i] || ch.Op == nil {
			leaveOut(ch.Op)
			continue
		}
		p.order = append(p.order, i)
	}
	p.sortChanges()
	var kept []int
	for _, idx := range p.order {
		op := p.cs.Changes[idx].Op
		if slices.ContainsFunc(orgledger.ReferencedIDs(op), func(id string) bool { return left[id] }) {
			leaveOut(op)
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

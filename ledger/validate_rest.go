package ledger

import (
	"reflect"
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
	seq, kept := p.base, p.order[:0]
	for _, idx := range p.order {
		op := p.cs.Changes[idx].Op
		if slices.ContainsFunc(opIDs(op), func(id string) bool { return left[id] }) {
			left[createdID(op)] = true
			continue
		}
		kept = append(kept, idx)
		seq++
		p.add(idx, seq)
	}
	p.order = kept
	slices.SortStableFunc(p.problem, func(a, b orgledger.Problem) int { return a.Change - b.Change })
}

// idFields are the fields of a change that hold the ids it names (not the one it creates).
var idFields = []string{"Person", "Position", "Unit", "Units", "Parent", "Into", "To", "ReportsTo"}

// opIDs returns the ids a change names.
func opIDs(op orgledger.Op) []string {
	v := reflect.ValueOf(op)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for _, name := range idFields {
		switch f := v.Elem().FieldByName(name); {
		case !f.IsValid():
		case f.Kind() == reflect.String && f.String() != "":
			out = append(out, f.String())
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			out = append(out, f.Interface().([]string)...)
		}
	}
	return out
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

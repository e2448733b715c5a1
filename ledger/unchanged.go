package ledger

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// unchanged returns why a change changes nothing at its place: the org is already so there
// (a title set to the one the position has, a solid line to where it goes). Recorded, it puts
// in the history a change that never was: the ledger warns of it (Result.Unchanged, plan
// check), and refuses a changeset someone wrote that holds nothing else, such as a file
// applied twice (nothingChanged). A dotted line drawn again and an assignment of a holder are
// refused alone (check). It returns "" for a change that changes something, and for the verbs
// that always do or that check refuses otherwise.
func unchanged(v view, m evMeta, op orgledger.Op) string {
	on := day(v.at)
	switch c := op.(type) {
	case *orgledger.RenameUnit:
		if v.text(v.s.unit(m.a).name) == c.Name {
			return fmt.Sprintf("unit %s is named %q on %s already", c.Unit, c.Name, on)
		}
	case *orgledger.MoveUnit:
		if v.parentOf(m.a) == m.b {
			return fmt.Sprintf("unit %s is %s on %s already", c.Unit, under(v, m.b, "a top unit", "unit"), on)
		}
	case *orgledger.SetHead:
		if v.head(m.a) == m.b {
			return fmt.Sprintf("position %s heads unit %s on %s already", c.Position, c.Unit, on)
		}
	case *orgledger.Retitle:
		if v.text(v.s.position(m.a).title) == c.Title {
			return fmt.Sprintf("position %s is titled %q on %s already", c.Position, c.Title, on)
		}
	case *orgledger.MovePosition:
		if v.unitOf(m.a) == m.b {
			return fmt.Sprintf("position %s is in unit %s on %s already", c.Position, c.Unit, on)
		}
	case *orgledger.Report:
		if v.reportsTo(m.a) == m.b {
			return fmt.Sprintf("position %s %s on %s already", c.Position, under(v, m.b, "reports to no one", "reports to position"), on)
		}
	case *orgledger.UpdatePerson:
		if same := samePersonFields(v, m.a, c); len(same) == len(c.Sets()) {
			return fmt.Sprintf("person %s has %s on %s already", c.Person, strings.Join(same, ", "), on)
		}
	}
	return ""
}

// under says where a reference goes: the record's id after what it is, or top where none.
func under(v view, r int32, top, what string) string {
	switch {
	case r == none:
		return top
	case what == "unit":
		return "under unit " + v.s.unit(r).id
	}
	return what + " " + v.s.position(r).id
}

// samePersonFields returns what an update of a person sets that the person has already at the
// view's place, each as "the name given", "the attribute k given" (or "no attribute k", for
// one removed that is not there).
func samePersonFields(v view, p int32, c *orgledger.UpdatePerson) []string {
	rec := v.s.person(p)
	var same []string
	for _, f := range c.Sets() {
		if personText(v, rec, f.Field) != f.Value {
			continue
		}
		switch k, attr := strings.CutPrefix(f.Field, "attrs."); {
		case attr && f.Value == "":
			same = append(same, "no attribute "+k)
		case f.Value == "":
			same = append(same, "no "+f.Field) // found by a review: the email ""
		case attr:
			same = append(same, fmt.Sprintf("the attribute %s %q", k, f.Value))
		default:
			same = append(same, fmt.Sprintf("the %s %q", f.Field, f.Value))
		}
	}
	return same
}

// personText returns a field of the person as UpdatePerson.Sets names it ("name", "email",
// "location" or "attrs.k") at the view's place, "" where the person has none.
func personText(v view, rec *person, field string) string {
	switch field {
	case "name":
		return v.text(rec.name)
	case "email":
		return v.text(rec.email)
	case "location":
		return v.text(rec.location)
	}
	k := strings.TrimPrefix(field, "attrs.")
	for _, a := range rec.attrs {
		if v.s.str(a.key) == k {
			return v.text(a.tl)
		}
	}
	return ""
}

// nothingChanged refuses a changeset whose every change changes nothing, each told why: it
// would record only changes that never were. One that changes something besides is recorded
// whole, its changes that change nothing warned of (Result.Unchanged): a sync that sets every
// row, a few as they were, is not refused for those.
func (p *pending) nothingChanged() {
	if len(p.cs.Changes) == 0 || len(p.s.ov.unchanged) < len(p.cs.Changes) {
		return
	}
	for _, idx := range slices.Sorted(maps.Keys(p.s.ov.unchanged)) {
		p.problem = append(p.problem, p.blame(idx, "changes nothing: "+p.s.ov.unchanged[idx]))
	}
}

// UnchangedWarnings words the changes of cs, a changeset someone wrote, that changed nothing
// (Unchanged), recorded with the others, as the command line and the API warn of them: each
// placed as a refusal would be. origin, when set, is for each change of the changeset the
// ledger recorded the index of the change of cs it stands for (plans.Service.WithTakeBacks
// puts take-backs before a leaving's retraction).
func (r *Result) UnchangedWarnings(cs *orgledger.Changeset, origin []int) []string {
	var out []string
	for _, idx := range slices.Sorted(maps.Keys(r.Unchanged)) {
		at := idx
		if origin != nil {
			at = origin[idx]
		}
		out = append(out, blameChange(cs, at, "", "changes nothing: "+r.Unchanged[idx]).String()+" (recorded with the changes that change something)")
	}
	return out
}

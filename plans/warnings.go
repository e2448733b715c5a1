package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// MaxSpan is the span of control above which check warns.
const MaxSpan = 12

// warnings compares the org on day without the plan and with it: the diff names the vacancies
// made (positions vacated, or created and left vacant) and the people left, or hired, without
// a manager; the shape of each org, read once as a whole, the spans over MaxSpan, the layers
// (of the chart, and above each branch put further from the top), and the units left or
// created without a head. People and positions are named with their names and titles beside
// their ids (found by QA: ids alone, each to be looked up).
func warnings(pv *ledger.Preview, day orgledger.Date) []Warning {
	d := pv.Diff(day)
	q := ledger.Query{At: day}
	n := namer(pv.DiffNames(&d))
	before, after := pv.Without().Shape(q, MaxSpan), pv.Shape(q, MaxSpan)
	out := []Warning{}
	out = append(out, slices.DeleteFunc(fromDiff(d, n), func(w Warning) bool {
		return w.Kind == "no-manager" && atTheTop(pv, q, personOn(pv, q, w.Person)) // a succession at the top (found by QA)
	})...)
	out = append(out, createdVacant(pv, q, d, n)...)
	out = append(out, hiredWithoutManager(pv, q, d, n)...)
	out = append(out, spans(pv, q, before, after)...)
	if after.Depth > before.Depth {
		out = append(out, Warning{Kind: "layers", Before: before.Depth, After: after.Depth,
			Message: fmt.Sprintf("the chart gets deeper: %d layers, from %d", after.Depth, before.Depth)})
	}
	out = append(out, deeper(pv, q, before, after)...)
	for _, u := range after.Headless {
		switch {
		case created(d, u):
			out = append(out, Warning{Kind: "new-no-head", Unit: u,
				Message: fmt.Sprintf("unit %s is created without a head (set-head names the position that leads it)", n.one(u))})
		case !slices.Contains(before.Headless, u):
			out = append(out, Warning{Kind: "no-head", Unit: u, Message: fmt.Sprintf("unit %s is left without a head", n.one(u))})
		}
	}
	return out
}

// waits warns of the changes waiting for a leaving that may not come as their author thinks:
// that of someone whose leaving the ledger records before the plan's date (the change takes
// effect then, not on the plan's date), and that of someone neither the ledger nor the plan
// knows (the change waits until such a person is hired and leaves).
func (s *Service) waits(p *orgledger.Plan) []Warning {
	var out []Warning
	leaving := s.leavingDays(p)
	for i, ch := range p.Changes {
		if ch.When == nil {
			continue
		}
		who := ch.When.Leaves
		day := leaving(who)
		switch {
		case day != 0 && day < p.Effective:
			out = append(out, Warning{Kind: "earlier", Change: i + 1, Person: who,
				Message: fmt.Sprintf("change %d waits for %s's leaving, which takes effect on %s, before the plan's date: the change takes effect then too", i+1, who, day)})
		case day != 0 && day == ledgerLeaving(s.Ledger, who): // recorded, not the plan's own
			out = append(out, Warning{Kind: "left-already", Change: i + 1, Person: who,
				Message: fmt.Sprintf("change %d waits for %s's leaving, recorded already, which takes effect on %s: applied, the plan records the change at once, effective then", i+1, who, day)})
		case day == 0 && !s.knowsPerson(p, who):
			out = append(out, Warning{Kind: "unknown-leaver", Change: i + 1, Person: who,
				Message: fmt.Sprintf("change %d waits for the leaving of %s, who is not a person in the ledger or the plan: it waits until one is hired and leaves", i+1, who)})
		}
		for _, id := range orgledger.ReferencedIDs(ch.Op) {
			if id != "" && !s.knowsID(p, id) {
				out = append(out, Warning{Kind: "unknown-id", Change: i + 1, Person: who,
					Message: fmt.Sprintf("change %d waits for %s's leaving and names %s, which neither the ledger nor the plan has: the ledger would refuse it then, unless %s is made first", i+1, who, id, id)})
			}
		}
	}
	return out
}

// releaseWarnings warns of the leavings the plan records that would release changes of
// applied plans the caller may see: applied, the plan is followed by them, in a commit of
// their own, which its diff and impact leave out (as a dry run's diff does, which tells them
// on stderr).
func (s *Service) releaseWarnings(ctx context.Context, c Caller, p *orgledger.Plan) ([]Warning, error) {
	by := map[string]int{} // the change (from 1) that records each leaving
	var people []string
	for i, ch := range p.Changes {
		if l, ok := ch.Op.(*orgledger.Leave); ok && ch.When == nil && by[l.Person] == 0 {
			by[l.Person] = i + 1
			people = append(people, l.Person)
		}
	}
	told, err := s.waitingOn(ctx, c, people)
	var out []Warning
	for _, person := range people {
		for _, release := range told[person] {
			out = append(out, Warning{Kind: "releases", Change: by[person], Person: person,
				Message: fmt.Sprintf("once applied, change %d (%s's leaving) would also release %s; the plan's diff leaves it out", by[person], person, release)})
		}
	}
	return out, err
}

// knowsID reports whether the ledger has a record of id, or a change of the plan creates it.
// A change that waits is checked only when its leaving comes, so this is what tells of an id
// mistyped in one before then.
func (s *Service) knowsID(p *orgledger.Plan, id string) bool {
	if rec, ok := s.Ledger.Record(id); ok && rec.Exists {
		return true
	}
	return slices.ContainsFunc(p.Changes, func(ch orgledger.Change) bool { return orgledger.CreatedID(ch.Op) == id })
}

// backdated warns of a plan whose date is before today: applied, it changes the org from that
// day on, as known from now, so that charts and exports of the days since, asked as known now,
// change too. (A plan is meant to be applied on the day it takes effect.)
func backdated(p *orgledger.Plan, today orgledger.Date) []Warning {
	if p.Effective >= today {
		return nil
	}
	return []Warning{{Kind: "backdated", Message: fmt.Sprintf("the plan takes effect on %s, %s ago: applied now, it changes the org from that day on, and what the days since show as known from now",
		p.Effective, days(int(today-p.Effective)))}}
}

// AfterItsDate returns the numbers (from 1) of the plan's changes that take effect after the
// plan's date, by an effective of their own: the previews (diff, impact and check's warnings
// about the org it makes) show the org on the plan's date, without them.
func AfterItsDate(p *orgledger.Plan) []int {
	var out []int
	for i, ch := range p.Changes {
		if ch.When == nil && ch.Effective > p.Effective {
			out = append(out, i+1)
		}
	}
	return out
}

// afterItsDate warns of each change AfterItsDate returns.
func afterItsDate(p *orgledger.Plan) []Warning {
	var out []Warning
	for _, n := range AfterItsDate(p) {
		out = append(out, Warning{Kind: "after-date", Change: n, Message: fmt.Sprintf(
			"change %d takes effect on %s, after the plan's date: plan diff, plan impact and the warnings about the org it makes show the org on %s, without it",
			n, p.Changes[n-1].Effective, p.Effective)})
	}
	return out
}

// days says n days.
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// knowsPerson reports whether id is a person the ledger knows or the plan hires.
func (s *Service) knowsPerson(p *orgledger.Plan, id string) bool {
	if rec, ok := s.Ledger.Record(id); ok && rec.Kind == "person" {
		return true
	}
	return slices.ContainsFunc(p.Changes, func(ch orgledger.Change) bool {
		h, ok := ch.Op.(*orgledger.Hire)
		return ok && h.ID == id
	})
}

// fromDiff finds the vacancies made and the people left without a manager.
func fromDiff(d orgledger.Diff, n namer) []Warning {
	var out []Warning
	positionless := map[string]bool{} // people the plan leaves holding no position
	for _, c := range d.Changes {
		if c.Kind == orgledger.DiffPosition && len(c.After) == 0 {
			positionless[c.Person] = true
		}
	}
	for _, c := range d.Changes {
		switch {
		case c.Kind == orgledger.DiffPositionVacated:
			out = append(out, Warning{Kind: "vacancy", Position: c.Position,
				Message: fmt.Sprintf("position %s is left vacant (held by %s)", n.one(c.Position), n.list(c.Before))})
		case c.Kind == orgledger.DiffManager && len(c.After) == 0 && len(c.Before) > 0 && positionless[c.Person]:
			out = append(out, Warning{Kind: "no-manager", Person: c.Person,
				Message: fmt.Sprintf("%s holds no position, and so has no manager (was %s)", n.one(c.Person), n.list(c.Before))})
		case c.Kind == orgledger.DiffManager && len(c.After) == 0 && len(c.Before) > 0:
			out = append(out, Warning{Kind: "no-manager", Person: c.Person,
				Message: fmt.Sprintf("%s has no manager (was %s)", n.one(c.Person), n.list(c.Before))})
		}
	}
	return out
}

// createdVacant is the warning of the positions the plan creates and leaves vacant, told in one
// (a reorganization opens them by the dozen, to be filled later), with at most maxNamed named.
// (Found by QA: not told.)
func createdVacant(pv *ledger.Preview, q ledger.Query, d orgledger.Diff, n namer) []Warning {
	var ids []string
	for _, c := range d.Changes {
		if c.Kind != orgledger.DiffPositionCreated {
			continue
		}
		if v, err := pv.Show(c.Position, q); err == nil && v.(*orgledger.PositionInfo).Vacant {
			ids = append(ids, c.Position)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	shown, more := ids[:min(len(ids), maxNamed)], ""
	if len(ids) > maxNamed {
		more = fmt.Sprintf(" and %d more", len(ids)-maxNamed)
	}
	if len(ids) == 1 { // found by QA: the position only in the message
		return []Warning{{Kind: "created-vacant", Position: ids[0], After: 1, Message: fmt.Sprintf("position %s is created vacant", n.one(ids[0]))}}
	}
	return []Warning{{Kind: "created-vacant", After: len(ids),
		Message: fmt.Sprintf("%d positions are created vacant: %s%s", len(ids), n.list(shown), more)}}
}

// maxNamed is how many positions a warning of many names.
const maxNamed = 20

// hiredWithoutManager finds the people the plan hires who, on its date, have no manager: in
// no position, or in one with no filled position above it. (Found by QA: only someone who had
// a manager before was told of.)
func hiredWithoutManager(pv *ledger.Preview, q ledger.Query, d orgledger.Diff, n namer) []Warning {
	var out []Warning
	for _, c := range d.Changes {
		if c.Kind != orgledger.DiffJoined {
			continue
		}
		who := personOn(pv, q, c.Person)
		switch {
		case who == nil || len(who.Managers) > 0 || atTheTop(pv, q, who):
		case len(who.Positions) == 0:
			out = append(out, Warning{Kind: "no-manager", Person: c.Person,
				Message: fmt.Sprintf("%s is hired holding no position, and so has no manager", n.one(c.Person))})
		case who.Positions[0].ManagerPosition == nil && len(who.Positions) == 1:
			out = append(out, Warning{Kind: "no-manager", Person: c.Person,
				Message: fmt.Sprintf("%s is hired into %s, which reports to no one", n.one(c.Person), n.one(who.Positions[0].ID))})
		default:
			out = append(out, Warning{Kind: "no-manager", Person: c.Person,
				Message: fmt.Sprintf("%s is hired with no manager: no filled position is above theirs", n.one(c.Person))})
		}
	}
	return out
}

// atTheTop reports whether the person holds, on the plan's date, only positions that reported
// to no one without the plan already: a successor at the top has no manager, as the one before
// had none, which is no news to warn of.
func atTheTop(pv *ledger.Preview, q ledger.Query, who *orgledger.PersonInfo) bool {
	if who == nil || len(who.Positions) == 0 {
		return false
	}
	for _, held := range who.Positions {
		v, err := pv.Without().Show(held.ID, q)
		was, ok := v.(*orgledger.PositionInfo)
		if held.ManagerPosition != nil || err != nil || !ok || !was.Open || was.ReportsTo != nil {
			return false
		}
	}
	return true
}

// personOn returns what the person is with the plan, nil for no one.
func personOn(pv *ledger.Preview, q ledger.Query, id string) *orgledger.PersonInfo {
	v, err := pv.Show(id, q)
	if who, ok := v.(*orgledger.PersonInfo); ok && err == nil {
		return who
	}
	return nil
}

// namer names the ids of a diff as text tells them: "id (name)", or the id alone where it is
// what the record is called.
type namer map[string]string

func (n namer) one(id string) string {
	if name := n[id]; name != "" && name != id {
		return id + " (" + name + ")"
	}
	return id
}

func (n namer) list(ids []string) string {
	if len(ids) == 0 {
		return "no one"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = n.one(id)
	}
	return strings.Join(out, ", ")
}

// spans warns of the positions over MaxSpan whose span the plan widens.
func spans(pv *ledger.Preview, q ledger.Query, before, after ledger.Shape) []Warning {
	var out []Warning
	for _, id := range sortedKeys(after.Wide) {
		n, was := after.Wide[id], before.Wide[id]
		if was == 0 { // at most MaxSpan before: count them
			if v, err := pv.Without().Show(id, q); err == nil {
				was = len(v.(*orgledger.PositionInfo).Reports)
			}
		}
		if n > was {
			name := namer{}
			if v, err := pv.Show(id, q); err == nil {
				name[id] = v.(*orgledger.PositionInfo).Title
			}
			out = append(out, Warning{Kind: "span", Position: id, Before: was, After: n,
				Message: fmt.Sprintf("position %s has %d direct reports (was %d), more than %d", name.one(id), n, was, MaxSpan)})
		}
	}
	return out
}

func created(d orgledger.Diff, unit string) bool {
	return slices.ContainsFunc(d.Changes, func(c orgledger.DiffChange) bool {
		return c.Kind == orgledger.DiffUnitCreated && c.Unit == unit
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

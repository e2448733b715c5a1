package ledger

import (
	"cmp"
	"math"
	"slices"

	"github.com/orgledger/orgledger"
)

// StartDateAttr is the person attribute that keeps an HRIS start date.
const StartDateAttr = "start_date"

// Employees returns every person active on the query's date as an HRIS row, sorted by id.
func (l *Ledger) Employees(q Query) []orgledger.Employee {
	var out []orgledger.Employee
	l.read(q, func(v view) error {
		out = employees(v, nil)
		return nil
	})
	return out
}

// EmployeeFields reports whether anyone had an email, and anyone a start date, on or before
// the query's date, as known then. An export leaves out a column nobody has a value in; one
// that someone had before its date must stay, empty, so that the file imported again says
// that nobody has one any more rather than nothing of it.
func (l *Ledger) EmployeeFields(q Query) (email, startDate bool) {
	l.read(q, func(v view) error {
		had := func(t timeline) bool {
			for _, e := range t {
				if e.val != 0 && e.visible(v.known) && e.before(v.at) {
					return true
				}
			}
			return false
		}
		for p := range v.s.countPeople() {
			rec := v.s.person(p)
			email = email || had(rec.email)
			for _, a := range rec.attrs {
				startDate = startDate || (v.s.str(a.key) == StartDateAttr && had(a.tl))
			}
			if email && startDate {
				break
			}
		}
		return nil
	})
	return email, startDate
}

// employees returns the active people of the view as rows; with only set, just those people.
// The rows are counted before they are made, so that the slice is allocated once: grown by
// appending, a hundred thousand rows of eight strings were copied over and over.
func employees(v view, only []int32) []orgledger.Employee {
	var active []int32
	if only != nil {
		active = slices.DeleteFunc(slices.Clone(only), func(p int32) bool { return !v.active(p) })
	} else {
		for p := range v.s.countPeople() {
			if v.active(p) {
				active = append(active, p)
			}
		}
	}
	out := make([]orgledger.Employee, len(active))
	for i, p := range active {
		out[i] = employee(v, p)
	}
	slices.SortFunc(out, func(a, b orgledger.Employee) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func employee(v view, p int32) orgledger.Employee {
	rec := v.s.person(p)
	e := orgledger.Employee{ID: rec.id, Name: v.text(rec.name), Email: v.text(rec.email), Location: v.text(rec.location)}
	for _, a := range rec.attrs {
		if v.s.str(a.key) == StartDateAttr {
			e.StartDate = v.text(a.tl)
		}
	}
	held := v.positionsOf(p)
	if len(held) == 0 {
		return e
	}
	first := primary(v, held)
	pos := v.s.position(first.position)
	e.Position, e.Title = pos.id, v.text(pos.title)
	if u := v.unitOf(first.position); u != none {
		e.Unit, e.Department = v.s.unit(u).id, v.text(v.s.unit(u).name)
	}
	e.ManagerID = managerID(v, p, first.position)
	return e
}

// primary returns the position a person holding several is exported with
// (orgledger.ShownFirst): one they hold for good before one they act in (an interim role does
// not take the place of their own), then the one they have held longest (a hat added to their
// job does not either), then the first by id.
func primary(v view, held []holding) holding {
	if len(held) == 1 {
		return held[0]
	}
	since := make(map[int32]orgledger.Date, len(held))
	for _, h := range held {
		since[h.position] = orgledger.Date(heldSince(v, h))
	}
	return slices.MinFunc(held, func(a, b holding) int {
		return orgledger.ShownFirst(
			orgledger.ShownPosition{ID: v.s.position(a.position).id, Acting: a.acting, Since: since[a.position]},
			orgledger.ShownPosition{ID: v.s.position(b.position).id, Acting: b.acting, Since: since[b.position]})
	})
}

// heldSince returns the day from which the person has held the position without a break, as
// the view knows it: the first of the entries of their holding, back from the one in force,
// that hold it; math.MaxInt32, after every day, where the view finds no holding of theirs.
func heldSince(v view, h holding) int32 {
	for _, x := range v.s.position(h.position).holders {
		if x.person != h.person {
			continue
		}
		since := int32(math.MaxInt32)
		for i := len(x.tl) - 1; i >= 0; i-- {
			e := x.tl[i]
			if !e.before(v.at) || !e.visible(v.known) {
				continue
			}
			if e.val == notHeld {
				break
			}
			since = e.day
		}
		return since
	}
	return math.MaxInt32
}

// managerID returns the id of the person's manager from position pos: the first of the holders
// of the nearest filled position up the solid line, other than the person, who may hold a
// position above their own too.
func managerID(v view, p, pos int32) string {
	for m, n := v.manager(pos), int32(0); m != none && n <= v.s.countPositions(); m, n = v.manager(m), n+1 {
		var ids []string
		for _, h := range v.holders(m) {
			if h.person != p {
				ids = append(ids, v.s.person(h.person).id)
			}
		}
		if len(ids) > 0 {
			return slices.Min(ids)
		}
	}
	return ""
}

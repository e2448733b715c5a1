package ledger

import (
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// personInfo describes person p in the view.
func personInfo(v view, p int32) *orgledger.PersonInfo {
	rec := v.s.person(p)
	out := &orgledger.PersonInfo{Type: "person", ID: rec.id, Name: v.text(rec.name),
		Email: v.text(rec.email), Location: v.text(rec.location), Attrs: attrsAt(v, rec),
		Active: v.active(p), Positions: []orgledger.HeldPosition{},
		Managers: refsOf(v, managersOf(v, p)), Reports: refsOf(v, reportsOf(v, p))}
	out.Hired, out.Left = tenure(v, rec)
	for _, h := range v.positionsOf(p) {
		out.Positions = append(out.Positions, heldPosition(v, h))
	}
	return out
}

// tenure returns when the person was hired and, if they have left by the view's date, when
// they left.
func tenure(v view, rec *person) (hired, left orgledger.Date) {
	for _, e := range rec.active {
		if !e.before(v.at) || !e.visible(v.known) {
			continue
		}
		if e.val == 1 && hired == 0 {
			hired = orgledger.Date(e.day)
		}
		if e.val == 0 {
			left = orgledger.Date(e.day)
		}
	}
	return hired, left
}

func attrsAt(v view, rec *person) map[string]string {
	var out map[string]string
	for _, a := range rec.attrs {
		if val := v.text(a.tl); val != "" {
			if out == nil {
				out = make(map[string]string)
			}
			out[v.s.str(a.key)] = val
		}
	}
	return out
}

func heldPosition(v view, h holding) orgledger.HeldPosition {
	rec := v.s.position(h.position)
	out := orgledger.HeldPosition{ID: rec.id, Title: v.text(rec.title), Unit: unitRef(v, v.unitOf(h.position)), Acting: h.acting}
	if to := v.reportsTo(h.position); to != none {
		out.ManagerPosition = &orgledger.ManagerPosition{ID: v.s.position(to).id,
			Title: v.text(v.s.position(to).title), Vacant: !v.filled(to)}
	}
	return out
}

// managersOf returns the holders of the nearest filled position up the solid line from each
// position the person holds, without the person.
func managersOf(v view, p int32) []int32 {
	var out []int32
	for _, h := range v.positionsOf(p) {
		if m := v.manager(h.position); m != none {
			for _, mh := range v.holders(m) {
				if mh.person != p && !slices.Contains(out, mh.person) {
					out = append(out, mh.person)
				}
			}
		}
	}
	return out
}

// reportsOf returns the people whose manager the person is: the holders of the nearest filled
// positions down the solid lines from each position the person holds.
func reportsOf(v view, p int32) []int32 {
	var out []int32
	var walk func(pos int32, depth int)
	walk = func(pos int32, depth int) {
		for _, c := range v.children(pos) {
			hs := v.holders(c)
			if len(hs) == 0 && depth < 64 {
				walk(c, depth+1)
			}
			for _, h := range hs {
				if h.person != p && !slices.Contains(out, h.person) {
					out = append(out, h.person)
				}
			}
		}
	}
	for _, h := range v.positionsOf(p) {
		walk(h.position, 0)
	}
	return out
}

func refsOf(v view, people []int32) []orgledger.Ref {
	out := make([]orgledger.Ref, len(people))
	for i, p := range people {
		out[i] = orgledger.Ref{ID: v.s.person(p).id, Name: v.text(v.s.person(p).name)}
	}
	slices.SortFunc(out, func(a, b orgledger.Ref) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func unitRef(v view, u int32) orgledger.Ref {
	if u == none {
		return orgledger.Ref{}
	}
	return orgledger.Ref{ID: v.s.unit(u).id, Name: v.text(v.s.unit(u).name)}
}

func positionRef(v view, p int32) orgledger.PositionRef {
	return orgledger.PositionRef{ID: v.s.position(p).id, Title: v.text(v.s.position(p).title)}
}

func positionRefs(v view, ps []int32) []orgledger.PositionRef {
	out := make([]orgledger.PositionRef, len(ps))
	for i, p := range ps {
		out[i] = positionRef(v, p)
	}
	slices.SortFunc(out, func(a, b orgledger.PositionRef) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// positionInfo describes position p in the view; a closed one in the unit, and with the solid
// line, it had when it closed (asClosed).
func positionInfo(v view, p int32) *orgledger.PositionInfo {
	rec := v.s.position(p)
	was := v.asClosed(rec.open)
	out := &orgledger.PositionInfo{Type: "position", ID: rec.id, Title: v.text(rec.title),
		Kind: v.text(rec.kind), Unit: unitRef(v, was.unitOf(p)), Open: v.posOpen(p),
		Dotted: positionRefs(v, v.dottedTo(p)), Holders: []orgledger.Holder{},
		Reports: positionRefs(v, v.children(p)), Heads: []orgledger.Ref{}}
	if to := was.reportsTo(p); to != none {
		r := positionRef(v, to)
		out.ReportsTo = &r
	}
	for _, h := range v.holders(p) {
		out.Holders = append(out.Holders, holderOf(v, h))
	}
	out.Vacant = out.Open && len(out.Holders) == 0 // a closed position is no vacancy to fill
	for _, u := range rec.heads {
		if v.unitOpen(u) && v.head(u) == p {
			out.Heads = append(out.Heads, unitRef(v, u))
		}
	}
	return out
}

// asClosed returns the view to find where a record closed at v was in, given the timeline of
// its being open: the place just before it closed. A merge recorded before a backdated close of
// one of the positions or units it moves still moves it on its day (what an event moves is
// fixed when it is recorded); closed by then, the record is told where it was when it closed,
// not where the merge put it. An open record is told in v.
func (v view) asClosed(open timeline) view {
	if e, ok := open.last(v.at, v.known); ok && e.val == 0 {
		v.at = point{e.day, e.seq}
	}
	return v
}

func holderOf(v view, h holding) orgledger.Holder {
	rec := v.s.person(h.person)
	return orgledger.Holder{ID: rec.id, Name: v.text(rec.name), Acting: h.acting}
}

// unitInfo describes unit u in the view; a closed one under the parent it had when it closed
// (asClosed).
func unitInfo(v view, u int32) *orgledger.UnitInfo {
	rec := v.s.unit(u)
	out := &orgledger.UnitInfo{Type: "unit", ID: rec.id, Name: v.text(rec.name), Kind: v.text(rec.kind),
		Open: v.unitOpen(u), Positions: positionRefs(v, v.unitPositions(u)), Units: []orgledger.Ref{}}
	if pa := v.asClosed(rec.open).parentOf(u); pa != none {
		r := unitRef(v, pa)
		out.Parent = &r
	}
	if h := v.head(u); h != none {
		r := positionRef(v, h)
		out.Head = &r
	}
	for _, c := range v.childUnits(u) {
		out.Units = append(out.Units, unitRef(v, c))
	}
	slices.SortFunc(out.Units, func(a, b orgledger.Ref) int { return strings.Compare(a.ID, b.ID) })
	return out
}

package ledger

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// Record is what the ledger knows of an id as of now, across all dates: its kind and the
// events that touch it. Tools that reconcile the ledger with another source (an HRIS import)
// use it to find the events a late export must correct.
type Record struct {
	ID     string
	Kind   string // "person", "unit" or "position"
	Exists bool   // its creation stands (it was not retracted)
	Events []EventRef
}

// EventRef is an event in brief, from memory.
type EventRef struct {
	Seq         int64
	Verb        orgledger.Verb
	Effective   orgledger.Date
	Retracted   bool
	RetractedBy int64    // the retraction's seq, when Retracted
	IDs         []string // the ids it names
	Imported    bool     // recorded by an HRIS import (not by a changeset still being previewed)
}

// Record returns what the ledger knows of id.
func (l *Ledger) Record(id string) (Record, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return record(&state{index: l.x}, id)
}

func record(s *state, id string) (Record, bool) {
	r, ok := s.lookup(id)
	if !ok {
		return Record{}, false
	}
	out := Record{ID: id, Kind: r.kind.String(), Exists: s.createdVisible(r)}
	for _, seq := range s.eventsOf(r) {
		out.Events = append(out.Events, eventRef(s, seq))
	}
	return out, true
}

// eventRef returns event seq in brief.
func eventRef(s *state, seq uint32) EventRef {
	m := s.ev(seq)
	ref := EventRef{Seq: int64(seq), Verb: verbOf(m), Effective: orgledger.Date(m.day), Retracted: m.gone != 0, RetractedBy: int64(m.gone),
		Imported: int(m.commit) < len(s.commits) && s.commits[m.commit].imported != 0}
	for _, t := range touched(s, m, seq) {
		ref.IDs = append(ref.IDs, idOf(s, t))
	}
	return ref
}

// EventsNaming returns the events of verb recorded after event after that name every one of
// ids (the empty ones aside), oldest first: what may have recorded a change of that verb on
// those ids, such as a plan's. An event is in the history of each record it names, so it reads
// the history of the one with the fewest events, not each: a change on a unit of thousands of
// positions reads the history of the position it is about.
func (l *Ledger) EventsNaming(ids []string, verb orgledger.Verb, after int64) []EventRef {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := &state{index: l.x}
	var fewest seqs
	named := 0
	for _, id := range ids {
		if id == "" {
			continue
		}
		r, ok := s.lookup(id)
		if !ok {
			return nil // no event names an id the ledger does not know
		}
		if evs := s.eventsOf(r); named == 0 || len(evs) < len(fewest) {
			fewest = evs
		}
		named++
	}
	var out []EventRef
	for _, seq := range fewest {
		if int64(seq) <= after || verbOf(s.ev(seq)) != verb {
			continue
		}
		if ref := eventRef(s, seq); namesAll(ref, ids) {
			out = append(out, ref)
		}
	}
	return out
}

// namesAll reports whether the event names every one of ids (the empty ones aside).
func namesAll(e EventRef, ids []string) bool {
	for _, id := range ids {
		if id != "" && !slices.Contains(e.IDs, id) {
			return false
		}
	}
	return true
}

// LastImportOf returns the seq of the last event of the latest commit that recorded an HRIS
// export of day, 0 when none did: asked as known after it, the ledger holds what that export
// said of day, and of the days before it what was known then.
func (l *Ledger) LastImportOf(day orgledger.Date) int64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for i := len(l.x.commits) - 1; i >= 0; i-- {
		if orgledger.Date(l.x.commits[i].imported) != day {
			continue
		}
		if i+1 < len(l.x.commits) {
			return int64(l.x.commits[i+1].first) - 1
		}
		return int64(l.x.head())
	}
	return 0
}

// LastImportCommit returns the ID of the latest commit that recorded an HRIS export of day,
// 0 when none did. It may hold no events: an export that changed nothing.
func (l *Ledger) LastImportCommit(day orgledger.Date) int64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for i := len(l.x.commits) - 1; i >= 0; i-- {
		if orgledger.Date(l.x.commits[i].imported) == day {
			return l.x.commits[i].id
		}
	}
	return 0
}

// ImportDates returns the dates of the HRIS exports imported so far, in order.
func (l *Ledger) ImportDates() []orgledger.Date {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []orgledger.Date
	for _, c := range l.x.commits {
		if c.imported != 0 && !slices.Contains(out, orgledger.Date(c.imported)) {
			out = append(out, orgledger.Date(c.imported))
		}
	}
	slices.Sort(out)
	return out
}

// Units returns the units open on the query's date, by id.
func (l *Ledger) Units(q Query) []orgledger.UnitInfo {
	var out []orgledger.UnitInfo
	l.read(q, func(v view) error {
		out = openUnits(v)
		return nil
	})
	return out
}

// OpenUnit is a unit open on a date as a chart names it: its id, its name and its head
// position's id ("" for none), without the positions and child units UnitInfo lists.
type OpenUnit struct{ ID, Name, Head string }

// OpenUnits returns the units open on the query's date, in the order they were made: for a
// chart's labels, which need no more of each and would pay for Units' lists of positions.
func (l *Ledger) OpenUnits(q Query) []OpenUnit {
	var out []OpenUnit
	l.read(q, func(v view) error {
		out = openUnitNames(v)
		return nil
	})
	return out
}

func openUnitNames(v view) []OpenUnit {
	var out []OpenUnit
	for u := range v.s.countUnits() {
		if !v.unitOpen(u) {
			continue
		}
		rec, head := v.s.unit(u), ""
		if h := v.head(u); h != none {
			head = v.s.position(h).id
		}
		out = append(out, OpenUnit{ID: rec.id, Name: v.text(rec.name), Head: head})
	}
	return out
}

func openUnits(v view) []orgledger.UnitInfo {
	out := []orgledger.UnitInfo{}
	for u := range v.s.countUnits() {
		if v.unitOpen(u) {
			out = append(out, *unitInfo(v, u))
		}
	}
	return out
}

// ImportedEvents returns the standing events effective on day that HRIS imports recorded.
func (l *Ledger) ImportedEvents(day orgledger.Date) []int64 {
	imported, _ := l.EventsOn(day)
	return imported
}

// UnimportedEvents returns the standing events effective on day that HRIS imports did not
// record: recorded by hand, or by a plan (retractions aside).
func (l *Ledger) UnimportedEvents(day orgledger.Date) []int64 {
	_, others := l.EventsOn(day)
	return others
}

// EventsOn returns the standing events effective on day that imports recorded, and the others
// (retractions aside): ImportedEvents and UnimportedEvents in one pass over the events.
func (l *Ledger) EventsOn(day orgledger.Date) (imported, others []int64) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for i, m := range l.x.evs {
		switch {
		case m.day != int32(day) || m.gone != 0 || verbOf(m) == orgledger.VerbRetract:
		case l.x.commits[m.commit].imported != 0:
			imported = append(imported, int64(i+1))
		default:
			others = append(others, int64(i+1))
		}
	}
	return imported, others
}

package hris

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// withoutRecordedAgain returns cs without what it would take back only to record it again: a
// date recorded again (a later one on top of a late export, see replan; the date itself for
// a corrected export, see importChanges) has each of its imported events retracted and the
// date planned anew, and most of the new plan is the old one. Where an event cs retracts and
// a change cs records are the same change on the same date, both are left out and the event
// stands: the history of someone the new export does not touch stays as it was, not a
// take-back and the same change again. Where they open the same record otherwise (a position
// with another title or manager), the opening stands and the record is updated (pairsOf). What
// depends on a record opened anew is recorded anew too (standing).
//
// It is done only on dates whose every event that cs leaves standing an import recorded (but
// for what plans released there: what cs may take back, and, on at, what the leavings the
// file keeps released, see importedAlone), so that what stands and what is recorded anew do
// together what the new plan does, in another order within the day; and only if the ledger
// accepts the result and it exports on each later date what it does now (files), and on at
// what cs would export there. Otherwise cs is returned as it is.
func withoutRecordedAgain(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date,
	later []orgledger.Date, files [][]orgledger.Employee, released map[int64]bool) (*orgledger.Changeset, error) {
	r, err := retractedAgain(ctx, l, cs, append([]orgledger.Date{at}, later...), released)
	if err != nil || len(r.same) == 0 {
		return cs, err
	}
	pairs := standing(cs, pairsOf(cs, r), r.openings())
	if len(pairs) == 0 {
		return cs, nil
	}
	drop := make([]bool, len(cs.Changes))
	instead := make(map[int][]orgledger.Op) // a change left out for the updates of a record that stands
	onAt := false                           // a pair is left out on at itself
	for _, pr := range pairs {
		drop[pr.change], drop[pr.retract] = true, true
		if pr.updates != nil {
			instead[pr.change] = pr.updates
		}
		onAt = onAt || effectiveOf(cs, cs.Changes[pr.change]) == at
	}
	kept := *cs
	kept.Changes = nil
	for i, c := range cs.Changes {
		for _, op := range instead[i] {
			u := c
			u.Op = op
			kept.Changes = append(kept.Changes, u)
		}
		if !drop[i] {
			kept.Changes = append(kept.Changes, c)
		}
	}
	if onAt {
		now, err := exportsWith(l, cs, at)
		if err != nil {
			return cs, err
		}
		later, files = append([]orgledger.Date{at}, later...), append([][]orgledger.Employee{now}, files...)
	}
	if stands, err := keeps(l, &kept, at, later, files); err != nil || !stands {
		return cs, err
	}
	return &kept, nil
}

// pair is a change of cs and the retraction in cs of an event that stands in its place: the
// same change, or one that opens the same record, with the updates (updates) that make what
// it opened what the change opens.
type pair struct {
	change, retract int
	event           orgledger.Op // the event that stands
	updates         []orgledger.Op
}

// pairsOf returns the changes of cs whose place an event it retracts may take (r): the same
// change; else, for a change that opens a record, the event that opened it, where updates can
// make it what the change opens (updatesTo).
func pairsOf(cs *orgledger.Changeset, r retracted) []pair {
	var out []pair
	used := map[int]bool{} // the changes and retractions paired
	for i, c := range cs.Changes {
		if _, ok := c.Op.(*orgledger.Retract); ok {
			continue
		}
		k := sameChange(effectiveOf(cs, c), c.Op)
		if rs := r.same[k]; len(rs) > 0 {
			out = append(out, pair{change: i, retract: rs[0], event: c.Op})
			used[i], used[rs[0]] = true, true
			r.same[k] = rs[1:]
		}
	}
	for i, c := range cs.Changes {
		id := orgledger.CreatedID(c.Op)
		if id == "" || used[i] {
			continue
		}
		o, ok := r.opened[openKey(effectiveOf(cs, c), c.Op.Verb(), id)]
		if !ok || used[o.retract] {
			continue
		}
		if updates, ok := updatesTo(o.op, c.Op); ok {
			out = append(out, pair{change: i, retract: o.retract, event: o.op, updates: updates})
			used[o.retract] = true
		}
	}
	return out
}

// updatesTo returns the changes that make the record an event opened (was) what a change
// opens it as (now): a position retitled, moved, reporting elsewhere; a person's details; a
// unit renamed or moved (to the top too). ok is false where no change can (a position's kind,
// an attribute dropped).
func updatesTo(was, now orgledger.Op) (ops []orgledger.Op, ok bool) {
	switch n := now.(type) {
	case *orgledger.CreatePosition:
		w := was.(*orgledger.CreatePosition)
		if w.Kind != n.Kind {
			return nil, false
		}
		if w.Title != n.Title {
			ops = append(ops, &orgledger.Retitle{Position: n.ID, Title: n.Title})
		}
		if w.Unit != n.Unit {
			ops = append(ops, &orgledger.MovePosition{Position: n.ID, Unit: n.Unit})
		}
		if w.ReportsTo != n.ReportsTo {
			ops = append(ops, &orgledger.Report{Position: n.ID, To: n.ReportsTo})
		}
	case *orgledger.CreateUnit:
		w := was.(*orgledger.CreateUnit)
		if w.Kind != n.Kind {
			return nil, false
		}
		if w.Name != n.Name {
			ops = append(ops, &orgledger.RenameUnit{Unit: n.ID, Name: n.Name})
		}
		if w.Parent != n.Parent {
			ops = append(ops, &orgledger.MoveUnit{Unit: n.ID, Parent: n.Parent})
		}
	case *orgledger.Hire:
		return hireUpdates(was.(*orgledger.Hire), n)
	default:
		return nil, false
	}
	return ops, true
}

// hireUpdates returns the update of a person hired as was into one hired as now.
func hireUpdates(was, now *orgledger.Hire) ([]orgledger.Op, bool) {
	for k := range was.Attrs {
		if _, ok := now.Attrs[k]; !ok {
			return nil, false // an attribute cannot be taken away
		}
	}
	u := &orgledger.UpdatePerson{Person: now.ID}
	if was.Name != now.Name {
		u.Name = &now.Name
	}
	if was.Email != now.Email {
		u.Email = &now.Email
	}
	if was.Location != now.Location {
		u.Location = &now.Location
	}
	for k, v := range now.Attrs {
		if was.Attrs[k] != v {
			if u.Attrs == nil {
				u.Attrs = map[string]string{}
			}
			u.Attrs[k] = v
		}
	}
	if u.Name == nil && u.Email == nil && u.Location == nil && u.Attrs == nil {
		return nil, true
	}
	return []orgledger.Op{u}, true
}

// standing returns the pairs whose event may stand in place of the change: those whose event
// names no record that a change recorded anew opens (it would stand before the record's new
// opening) or that is no longer opened at all (its opening taken back, and not standing), and
// closes nothing that a change recorded anew names (it would stand before what takes that
// change's place). Each pair given up this way is recorded anew too, and may give up others
// in turn. opened maps each retraction in cs of an event that opened a record to that record.
func standing(cs *orgledger.Changeset, pairs []pair, opened map[int]string) []pair {
	for {
		paired := make(map[int]bool, 2*len(pairs))
		for _, pr := range pairs {
			paired[pr.change], paired[pr.retract] = true, true
		}
		anew, gone, named := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for i, c := range cs.Changes {
			if paired[i] {
				continue
			}
			if _, ok := c.Op.(*orgledger.Retract); ok {
				gone[opened[i]] = true
				continue
			}
			anew[orgledger.CreatedID(c.Op)] = true
			for _, id := range orgledger.ReferencedIDs(c.Op) {
				named[id] = true
			}
		}
		delete(anew, "")
		delete(gone, "")
		delete(named, "")
		kept := slices.DeleteFunc(slices.Clone(pairs), func(pr pair) bool {
			return slices.ContainsFunc(orgledger.ReferencedIDs(pr.event), func(id string) bool { return anew[id] || gone[id] }) ||
				slices.ContainsFunc(closedBy(pr.event), func(id string) bool { return named[id] })
		})
		if len(kept) == len(pairs) {
			return kept
		}
		pairs = kept
	}
}

// closedBy returns the ids a change closes or sees leave.
func closedBy(op orgledger.Op) []string {
	switch c := op.(type) {
	case *orgledger.Leave:
		return []string{c.Person}
	case *orgledger.ClosePosition:
		return []string{c.Position}
	case *orgledger.CloseUnit:
		return []string{c.Unit}
	case *orgledger.MergeUnits:
		return c.Units
	}
	return nil
}

// exportsWith returns what the ledger would export on at with cs recorded.
func exportsWith(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date) ([]orgledger.Employee, error) {
	var out []orgledger.Employee
	err := l.Preview(cs, ledger.ApplyOptions{Import: at}, func(pv *ledger.Preview) error {
		out = pv.Employees(ledger.Query{At: at})
		return nil
	})
	return out, err
}

// retracted is what cs takes back of imports on the dates only imports recorded (importedAlone):
// the retraction of each event, by the change the event is (sameChange), and the events that
// open a record, by the record they open (openKey).
type retracted struct {
	same   map[string][]int
	opened map[string]openedBy
}

// openedBy is an event cs retracts that opens a record, and where its retraction is in cs.
type openedBy struct {
	op      orgledger.Op
	retract int
}

// retractedAgain returns what cs takes back, on the dates whose events it leaves standing only
// imports recorded (but for the releases kept), of the events imports recorded there
// (importedAlone).
func retractedAgain(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, dates []orgledger.Date, released map[int64]bool) (retracted, error) {
	out := retracted{same: map[string][]int{}, opened: map[string]openedBy{}}
	at := make(map[int64]int) // event: the change of cs that retracts it
	var seqs []int64
	for i, c := range cs.Changes {
		if r, ok := c.Op.(*orgledger.Retract); ok {
			at[r.Event] = i
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return out, nil
	}
	slices.Sort(seqs)
	events, err := l.Store().EventsBySeq(ctx, seqs)
	if err != nil {
		return out, err
	}
	imported := importedAlone(l, cs, dates, released)
	for i := range events {
		e := &events[i]
		if !imported(e) {
			continue
		}
		k := sameChange(e.Effective, e.Op)
		out.same[k] = append(out.same[k], at[e.Seq])
		if id := orgledger.CreatedID(e.Op); id != "" {
			out.opened[openKey(e.Effective, e.Op.Verb(), id)] = openedBy{e.Op, at[e.Seq]}
		}
	}
	return out, nil
}

// importedAlone returns whether an event cs retracts was recorded by an import on one of the
// dates where every event that cs leaves standing was recorded by an import too, or is among
// the releases kept (keptReleases), which stand beside what cs records as they stood beside
// the first export. An event that plans released on such a date, taken back with the leaving
// that released it (withTakeBacks), is not: it is the plan's, to be released again as the
// plan's, and no change of cs stands in its place.
func importedAlone(l *ledger.Ledger, cs *orgledger.Changeset, dates []orgledger.Date, released map[int64]bool) func(*orgledger.Event) bool {
	gone := retractions(cs.Changes)
	alone, others := make(map[orgledger.Date]bool, len(dates)), make(map[int64]bool)
	for _, d := range dates {
		unimported := l.UnimportedEvents(d)
		alone[d] = allExcused(unimported, gone, released)
		for _, seq := range unimported {
			others[seq] = true
		}
	}
	return func(e *orgledger.Event) bool { return alone[e.Effective] && !others[e.Seq] }
}

// openings maps each retraction of an event that opened a record to the record.
func (r retracted) openings() map[int]string {
	out := make(map[int]string, len(r.opened))
	for _, o := range r.opened {
		out[o.retract] = orgledger.CreatedID(o.op)
	}
	return out
}

// openKey is a key that two changes share when they open the same record on the same date.
func openKey(d orgledger.Date, verb orgledger.Verb, id string) string {
	return d.String() + " " + string(verb) + " " + id
}

// sameChange is a key that two changes share when they are the same change on the same date.
func sameChange(d orgledger.Date, op orgledger.Op) string {
	b, _ := json.Marshal(op)
	return d.String() + " " + string(op.Verb()) + " " + string(b)
}

// effectiveOf returns the date a change of cs takes effect.
func effectiveOf(cs *orgledger.Changeset, c orgledger.Change) orgledger.Date {
	if c.Effective != 0 {
		return c.Effective
	}
	return cs.Effective
}

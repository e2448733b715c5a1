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
// take-back and the same change again.
//
// It is done only on dates whose every standing event an import recorded, so that what stands
// and what is recorded anew are together the same changes as the new plan, in another order
// within the day; and only if the ledger accepts the result and it exports on each later date
// what it does now (files), and on at what cs would export there. Otherwise cs is returned as
// it is.
func withoutRecordedAgain(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date,
	later []orgledger.Date, files [][]orgledger.Employee) (*orgledger.Changeset, error) {
	retracted, err := retractedAgain(ctx, l, cs, append([]orgledger.Date{at}, later...))
	if err != nil || len(retracted) == 0 {
		return cs, err
	}
	drop := make([]bool, len(cs.Changes))
	onAt := false // a pair is left out on at itself
	for i, c := range cs.Changes {
		if _, ok := c.Op.(*orgledger.Retract); ok {
			continue
		}
		k := sameChange(effectiveOf(cs, c), c.Op)
		if r := retracted[k]; len(r) > 0 {
			drop[i], drop[r[0]] = true, true
			retracted[k] = r[1:]
			onAt = onAt || effectiveOf(cs, c) == at
		}
	}
	if !slices.Contains(drop, true) {
		return cs, nil
	}
	kept := *cs
	kept.Changes = nil
	for i, c := range cs.Changes {
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

// exportsWith returns what the ledger would export on at with cs recorded.
func exportsWith(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date) ([]orgledger.Employee, error) {
	var out []orgledger.Employee
	err := l.Preview(cs, ledger.ApplyOptions{Import: at}, func(pv *ledger.Preview) error {
		out = pv.Employees(ledger.Query{At: at})
		return nil
	})
	return out, err
}

// retractedAgain returns the retractions in cs of events on the dates that only imports
// recorded, by the change each takes back (sameChange): where each is in cs.
func retractedAgain(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, dates []orgledger.Date) (map[string][]int, error) {
	at := make(map[int64]int) // event: the change of cs that retracts it
	var seqs []int64
	for i, c := range cs.Changes {
		if r, ok := c.Op.(*orgledger.Retract); ok {
			at[r.Event] = i
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	slices.Sort(seqs)
	events, err := l.Store().EventsBySeq(ctx, seqs)
	if err != nil {
		return nil, err
	}
	alone := make(map[orgledger.Date]bool)
	for _, d := range dates {
		alone[d] = l.OnlyImported(d)
	}
	out := make(map[string][]int)
	for i := range events {
		if e := &events[i]; alone[e.Effective] {
			k := sameChange(e.Effective, e.Op)
			out[k] = append(out[k], at[e.Seq])
		}
	}
	return out, nil
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

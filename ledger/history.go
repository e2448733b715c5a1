package ledger

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/orgledger/orgledger"
)

// HistoryOptions choose what a history shows.
type HistoryOptions struct {
	Horizon orgledger.Date // hide events effective after it, and the others' plans
	KnownAt time.Time      // as the ledger knew it then: the events recorded by then; zero: now
}

// History returns every event touching the id, in effective order, oldest first, as the
// ledger knows them now (or knew them at opt.KnownAt): a leave is listed under the positions it
// vacates then, with them as its effects (vacated.go); a retracted event is listed with the
// event that retracted it, when that was recorded by then. Events effective after the horizon,
// when it is set, are left out, and the others' plans (describeWithin).
func (l *Ledger) History(ctx context.Context, id string, opt HistoryOptions) (*orgledger.History, error) {
	var seqs []int64
	gone := make(map[int64]int64)
	effects := make(map[int64]effectsKnown)
	l.mu.RLock()
	s := &state{index: l.x}
	known := knownOf(s, opt.KnownAt)
	r, ok := s.lookup(id)
	if ok {
		for _, seq := range eventsAsKnown(s, r, known) {
			m := s.ev(seq)
			if opt.Horizon != 0 && orgledger.Date(m.day) > opt.Horizon {
				continue // not read from the store: a record only after the horizon costs nothing more than none
			}
			seqs = append(seqs, int64(seq))
			if !standsAt(m, known) {
				gone[int64(seq)] = int64(m.gone)
			}
			if k, ok := effectsAsKnown(s, seq, known); ok {
				effects[int64(seq)] = k
			}
		}
	}
	l.mu.RUnlock()
	if !ok || len(seqs) == 0 {
		return nil, l.notInLedger(id, opt)
	}
	events, err := l.store.EventsBySeq(ctx, seqs)
	if err != nil {
		return nil, err
	}
	out := &orgledger.History{ID: id, Events: []orgledger.HistoryEvent{}}
	for i := range events {
		e := &events[i]
		effects[e.Seq].setOn(e)
		h := describeWithin(e, opt.Horizon)
		h.RetractedBy = gone[e.Seq]
		out.Events = append(out.Events, h)
	}
	slices.SortStableFunc(out.Events, func(a, b orgledger.HistoryEvent) int {
		if c := cmp.Compare(a.Effective, b.Effective); c != 0 {
			return c
		}
		return cmp.Compare(a.Event, b.Event)
	})
	if len(out.Events) == 0 {
		return nil, l.notInLedger(id, opt)
	}
	return out, nil
}

// knownOf returns the last seq recorded at or before t, the head for a zero t.
func knownOf(s *state, t time.Time) uint32 {
	if t.IsZero() {
		return math.MaxUint32
	}
	return s.knownSeq(t)
}

// notInLedger is the error of a history of an id the caller cannot see, the same whether the
// ledger knows it after their horizon or not at all, with the id it likely misspells.
func (l *Ledger) notInLedger(id string, opt HistoryOptions) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := &state{index: l.x}
	hint := didYouMean(id, seenBy(s, opt.Horizon, knownOf(s, opt.KnownAt)).exists)
	when := ""
	if !opt.KnownAt.IsZero() {
		when = " as known at " + orgledger.FormatKnownAt(opt.KnownAt)
	}
	return orgledger.Errorf(orgledger.ENOTFOUND, "%s is not a person, position or unit in the ledger%s%s", orgledger.ShownID(id), when, hint)
}

// seenBy is the org at the end of horizon (of time, for none), as known at known: what a
// caller with that horizon may ask the history of as the ledger knew it then.
func seenBy(s *state, horizon orgledger.Date, known uint32) view {
	day := int32(math.MaxInt32)
	if horizon != 0 {
		day = int32(horizon)
	}
	return view{s: s, at: dayEnd(day), known: known}
}

// LogOptions page through the log.
type LogOptions struct {
	After   int64          // only events after this seq
	Limit   int            // at most this many; 0 for all
	Horizon orgledger.Date // hide events effective after it, and the others' plans
	KnownAt time.Time      // as the ledger knew it then: the events recorded by then; zero: now
}

// Log returns the ledger in recorded order, with what each leave vacates as known now (or at
// opt.KnownAt, when the log ends with the last event recorded by then).
func (l *Ledger) Log(ctx context.Context, opt LogOptions) (*orgledger.Log, error) {
	out := &orgledger.Log{Events: []orgledger.HistoryEvent{}}
	errFull := errors.New("the page is full")
	l.mu.RLock()
	known := knownOf(&state{index: l.x}, opt.KnownAt)
	l.mu.RUnlock()
	err := l.store.Events(ctx, opt.After, func(e *orgledger.Event) error {
		if e.Seq > int64(known) {
			return errFull
		}
		if opt.Horizon != 0 && e.Effective > opt.Horizon {
			return nil
		}
		if e.Seq >= 1 && effectsRecorded(e) {
			l.mu.RLock()
			if k, ok := effectsAsKnown(&state{index: l.x}, uint32(e.Seq), known); ok {
				k.setOn(e)
			}
			l.mu.RUnlock()
		}
		out.Events = append(out.Events, describeWithin(e, opt.Horizon))
		if opt.Limit > 0 && len(out.Events) >= opt.Limit {
			return errFull
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFull) {
		return nil, err
	}
	l.markRetracted(out.Events, known)
	return out, nil
}

// markRetracted sets the retraction of each event the index knows retracted by seq known: a
// look-up per event of the page, rather than a pass over the whole ledger.
func (l *Ledger) markRetracted(events []orgledger.HistoryEvent, known uint32) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for i := range events {
		if seq := events[i].Event; seq >= 1 && seq <= int64(l.x.head()) {
			if m := l.x.evs[seq-1]; !standsAt(m, known) {
				events[i].RetractedBy = int64(m.gone)
			}
		}
	}
}

// describeWithin returns an event as history and log show it to a caller who sees nothing
// effective after horizon (a viewer, for whom there are no plans): without the plan it came
// from, whose name and owner are the plan's, however much of it is in force (zero: the event
// as it is).
func describeWithin(e *orgledger.Event, horizon orgledger.Date) orgledger.HistoryEvent {
	h := Describe(e)
	if horizon != 0 {
		h.Plan = ""
	}
	return h
}

// Describe returns an event as history and log show it.
func Describe(e *orgledger.Event) orgledger.HistoryEvent {
	h := orgledger.HistoryEvent{Event: e.Seq, Commit: e.Commit, Verb: e.Op.Verb(), Effective: e.Effective,
		Recorded: e.Recorded.UTC().Format(time.RFC3339Nano), Actor: e.Actor, Source: e.Source, Note: e.Note,
		Plan: e.Plan, Summary: Summary(e), Change: e.Op}
	if !e.Effects.IsZero() {
		eff := e.Effects
		h.Effects = &eff
	}
	return h
}

package plans

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// retractedLeavings returns the leavings a commit retracts.
func (s *Service) retractedLeavings(ctx context.Context, c *orgledger.Commit) ([]orgledger.Event, error) {
	var seqs []int64
	for _, e := range c.Events {
		if r, ok := e.Op.(*orgledger.Retract); ok && e.Effects.RetractsOf == string(orgledger.VerbLeave) {
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	return s.Ledger.Store().EventsBySeq(ctx, seqs)
}

// leftAgainIn reports whether the commit records a leaving of the person the leaving names,
// effective on its day.
func leftAgainIn(c *orgledger.Commit, leaving orgledger.Event) bool {
	person := leaving.Op.(*orgledger.Leave).Person
	return slices.ContainsFunc(c.Events, func(e orgledger.Event) bool {
		l, ok := e.Op.(*orgledger.Leave)
		return ok && l.Person == person && e.Effective == leaving.Effective
	})
}

// unrelease takes back what a retracted leaving released of an applied plan: the events of its
// changes that waited for that person's leaving are retracted, in the name of by, and the
// changes wait again, for the leaving that is recorded in its place. When the ledger refuses to
// take them back (a later event needs them), they stay in force, and the error says so, naming
// the plan as NAME@OWNER: it is told to whoever wrote the commit, an admin, who sees every plan,
// while the retractions' reasons, which every reader of the log sees, name none. (A released
// change that is itself a leaving has what it released in turn left in force.) A released
// change whose recording was retracted by hand before stays taken back: it does not wait again,
// whatever becomes of the leaving (takenBack).
//
// A leaving the commit records anew on its day (again, leftAgainIn) keeps what stands of its
// release in force (WithTakeBacks's keepingReleases): only what the commit took back with it
// waits again, to be released on the leaving recorded anew.
func (s *Service) unrelease(ctx context.Context, p *orgledger.Plan, leaving orgledger.Event, by string, again bool) error {
	return s.unreleaseOf(ctx, p, leaving, by, nil, again)
}

// unreleaseOf is unrelease of the changes only keeps (all, when it is nil).
func (s *Service) unreleaseOf(ctx context.Context, p *orgledger.Plan, leaving orgledger.Event, by string, only func(int) bool, again bool) error {
	person := leaving.Op.(*orgledger.Leave).Person
	released := slices.DeleteFunc(p.Released(), func(i int) bool {
		return p.Changes[i].When.Leaves != person || only != nil && !only(i)
	})
	if len(released) == 0 {
		return nil
	}
	standing := func(e ledger.EventRef) bool { return !e.Retracted }
	as, err := s.recordedAs(ctx, p, released, p.Base, standing)
	if err != nil {
		return err
	}
	// Of those no event of which stands, only those a take-back retracted wait again (the
	// commit's, with the leaving): one retracted by hand stays taken back (takenBack).
	back, err := s.takenBack(ctx, p, released, as)
	if err != nil {
		return err
	}
	released = slices.DeleteFunc(released, func(i int) bool { _, ok := as[i]; return !ok && !slices.Contains(back, i) })
	if again { // what stands of the release stays in force
		released, as = back, nil
	}
	if len(released) == 0 {
		return nil
	}
	if len(as) > 0 {
		cs := &orgledger.Changeset{File: "plan " + p.Ref(), Effective: leaving.Effective}
		for _, i := range released {
			seq, ok := as[i]
			if !ok {
				continue // taken back already, with the leaving: it waits again
			}
			cs.Changes = append(cs.Changes, orgledger.Change{Op: &orgledger.Retract{Event: seq,
				Reason: releasedReason(person, leaving.Seq)}})
		}
		res, err := s.Ledger.Apply(ctx, cs, ledger.ApplyOptions{Actor: by, Plan: p.Ref()})
		if err == nil {
			noteRecorded(ctx, res.Commit)
		} else {
			standing := slices.Sorted(maps.Keys(as))
			err = explained(byEvent(err, cs), "plan %s: %s took effect when %s left, and that leaving was retracted; taking them back %s",
				p.Ref(), ChangesList(plusOne(standing)), person, takeBackOutcome(err))
			if !refused(err) {
				return err
			}
			if len(back) == 0 { // nothing was taken back: the plan is as it was
				return err
			}
			_, _, werr := s.rewrite(ctx, p, func(p *orgledger.Plan) { waitingAgain(p, back) })
			return errors.Join(err, werr)
		}
	}
	if _, _, err = s.rewrite(ctx, p, func(p *orgledger.Plan) { waitingAgain(p, released) }); err != nil {
		return afterRecording(err, "plan %s: %s took effect when %s left, and were taken back when that leaving was retracted, but the plan could not be written: they wait again once the next command that records, or a server as it starts, settles it",
			p.Ref(), ChangesList(plusOne(released)), person)
	}
	return nil
}

// takeBackOutcome tells what became of changes whose taking back failed with err.
// byEvent words the ledger's refusal of a take-back by the events it retracts, not by the
// numbers of the changes of cs, a changeset no one wrote: "taking back event 14: ...".
func byEvent(err error, cs *orgledger.Changeset) error {
	var e *orgledger.Error
	if !errors.As(err, &e) || len(e.Problems) == 0 {
		return err
	}
	out := *e
	out.Problems = make([]orgledger.Problem, len(e.Problems))
	for k, pr := range e.Problems {
		if j := pr.Change - 1; j >= 0 && j < len(cs.Changes) {
			if r, ok := cs.Changes[j].Op.(*orgledger.Retract); ok {
				pr.Reason = fmt.Sprintf("taking back event %d: %s", r.Event, pr.Reason)
				pr.Change, pr.Verb, pr.Field, pr.Line = 0, "", "", 0
			}
		}
		out.Problems[k] = pr
	}
	return &out
}

func takeBackOutcome(err error) string {
	switch code := orgledger.ErrorCode(err); {
	case code == orgledger.EINVALID || code == orgledger.ECONFLICT:
		return "was refused, so they stay in force"
	case refused(err): // the database busy, say: nothing was written
		return "could not be written now, so they stay in force until the next command that records, or a server as it starts, takes them back"
	}
	return "failed, perhaps after it was recorded: if it was, they wait again once a server starts or a command writes (Settle); if not, they stay in force"
}

// settleTakeBacks finishes the take-backs a process that stopped left undone (Settle): what one
// retracted waits again (waitAgain), and what one never began on is taken back
// (unreleaseOrphans). Both read the plan's released changes and their standing recordings,
// once.
func (s *Service) settleTakeBacks(ctx context.Context, p *orgledger.Plan, by string) (*orgledger.Plan, error) {
	released := p.Released()
	if len(released) == 0 {
		return p, nil
	}
	standing, err := s.recordedAs(ctx, p, released, p.Base, func(e ledger.EventRef) bool { return !e.Retracted })
	if err != nil {
		return p, err
	}
	if p, err = s.waitAgain(ctx, p, released, standing); err != nil {
		return p, err
	}
	return s.unreleaseOrphans(ctx, p, by, released, standing)
}

// unreleaseOrphans takes back what a retracted leaving released when the process that retracted
// it stopped before taking it back (AfterCommit's unrelease never ran): the released changes
// standing in the ledger effective on the day of a retracted leaving of their person, with no
// standing leaving of that person on that day. They wait again, for the leaving that stands;
// those the ledger will not take back (a later event needs them) stay in force, as
// AfterCommit's unrelease leaves them, but without an error at every settle.
func (s *Service) unreleaseOrphans(ctx context.Context, p *orgledger.Plan, by string, released []int, standing map[int]int64) (*orgledger.Plan, error) {
	if len(standing) == 0 {
		return p, nil
	}
	recorded, err := s.Ledger.Store().EventsBySeq(ctx, slices.Collect(maps.Values(standing)))
	if err != nil {
		return p, err
	}
	var errs []error
	for _, e := range recorded {
		i := released[slices.IndexFunc(released, func(i int) bool { return standing[i] == e.Seq })]
		leaving, ok, err := s.retractedLeaving(ctx, p.Changes[i].When.Leaves, e.Effective)
		if err != nil || !ok {
			errs = append(errs, err)
			continue
		}
		// Only this change: one of the same person's released on a leaving that stands stays.
		if err := s.unreleaseOf(ctx, p, leaving, by, func(j int) bool { return j == i }, false); err != nil && !refused(err) {
			errs = append(errs, err) // one the ledger refuses stays in force, without a word each time
		}
		if p, err = s.reread(ctx, p); err != nil {
			return nil, errors.Join(append(errs, err)...)
		}
	}
	return p, errors.Join(errs...)
}

// retractedLeaving returns the retracted leaving of person effective on day, when no leaving
// of theirs stands on that day.
func (s *Service) retractedLeaving(ctx context.Context, person string, day orgledger.Date) (orgledger.Event, bool, error) {
	rec, ok := s.Ledger.Record(person)
	if !ok {
		return orgledger.Event{}, false, nil
	}
	var retracted int64
	for _, e := range rec.Events {
		if e.Verb != orgledger.VerbLeave || e.Effective != day {
			continue
		}
		if !e.Retracted {
			return orgledger.Event{}, false, nil // the leaving that released it stands
		}
		retracted = e.Seq
	}
	if retracted == 0 {
		return orgledger.Event{}, false, nil
	}
	events, err := s.Ledger.Store().EventsBySeq(ctx, []int64{retracted})
	if err != nil || len(events) == 0 {
		return orgledger.Event{}, false, err
	}
	return events[0], true, nil
}

// waitingAgain puts changes of the plan back to wait, but for those it has withdrawn: a write
// that found them taken back and is made again on the plan as another process left it, an
// admin's withdrawal meanwhile, puts back only what is still the plan's to release.
func waitingAgain(p *orgledger.Plan, changes []int) {
	p.Waiting = sortedUnion(p.Waiting, slices.DeleteFunc(slices.Clone(changes), func(i int) bool { return p.WithdrawalOf(i) != nil }))
}

// waitAgain puts back to wait the changes of an applied plan that a take-back retracted but
// that do not wait: an unrelease that stopped between retracting them and writing the plan
// (takenBack). It writes the plan only when there are such changes.
func (s *Service) waitAgain(ctx context.Context, p *orgledger.Plan, released []int, standing map[int]int64) (*orgledger.Plan, error) {
	back, err := s.takenBack(ctx, p, released, standing)
	if err != nil || len(back) == 0 {
		return p, err
	}
	q, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) { waitingAgain(p, back) })
	return q, err
}

// takenBack returns the released changes of the plan (waiting for a leaving, and neither
// waiting nor claimed now) of which the ledger holds no standing event (standing: the
// recordings that stand), the last recording retracted by a take-back: of this plan's
// (unrelease, which marks its retractions with the plan), or in the commit that retracted the
// leaving that released it (WithTakeBacks). A change retracted by hand alone is not among
// them: it stays taken back.
func (s *Service) takenBack(ctx context.Context, p *orgledger.Plan, released []int, standing map[int]int64) ([]int, error) {
	back, _, err := s.retracted(ctx, p, released, standing)
	return back, err
}

// retracted sorts the recorded changes of the plan (released, or recorded by its apply) of
// which the ledger holds no standing event (standing: the recordings that stand) by what
// retracted the last that recorded each: a take-back (back: released changes that wait again,
// takenBack), or a hand (byHand, with the events: they stay taken back). A change no event
// ever recorded is in neither.
func (s *Service) retracted(ctx context.Context, p *orgledger.Plan, released []int, standing map[int]int64) (back []int, byHand map[int]*Retraction, err error) {
	byHand = map[int]*Retraction{}
	for _, i := range released {
		if _, ok := standing[i]; ok {
			continue
		}
		recording, by, takeBack, err := s.retraction(ctx, p, i)
		switch {
		case err != nil:
			return nil, nil, err
		case by == nil:
		case takeBack:
			back = append(back, i)
		default:
			byHand[i] = &Retraction{Event: recording.Seq, By: by.Seq}
		}
	}
	return back, byHand, nil
}

// retraction returns the last event that recorded change i of the plan and its retraction,
// nils when none did or it stands, and whether a take-back retracted it: this plan's
// (unrelease, which marks its retractions with the plan), or the commit that retracted the
// leaving that released it (WithTakeBacks). One a take-back did not retract was retracted by
// hand, as is every retraction of what the plan's apply recorded (no when).
func (s *Service) retraction(ctx context.Context, p *orgledger.Plan, i int) (recording, by *orgledger.Event, takeBack bool, err error) {
	if recording, by, err = s.retractedBy(ctx, p, i); err != nil || by == nil {
		return nil, nil, false, err
	}
	if p.Changes[i].When == nil {
		return recording, by, false, nil
	}
	if by.Plan == p.Ref() {
		return recording, by, true, nil
	}
	withLeaving, err := s.retractedWithLeaving(ctx, p.Changes[i].When.Leaves, recording.Effective, by.Commit)
	if err != nil {
		return nil, nil, false, err
	}
	return recording, by, withLeaving, nil
}

// retractedWithLeaving reports whether commit retracted a leaving of person effective on day.
func (s *Service) retractedWithLeaving(ctx context.Context, person string, day orgledger.Date, commit int64) (bool, error) {
	rec, _ := s.Ledger.Record(person)
	var by []int64
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbLeave && e.Retracted && e.Effective == day {
			by = append(by, e.RetractedBy)
		}
	}
	if len(by) == 0 {
		return false, nil
	}
	retractions, err := s.Ledger.Store().EventsBySeq(ctx, by)
	return slices.ContainsFunc(retractions, func(e orgledger.Event) bool { return e.Commit == commit }), err
}

// retractedBy returns the last event that recorded change i of the plan and its retraction,
// nils when none did or it stands: one read of the events that may have, retracted ones only.
func (s *Service) retractedBy(ctx context.Context, p *orgledger.Plan, i int) (*orgledger.Event, *orgledger.Event, error) {
	by := map[int64]int64{} // a retracted event's retraction
	events, err := s.recordingsAfter(ctx, p.Base, p.Changes[i:i+1], func(e ledger.EventRef) bool {
		if e.Retracted {
			by[e.Seq] = e.RetractedBy
		}
		return e.Retracted
	})
	if err != nil {
		return nil, nil, err
	}
	records := recording(p, p.Changes[i])
	for k := len(events) - 1; k >= 0; k-- { // in seq order: the last recording first
		if records(events[k]) {
			retraction, err := s.Ledger.Store().EventsBySeq(ctx, []int64{by[events[k].Seq]})
			if err != nil || len(retraction) == 0 {
				return nil, nil, err
			}
			return &events[k], &retraction[0], nil
		}
	}
	return nil, nil, nil
}

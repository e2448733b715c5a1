package hris

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// recording is what an import records: the changes planned for the file, the changes
// ImportOptions.WithTakeBacks made of them (the changes planned, with what they take back of
// plans), and, for each change made, the change planned it stands for.
type recording struct {
	planned, made *orgledger.Changeset
	origin        []int
}

// takingBack returns the recording of the changes planned: what WithTakeBacks makes of them.
func takingBack(ctx context.Context, run importRun, planned *orgledger.Changeset) (recording, error) {
	made, origin, err := run.WithTakeBacks(ctx, planned)
	return recording{planned, made, origin}, err
}

// withTakeBacks returns what an import records for cs, the changes planned for the file: cs,
// and what ImportOptions.WithTakeBacks makes of it, which takes back with a leaving a
// corrected export retracts what that leaving released of applied plans.
//
// The changes were planned on the org with what the leaving released: a person a plan hired
// once someone left, whom the corrected export does not list, was planned to leave, and,
// their hire taken back, left unknown; and one the file does list would be gone from the org
// the file is. So where the ledger refuses the changes with their take-backs, or they would
// not export the file on at, the file is planned again on the org with the take-backs
// drafted, until what WithTakeBacks takes back is what the changes were planned on; each
// round takes back no more than the last (one the ledger refuses stays in force), so the
// rounds end. Where no round holds (the file needs a take-back the ledger refuses), the
// changes planned on the first take-backs are returned with those take-backs, for the
// ledger's refusal to say why.
func withTakeBacks(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, cs *orgledger.Changeset) (recording, error) {
	if run.WithTakeBacks == nil {
		return recording{planned: cs, made: cs}, nil
	}
	r, err := takingBack(ctx, run, cs)
	if err != nil {
		return recording{}, err
	}
	first := takenBackBy(cs, r.made)
	if len(first) == 0 {
		return r, nil
	}
	if freed(l, at, first, run.releases) {
		if r, err = inPlace(ctx, l, f, at, run, cs, first); err != nil || r.planned != cs {
			return r, err
		}
	}
	if stands, err := standsWith(l, cs, r.made, at); err != nil || stands {
		// Nothing to plan again: a late export's, say, that records the leaving of someone a later
		// date saw leave: that date's leaving is taken back with what it released, released again
		// on the late export's date once it is recorded (plans.Service.AfterCommit). A later date's
		// leaving recorded again on its own day keeps what it released in force, where the ledger
		// takes that (plans.Service.WithTakeBacks).
		return r, err
	}
	if again, ok, err := replanned(ctx, l, f, at, run, first); err != nil || ok {
		return again, err
	}
	planned, err := plannedOn(ctx, l, f, at, run, first)
	if orgledger.ErrorCode(err) == orgledger.EINVALID {
		// Planned on the take-backs, the file is refused: it is told as first planned, with
		// WithTakeBacks given cs once more, since a dry run tells what its last call took back
		// (plans.TakingBack).
		return takingBack(ctx, run, cs)
	} else if err != nil {
		return recording{}, err
	}
	// What the last round of replanned gave WithTakeBacks is not this: a dry run would tell
	// that round's take-backs. These changes are the ledger's to refuse (no round held), and a
	// refused dry run tells no take-backs.
	made, origin := placed(planned, cs, r.made, r.origin)
	return recording{planned, made, origin}, nil
}

// freed reports whether the take-backs retract all that kept the file from being planned in
// place of what imports recorded on at (correcting): the events plans released on it, which
// no import recorded (but for the releases kept, which never did).
func freed(l *ledger.Ledger, at orgledger.Date, back []orgledger.Change, released map[int64]bool) bool {
	return !correcting(l, at, nil, released) && correcting(l, at, back, released)
}

// inPlace returns the file planned on the org with the take-backs drafted (replanned), where
// it may then be planned in place of what imports recorded on at, as it would be had the
// plans released nothing: a hire the first export of the date listed early is taken back, not
// followed by a leaving. Where that plan does not hold, or the ledger refuses it, it returns
// cs, with what WithTakeBacks makes of it once more, for a dry run to tell (plans.TakingBack).
func inPlace(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, cs *orgledger.Changeset, back []orgledger.Change) (recording, error) {
	r, ok, err := replanned(ctx, l, f, at, run, back)
	if err != nil || ok && !refused(l, r.made, at) {
		return r, err
	}
	return takingBack(ctx, run, cs)
}

// standsWith reports whether made, cs with its take-backs, is what the ledger takes and exports
// on at what cs would: the org the file is.
func standsWith(l *ledger.Ledger, cs, made *orgledger.Changeset, at orgledger.Date) (bool, error) {
	if refused(l, made, at) {
		return false, nil
	}
	file, err := exportsWith(l, cs, at)
	if err != nil {
		return false, err
	}
	return keeps(l, made, at, []orgledger.Date{at}, [][]orgledger.Employee{file})
}

// replanned plans the file on the org with the take-backs back drafted, and again on those
// WithTakeBacks then keeps, while it keeps fewer, until it takes back what the changes were
// planned on; ok is false when it never does.
func replanned(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, back []orgledger.Change) (r recording, ok bool, err error) {
	for {
		planned, err := plannedOn(ctx, l, f, at, run, back)
		if orgledger.ErrorCode(err) == orgledger.EINVALID {
			return recording{}, false, nil
		} else if err != nil {
			return recording{}, false, err
		}
		if r, err = takingBack(ctx, run, planned); err != nil {
			return recording{}, false, err
		}
		now := takenBackBy(planned, r.made)
		switch {
		case !within(now, back):
			return recording{}, false, nil
		case len(now) == len(back):
			return r, true, nil
		}
		back = now
	}
}

// plannedOn works out the changes that make the org on at equal the file, planned on the org
// with the take-backs drafted first; the take-backs themselves are left out.
func plannedOn(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, back []orgledger.Change) (*orgledger.Changeset, error) {
	cs, err := importChanges(ctx, l, f, at, run, back)
	if err != nil {
		return nil, err
	}
	drafted := retractions(back)
	out := *cs
	out.Changes = slices.DeleteFunc(slices.Clone(cs.Changes), func(c orgledger.Change) bool {
		r, ok := c.Op.(*orgledger.Retract)
		return ok && drafted[r.Event]
	})
	return &out, nil
}

// takenBackBy returns the retractions made adds to cs: its take-backs.
func takenBackBy(cs, made *orgledger.Changeset) []orgledger.Change {
	if made == cs {
		return nil
	}
	own := retractions(cs.Changes)
	var out []orgledger.Change
	for _, c := range made.Changes {
		if r, ok := c.Op.(*orgledger.Retract); ok && !own[r.Event] {
			out = append(out, c)
		}
	}
	return out
}

// within reports whether every event the retractions of a retract, those of b retract too.
func within(a, b []orgledger.Change) bool {
	in := retractions(b)
	return !slices.ContainsFunc(a, func(c orgledger.Change) bool { return !in[c.Op.(*orgledger.Retract).Event] })
}

// retractions returns the events the changes retract.
func retractions(changes []orgledger.Change) map[int64]bool {
	out := map[int64]bool{}
	for _, c := range changes {
		if r, ok := c.Op.(*orgledger.Retract); ok {
			out[r.Event] = true
		}
	}
	return out
}

// placed returns planned with the take-backs WithTakeBacks made of cs (made, origin) each put
// where it put them, before the retraction of the leaving that released what they take back,
// and, for each change, the change of planned it stands for, as WithTakeBacks tells them.
func placed(planned, cs, made *orgledger.Changeset, origin []int) (*orgledger.Changeset, []int) {
	own := retractions(cs.Changes)
	before := map[int64][]orgledger.Change{} // the take-backs, by the event of the leaving
	for j, c := range made.Changes {
		r, ok := c.Op.(*orgledger.Retract)
		if !ok || own[r.Event] {
			continue
		}
		if leaving, ok := cs.Changes[origin[j]].Op.(*orgledger.Retract); ok {
			before[leaving.Event] = append(before[leaving.Event], c)
		}
	}
	out, outOrigin := *planned, []int(nil)
	out.Changes = nil
	for i, c := range planned.Changes {
		if r, ok := c.Op.(*orgledger.Retract); ok {
			for _, back := range before[r.Event] {
				out.Changes, outOrigin = append(out.Changes, back), append(outOrigin, i)
			}
		}
		out.Changes, outOrigin = append(out.Changes, c), append(outOrigin, i)
	}
	return &out, outOrigin
}

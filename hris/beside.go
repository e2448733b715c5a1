package hris

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// besideReleases returns the retractions, to draft, of what plans released on at by the
// leavings imports recorded there that the file keeps, its leavers left out again
// (ImportOptions.Released): nothing where no plans are given or no export of at was imported,
// as for a first import. What a leaving the file takes back released is taken back with it
// (withTakeBacks).
func besideReleases(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, opt ImportOptions) ([]orgledger.Change, error) {
	if opt.Released == nil || !slices.Contains(l.ImportDates(), at) {
		return nil, nil
	}
	back := retractions(takeBackLeavings(l, f.Rows, at))
	kept := slices.DeleteFunc(l.ImportedEvents(at), func(seq int64) bool { return back[seq] })
	seqs, err := opt.Released(ctx, kept)
	if err != nil {
		return nil, err
	}
	out := make([]orgledger.Change, len(seqs))
	for i, seq := range seqs {
		out[i] = orgledger.Change{Op: &orgledger.Retract{Event: seq,
			Reason: "a plan's change released by a leaving the HRIS export of " + at.String() + " recorded"}}
	}
	return out, nil
}

// changesBeside works out the import's changes (importChanges) on the org without what plans
// released on at by the leavings imports recorded there (beside, drafted), and leaves that
// standing: it is the plans' consequence of those leavings, not a change by hand that the file
// undoes. So the same export imported again records nothing, and a corrected one is recorded
// in place of the first as it would be without the plans. Where the changes cannot be planned
// so, or the ledger refuses them with the releases standing (the file lists a person a plan
// hired, say), the import is planned on the org as it stands.
func changesBeside(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, allowMassLeaving bool, takenBack, beside []orgledger.Change) (*orgledger.Changeset, error) {
	drafted := retractions(takenBack)
	beside = slices.DeleteFunc(slices.Clone(beside), func(c orgledger.Change) bool { return drafted[c.Op.(*orgledger.Retract).Event] })
	if len(beside) > 0 {
		cs, err := importChanges(ctx, l, f, at, allowMassLeaving, slices.Concat(takenBack, beside))
		if err == nil {
			cs = withoutRetractions(cs, retractions(beside))
			if !refused(l, cs, at) {
				return cs, nil
			}
		}
	}
	return importChanges(ctx, l, f, at, allowMassLeaving, takenBack)
}

// withoutRetractions returns cs without its retractions of the events given, in a new
// changeset.
func withoutRetractions(cs *orgledger.Changeset, events map[int64]bool) *orgledger.Changeset {
	out := *cs
	out.Changes = slices.DeleteFunc(slices.Clone(cs.Changes), func(c orgledger.Change) bool {
		r, ok := c.Op.(*orgledger.Retract)
		return ok && events[r.Event]
	})
	return &out
}

package hris

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// keptReleases returns, by event, what plans released on at by the leavings that imports
// recorded there and the file keeps, its leavers left out again (ImportOptions.Released):
// nothing where no export of at was imported, or the plans are not given. What a leaving the
// file takes back released is taken back with it (withTakeBacks), and is not among them.
//
// Those events are the plans' consequence of a leaving the file still records, not a change
// by hand that the file must be planned on top of: a corrected export is recorded in place
// of the first beside them (correcting, importedAlone), the leaving and what it released
// standing, and a hire the first export listed early taken back rather than recorded leaving.
// They stand in the org the file is planned on, so the file still makes the org on at what it
// says: someone a plan hired whom it does not list leaves, and one it lists is recorded as it
// says, on the plan's hire.
func keptReleases(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, opt ImportOptions) (map[int64]bool, error) {
	if opt.Released == nil || !slices.Contains(l.ImportDates(), at) || len(l.UnimportedEvents(at)) == 0 {
		return nil, nil // nothing stands on at that imports did not record: no plans to read
	}
	back := retractions(takeBackLeavings(l, f.Rows, at))
	kept := slices.DeleteFunc(l.ImportedEvents(at), func(seq int64) bool { return back[seq] })
	byLeaving, err := opt.Released(ctx, kept)
	if err != nil || len(byLeaving) == 0 {
		return nil, err
	}
	out := map[int64]bool{}
	for _, seqs := range byLeaving {
		for _, seq := range seqs {
			out[seq] = true
		}
	}
	return out, nil
}

// allExcused reports whether each of the events is retracted (by the retractions given) or
// among the releases kept (keptReleases): none stands that an import did not record, but for
// what plans released on a leaving the file keeps.
func allExcused(events []int64, retracted, released map[int64]bool) bool {
	return !slices.ContainsFunc(events, func(seq int64) bool { return !retracted[seq] && !released[seq] })
}

package hris

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// importRun is one attempt at an import: the caller's options, and what plans released on at
// that stands beside the file, read afresh at each attempt.
type importRun struct {
	ImportOptions
	beside
}

// beside is what plans released on at by the leavings that imports recorded there and the file
// keeps, its leavers left out again (ImportOptions.Released): the events that recorded what
// they released.
type beside struct {
	releases map[int64]bool
}

// keptReleases returns what plans released on at by the leavings the file keeps: nothing
// where no export of at was imported, the plans are not given, or nothing but imports recorded
// the events of at. What a leaving the file takes back released is taken back with it
// (withTakeBacks), and is not among them.
//
// Those events are the plans' consequence of a leaving the file still records, not a change
// by hand that the file must be planned on top of: a corrected export is recorded in place
// of the first beside them (correcting, importedAlone), the leaving and what it released
// standing, and a hire the first export listed early taken back rather than recorded leaving.
// They stand in the org the file is planned on, so the file still makes the org on at what it
// says: someone a plan hired whom it does not list leaves, and one it lists is recorded as it
// says, on the plan's hire.
func keptReleases(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, opt ImportOptions) (beside, error) {
	if opt.Released == nil || !slices.Contains(l.ImportDates(), at) || len(l.UnimportedEvents(at)) == 0 {
		return beside{}, nil // nothing stands on at that imports did not record: no plans to read
	}
	back := retractions(takeBackLeavings(l, f.Rows, at))
	leavings := slices.DeleteFunc(l.ImportedEvents(at), func(seq int64) bool { return back[seq] })
	byLeaving, err := opt.Released(ctx, leavings)
	if err != nil || len(byLeaving) == 0 {
		return beside{}, err
	}
	out := beside{releases: map[int64]bool{}}
	for _, seqs := range byLeaving {
		for _, seq := range seqs {
			out.releases[seq] = true
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

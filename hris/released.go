package hris

import (
	"context"
	"maps"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// importRun is one attempt at an import: the caller's options, and what plans released on at
// that stands beside the file, read afresh at each attempt.
type importRun struct {
	ImportOptions
	beside
	// corrects says the file corrects an export of its date imported already, and is planned in
	// place of the first where it leaves out most of the org (importChanges): a leaver the
	// first one hired has the hire taken back (cutShortProblem).
	corrects bool
}

// beside is what plans released on at by the leavings that imports recorded there and the file
// keeps, its leavers left out again (ImportOptions.Released): those leavings and the events
// that recorded what they released, by event, and the closings of the leavers' own positions
// imports recorded with them, by event, to the position. A corrected export planned in place
// of the first leaves the leavings and what they released standing (kept).
type beside struct {
	leavings, releases map[int64]bool
	closings           map[int64]string
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
	if opt.Released == nil || !slices.Contains(l.ImportDates(), at) {
		return beside{}, nil
	}
	imported, others := l.EventsOn(at)
	if len(others) == 0 {
		return beside{}, nil // nothing stands on at that imports did not record: no plans to read
	}
	back := retractions(takeBackLeavings(l, f.Rows, at))
	leavings := slices.DeleteFunc(imported, func(seq int64) bool { return back[seq] })
	byLeaving, err := opt.Released(ctx, leavings)
	if err != nil || len(byLeaving) == 0 {
		return beside{}, err
	}
	out := beside{leavings: map[int64]bool{}, releases: map[int64]bool{}}
	for leaving, seqs := range byLeaving {
		out.leavings[leaving] = true
		for _, seq := range seqs {
			out.releases[seq] = true
		}
	}
	out.closings, err = closingsOf(ctx, l, at, slices.Collect(maps.Keys(byLeaving)))
	return out, err
}

// closingsOf returns the closings, by event, of the leavers' own positions that imports
// recorded on at with the leavings given (closedWith), to the position: taken back with the
// first export's events, they are planned to close again (reopened).
func closingsOf(ctx context.Context, l *ledger.Ledger, at orgledger.Date, leavings []int64) (map[int64]string, error) {
	slices.Sort(leavings)
	events, err := l.Store().EventsBySeq(ctx, leavings)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, e := range events {
		if left, ok := e.Op.(*orgledger.Leave); ok {
			rec, _ := l.Record(left.Person)
			for _, closed := range closedWith(l, rec, at) {
				out[closed.Seq] = closed.IDs[0]
			}
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

// kept returns the retractions given, of the imported events of at and later dates, but for
// those of the leavings the file keeps. Such a leaving stays, with what it released, rather
// than being taken back with the first export's events and recorded again: what it released
// may need it (a successor put in the position the leaver held), and its retraction, even in a
// draft, would be refused. The closing of the leaver's own position is taken back all the same
// (it may need what else the first export did, such as a report moved away), and planned again
// (reopened).
func (b beside) kept(back []orgledger.Change) []orgledger.Change {
	return slices.DeleteFunc(back, func(c orgledger.Change) bool { return b.leavings[c.Op.(*orgledger.Retract).Event] })
}

// reopened returns the own positions of the leavers the file keeps whose closing the changes
// given take back: the planner closes them again, as it closes a leaver's, once it has moved
// each position reporting to them to where the file says, even where the export shows the
// same manager through the vacancy (planner.reopen). Where the file keeps the first export's
// moves, the closing and those moves are planned as they were, and stand rather than being
// recorded again (withoutRecordedAgain); otherwise the closing is recorded again after the
// moves the file makes.
func (b beside) reopened(first []orgledger.Change) map[string]bool {
	out := map[string]bool{}
	for seq := range retractions(first) {
		if pos, ok := b.closings[seq]; ok {
			out[pos] = true
		}
	}
	return out
}

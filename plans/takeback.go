package plans

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// WithTakeBacks returns the changeset to record for cs: cs, with the retraction of what a
// leaving released of applied plans put before each retraction of that leaving, unless cs
// retracts it already; and, for each change of the result, the index of the change of cs it
// stands for (the leaving's retraction, for one added). Taken back in one commit with the
// leaving, the released changes wait again (AfterCommit), where a change that needs the
// leaving (a successor put in the leaver's position) made the leaving's retraction alone
// refused. cs itself is not changed; where nothing is added, it is returned as it is.
func (s *Service) WithTakeBacks(ctx context.Context, cs *orgledger.Changeset) (*orgledger.Changeset, []int, error) {
	leavings, err := s.retractedLeavingsOf(ctx, cs)
	if err != nil || len(leavings) == 0 {
		return cs, nil, err
	}
	retracted := map[int64]bool{}
	for _, ch := range cs.Changes {
		if r, ok := ch.Op.(*orgledger.Retract); ok {
			retracted[r.Event] = true
		}
	}
	out, origin := *cs, []int(nil)
	out.Changes = nil
	for i, ch := range cs.Changes {
		if leaving, ok := leavings[i]; ok {
			released, err := s.standingReleases(ctx, leaving)
			if err != nil {
				return nil, nil, err
			}
			for _, seq := range released {
				if !retracted[seq] {
					out.Changes = append(out.Changes, orgledger.Change{Line: ch.Line, Effective: ch.Effective,
						Op: &orgledger.Retract{Event: seq, Reason: releasedReason(leaving)}})
					origin = append(origin, i)
				}
			}
		}
		out.Changes = append(out.Changes, ch)
		origin = append(origin, i)
	}
	if len(out.Changes) == len(cs.Changes) {
		return cs, nil, nil
	}
	return &out, origin, nil
}

// retractedLeavingsOf returns the leavings cs retracts, by the index of their retraction.
func (s *Service) retractedLeavingsOf(ctx context.Context, cs *orgledger.Changeset) (map[int]orgledger.Event, error) {
	var seqs []int64
	for _, ch := range cs.Changes {
		if r, ok := ch.Op.(*orgledger.Retract); ok {
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	events, err := s.Ledger.Store().EventsBySeq(ctx, seqs)
	if err != nil {
		return nil, err
	}
	out := map[int]orgledger.Event{}
	for i, ch := range cs.Changes {
		r, ok := ch.Op.(*orgledger.Retract)
		if !ok {
			continue
		}
		if at := slices.IndexFunc(events, func(e orgledger.Event) bool { return e.Seq == r.Event }); at >= 0 && events[at].Op.Verb() == orgledger.VerbLeave {
			out[i] = events[at]
		}
	}
	return out, nil
}

// standingReleases returns the events that recorded the changes of applied plans released by
// the leaving, and still stand: those effective on its day, in seq order.
func (s *Service) standingReleases(ctx context.Context, leaving orgledger.Event) ([]int64, error) {
	person := leaving.Op.(*orgledger.Leave).Person
	all, err := s.Store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, p := range all {
		if p.Status != orgledger.PlanApplied {
			continue
		}
		var released []int
		unreleased := p.Unreleased()
		for i, ch := range p.Changes {
			if ch.When != nil && ch.When.Leaves == person && !slices.Contains(unreleased, i) {
				released = append(released, i)
			}
		}
		if len(released) == 0 {
			continue
		}
		as, err := s.recordedAs(ctx, p, released, p.Base, func(e ledger.EventRef) bool { return !e.Retracted && e.Effective == leaving.Effective })
		if err != nil {
			return nil, err
		}
		for _, seq := range as {
			out = append(out, seq)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// releasedReason is the reason of the retraction of a change a leaving released, taken back
// with that leaving.
func releasedReason(leaving orgledger.Event) string {
	return fmt.Sprintf("it took effect when %s left, and that leaving (event %d) was retracted", leaving.Op.(*orgledger.Leave).Person, leaving.Seq)
}

// TakeBackProblems renumbers the problems of the refusal of a changeset WithTakeBacks made
// (made, origin) as the changes of the one it was given: each by the change it stands for,
// one added told as the taking back it is.
func TakeBackProblems(err error, made *orgledger.Changeset, origin []int) error {
	var e *orgledger.Error
	if origin == nil || !errors.As(err, &e) || len(e.Problems) == 0 {
		return err
	}
	out := *e
	out.Problems = make([]orgledger.Problem, len(e.Problems))
	for k, pr := range e.Problems {
		out.Problems[k] = pr
		j := pr.Change - 1
		if j < 0 || j >= len(origin) {
			continue
		}
		if j+1 < len(origin) && origin[j+1] == origin[j] { // added before the leaving's retraction
			out.Problems[k].Reason = fmt.Sprintf("taking back event %d, which the leaving this retracts released of a plan: %s",
				made.Changes[j].Op.(*orgledger.Retract).Event, pr.Reason)
		}
		out.Problems[k].Change = origin[j] + 1
	}
	return &out
}

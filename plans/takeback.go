package plans

import (
	"cmp"
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
// refused. What a leaving that cs records anew on its day released stays in force, each change
// where the ledger takes cs without its take-back (keepingReleases). cs itself is not
// changed; where nothing is added, it is returned as it is.
func (s *Service) WithTakeBacks(ctx context.Context, cs *orgledger.Changeset) (*orgledger.Changeset, []int, error) {
	if !retractsAny(cs) {
		return cs, nil, nil
	}
	rel, err := s.releases(ctx)
	if err != nil || len(rel.leavings) == 0 {
		return cs, nil, err
	}
	retracted := retractedBy(cs)
	again := map[int64]bool{} // the take-backs of what leavings cs records anew released
	out, origin := *cs, []int(nil)
	out.Changes = nil
	for i, ch := range cs.Changes {
		if r, ok := ch.Op.(*orgledger.Retract); ok {
			leaving, seqs, err := s.releasedBy(ctx, rel, r.Event)
			if err != nil {
				return nil, nil, err
			}
			for _, seq := range seqs {
				if !retracted[seq] {
					out.Changes = append(out.Changes, orgledger.Change{Line: ch.Line, Effective: ch.Effective,
						Op: &orgledger.Retract{Event: seq, Reason: releasedReason(leaving.person, r.Event)}})
					origin = append(origin, i)
					again[seq] = leavesAgain(cs, leaving)
				}
			}
		}
		out.Changes = append(out.Changes, ch)
		origin = append(origin, i)
	}
	if len(out.Changes) == len(cs.Changes) {
		return cs, nil, nil
	}
	made, origin := s.withoutRefusedTakeBacks(ctx, &out, origin)
	made, origin = s.keepingReleases(cs, made, origin, again)
	return made, origin, nil
}

// keepingReleases returns made without the take-backs of what leavings that cs records anew on
// their day released (again), each where the ledger takes it so: those changes stay in force,
// the leaving they waited for standing on its day as before (leavesAgain). One whose omission
// the ledger refuses (a change that needs the leaving, a successor, breaks between its
// retraction and its recording anew, since the ledger checks changes in order) stays: it is
// taken back, and released again on the leaving recorded anew after the commit (AfterCommit),
// while the others are kept. The changeset without them all is previewed first, the usual
// case and one preview; where it is refused, each is left out in turn, and kept out where a
// preview without it and those left out before is accepted, round after round until a round
// leaves out none (one may be left out only once another is: a retitle of a position that
// another take-back would retract).
func (s *Service) keepingReleases(cs, made *orgledger.Changeset, origin []int, again map[int64]bool) (*orgledger.Changeset, []int) {
	keeps := func(ch orgledger.Change) bool { return again[ch.Op.(*orgledger.Retract).Event] }
	all, allOrigin := made, origin
	for j := len(all.Changes) - 1; j >= 0; j-- {
		if takenBackFor(allOrigin, j) && keeps(all.Changes[j]) {
			all, allOrigin = withoutChange(all, allOrigin, j)
		}
	}
	if all == made || s.accepts(all) {
		return settled(cs, all, allOrigin)
	}
	cur, curOrigin := made, origin
	for left := true; left; {
		left = false
		for j := 0; j < len(cur.Changes); j++ {
			if !takenBackFor(curOrigin, j) || !keeps(cur.Changes[j]) {
				continue
			}
			if next, nextOrigin := withoutChange(cur, curOrigin, j); s.accepts(next) {
				cur, curOrigin, left = next, nextOrigin, true
				j--
			}
		}
	}
	return settled(cs, cur, curOrigin)
}

// withoutChange returns made without its change j, and origin without j's.
func withoutChange(made *orgledger.Changeset, origin []int, j int) (*orgledger.Changeset, []int) {
	next := *made
	next.Changes = slices.Delete(slices.Clone(made.Changes), j, j+1)
	return &next, slices.Delete(slices.Clone(origin), j, j+1)
}

// settled returns made, or cs where made added nothing to it.
func settled(cs, made *orgledger.Changeset, origin []int) (*orgledger.Changeset, []int) {
	if len(made.Changes) == len(cs.Changes) {
		return cs, nil
	}
	return made, origin
}

// accepts reports whether the ledger would take cs.
func (s *Service) accepts(cs *orgledger.Changeset) bool {
	return s.Ledger.Preview(cs, ledger.ApplyOptions{}, func(*ledger.Preview) error { return nil }) == nil
}

// withoutRefusedTakeBacks returns made without the retractions WithTakeBacks added that the
// ledger refuses (a later event needs what they would take back), when it accepts the rest:
// those changes stay in force, and the take-back that follows the commit (AfterCommit) says
// so. When the rest is refused too, for what cs itself does or for a change that needs the
// leaving, it is returned with, put back, the take-backs that keeping in force does not help:
// of a released event the rest would break, or refused for an event the rest breaks too. Its
// refusal tells those, and not what taking back the others, which could stay in force, would
// break.
func (s *Service) withoutRefusedTakeBacks(ctx context.Context, made *orgledger.Changeset, origin []int) (*orgledger.Changeset, []int) {
	if err := s.Ledger.Refresh(ctx); err != nil {
		return made, origin
	}
	out := make([]bool, len(made.Changes)) // the take-backs left out
	broke := map[int][]int64{}             // what each left out would break
	for {
		cur, curOrigin, at := leftOut(made, origin, out)
		err := s.Ledger.Preview(cur, ledger.ApplyOptions{}, func(*ledger.Preview) error { return nil })
		if err == nil {
			return cur, curOrigin
		}
		dropped := false
		for _, pr := range orgledger.ErrorProblems(err) {
			if j := pr.Change - 1; takenBackFor(curOrigin, j) {
				out[at[j]], dropped = true, true
				broke[at[j]] = append(broke[at[j]], pr.Breaks)
			}
		}
		if dropped {
			continue
		}
		for _, pr := range orgledger.ErrorProblems(err) {
			for i, ch := range made.Changes {
				if r, ok := ch.Op.(*orgledger.Retract); ok && out[i] && pr.Breaks != 0 &&
					(pr.Breaks == r.Event || slices.Contains(broke[i], pr.Breaks)) {
					out[i] = false
				}
			}
		}
		cur, curOrigin, _ = leftOut(made, origin, out)
		return cur, curOrigin
	}
}

// leftOut returns made without the changes left out, their origin, and where each change
// kept is in made.
func leftOut(made *orgledger.Changeset, origin []int, out []bool) (*orgledger.Changeset, []int, []int) {
	next, nextOrigin, at := *made, []int(nil), []int(nil)
	next.Changes = nil
	for j, ch := range made.Changes {
		if !out[j] {
			next.Changes, nextOrigin, at = append(next.Changes, ch), append(nextOrigin, origin[j]), append(at, j)
		}
	}
	return &next, nextOrigin, at
}

// takenBackFor reports whether change j of a changeset WithTakeBacks made, whose origin is
// given, is a retraction it added: one put before the change it stands for.
func takenBackFor(origin []int, j int) bool {
	return j >= 0 && j+1 < len(origin) && origin[j+1] == origin[j]
}

// releasedFor returns the applied plans that have released changes, by the person whose
// leaving released them: one read of the plans being applied and applied (drafts and dropped
// ones, whose changes may be thousands, are not decoded), and nothing more when none has.
func (s *Service) releasedFor(ctx context.Context) (map[string][]*orgledger.Plan, error) {
	all, err := s.Store.AppliedPlans(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]*orgledger.Plan{}
	for _, p := range all {
		if p.Status != orgledger.PlanApplied {
			continue
		}
		for _, i := range p.Released() {
			if who := p.Changes[i].When.Leaves; !slices.Contains(out[who], p) {
				out[who] = append(out[who], p)
			}
		}
	}
	return out, nil
}

// leavesAgain reports whether cs records the person's leaving anew on the day of the leaving
// it retracts: an imported date recorded again on top of a late export retracts its leavings
// and records them again, its changes planned on the org with what they released.
func leavesAgain(cs *orgledger.Changeset, leaving aLeaving) bool {
	return leftOn(cs, leaving.person) == leaving.day
}

// leftOn returns the day cs records the person's leaving on; zero when it records none.
func leftOn(cs *orgledger.Changeset, person string) orgledger.Date {
	for _, ch := range cs.Changes {
		if l, ok := ch.Op.(*orgledger.Leave); ok && l.Person == person {
			return cmp.Or(ch.Effective, cs.Effective)
		}
	}
	return 0
}

// aLeaving is a leaving recorded in the ledger: whose, and the day it takes effect.
type aLeaving struct {
	person string
	day    orgledger.Date
}

// leavingsOf returns the leavings the ledger records of the people, by their events' seqs,
// from its index.
func (s *Service) leavingsOf(people map[string][]*orgledger.Plan) map[int64]aLeaving {
	out := map[int64]aLeaving{}
	for person := range people {
		rec, _ := s.Ledger.Record(person)
		for _, e := range rec.Events {
			if e.Verb == orgledger.VerbLeave {
				out[e.Seq] = aLeaving{person, e.Effective}
			}
		}
	}
	return out
}

// standingReleases returns the events that recorded the changes of the plans released by the
// leaving, and still stand: those effective on its day, in seq order.
func (s *Service) standingReleases(ctx context.Context, leaving aLeaving, plans []*orgledger.Plan) ([]int64, error) {
	var out []int64
	for _, p := range plans {
		released := slices.DeleteFunc(p.Released(), func(i int) bool { return p.Changes[i].When.Leaves != leaving.person })
		as, err := s.recordedAs(ctx, p, released, p.Base, func(e ledger.EventRef) bool { return !e.Retracted && e.Effective == leaving.day })
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

// releasedReason is the reason of the retraction of a change the leaving of person, event
// seq, released, taken back with that leaving.
func releasedReason(person string, seq int64) string {
	return fmt.Sprintf("it took effect when %s left, and that leaving (event %d) was retracted", person, seq)
}

// takenBackWith returns the event of the leaving a reason releasedReason wrote names.
func takenBackWith(reason string) (leaving int64, ok bool) {
	var person string
	if n, err := fmt.Sscanf(reason, "it took effect when %s left, and that leaving (event %d) was retracted", &person, &leaving); err != nil || n != 2 {
		return 0, false
	}
	return leaving, releasedReason(person, leaving) == reason
}

// TakeBackProblems renumbers the problems of the refusal of a changeset WithTakeBacks made
// (made, origin) as the changes of the one it was given: each by the change it stands for,
// one added told as the taking back it is, naming the plan whose change the event released as
// NAME@OWNER, as the event is marked, and, where a later event needs it, what to do: retract
// that first. It is told to whoever writes to the ledger, an admin, who sees every plan. Where
// the events cannot be read, the plan goes unnamed.
func (s *Service) TakeBackProblems(ctx context.Context, err error, made *orgledger.Changeset, origin []int) error {
	var e *orgledger.Error
	if origin == nil || !errors.As(err, &e) || len(e.Problems) == 0 {
		return err
	}
	plans := s.plansOf(ctx, made, origin)
	out := *e
	out.Problems = make([]orgledger.Problem, len(e.Problems))
	for k, pr := range e.Problems {
		out.Problems[k] = pr
		j := pr.Change - 1
		if j < 0 || j >= len(origin) {
			continue
		}
		if takenBackFor(origin, j) {
			seq, of := made.Changes[j].Op.(*orgledger.Retract).Event, "a plan"
			if ref := plans[seq]; ref != "" {
				of = "plan " + ref
			}
			// Found by QA: "which the leaving this retracts released of plan p" read hard.
			out.Problems[k].Reason = fmt.Sprintf("taking back event %d, a change of %s that the leaving this retracts released: %s%s", seq, of, pr.Reason, retractFirst(pr))
		}
		out.Problems[k].Change = origin[j] + 1
	}
	return &out
}

// retractFirst says what to do about a take-back the ledger refuses because a later event
// needs what it takes back (the problem names the event it breaks): retract that first. A
// take-back refused otherwise (its event retracted already) has nothing to add.
func retractFirst(pr orgledger.Problem) string {
	if pr.Breaks != 0 {
		return "; to take it back, retract first what needs it"
	}
	return ""
}

// plansOf returns the plan each event that made takes back was released of, by its seq, as
// the events are marked; nothing when they cannot be read.
func (s *Service) plansOf(ctx context.Context, made *orgledger.Changeset, origin []int) map[int64]string {
	var seqs []int64
	for j, ch := range made.Changes {
		if takenBackFor(origin, j) {
			seqs = append(seqs, ch.Op.(*orgledger.Retract).Event)
		}
	}
	slices.Sort(seqs)
	events, err := s.Ledger.Store().EventsBySeq(ctx, slices.Compact(seqs))
	if err != nil {
		return nil
	}
	out := make(map[int64]string, len(events))
	for _, e := range events {
		out[e.Seq] = e.Plan
	}
	return out
}

// retractsAny reports whether cs retracts an event.
func retractsAny(cs *orgledger.Changeset) bool {
	return slices.ContainsFunc(cs.Changes, func(ch orgledger.Change) bool { _, ok := ch.Op.(*orgledger.Retract); return ok })
}

// retractedBy returns the events cs retracts.
func retractedBy(cs *orgledger.Changeset) map[int64]bool {
	out := map[int64]bool{}
	for _, ch := range cs.Changes {
		if r, ok := ch.Op.(*orgledger.Retract); ok {
			out[r.Event] = true
		}
	}
	return out
}

// ReleasesOf returns, by leaving, the standing events that the leavings among the events given
// released of applied plans, effective on the leaving's day, in seq order: what WithTakeBacks
// would take back with each leaving; a leaving that released nothing standing is left out. A
// corrected HRIS export that keeps an imported leaving is planned in place of the first export
// of its date with the leaving and those events standing (hris.ImportOptions.Released): they
// are the plans' consequence of the leaving, not a change by hand to be planned on top of.
func (s *Service) ReleasesOf(ctx context.Context, events []int64) (map[int64][]int64, error) {
	rel, err := s.releases(ctx)
	if err != nil || len(rel.leavings) == 0 {
		return nil, err
	}
	out := map[int64][]int64{}
	for _, seq := range events {
		_, seqs, err := s.releasedBy(ctx, rel, seq)
		if err != nil {
			return nil, err
		}
		if len(seqs) > 0 {
			out[seq] = seqs
		}
	}
	return out, nil
}

// releases is what leavings released of applied plans, read once: the plans with released
// changes, by the person whose leaving released them (releasedFor), and the leavings the
// ledger records of those people, by event (leavingsOf).
type releases struct {
	plans    map[string][]*orgledger.Plan
	leavings map[int64]aLeaving
}

// releases reads which leavings released changes of applied plans.
func (s *Service) releases(ctx context.Context) (releases, error) {
	plans, err := s.releasedFor(ctx)
	if err != nil {
		return releases{}, err
	}
	return releases{plans, s.leavingsOf(plans)}, nil
}

// releasedBy returns the leaving that event seq is, and the events recording what it released
// that still stand (standingReleases); nothing where seq is no leaving a plan's change waits for.
func (s *Service) releasedBy(ctx context.Context, rel releases, seq int64) (aLeaving, []int64, error) {
	leaving, ok := rel.leavings[seq]
	if !ok {
		return aLeaving{}, nil, nil
	}
	seqs, err := s.standingReleases(ctx, leaving, rel.plans[leaving.person])
	return leaving, seqs, err
}

package plans

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// clashes names each change of the plan, waiting for a leaving or not, that changes what an
// event recorded since the plan was drafted changed (but for the very change, which agrees),
// and each that changes differently what
// another plan's change waiting for a leaving will (waitingClashes), in the order of the plan's
// changes. The plan an event came from is named only to a caller who may see it; a waiting
// change of a plan the caller may not see is not told of at all. An event recorded by hand
// that changes it from a later day than the change's does not clash: the plan's change holds
// until then and the event's after, which the ledger checks the plan against; it is told in a
// warning (changedLater). One another plan recorded clashes whatever its day, as two plans
// that change one thing differently do.
func (s *Service) clashes(ctx context.Context, c Caller, p *orgledger.Plan, r resolved) ([]orgledger.Problem, []Warning, error) {
	out, err := s.waitingClashes(ctx, c, p)
	if err != nil {
		return nil, nil, err
	}
	mine := planned(p, r)
	since, err := s.sinceClaimed(ctx, p, mine)
	if err != nil {
		return nil, nil, err
	}
	sees := s.seesPlan(ctx, c)
	var later []Warning
	for _, pc := range mine {
		claimed, clashed := append(claims(pc.ch.Op, orgledger.Effects{}), dependsOn(pc.ch.Op)...), false
		for _, ev := range since {
			e := ev.event
			if e.Seq <= pc.ch.Base {
				continue // recorded before the change was added: what it was drafted on
			}
			cl, ok := clashingClaim(claimed, pc.ch.Op, ev.claims, e.Op)
			if !ok {
				continue
			}
			shown, err := sees(e.Plan)
			if err != nil {
				return nil, nil, err
			}
			if day := cmp.Or(pc.ch.Effective, p.Effective); pc.ch.When == nil && e.Plan == "" && ev.day > day {
				later = append(later, changedLater(pc.i, cl, e, ev.day, day, shown))
				continue
			}
			out, clashed = append(out, clash(pc.i, pc.ch, cl, e, shown)), true
		}
		if m, ok := pc.ch.Op.(*orgledger.MergeUnits); ok && !clashed {
			out = append(out, s.refilled(p, pc.i, m)...)
		}
	}
	slices.SortStableFunc(out, func(a, b orgledger.Problem) int { return a.Change - b.Change })
	return out, later, nil
}

// plannedChange is a change of a plan with its index.
type plannedChange struct {
	i  int
	ch orgledger.Change
}

// planned returns the changes of the plan as resolved (those it records now), then those that
// wait for a leaving: a waiting change compared with what was recorded since the draft, as the
// others are, so that its release does not override it.
func planned(p *orgledger.Plan, r resolved) []plannedChange {
	out := make([]plannedChange, 0, len(r.cs.Changes)+len(r.waiting))
	for k, ch := range r.cs.Changes {
		out = append(out, plannedChange{r.index[k], ch})
	}
	for _, i := range r.waiting {
		out = append(out, plannedChange{i, p.Changes[i]})
	}
	return out
}

// sinceClaimed returns the standing events recorded since the plan was drafted that touch an id
// one of its changes names, with what each claims (a retraction claims what the event it
// retracts changed, as it changes that back, from that event's day). A retraction of an event
// recorded since the draft is left out: the two together changed nothing the plan was drafted
// on.
func (s *Service) sinceClaimed(ctx context.Context, p *orgledger.Plan, mine []plannedChange) ([]claimedSince, error) {
	changes := make([]orgledger.Change, len(mine))
	for k, pc := range mine {
		changes[k] = pc.ch
	}
	events, err := s.eventsAfter(ctx, p.Base, changes, func(e ledger.EventRef) bool { return !e.Retracted })
	if err != nil {
		return nil, err
	}
	undone, err := s.undoneBy(ctx, events)
	if err != nil {
		return nil, err
	}
	out := make([]claimedSince, 0, len(events)) // found once for every change
	for _, e := range events {
		what := e
		if u, ok := undone[e.Seq]; ok {
			if u.Seq > p.Base {
				continue
			}
			what = u
		}
		out = append(out, claimedSince{e, append(claims(what.Op, what.Effects), puts(what.Op)...), what.Effective})
	}
	return out, nil
}

// claimedSince is an event recorded since a plan was drafted, what it claims, and the day
// from which it changes that.
type claimedSince struct {
	event  orgledger.Event
	claims []string
	day    orgledger.Date
}

// clash is the problem of a change of the plan that changes what event e changed; shown says
// whether the plan e came from, if any, may be named.
func clash(i int, ch orgledger.Change, claim string, e orgledger.Event, shown bool) orgledger.Problem {
	return orgledger.Problem{Change: i + 1, Verb: string(ch.Op.Verb()), // i: its number in plan show
		Reason: fmt.Sprintf("%s: event %d (%s, effective %s) changed it since the plan was drafted, %s at %s",
			claim, e.Seq, ledger.Summary(&e), e.Effective, recordedBy(e, shown), e.Recorded.UTC().Format(time.RFC3339Nano))}
}

// recordedBy names who recorded event e: its plan, where shown says the caller may see it,
// else its actor, as the log shows a plan's event to whoever may not see the plan.
func recordedBy(e orgledger.Event, shown bool) string {
	if e.Plan != "" && shown {
		return "by plan " + e.Plan
	}
	return "by " + e.Actor
}

// changedLater is the warning of a change of the plan (i, on day) that changes what event e,
// recorded since the plan was drafted, changes from a later day: no clash, as the plan's
// change does not set back what the event set, but what the plan was drafted for holds only
// until then.
func changedLater(i int, claim string, e orgledger.Event, from, day orgledger.Date, shown bool) Warning {
	what, after := "changes it again", "the plan's change holds until then"
	if e.Op.Verb() == orgledger.VerbRetract { // it takes back a change of that later day
		what, after = "takes back a change of it", "the plan's change holds on through that day"
	}
	return Warning{Kind: "changed-later", Change: i + 1, Message: fmt.Sprintf(
		"change %d: %s: event %d (%s, effective %s), recorded since the plan was drafted %s at %s, %s from a later day than the change's (%s): applied, %s",
		i+1, claim, e.Seq, ledger.Summary(&e), from, recordedBy(e, shown), e.Recorded.UTC().Format(time.RFC3339Nano), what, day, after)}
}

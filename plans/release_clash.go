package plans

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A change that waits for a leaving was compared, when its plan was applied, with what the
// ledger had recorded since the plan was drafted (clashes), and with what other plans wait to
// change (waitingClashes). What is set by hand after that, a title or a manager changed by an
// import, it was never compared with, and its release, months later, would set it back unseen.
// So a release holds back a change that sets a value (a position's title, manager line or
// unit, a unit's head, name or parent) that an event outside any plan set to something else
// since the plan was drafted, where that event's value still stands on the change's day
// (inForce: not one effective later, nor one set again since): the change waits on, the
// leaving that released it warns of it, naming the event, to whoever recorded it (an admin,
// who sees every plan), and plan show says why it waits. Once that value no longer stands on
// that day (the event retracted, the value set again as the plan sets it), the next leaving,
// or settle, releases it. Only such values are compared: whether a change of another kind
// overrides what was recorded since is not so plain (a person may hold two positions, a
// person's details are several fields), and such a change is recorded as the ledger takes it.
//
// A release is checked before it is claimed, and recorded without checking again: a value set
// by hand in the moment between is set at the same time as the release, not before it.

// releasable resolves the changes of plan p that only lists and holds back, among the
// waiting, those that would set back a value set by hand since the plan was drafted, with
// their problems; those name the event's actor.
func (s *Service) releasable(ctx context.Context, p *orgledger.Plan, only []int) (resolved, []orgledger.Problem, error) {
	r := s.resolve(p, only)
	held, err := s.releaseClashes(ctx, p, r)
	if err != nil || len(held) == 0 {
		return r, held, err
	}
	kept := s.resolve(p, minus(only, heldChanges(held)))
	kept.waiting = sortedUnion(kept.waiting, heldChanges(held))
	return kept, held, nil
}

// releaseClashes names each change of r, a release of plan p, that sets a value an event
// recorded since the plan was drafted, outside any plan, set otherwise, where that still
// stands on the change's day: one problem a change, placed in the plan.
func (s *Service) releaseClashes(ctx context.Context, p *orgledger.Plan, r resolved) ([]orgledger.Problem, error) {
	var out []orgledger.Problem
	for k, ch := range r.cs.Changes {
		target, ok := valueOf(ch.Op)
		if !ok {
			continue
		}
		day := cmp.Or(ch.Effective, r.cs.Effective)
		e, found, err := s.setBy(ctx, max(p.Base, ch.Base), ch.Op, target, day)
		if err != nil {
			return nil, err
		}
		if found {
			i := r.index[k]
			out = append(out, orgledger.Problem{File: "plan " + p.Ref(), Change: i + 1, Verb: string(ch.Op.Verb()),
				Reason: fmt.Sprintf("%s: set otherwise since the plan was drafted by event %d (%s, effective %s), by %s at %s, which stands on %s",
					claims(ch.Op, orgledger.Effects{})[0], e.Seq, ledger.Summary(&e), e.Effective, e.Actor, e.Recorded.UTC().Format(time.RFC3339Nano), day)})
		}
	}
	return out, nil
}

// setBy returns the last event recorded after event after, outside any plan, that set what op
// sets on target otherwise, if its value stands on day.
func (s *Service) setBy(ctx context.Context, after int64, op orgledger.Op, target string, day orgledger.Date) (orgledger.Event, bool, error) {
	var seqs []int64
	for _, e := range s.Ledger.EventsNaming([]string{target}, op.Verb(), after) {
		if !e.Retracted {
			seqs = append(seqs, e.Seq)
		}
	}
	if len(seqs) == 0 {
		return orgledger.Event{}, false, nil
	}
	events, err := s.Ledger.Store().EventsBySeq(ctx, seqs)
	if err != nil {
		return orgledger.Event{}, false, err
	}
	for _, e := range slices.Backward(events) {
		if t, _ := valueOf(e.Op); e.Plan == "" && t == target && opData(e.Op) != opData(op) && inForce(s.Ledger, e, day) {
			return e, true, nil
		}
	}
	return orgledger.Event{}, false, nil
}

// valueOf returns the id of what a change sets a value of, for the changes that set one.
func valueOf(op orgledger.Op) (string, bool) {
	switch c := op.(type) {
	case *orgledger.Retitle:
		return c.Position, true
	case *orgledger.Report:
		return c.Position, true
	case *orgledger.MovePosition:
		return c.Position, true
	case *orgledger.SetHead:
		return c.Unit, true
	case *orgledger.RenameUnit:
		return c.Unit, true
	case *orgledger.MoveUnit:
		return c.Unit, true
	}
	return "", false
}

// heldChanges returns the plan's changes (from 0) that the problems of a release hold back.
func heldChanges(held []orgledger.Problem) []int {
	out := make([]int, len(held))
	for i, pr := range held {
		out[i] = pr.Change - 1
	}
	return out
}

// heldBack is the warning of a release that held back changes, of those waiting for someone
// tell says: they wait on.
func heldBack(p *orgledger.Plan, held []orgledger.Problem, tell func(person string) bool) error {
	held = slices.DeleteFunc(slices.Clone(held), func(pr orgledger.Problem) bool { return !tell(p.Changes[pr.Change-1].When.Leaves) })
	if len(held) == 0 {
		return nil
	}
	what := "a change waiting for a leaving would set back what was set by hand since the plan was drafted, and waits on"
	if len(held) > 1 {
		what = "changes waiting for a leaving would set back what was set by hand since the plan was drafted, and wait on"
	}
	return &orgledger.Error{Code: orgledger.ECONFLICT, Problems: held, Message: "plan " + p.Ref() + ": " + what}
}

// leaversIn returns whether a person leaves in commit c.
func leaversIn(c *orgledger.Commit) func(string) bool {
	return func(person string) bool {
		return slices.ContainsFunc(c.Events, func(e orgledger.Event) bool {
			l, ok := e.Op.(*orgledger.Leave)
			return ok && l.Person == person
		})
	}
}

func everyone(string) bool { return true }

func nobody(string) bool { return false }

// heldReasons says, of each change of applied plan p whose leaving is recorded though it waits
// on, why: the value set by hand it would set back, or the ledger's refusal.
func (s *Service) heldReasons(ctx context.Context, p *orgledger.Plan) (map[int]string, error) {
	free := s.freed(p)
	if p.Status != orgledger.PlanApplied || len(free) == 0 {
		return nil, nil
	}
	r, held, err := s.releasable(ctx, p, free)
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, pr := range held {
		out[pr.Change-1] = "it would set back what was set by hand: " + pr.Reason
	}
	if len(r.cs.Changes) == 0 {
		return out, nil
	}
	if err := s.previewRelease(p, r); err != nil {
		refusals(out, r, err)
	}
	return out, nil
}

// refusals adds to out why the ledger refuses release r, for each of its changes: its own
// problems, or, for one the refusal places no problem at, that it is released with those it
// does (a release is recorded whole), or the refusal's message, when it places none.
func refusals(out map[int]string, r resolved, err error) {
	placed := map[int][]string{}
	var refused []int
	for _, pr := range r.problems(err) {
		if i := pr.Change - 1; slices.Contains(r.index, i) {
			if len(placed[i]) == 0 {
				refused = append(refused, pr.Change)
			}
			placed[i] = append(placed[i], pr.Reason)
		}
	}
	for _, i := range r.index {
		switch {
		case len(placed[i]) > 0:
			out[i] = "the ledger refuses it: " + strings.Join(placed[i], "; ")
		case len(refused) > 0:
			out[i] = "it is released with " + ChangesList(refused) + " of the plan, which the ledger refuses"
		default:
			out[i] = "the ledger refuses it: " + orgledger.ErrorMessage(err)
		}
	}
}

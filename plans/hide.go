package plans

import (
	"context"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Visibility is which plans a caller may see, for what answers name them: an admin every plan,
// a viewer none, a planner those they own or that are shared with them.
type Visibility struct {
	all  bool
	refs map[string]bool // NAME@OWNER
}

// Visibility reads the plans the caller may see, without their changes (PlanHeads). When they
// cannot be read, the Visibility returned sees none, for an answer that leaves their names out
// rather than fails.
func (s *Service) Visibility(ctx context.Context, c Caller) (Visibility, error) {
	if c.Role.Includes(orgledger.RoleAdmin) {
		return Visibility{all: true}, nil
	}
	v := Visibility{refs: map[string]bool{}}
	if !c.Role.SeesFuture() {
		return v, nil // a viewer sees no plan: none is read
	}
	heads, err := s.Store.PlanHeads(ctx)
	if err != nil {
		return v, err
	}
	for _, p := range heads {
		if p.VisibleTo(c.Name, c.Role) {
			v.refs[p.Ref()] = true
		}
	}
	return v, nil
}

// Sees reports whether the plan of a ref may be named; "" (no plan) may.
func (v Visibility) Sees(ref string) bool { return ref == "" || v.all || v.refs[ref] }

// Refs returns the refs of the plans seen, sorted; none for an admin, who sees every plan.
func (v Visibility) Refs() []string {
	out := make([]string, 0, len(v.refs))
	for ref := range v.refs {
		out = append(out, ref)
	}
	slices.Sort(out)
	return out
}

// Hide blanks the plan of each event that came from a plan not seen: a plan's name and owner
// are the plan's, even once its changes are in the ledger. So is what an event says of a plan's
// waiting (hideWaiting), unless it is of a plan seen: the note of a change released by a leaving,
// on an event that names its plan, and the reason of a take-back's retraction, which names its
// plan only where a plan recorded it (after a commit), not where the retraction of the leaving
// carried it (WithTakeBacks): that one is told in full to admins alone. A viewer reads events
// whose plans the ledger left out already (ledger.LogOptions.Horizon): none is of a plan seen.
func (v Visibility) Hide(events []orgledger.HistoryEvent) {
	for i := range events {
		e := &events[i]
		if !v.all && (e.Plan == "" || !v.Sees(e.Plan)) {
			hideWaiting(e)
		}
		if !v.Sees(e.Plan) {
			e.Plan = ""
		}
	}
}

// waitingTold returns what of an event tells that a plan's change waited for a leaving: its
// note (releaseNote), and a take-back's retraction with the leaving's event its reason names
// (releasedReason); nil and 0 when it is no such retraction.
func waitingTold(e orgledger.HistoryEvent) (note bool, takeBack *orgledger.Retract, leaving int64) {
	_, note = releasedWhen(e.Note)
	if r, ok := e.Change.(*orgledger.Retract); ok {
		if seq, ok := takenBackWith(r.Reason); ok {
			return note, r, seq
		}
	}
	return note, nil, 0
}

// tellsWaiting reports whether an event says that a plan's change waited for a leaving.
func tellsWaiting(e orgledger.HistoryEvent) bool {
	note, takeBack, _ := waitingTold(e)
	return note || takeBack != nil
}

// hideWaiting leaves out of an event what tells that a plan waited (waitingTold): the note,
// and the take-back's reason, which would tell that the change waits again for that person's
// leaving. The retraction names the leaving's event all the same.
func hideWaiting(e *orgledger.HistoryEvent) {
	note, takeBack, leaving := waitingTold(*e)
	if note {
		e.Note = ""
	}
	if takeBack != nil {
		hidden := *takeBack // the event's own op is the ledger's
		hidden.Reason = fmt.Sprintf("taken back with the retraction of event %d", leaving)
		event := orgledger.Event{Op: &hidden}
		if e.Effects != nil {
			event.Effects = *e.Effects
		}
		e.Change, e.Summary = &hidden, ledger.Summary(&event)
	}
}

// HidePlans blanks the plan of each event that came from a plan the caller may not see, and
// what events say of plans' waiting (Hide). When the plans cannot be read, it blanks every
// plan the caller is not an admin for, and says why: the events are still theirs to read.
func (s *Service) HidePlans(ctx context.Context, c Caller, events []orgledger.HistoryEvent) error {
	if !slices.ContainsFunc(events, func(e orgledger.HistoryEvent) bool { return e.Plan != "" || tellsWaiting(e) }) {
		return nil // nothing to hide: the plans need not be read
	}
	v, err := s.Visibility(ctx, c)
	v.Hide(events)
	return err
}

// seesPlan returns whether the caller may see the plan of a ref, the plans read when a ref
// first asks, once.
func (s *Service) seesPlan(ctx context.Context, c Caller) func(ref string) (bool, error) {
	var v *Visibility
	return func(ref string) (bool, error) {
		var err error
		if v == nil && ref != "" {
			read, rerr := s.Visibility(ctx, c)
			v, err = &read, rerr
		}
		return ref == "" || v.Sees(ref), err
	}
}

package plans

import (
	"context"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TakeBacks tells, for a dry run of cs, what the real write would do to the changes of applied
// plans that the leavings cs retracts released, as WithTakeBacks made it (made): each taken
// back, to wait again for its person's leaving, or, where cs records that leaving anew, to be
// released again on that day just after the commit (AfterCommit); or, where made leaves its
// retraction out (a later event needs it), kept in force, which the real write warns of. One
// a leaving recorded anew on its own day keeps in force (keepingReleases) goes untold, as the
// write tells nothing of it. Each names its plan
// as NAME@OWNER, as what follows a write does (AfterCommit): it is told to whoever writes to
// the ledger, an admin, who sees every plan and so perhaps several of one name.
type TakeBacks struct {
	TakenBack []string `json:"taken_back,omitempty"`
	InForce   []string `json:"in_force,omitempty"`
}

// DryTakeBacks returns the TakeBacks of a dry run of cs, made by WithTakeBacks.
func (s *Service) DryTakeBacks(ctx context.Context, cs, made *orgledger.Changeset) (TakeBacks, error) {
	var out TakeBacks
	if !retractsAny(cs) {
		return out, nil
	}
	rel, err := s.releases(ctx)
	if err != nil || len(rel.leavings) == 0 {
		return out, err
	}
	retracted := retractedBy(made)
	for _, ch := range cs.Changes {
		r, ok := ch.Op.(*orgledger.Retract)
		if !ok {
			continue
		}
		leaving, ok := rel.leavings[r.Event]
		if !ok {
			continue
		}
		if err := s.tellTakeBacks(ctx, &out, leaving, r.Event, rel.plans[leaving.person], retracted, leftOn(cs, leaving.person)); err != nil {
			return out, err
		}
	}
	return out, nil
}

// tellTakeBacks adds to out what becomes of each change of plans the leaving (event seq)
// released, by whether retracted holds the event that recorded it. Where cs records the
// person's leaving anew (on the day anew), what it takes back is released again on that day
// once it is recorded (AfterCommit), and, recorded anew on the leaving's own day, it keeps
// what it does not take back in force, with nothing to tell (WithTakeBacks's keepingReleases).
func (s *Service) tellTakeBacks(ctx context.Context, out *TakeBacks, leaving aLeaving, seq int64, plans []*orgledger.Plan, retracted map[int64]bool, anew orgledger.Date) error {
	for _, p := range plans {
		which := slices.DeleteFunc(p.Released(), func(i int) bool { return p.Changes[i].When.Leaves != leaving.person })
		as, err := s.recordedAs(ctx, p, which, p.Base, func(e ledger.EventRef) bool { return !e.Retracted && e.Effective == leaving.day })
		if err != nil {
			return err
		}
		for _, i := range which {
			event, ok := as[i]
			if !ok {
				continue
			}
			what := fmt.Sprintf("change %d of plan %s (%s), released by %s's leaving (event %d) as event %d", i+1, p.Ref(),
				ledger.Summary(&orgledger.Event{Op: p.Changes[i].Op}), leaving.person, seq, event)
			switch {
			case retracted[event] && anew != 0:
				out.TakenBack = append(out.TakenBack, what+", would be taken back, and released again after it, effective "+anew.String()+
					", by "+leaving.person+"'s leaving, which it records anew then, if the ledger takes it")
			case anew == leaving.day: // kept in force, as it was
			case retracted[event]:
				out.TakenBack = append(out.TakenBack, what+", would be taken back: it would wait again for "+leaving.person+"'s leaving")
			default:
				out.InForce = append(out.InForce, what+", would stay in force: taking it back would be refused, since a later event needs it")
			}
		}
	}
	return nil
}

// TakingBack is WithTakeBacks for a writer that works its changeset out itself, and may work
// it out again before the ledger takes it (an import, when something was recorded meanwhile):
// it keeps the last changeset it was given and made, the one the ledger was given last, so
// that a dry run can tell what they would take back (DryTakeBacks).
type TakingBack struct {
	s        *Service
	cs, made *orgledger.Changeset
}

// TakingBack returns a TakingBack of the service's plans.
func (s *Service) TakingBack() *TakingBack { return &TakingBack{s: s} }

// WithTakeBacks is Service.WithTakeBacks, keeping cs and what it made of it.
func (t *TakingBack) WithTakeBacks(ctx context.Context, cs *orgledger.Changeset) (*orgledger.Changeset, []int, error) {
	made, origin, err := t.s.WithTakeBacks(ctx, cs)
	t.cs, t.made = cs, made
	return made, origin, err
}

// DryTakeBacks is Service.DryTakeBacks of the last changeset WithTakeBacks was given: nothing
// when it was given none.
func (t *TakingBack) DryTakeBacks(ctx context.Context) (TakeBacks, error) {
	if t.cs == nil || t.made == nil {
		return TakeBacks{}, nil
	}
	return t.s.DryTakeBacks(ctx, t.cs, t.made)
}

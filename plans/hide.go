package plans

import (
	"context"
	"slices"

	"github.com/orgledger/orgledger"
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
// are the plan's, even once its changes are in the ledger.
func (v Visibility) Hide(events []orgledger.HistoryEvent) {
	for i := range events {
		if !v.Sees(events[i].Plan) {
			events[i].Plan = ""
		}
	}
}

// HidePlans blanks the plan of each event that came from a plan the caller may not see. When
// the plans cannot be read, it blanks every plan the caller is not an admin for, and says why:
// the events are still theirs to read.
func (s *Service) HidePlans(ctx context.Context, c Caller, events []orgledger.HistoryEvent) error {
	if !slices.ContainsFunc(events, func(e orgledger.HistoryEvent) bool { return e.Plan != "" }) {
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

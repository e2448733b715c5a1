package memory

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/orgledger/orgledger"
)

// Plans is an orgledger.PlanStore in memory.
type Plans struct {
	mu    sync.Mutex
	plans map[planKey]orgledger.Plan
}

// planKey is what names a plan: its owner and its name.
type planKey struct{ owner, name string }

func keyOf(p *orgledger.Plan) planKey { return planKey{p.Owner, p.Name} }

var _ orgledger.PlanStore = (*Plans)(nil)

// NewPlans returns an empty plan store.
func NewPlans() *Plans { return &Plans{plans: map[planKey]orgledger.Plan{}} }

// CopyPlans returns a store in memory holding the plans of src as they are now, each at its
// revision: a scratch copy that a dry run writes to as the write would (what a leaving
// releases of plans, or its retraction takes back), while src stays as it is.
func CopyPlans(ctx context.Context, src orgledger.PlanStore) (*Plans, error) {
	all, err := src.Plans(ctx)
	if err != nil {
		return nil, err
	}
	s := NewPlans()
	for _, p := range all {
		s.plans[keyOf(p)] = clonePlan(p)
	}
	return s, nil
}

// CreatePlan stores a new plan; ECONFLICT when its owner has a plan of that name.
func (s *Plans) CreatePlan(_ context.Context, p *orgledger.Plan) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.plans[keyOf(p)]; ok {
		return orgledger.Errorf(orgledger.ECONFLICT, "%s has a plan named %s already", p.Owner, p.Name)
	}
	s.plans[keyOf(p)] = clonePlan(p)
	return nil
}

// PlansNamed returns the plans of that name, by owner.
func (s *Plans) PlansNamed(_ context.Context, name string) ([]*orgledger.Plan, error) {
	return s.matching(func(p *orgledger.Plan) bool { return p.Name == name }), nil
}

// PlanOwned returns the plan of that name and owner, nil when there is none.
func (s *Plans) PlanOwned(_ context.Context, name, owner string) (*orgledger.Plan, error) {
	return orgledger.OnlyPlan(s.matching(func(p *orgledger.Plan) bool { return p.Name == name && p.Owner == owner }), nil)
}

// Plans returns every plan, by name and owner.
func (s *Plans) Plans(context.Context) ([]*orgledger.Plan, error) {
	return s.matching(func(*orgledger.Plan) bool { return true }), nil
}

// PendingPlans returns the plans being applied, and the applied ones with changes waiting or
// claimed, by name and owner.
func (s *Plans) PendingPlans(context.Context) ([]*orgledger.Plan, error) {
	return s.matching(func(p *orgledger.Plan) bool {
		return p.Status == orgledger.PlanApplying || p.Status == orgledger.PlanApplied && p.HasUnreleased()
	}), nil
}

// AppliedPlans returns the plans being applied and the applied ones, by name and owner.
func (s *Plans) AppliedPlans(context.Context) ([]*orgledger.Plan, error) {
	return s.matching(func(p *orgledger.Plan) bool {
		return p.Status == orgledger.PlanApplying || p.Status == orgledger.PlanApplied
	}), nil
}

// PlanHeads returns every plan without its changes, by name and owner.
func (s *Plans) PlanHeads(context.Context) ([]*orgledger.Plan, error) {
	out := s.matching(func(*orgledger.Plan) bool { return true })
	for _, p := range out {
		p.Changes = nil
	}
	return out, nil
}

func (s *Plans) matching(keep func(*orgledger.Plan) bool) []*orgledger.Plan {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*orgledger.Plan{}
	for _, p := range s.plans {
		if keep(&p) {
			c := clonePlan(&p)
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, func(a, b *orgledger.Plan) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Owner, b.Owner))
	})
	return out
}

// UpdatePlan replaces a stored plan if it is still at p.Revision.
func (s *Plans) UpdatePlan(_ context.Context, p *orgledger.Plan) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, ok := s.plans[keyOf(p)]
	switch {
	case !ok:
		return orgledger.NoSuchPlan(p)
	case stored.Revision != p.Revision:
		return orgledger.PlanChanged(p)
	}
	p.Revision++
	s.plans[keyOf(p)] = clonePlan(p)
	return nil
}

// clonePlan copies a plan's slices, so that callers never share them with the store.
func clonePlan(p *orgledger.Plan) orgledger.Plan {
	c := *p
	c.Shared, c.Changes, c.Waiting = slices.Clone(p.Shared), slices.Clone(p.Changes), slices.Clone(p.Waiting)
	c.Releasing = slices.Clone(p.Releasing)
	c.Withdrawn = slices.Clone(p.Withdrawn)
	for i := range c.Releasing {
		c.Releasing[i].Changes = slices.Clone(p.Releasing[i].Changes)
	}
	return c
}

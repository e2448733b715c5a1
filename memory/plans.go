package memory

import (
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/orgledger/orgledger"
)

// Plans is an orgledger.PlanStore in memory.
type Plans struct {
	mu    sync.Mutex
	plans map[string]orgledger.Plan
}

var _ orgledger.PlanStore = (*Plans)(nil)

// NewPlans returns an empty plan store.
func NewPlans() *Plans { return &Plans{plans: map[string]orgledger.Plan{}} }

// CreatePlan stores a new plan.
func (s *Plans) CreatePlan(_ context.Context, p *orgledger.Plan) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.plans[p.Name]; ok {
		return orgledger.Errorf(orgledger.ECONFLICT, "a plan named %s exists already", p.Name)
	}
	p.Revision = 0
	s.plans[p.Name] = clonePlan(p)
	return nil
}

// Plan returns the plan of that name.
func (s *Plans) Plan(_ context.Context, name string) (*orgledger.Plan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.plans[name]
	if !ok {
		return nil, orgledger.Errorf(orgledger.ENOTFOUND, "no plan named %s", name)
	}
	c := clonePlan(&p)
	return &c, nil
}

// Plans returns every plan, by name.
func (s *Plans) Plans(context.Context) ([]*orgledger.Plan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*orgledger.Plan, 0, len(s.plans))
	for _, p := range s.plans {
		c := clonePlan(&p)
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// UpdatePlan replaces a stored plan if it is still at p.Revision.
func (s *Plans) UpdatePlan(_ context.Context, p *orgledger.Plan) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, ok := s.plans[p.Name]
	switch {
	case !ok:
		return orgledger.Errorf(orgledger.ENOTFOUND, "no plan named %s", p.Name)
	case stored.Revision != p.Revision:
		return orgledger.PlanChanged(p.Name)
	}
	p.Revision++
	s.plans[p.Name] = clonePlan(p)
	return nil
}

// clonePlan copies a plan's slices, so that callers never share them with the store.
func clonePlan(p *orgledger.Plan) orgledger.Plan {
	c := *p
	c.Shared, c.Changes, c.Waiting = slices.Clone(p.Shared), slices.Clone(p.Changes), slices.Clone(p.Waiting)
	return c
}

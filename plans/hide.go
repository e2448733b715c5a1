package plans

import (
	"context"

	"github.com/orgledger/orgledger"
)

// HidePlans blanks the plan of each event that came from a plan the caller may not see: a
// plan's name and owner are the plan's, even once its changes are in the ledger. When the
// plans cannot be read, it blanks every plan the caller is not an admin for, and says why: the
// events are still theirs to read.
func (s *Service) HidePlans(ctx context.Context, c Caller, events []orgledger.HistoryEvent) error {
	sees := s.seesPlan(ctx, c)
	var failed error
	for i := range events {
		ok, err := sees(events[i].Plan)
		if err != nil {
			failed = err
		}
		if !ok || err != nil {
			events[i].Plan = ""
		}
	}
	return failed
}

// seesPlan returns whether the caller may see the plan of a ref (NAME@OWNER): an admin every
// plan, a viewer none, a planner those they own or that are shared with them. The plans are
// read once, when a ref first asks.
func (s *Service) seesPlan(ctx context.Context, c Caller) func(ref string) (bool, error) {
	var seen map[string]bool
	return func(ref string) (bool, error) {
		switch {
		case ref == "" || c.Role.Includes(orgledger.RoleAdmin):
			return true, nil
		case seen == nil:
			seen = map[string]bool{} // read once: a store that fails hides every plan
			visible, err := s.List(ctx, c)
			if err != nil {
				return false, err
			}
			for _, p := range visible {
				seen[p.Ref()] = true
			}
		}
		return seen[ref], nil
	}
}

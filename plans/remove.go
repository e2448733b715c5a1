package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// Remove takes changes out of a draft, by their numbers as plan show gives them (from 1), so
// that a change added by mistake goes without the whole plan being dropped. Whoever may add
// to the plan may: its owner, the names it is shared with, and admins. A number the plan has
// no change of refuses the whole removal, naming it; so does a plan that is not a draft, and,
// when seen is not AnyRevision, a plan written since its revision seen: the numbers were read
// from a plan whose changes may have moved since (a request sent again, a co-author's write).
func (s *Service) Remove(ctx context.Context, c Caller, name string, numbers []int, seen int64) (*orgledger.Plan, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	p, err := s.settled(ctx, c, name, mayChange(c))
	if err != nil {
		return nil, err
	}
	switch {
	case seen != AnyRevision && seen > p.Revision:
		return nil, orgledger.Errorf(orgledger.ECONFLICT, "plan %s has no revision %d yet (it is at revision %d): show it, and remove by the numbers and the revision it gives",
			name, seen, p.Revision)
	case seen != AnyRevision && p.Revision != seen:
		return nil, orgledger.Errorf(orgledger.ECONFLICT, "plan %s has been written since revision %d (it is at revision %d): show it again, and remove by the numbers it gives now",
			name, seen, p.Revision)
	}
	if p.Status != orgledger.PlanDraft {
		return nil, orgledger.Errorf(orgledger.ECONFLICT, "%s of plan %s cannot be removed: the plan is %s, not a draft",
			ChangesList(numbers), name, p.Status)
	}
	if err := hasChanges(p, numbers, "remove"); err != nil {
		return nil, err
	}
	p.Changes = withoutChanges(p.Changes, numbers)
	p.Updated = s.Clock.Now().UTC()
	return p, s.Store.UpdatePlan(ctx, p)
}

// AnyRevision is the seen revision of a removal that does not ask for one.
const AnyRevision = -1

// mayChange allows planners and admins who see a plan to change it.
func mayChange(c Caller) func(*orgledger.Plan) error {
	return func(*orgledger.Plan) error {
		if !c.Role.Includes(orgledger.RolePlanner) {
			return orgledger.Errorf(orgledger.EFORBIDDEN, "only planners and admins change plans")
		}
		return nil
	}
}

// adminOnly allows admins alone, and tells others why they may not.
func adminOnly(c Caller, why string) func(*orgledger.Plan) error {
	return func(*orgledger.Plan) error {
		if !c.Role.Includes(orgledger.RoleAdmin) {
			return orgledger.Errorf(orgledger.EFORBIDDEN, "%s", why)
		}
		return nil
	}
}

// hasChanges refuses numbers that name no change of the plan, naming them and how many it has;
// what is what is to be done with them, for the error of no number.
func hasChanges(p *orgledger.Plan, numbers []int, what string) error {
	if len(numbers) == 0 {
		return orgledger.Errorf(orgledger.EINVALID, "name the number of a change of plan %s to %s (plan show numbers them)", p.Name, what)
	}
	var missing []int
	for _, n := range numbers {
		if n < 1 || n > len(p.Changes) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return orgledger.Errorf(orgledger.ENOTFOUND, "plan %s has no %s: it has %s (plan show numbers them)",
			p.Name, ChangesList(missing), changeCount(len(p.Changes)))
	}
	return nil
}

// withoutChanges returns changes without those numbered (from 1); the others keep their order.
func withoutChanges(changes []orgledger.Change, numbers []int) []orgledger.Change {
	out := make([]orgledger.Change, 0, len(changes))
	for i, ch := range changes {
		if !slices.Contains(numbers, i+1) {
			out = append(out, ch)
		}
	}
	return out
}

// ChangesList names changes of a plan by number, for a message: "change 3", "changes 1, 3".
func ChangesList(numbers []int) string {
	if len(numbers) == 1 {
		return fmt.Sprint("change ", numbers[0])
	}
	return "changes " + numberList(numbers)
}

// numberList names change numbers, for a message.
func numberList(numbers []int) string {
	s := make([]string, len(numbers))
	for i, n := range numbers {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// changeCount says how many changes a plan has.
func changeCount(n int) string {
	switch n {
	case 0:
		return "no changes"
	case 1:
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

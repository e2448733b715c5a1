package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// Share lets another token name see the plan. Its owner and admins may, whatever its status
// but applying (a conflict), since a write would renew the apply's claim.
func (s *Service) Share(ctx context.Context, c Caller, name, with string) (*orgledger.Plan, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	return afresh(&s.writing, func() (*orgledger.Plan, error) {
		p, err := s.settled(ctx, c, name, ownerOrAdmin(c, name, "share"))
		if err != nil {
			return nil, err
		}
		switch {
		case with == "": // each named by its field, as the API's body names it (found by QA)
			return nil, orgledger.Refused("the plan is not shared", []orgledger.Problem{{Field: "with", Reason: "is required: the token name to share the plan with"}})
		case !orgledger.ValidID(with):
			return nil, orgledger.Refused("the plan is not shared", []orgledger.Problem{{Field: "with", Reason: fmt.Sprintf("token name %q is not a name", with)}})
		case with == p.Owner: // found by QA: told as shared, with no one
			return nil, orgledger.Errorf(orgledger.EINVALID, "%s owns plan %s, and sees it: a plan is shared with others", with, p.Name)
		}
		if err := s.sharable(ctx, c, with); err != nil {
			return nil, err
		}
		if !slices.Contains(p.Shared, with) {
			p.Shared = append(slices.Clip(p.Shared), with)
			slices.Sort(p.Shared)
			p.Updated = s.Clock.Now().UTC()
			return p, s.Store.UpdatePlan(ctx, p)
		}
		return p, nil
	})
}

// Unshare takes back a share: the token name no longer sees the plan (the changes its holder
// added stay in it). Its owner and admins may, as they may share. A name the plan is not
// shared with is refused, naming those it is shared with, so that a misspelt unshare does not
// pass for a done one.
func (s *Service) Unshare(ctx context.Context, c Caller, name, with string) (*orgledger.Plan, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	return afresh(&s.writing, func() (*orgledger.Plan, error) {
		p, err := s.settled(ctx, c, name, ownerOrAdmin(c, name, "unshare"))
		if err != nil {
			return nil, err
		}
		i := slices.Index(p.Shared, with)
		if i < 0 {
			return nil, orgledger.Errorf(orgledger.EINVALID, "plan %s is not shared with %s; it is shared with %s", p.Name, with, sharedList(p.Shared))
		}
		p.Shared = slices.Delete(p.Shared, i, i+1)
		p.Updated = s.Clock.Now().UTC()
		return p, s.Store.UpdatePlan(ctx, p)
	})
}

// sharedList names the token names a plan is shared with, for a message.
func sharedList(names []string) string {
	if len(names) == 0 {
		return "no one"
	}
	return strings.Join(names, ", ")
}

// sharable refuses a share with a name that is not an active planner's or admin's token: a
// viewer sees no plan, and a name no token has would give the plan to whoever is later given
// a token of that name (a misspelt share, say). An admin may also share with the owner of a
// plan (a local user's --owner name). A planner is told one thing of every name refused, so
// that sharing tells them nothing of tokens or plan owners they may not see; an admin, who
// sees both, is told why.
func (s *Service) sharable(ctx context.Context, c Caller, name string) error {
	if s.Tokens == nil {
		return nil
	}
	tokens, err := s.Tokens.Tokens(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(tokens, func(t *orgledger.Token) bool { return t.Name == name && t.Active() })
	if i >= 0 && tokens[i].Role.Includes(orgledger.RolePlanner) {
		return nil
	}
	if !c.Role.Includes(orgledger.RoleAdmin) {
		return orgledger.Errorf(orgledger.EINVALID, "%s is not the name of a planner's or an admin's token: share with one of those", name)
	}
	if i >= 0 {
		return orgledger.Errorf(orgledger.EINVALID, "token %s is a viewer's, and a viewer sees no plan: share with a planner's or an admin's token", name)
	}
	all, err := s.Store.PlanHeads(ctx) // whose plans, not what they change
	if err != nil {
		return err
	}
	if slices.ContainsFunc(all, func(p *orgledger.Plan) bool { return p.Owner == name }) {
		return nil // a local user's --owner name
	}
	return orgledger.Errorf(orgledger.EINVALID, "no valid token is named %s, and no plan is owned by that name: share with the name of a planner's or an admin's token (orgledger token list names them)", name)
}

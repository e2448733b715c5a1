package http

import (
	"net/http"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// caller is the token as the plans service knows it.
func (c *call) caller() plans.Caller { return plans.Caller{Name: c.token.Name, Role: c.token.Role} }

// planName is the path of a plan route.
type planName struct {
	Name string `path:"name" doc:"the plan's name: the caller's own plan of that name, else the only one they see; NAME@OWNER names one of several"`
}

// PlanRequest is the body that drafts a plan.
type PlanRequest struct {
	Name      string         `json:"name" doc:"the plan's name, an id"`
	Effective orgledger.Date `json:"effective" doc:"the date the plan takes effect"`
}

func (s *Server) listPlans(c *call, _ *none) ([]plans.Summary, error) {
	ps, err := s.plans.List(c.ctx(), c.caller())
	return s.plans.Summaries(ps), err
}

func (s *Server) createPlan(c *call, _ *none) (*plans.View, error) {
	var req PlanRequest
	if err := c.decodeJSON(&req); err != nil {
		return nil, err
	}
	p, err := s.plans.Create(c.ctx(), c.caller(), req.Name, req.Effective, nil)
	if err != nil {
		return nil, err
	}
	c.w.Header().Set("Location", "/api/v1/plans/"+p.Name)
	return s.viewOf(c, p)
}

func (s *Server) getPlan(c *call, p *planName) (*plans.View, error) {
	plan, err := s.plans.Get(c.ctx(), c.caller(), p.Name)
	if err != nil {
		return nil, err
	}
	return s.viewOf(c, plan)
}

func (s *Server) dropPlan(c *call, p *planName) error {
	if err := s.plans.Drop(c.ctx(), c.caller(), p.Name); err != nil {
		return err
	}
	c.w.WriteHeader(http.StatusNoContent)
	return nil
}

// addChanges adds the changes of a changeset body to a draft.
func (s *Server) addChanges(c *call, p *planName) (*plans.View, error) {
	// A plan the caller may not see is not found before the body is read and decoded: a
	// megabyte of YAML takes hundreds of times its size to decode.
	if _, err := s.plans.Get(c.ctx(), c.caller(), p.Name); err != nil {
		return nil, err
	}
	cs, err := s.decodeChangeset(c)
	if err != nil {
		return nil, err
	}
	changes, err := plans.ChangesOf(cs)
	if err != nil {
		return nil, err
	}
	plan, err := s.plans.Add(c.ctx(), c.caller(), p.Name, changes)
	if err != nil {
		return nil, err
	}
	v, err := s.viewOf(c, plan)
	if err == nil {
		for _, msg := range plans.DatesGiveWay(cs, plan.Effective) {
			v.Warnings = append(v.Warnings, "the changeset: "+msg)
		}
	}
	return v, err
}

// planChange is the path of one change of a plan.
type planChange struct {
	Name string `path:"name" doc:"the plan's name: the caller's own plan of that name, else the only one they see; NAME@OWNER names one of several"`
	N    int    `path:"n" minimum:"1" doc:"the change's number, from 1, as the plan's changes are numbered"`
	// Revision makes a removal safe to send again: the numbers are those of that revision.
	Revision int64 `query:"revision" default:"-1" minimum:"-1" doc:"the plan's revision the number was read from (its JSON's revision): refused with 409 once the plan has been written since, so that a removal sent again does not take out the next change; -1, the default, for whatever revision"`
}

// removeChange takes one change out of a draft; the later ones are numbered one less.
func (s *Server) removeChange(c *call, p *planChange) (*plans.View, error) {
	plan, err := s.plans.Remove(c.ctx(), c.caller(), p.Name, []int{p.N}, p.Revision)
	if err != nil {
		return nil, err
	}
	return s.viewOf(c, plan)
}

// waitingChange is the path of a change of an applied plan that waits for a leaving.
type waitingChange struct {
	Name string `path:"name" doc:"the plan's name: the caller's own plan of that name, else the only one they see; NAME@OWNER names one of several"`
	N    int    `path:"n" minimum:"1" doc:"the change's number, from 1, as the plan's changes are numbered"`
}

// withdrawChange withdraws a change of an applied plan that waits for a leaving.
func (s *Server) withdrawChange(c *call, p *waitingChange) (*plans.View, error) {
	w, err := s.plans.Withdraw(c.ctx(), c.caller(), p.Name, []int{p.N})
	if err != nil {
		return nil, err
	}
	for _, msg := range w.Warnings { // the plan's view says why they still wait
		s.log.WarnContext(c.ctx(), "after a withdrawal", "plan", w.Plan.Ref(), "err", msg)
	}
	return s.viewOf(c, w.Plan)
}

func (s *Server) planDiff(c *call, p *planName) (*orgledger.Diff, error) {
	return s.plans.Diff(c.ctx(), c.caller(), p.Name)
}

func (s *Server) planCheck(c *call, p *planName) (*plans.Report, error) {
	return s.plans.Check(c.ctx(), c.caller(), p.Name)
}

func (s *Server) planImpact(c *call, p *planName) (*plans.Impact, error) {
	return s.plans.Impact(c.ctx(), c.caller(), p.Name)
}

// ShareRequest names the token to share a plan with.
type ShareRequest struct {
	With string `json:"with" doc:"the name of the token to share the plan with"`
}

func (s *Server) sharePlan(c *call, p *planName) (*plans.View, error) {
	var req ShareRequest
	if err := c.decodeJSON(&req); err != nil {
		return nil, err
	}
	plan, err := s.plans.Share(c.ctx(), c.caller(), p.Name, req.With)
	if err != nil {
		return nil, err
	}
	return s.viewOf(c, plan)
}

// planShare is the path of a plan's share with one token name.
type planShare struct {
	Name string `path:"name" doc:"the plan's name: the caller's own plan of that name, else the only one they see; NAME@OWNER names one of several"`
	With string `path:"with" doc:"the token name the plan is shared with"`
}

func (s *Server) unsharePlan(c *call, p *planShare) (*plans.View, error) {
	plan, err := s.plans.Unshare(c.ctx(), c.caller(), p.Name, p.With)
	if err != nil {
		return nil, err
	}
	return s.viewOf(c, plan)
}

// applyPlan applies the plan. Its answer's plan_events are those plans recorded after its
// commit: its own changes that wait for a leaving it records, which the apply releases before it
// returns, then what AfterCommit records.
func (s *Server) applyPlan(c *call, p *planName) (*plans.Applied, error) {
	ctx, recorded := plans.Recording(c.ctx())
	a, err := s.plans.Apply(ctx, c.caller(), p.Name)
	if err != nil {
		return nil, err
	}
	var released []orgledger.HistoryEvent
	for _, rc := range recorded() {
		if a.Commit == nil || rc.ID != a.Commit.ID {
			released = append(released, describeAll(rc)...)
		}
	}
	var after []string
	after, a.PlanEvents = s.afterCommit(c, a.Commit)
	a.Warnings, a.PlanEvents = append(a.Warnings, after...), append(released, a.PlanEvents...)
	return a, nil
}

// afterCommit releases the plan changes waiting for a leaving that a commit recorded, and takes
// back what a leaving it retracts released, and returns the events that recorded them, for the
// answer (an admin's, who sees every plan). A failure does not undo the commit: it is logged,
// and told to the caller as warnings.
func (s *Server) afterCommit(c *call, commit *orgledger.Commit) (warnings []string, planEvents []orgledger.HistoryEvent) {
	ctx, recorded := plans.Recording(c.ctx())
	err := s.plans.AfterCommit(ctx, commit)
	if err != nil {
		s.log.WarnContext(c.ctx(), "waiting plan changes", "err", err)
	}
	for _, rc := range recorded() {
		planEvents = append(planEvents, describeAll(rc)...)
	}
	return orgledger.ErrorMessages(err), planEvents
}

// describeAll returns the events of a commit as history tells them.
func describeAll(c *orgledger.Commit) []orgledger.HistoryEvent {
	out := make([]orgledger.HistoryEvent, len(c.Events))
	for i := range c.Events {
		out[i] = ledger.Describe(&c.Events[i])
	}
	return out
}

// viewOf answers with the view of plan p (plans.Service.View).
func (s *Server) viewOf(c *call, p *orgledger.Plan) (*plans.View, error) {
	v, err := s.plans.View(c.ctx(), p)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

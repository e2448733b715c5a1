package web

import (
	"strconv"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// seesPlans reports whether the caller may see plans at all. A plan is the org of a date to
// come, and a viewer reads nothing effective after today, so a viewer sees no plan, not even
// one shared with their token's name.
func (c *call) seesPlans() bool { return c.ss.role.SeesFuture() }

func noPlan(name string) error {
	return orgledger.Errorf(orgledger.ENOTFOUND, "no plan named %s", name)
}

// plan returns the plan name if the caller may see it; otherwise not found, as if it did not
// exist.
func (c *call) plan(name string) (*orgledger.Plan, error) {
	if !c.seesPlans() {
		return nil, noPlan(name)
	}
	return c.u.cfg.Plans.Get(c.r.Context(), c.caller(), name)
}

func (u *UI) listPlans(c *call) error {
	if !c.seesPlans() {
		return c.writeJSON([]plans.Summary{})
	}
	ps, err := u.cfg.Plans.List(c.r.Context(), c.caller())
	if err != nil {
		return err
	}
	return c.writeJSON(u.cfg.Plans.Summaries(ps))
}

// planAnswer is a plan as its page shows it: the plan, what check finds, and its diff.
type planAnswer struct {
	Plan  plans.View    `json:"plan"`
	Check *plans.Report `json:"check"`
	Diff  *diffAnswer   `json:"diff"` // nil when the plan is applied, dropped, or refused
	Admin bool          `json:"admin"`
}

func (u *UI) getPlan(c *call) error {
	name := c.r.PathValue("name")
	p, err := c.plan(name)
	if err != nil {
		return err
	}
	v, err := u.cfg.Plans.View(c.r.Context(), p)
	if err != nil {
		return err
	}
	out := planAnswer{Plan: v, Admin: c.ss.role.Includes(orgledger.RoleAdmin)}
	if p.Status != orgledger.PlanDraft {
		return c.writeJSON(out)
	}
	if out.Check, err = u.cfg.Plans.Check(c.r.Context(), c.caller(), name); err != nil {
		return err
	}
	if out.Diff, err = u.planDiff(c, name); err != nil {
		return err
	}
	return c.writeJSON(out)
}

// planDiff compares the org on the plan's date with the plan against without it, as
// Service.Diff does, with the names of what changed; nil when the ledger would refuse the
// plan, which check has said why.
func (u *UI) planDiff(c *call, name string) (*diffAnswer, error) {
	var out *diffAnswer
	err := u.cfg.Plans.Preview(c.r.Context(), c.caller(), name, func(p *orgledger.Plan, pv *ledger.Preview) error {
		if pv == nil {
			out = &diffAnswer{From: p.Effective.String(), To: p.Effective.String(), Changes: []change{}}
			return nil
		}
		d := pv.Diff(p.Effective)
		q := ledger.Query{At: p.Effective}
		answer := explain(&d, briefAt(pv.Without().Brief, q), briefAt(pv.Brief, q))
		out = &answer
		return nil
	})
	if orgledger.ErrorCode(err) == orgledger.EINVALID {
		return nil, nil
	}
	return out, err
}

// applyPlan records a plan, for an admin, then releases the plan changes waiting for a leaving
// that it recorded, as the API does after every write.
func (u *UI) applyPlan(c *call) error {
	ctx := c.r.Context()
	name := c.r.PathValue("name")
	a, err := u.cfg.Plans.Apply(ctx, c.caller(), name)
	if err != nil {
		return err
	}
	if a.Commit != nil {
		err := u.cfg.Plans.AfterCommit(ctx, a.Commit)
		if err != nil {
			u.log.WarnContext(ctx, "waiting plan changes", "err", err)
		}
		a.Warnings = append(a.Warnings, orgledger.ErrorMessages(err)...)
	}
	return c.writeJSON(a)
}

// withdrawChange withdraws, for an admin, a change of an applied plan that waits for a leaving,
// and answers with the plan in brief.
func (u *UI) withdrawChange(c *call) error {
	n, err := strconv.Atoi(c.r.PathValue("n"))
	if err != nil || n < 1 {
		return orgledger.Errorf(orgledger.EINVALID, "%q is not the number of a change: a plan numbers them from 1", c.r.PathValue("n"))
	}
	w, err := u.cfg.Plans.Withdraw(c.r.Context(), c.caller(), c.r.PathValue("name"), []int{n})
	if err != nil {
		return err
	}
	for _, msg := range w.Warnings { // the plan's drawer says why they still wait
		u.log.WarnContext(c.r.Context(), "after a withdrawal", "plan", w.Plan.Ref(), "err", msg)
	}
	return c.writeJSON(u.cfg.Plans.Summaries([]*orgledger.Plan{w.Plan})[0])
}

// planChart returns the chart of a draft plan: the org on its date with it. An applied plan's
// changes are in the ledger, which answers for it; a dropped plan's chart is the ledger's.
func (u *UI) planChart(c *call, name string) (*chartData, chartMeta, error) {
	p, err := c.plan(name)
	if err != nil {
		return nil, chartMeta{}, err
	}
	head, _ := u.cfg.Ledger.Head()
	key := chartKey{at: p.Effective, head: head, plan: p.Ref(), updated: p.Updated.UnixNano(), revision: p.Revision}
	data, err := u.charts.get(key, func() (*chartData, error) {
		return u.buildPlanChart(c, p, key.labels(p.Ref()))
	})
	meta := c.meta(p.Effective)
	meta.Plan = &planMeta{Name: p.Name, Effective: p.Effective.String(), Status: p.Status}
	return data, meta, err
}

func (u *UI) buildPlanChart(c *call, p *orgledger.Plan, key labelsKey) (*chartData, error) {
	q, all := ledger.Query{At: p.Effective}, ledger.ChartOptions{Depth: -1}
	var nodes []orgledger.ChartNode
	var units []ledger.OpenUnit
	fromLedger := func() (err error) {
		if nodes, err = u.cfg.Ledger.Chart(q, all); err == nil {
			units = u.cfg.Ledger.OpenUnits(q)
		}
		return err
	}
	if p.Status != orgledger.PlanDraft {
		if err := fromLedger(); err != nil {
			return nil, err
		}
		return newChartData(nodes, units, key)
	}
	err := u.cfg.Plans.Preview(c.r.Context(), c.caller(), p.Ref(), func(_ *orgledger.Plan, pv *ledger.Preview) error {
		if pv == nil {
			return fromLedger()
		}
		var err error
		nodes, err = pv.Chart(q, all)
		units = pv.OpenUnits(q)
		return err
	})
	if orgledger.ErrorCode(err) == orgledger.EINVALID { // the plan's check says why
		err = fromLedger() // the org without it
	}
	if err != nil {
		return nil, err
	}
	return newChartData(nodes, units, key)
}

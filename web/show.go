package web

import (
	"errors"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// showAnswer is what the side panel shows of a person, position or unit: what it is on the
// chart's date (nil when it is not there then), and its history, oldest first, with the
// waiting changes of the plans the caller may see.
type showAnswer struct {
	Info    any                `json:"info"`
	History *orgledger.History `json:"history"`
}

// show answers the side panel's question. With plan, the id is shown as it would be on the
// plan's date with the plan; its history is the ledger's, since a plan records nothing.
func (u *UI) show(c *call) error {
	id := c.r.PathValue("id")
	t, err := parseTime(c.r.URL.Query())
	if err != nil {
		return err
	}
	info, err := u.info(c, id, t)
	var planErr errPlan
	if errors.As(err, &planErr) || (err != nil && orgledger.ErrorCode(err) != orgledger.ENOTFOUND) {
		return err
	}
	h, herr := u.cfg.Ledger.History(c.r.Context(), id, ledger.HistoryOptions{Horizon: c.horizon(), KnownAt: t.knownAt})
	if herr != nil && orgledger.ErrorCode(herr) != orgledger.ENOTFOUND {
		return herr
	}
	if info == nil && h == nil {
		return orgledger.Errorf(orgledger.ENOTFOUND, "%s is not a person, position or unit you can see", id)
	}
	if h != nil {
		if err := u.cfg.Plans.HidePlans(c.r.Context(), c.caller(), h.Events); err != nil {
			u.log.Warn("plans unreadable: their names left out of the history", "err", err)
		}
	}
	if h != nil && t.knownAt.IsZero() { // what waits now is no part of a history as known before
		if h.Waiting, err = u.cfg.Plans.WaitingFor(c.r.Context(), c.caller(), id); err != nil {
			return err
		}
	}
	return c.writeJSON(showAnswer{Info: info, History: h})
}

// info returns what id is at t, or with the plan asked. A plan the caller may not see is not
// found, whatever the id.
func (u *UI) info(c *call, id string, t timeParams) (any, error) {
	name := c.r.URL.Query().Get("plan")
	if name == "" {
		return u.cfg.Ledger.Show(id, c.query(t))
	}
	p, err := c.plan(name)
	if err != nil {
		return nil, errPlan{err}
	}
	at := ledger.Query{At: p.Effective}
	if p.Status != orgledger.PlanDraft {
		return u.cfg.Ledger.Show(id, at)
	}
	var info any
	err = u.cfg.Plans.Preview(c.r.Context(), c.caller(), p.Ref(), func(_ *orgledger.Plan, pv *ledger.Preview) error {
		var err error
		if pv == nil {
			info, err = u.cfg.Ledger.Show(id, at)
		} else {
			info, err = pv.Show(id, at)
		}
		return err
	})
	if orgledger.ErrorCode(err) == orgledger.EINVALID { // refused, the chart is the org without it
		return u.cfg.Ledger.Show(id, at)
	}
	return info, err
}

// errPlan is the plan's own error, which answers the whole question.
type errPlan struct{ error }

func (e errPlan) Unwrap() error { return e.error }

package plans

import (
	"slices"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// View is a plan as plan show prints it.
type View struct {
	Name      string               `json:"name"`
	Ref       string               `json:"ref" doc:"NAME@OWNER: names the plan for whoever sees several of its name"`
	Owner     string               `json:"owner"`
	Effective orgledger.Date       `json:"effective"`
	Base      int64                `json:"base" doc:"the ledger's last event when the plan was drafted"`
	BaseTime  time.Time            `json:"base_time"`
	Status    orgledger.PlanStatus `json:"status"`
	Shared    []string             `json:"shared_with"`
	Created   time.Time            `json:"created"`
	Updated   time.Time            `json:"updated"`
	Commit    int64                `json:"commit,omitempty" doc:"the commit it was applied as"`
	Revision  int64                `json:"revision" doc:"how many times the plan has been written: a removal of a change given it is refused once the plan has been written since"`
	Changes   []ChangeView         `json:"changes"`
}

// ChangeView is one change of a plan.
type ChangeView struct {
	Change    int             `json:"change"` // from 1
	Verb      orgledger.Verb  `json:"verb"`
	Effective orgledger.Date  `json:"effective"`
	Summary   string          `json:"summary"`
	When      *orgledger.When `json:"when,omitempty"`
	Waiting   bool            `json:"waiting"` // has not taken effect: waits for a leaving
	// LeavingRecorded is set on a waiting change whose leaving the ledger holds: the ledger
	// refused the change when it came, or a process stopped before releasing it. It is
	// recorded once the ledger takes it, by the next leaving or Settle.
	LeavingRecorded bool         `json:"leaving_recorded,omitempty"`
	Source          string       `json:"source,omitempty"`
	Note            string       `json:"note,omitempty"`
	Fields          orgledger.Op `json:"fields"`
}

// View describes a plan the caller may see.
func (s *Service) View(p *orgledger.Plan) View {
	v := View{Name: p.Name, Ref: p.Ref(), Owner: p.Owner, Effective: p.Effective, Base: p.Base, BaseTime: p.BaseTime, Status: p.Status,
		Shared: p.Shared, Created: p.Created, Updated: p.Updated, Commit: p.Commit, Revision: p.Revision, Changes: []ChangeView{}}
	for i, ch := range p.Changes {
		eff := ch.Effective
		if eff == 0 {
			eff = p.Effective
		}
		cv := ChangeView{Change: i + 1, Verb: ch.Op.Verb(), Effective: eff, When: ch.When, Source: ch.Source, Note: ch.Note,
			Summary: ledger.Summary(&orgledger.Event{Op: ch.Op}), Fields: ch.Op}
		if ch.When != nil {
			cv.Waiting = s.stillWaits(p, i)
			if d := s.leaving(p, ch.When.Leaves); d != 0 {
				cv.Effective = d
				cv.LeavingRecorded = p.Status == orgledger.PlanApplied && slices.Contains(p.Waiting, i) // not claimed: no release under way
			}
		}
		v.Changes = append(v.Changes, cv)
	}
	return v
}

// Summary is a line of plan list.
type Summary struct {
	Name      string               `json:"name"`
	Ref       string               `json:"ref" doc:"NAME@OWNER: names the plan for whoever sees several of its name"`
	Owner     string               `json:"owner"`
	Status    orgledger.PlanStatus `json:"status"`
	Effective orgledger.Date       `json:"effective"`
	Changes   int                  `json:"changes"`
	Waiting   int                  `json:"waiting"`
	Updated   time.Time            `json:"updated"`
}

// Summaries lists plans in brief, in the order given (the stores give them by name and owner).
func Summaries(ps []*orgledger.Plan) []Summary {
	out := []Summary{}
	for _, p := range ps {
		out = append(out, Summary{Name: p.Name, Ref: p.Ref(), Owner: p.Owner, Status: p.Status, Effective: p.Effective,
			Changes: len(p.Changes), Waiting: len(p.Unreleased()), Updated: p.Updated})
	}
	return out
}

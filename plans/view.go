package plans

import (
	"context"
	"fmt"
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
	// Warnings says, in the answer to changes added, what of the changeset's own dates the
	// plan did not keep.
	Warnings []string `json:"warnings,omitempty" doc:"in the answer to changes added: what of the changeset's own dates the plan did not keep (its effective date, where not the plan's, gives way to the plan's; its recorded time is not kept, as a plan's changes are recorded when it is applied)"`
}

// ChangeView is one change of a plan.
type ChangeView struct {
	Change    int             `json:"change"` // from 1
	Verb      orgledger.Verb  `json:"verb"`
	Effective orgledger.Date  `json:"effective"`
	Summary   string          `json:"summary"`
	When      *orgledger.When `json:"when,omitempty"`
	Waiting   bool            `json:"waiting"` // has not taken effect: waits for a leaving
	// Event is the event that recorded a change of an applied plan that took effect, at the
	// apply or when its leaving came, while it stands: the one to retract to take it back.
	Event int64 `json:"event,omitempty" doc:"of an applied plan, the event that recorded the change, while it stands: the one to retract to take it back"`
	// LeavingRecorded is set on a waiting change whose leaving the ledger holds: the ledger
	// refused the change when it came, or a process stopped before releasing it. It is
	// recorded once the ledger takes it, by the next leaving or Settle.
	LeavingRecorded bool `json:"leaving_recorded,omitempty"`
	// Releasing is when a release claimed the change to record it, while it is claimed: a
	// process that stopped midway leaves it so until the claim's lease is out (releasing.go).
	Releasing *time.Time `json:"releasing,omitempty" doc:"set on a waiting change that a release claimed to record, while it is claimed: when it was claimed. One a process that stopped left claimed is released, or waits again, once the claim is ten minutes old"`
	// Held says why a change whose leaving is recorded waits on: what it clashes with that was
	// recorded since the plan was drafted, or why the ledger refuses it (heldReasons).
	Held string `json:"held,omitempty" doc:"set on a waiting change whose leaving is recorded: why it is not released, a change recorded since the plan was drafted that it clashes with, or why the ledger refuses it"`
	// Retracted is set on a change of an applied plan whose event was retracted by hand
	// (`retract: {event: N}`), not by taking back the leaving that released it: the change is
	// not in force, and one that waited for a leaving does not wait again (takenBack), though
	// Waiting is false and Effective the leaving's day, as of a change in force.
	Retracted *Retraction `json:"retracted,omitempty" doc:"set on a change of an applied plan whose event was retracted by hand: the change is not in force, and one a leaving released does not wait for it again"`
	// Withdrawn is set on a change of an applied plan that an admin withdrew while it waited
	// for a leaving (Withdraw): it waits no more, and the leaving records nothing of it.
	Withdrawn *Withdrawn   `json:"withdrawn,omitempty" doc:"set on a change of an applied plan withdrawn while it waited for a leaving: by whom and when; it waits no more, and the leaving records nothing of it"`
	Source    string       `json:"source,omitempty"`
	Note      string       `json:"note,omitempty"`
	Fields    orgledger.Op `json:"fields"`
}

// Retraction names the events of a change retracted by hand: the one that recorded it, and the
// retraction.
type Retraction struct {
	Event int64 `json:"event" doc:"the event that recorded the change, when the plan was applied or when its leaving released it"`
	By    int64 `json:"by" doc:"the event that retracted it"`
}

// Withdrawn is who withdrew a waiting change of an applied plan, and when.
type Withdrawn struct {
	By string    `json:"by" doc:"the name of the token, or the command line's user, that withdrew it"`
	At time.Time `json:"at"`
}

// View describes a plan the caller may see. Of an applied plan, it reads from the store the
// events that recorded its changes, to tell those taken back by hand (ChangeView.Retracted),
// and those a take-back retracted, by a process that stopped before it put them back to wait,
// as waiting (Settle puts them back); it fails when it cannot: a view of them all as in force
// would be wrong. It reads nothing of a draft or a dropped plan.
func (s *Service) View(ctx context.Context, p *orgledger.Plan) (View, error) {
	rec, err := s.retractedRecordings(ctx, p)
	if err != nil {
		return View{}, fmt.Errorf("plan %s: reading the events of its changes: %w", p.Ref(), err)
	}
	held, err := s.heldReasons(ctx, p)
	if err != nil {
		return View{}, fmt.Errorf("plan %s: checking the changes whose leaving is recorded: %w", p.Ref(), err)
	}
	v := View{Name: p.Name, Ref: p.Ref(), Owner: p.Owner, Effective: p.Effective, Base: p.Base, BaseTime: p.BaseTime, Status: p.Status,
		Shared: p.Shared, Created: p.Created, Updated: p.Updated, Commit: p.Commit, Revision: p.Revision, Changes: []ChangeView{}}
	waits, leaving, waiting := s.stillWaiting(p), s.leavingDays(p), map[int]bool{}
	for _, i := range p.Waiting {
		waiting[i] = true
	}
	for i, ch := range p.Changes {
		eff := ch.Effective
		if eff == 0 {
			eff = p.Effective
		}
		cv := ChangeView{Change: i + 1, Verb: ch.Op.Verb(), Effective: eff, When: ch.When, Source: ch.Source, Note: ch.Note,
			Summary: ledger.Summary(&orgledger.Event{Op: ch.Op}), Fields: ch.Op}
		if ch.When != nil {
			cv.Waiting = waits(i)
			if d := leaving(ch.When.Leaves); d != 0 {
				cv.Effective = d
				cv.LeavingRecorded = p.Status == orgledger.PlanApplied && waiting[i] // not claimed: no release under way
			}
		}
		cv.Held, cv.Releasing = held[i], claimedAt(p, i)
		cv.Retracted, cv.Event = rec.byHand[i], rec.standing[i]
		if day, ok := rec.effective[i]; ok { // in force: the day it took effect, its leaving's retracted or not
			cv.Effective = day
		}
		if w := p.WithdrawalOf(i); w != nil {
			cv.Withdrawn = &Withdrawn{By: w.By, At: w.At}
		}
		cv.Waiting = cv.Waiting || slices.Contains(rec.back, i)
		v.Changes = append(v.Changes, cv)
	}
	return v, nil
}

// claimedAt returns when a release claimed change i of the plan, if one holds it.
func claimedAt(p *orgledger.Plan, i int) *time.Time {
	for _, c := range p.Releasing {
		if slices.Contains(c.Changes, i) {
			return &c.Since
		}
	}
	return nil
}

// retractedRecordings returns the changes of an applied plan that stand in no event, by what
// retracted the last that recorded each: of what a leaving released (neither waiting nor
// claimed: Plan.Released), those a take-back retracted (back), by a process that stopped
// before it put them back to wait, as they wait again once the next command that records, or
// a server as it starts, settles them (Settle); and those retracted by hand (byHand), of what
// a leaving released and what the apply recorded, which stay taken back (takenBack).
func (s *Service) retractedRecordings(ctx context.Context, p *orgledger.Plan) (rec recordings, err error) {
	if p.Status != orgledger.PlanApplied {
		return rec, nil
	}
	recorded := p.Released()
	for i, ch := range p.Changes {
		if ch.When == nil {
			recorded = append(recorded, i)
		}
	}
	events, err := s.recordingEvents(ctx, p, recorded, p.Base, func(e ledger.EventRef) bool { return !e.Retracted })
	if err != nil {
		return rec, err
	}
	rec.standing, rec.effective = map[int]int64{}, map[int]orgledger.Date{}
	for i, e := range events {
		rec.standing[i], rec.effective[i] = e.Seq, e.Effective
	}
	rec.back, rec.byHand, err = s.retracted(ctx, p, recorded, rec.standing)
	return rec, err
}

// recordings are what became of the changes of an applied plan that took effect: the event
// of each that stands, those a take-back retracted and that wait again once the plan is
// settled, and those retracted by hand.
type recordings struct {
	standing  map[int]int64
	effective map[int]orgledger.Date // of the event that stands
	back      []int
	byHand    map[int]*Retraction
}

// Summary is a line of plan list.
type Summary struct {
	Name      string               `json:"name"`
	Ref       string               `json:"ref" doc:"NAME@OWNER: names the plan for whoever sees several of its name"`
	Owner     string               `json:"owner"`
	Status    orgledger.PlanStatus `json:"status"`
	Effective orgledger.Date       `json:"effective"`
	Changes   int                  `json:"changes"`
	Waiting   int                  `json:"waiting" doc:"the changes waiting for a leaving not yet recorded; of a draft, those that would wait were it applied now, as plan show marks them"`
	Withdrawn int                  `json:"withdrawn" doc:"of an applied plan, the changes withdrawn while they waited for a leaving"`
	Updated   time.Time            `json:"updated"`
}

// Summaries lists plans in brief, in the order given (the stores give them by name and owner).
func (s *Service) Summaries(ps []*orgledger.Plan) []Summary {
	out := []Summary{}
	for _, p := range ps {
		out = append(out, Summary{Name: p.Name, Ref: p.Ref(), Owner: p.Owner, Status: p.Status, Effective: p.Effective,
			Changes: len(p.Changes), Waiting: s.waitingCount(p), Withdrawn: len(p.Withdrawn), Updated: p.Updated})
	}
	return out
}

// waitingCount is how many changes of the plan wait for a leaving: of a draft, those whose
// leaving the ledger does not hold, which would wait were it applied now, as its view marks
// them (found by QA: a draft listed none where plan show marked them waiting).
func (s *Service) waitingCount(p *orgledger.Plan) int {
	if p.Status != orgledger.PlanDraft {
		return len(p.Unreleased())
	}
	n, waits := 0, s.stillWaiting(p)
	for i, ch := range p.Changes {
		if ch.When != nil && waits(i) {
			n++
		}
	}
	return n
}

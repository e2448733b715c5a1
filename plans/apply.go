package plans

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Applied is what applying a plan recorded.
type Applied struct {
	Plan    *orgledger.Plan   `json:"-"`
	Name    string            `json:"plan"` // the plan's reference, NAME@OWNER, as history names it
	Commit  *orgledger.Commit `json:"-"`
	Events  int               `json:"events"`
	Waiting []int             `json:"waiting"` // changes (from 1) waiting for a leaving not yet recorded
	// Unreleased says why changes waiting for a leaving that was recorded while the plan was
	// being applied could not be recorded once it was: the apply itself stands, and they wait
	// on, as after any leaving whose waiting changes the ledger refuses.
	Unreleased string `json:"unreleased,omitempty"`
	// Warnings says which of its changes changed nothing, recorded all the same (plan check
	// warns of them before), and what did not go as it should after the apply with the changes
	// of other applied plans its leavings released or took back (Service.AfterCommit): the
	// apply stands.
	Warnings []string `json:"warnings,omitempty" doc:"the plan's changes that changed nothing, recorded all the same; what did not go as it should with the changes of applied plans the apply's leavings released or took back; the apply stands"`
	// PlanEvents are the events applied plans recorded after the apply, of their own accord.
	PlanEvents []orgledger.HistoryEvent `json:"plan_events,omitempty" doc:"the events applied plans recorded after the apply, of their own accord: the changes waiting for a leaving it recorded, its own among them (released in commits of their own, after the apply's)"`
}

// Apply records the plan's changes as events marked with its name, against the ledger as it
// is now. Only admins apply. It is refused with ECONFLICT, naming each clash, when events
// recorded since the plan was drafted change what the plan changes, or another plan's change
// waiting for a leaving would change it differently once released (waiting_clash.go), or when
// the ledger, moved on, refuses the plan.
//
// The plan is claimed (orgledger.PlanApplying) before anything is recorded, and marked applied
// after: while it is applying, an add or a drop from another process is refused, as one from
// this process waits for the apply, so that every change the plan was acknowledged to hold is
// recorded with the others, or the apply is refused and records nothing. An add that came
// first, after this apply read the plan, makes the claim a conflict. Marking the plan applied
// touches only its status, commit and time of update.
//
// What it tells names the plan NAME@OWNER, to the admin who applies it as to whoever writes to
// the ledger: an admin sees every plan, and perhaps several of one name.
func (s *Service) Apply(ctx context.Context, c Caller, name string) (*Applied, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	p, err := s.draft(ctx, c, name, adminOnly(c, "only admins apply plans"))
	if err != nil {
		return nil, err
	}
	if len(p.Changes) == 0 {
		return nil, orgledger.Errorf(orgledger.EINVALID, "%s", noChanges(p))
	}
	r := s.resolveAll(p)
	head, err := s.unclashed(ctx, c, p, r)
	if err != nil {
		return nil, err
	}
	ctx, cancel := detached(ctx) // once claimed, the plan is recorded and marked, or unclaimed
	defer cancel()
	if err := s.claim(ctx, p, r); err != nil {
		return nil, err
	}
	// Checked again now that other applies see the claim: another server may have claimed a
	// plan that clashes, or recorded a change, between the check and the claim, and a plan
	// whose changes all wait records nothing that the ledger could refuse as moved on. Of two
	// clashing plans claimed at once, each finds the other's claim, and both are refused, to
	// be applied again: the order of their claims as each server saw it is not known.
	if head, err = s.unclashed(ctx, c, p, r); err != nil {
		return nil, s.unclaim(ctx, p, r, notRecorded(err))
	}
	out := &Applied{Name: p.Ref(), Waiting: plusOne(r.waiting)}
	if len(r.cs.Changes) > 0 {
		res, err := s.recordUnclashed(ctx, c, p, r, head)
		if err != nil {
			return nil, s.unclaim(ctx, p, r, err)
		}
		out.Commit, out.Events = res.Commit, len(res.Commit.Events)
		for n, why := range unchangedChanges(res.Unchanged, r) {
			out.Warnings = append(out.Warnings, fmt.Sprintf("change %d changed nothing: %s; it is recorded all the same", n, why))
		}
		p.Commit = res.Commit.ID
	}
	commit, now := p.Commit, s.Clock.Now().UTC()
	q, changed, err := s.rewrite(ctx, p, func(p *orgledger.Plan) { // its changes and waiting are as claimed
		p.Status, p.Commit, p.Updated = orgledger.PlanApplied, commit, now
	})
	out.Plan = q
	if changed && q.Status == orgledger.PlanApplied && q.Commit == commit {
		changed = false // another process found the commit first and marked the plan for this apply
	}
	if changed || orgledger.ErrorCode(err) == orgledger.ECONFLICT {
		return out, s.notMarked(q)
	}
	if err != nil { // the plan store failed; what the plan changes is recorded all the same
		return out, afterRecording(err, "plan %s: its changes are recorded (commit %d), but the plan could not be marked applied: it stays %s until the next command that records, or a server as it starts, settles it",
			p.Ref(), commit, orgledger.PlanApplying)
	}
	p, err = s.releaseLate(ctx, out.Plan, c.Name)
	if err != nil {
		out.Unreleased = orgledger.ErrorMessage(err)
	}
	if p != nil { // as it is once what it released, or held back, is written
		out.Plan, out.Waiting = p, plusOne(p.Unreleased())
	}
	return out, nil
}

// unclashed catches the ledger up with what every process recorded, and refuses the plan,
// naming each clash, when an event recorded since the plan was drafted clashes with it. It
// returns where the ledger stood as checked.
func (s *Service) unclashed(ctx context.Context, c Caller, p *orgledger.Plan, r resolved) (ledger.Mark, error) {
	if err := s.Ledger.Refresh(ctx); err != nil {
		return ledger.Mark{}, err
	}
	head := s.Ledger.Mark()
	clashes, _, err := s.clashes(ctx, c, p, r)
	if err != nil {
		return ledger.Mark{}, err
	}
	if len(clashes) > 0 {
		problems := append(clashes, s.refusedBeside(c, p, r)...)
		return ledger.Mark{}, &orgledger.Error{Code: orgledger.ECONFLICT, Message: "plan " + r.named + " clashes with changes recorded since it was drafted, or waiting in other plans for a leaving", Problems: problems}
	}
	return head, nil
}

// refusedBeside returns what the ledger refuses of the plan as it stands, told beside its
// clashes, so that a refused apply names each conflict, as check does: a cycle the plan makes
// with one applied since, say, and not only the holder they both give a position.
func (s *Service) refusedBeside(c Caller, p *orgledger.Plan, r resolved) []orgledger.Problem {
	err := s.previewOf(c, p, r, func(*orgledger.Plan, resolved, *ledger.Preview) error { return nil })
	if orgledger.ErrorCode(err) == orgledger.EINVALID {
		return orgledger.ErrorProblems(err)
	}
	return nil
}

// recordUnclashed records the plan's changes only if the ledger's head is still the one its
// clashes were checked at; when another write, here or in another process, came between, the
// clashes are checked again with it, and the plan recorded on top of it if none clashes.
func (s *Service) recordUnclashed(ctx context.Context, c Caller, p *orgledger.Plan, r resolved, head ledger.Mark) (*ledger.Result, error) {
	// One deadline for every attempt: a claim whose apply has not appended by appendWithin is
	// taken for abandoned once its lease is out (applying.go).
	ctx, cancel := context.WithTimeout(ctx, appendWithin)
	defer cancel()
	for attempt := 1; ; attempt++ {
		if s.checked != nil {
			s.checked()
		}
		res, err := s.record(ctx, p, r, c.Name, &head)
		if !errors.Is(err, ledger.ErrMoved) || attempt == maxAttempts {
			return res, err
		}
		if head, err = s.unclashed(ctx, c, p, r); err != nil {
			return nil, notRecorded(err)
		}
	}
}

// notRecorded marks err as the failure of an apply that recorded nothing, so that the plan is
// a draft again (unclaim), whatever failed.
func notRecorded(err error) error {
	if refused(err) {
		return err
	}
	return fmt.Errorf("%w: %w", err, orgledger.ErrNotWritten)
}

// maxAttempts bounds how many times an apply checks its clashes again because the ledger
// recorded other changes meanwhile.
const maxAttempts = 5

// releaseLate records the waiting changes of a plan just marked applied whose leaving was
// recorded while it was being applied: AfterCommit of that leaving, on this server or another,
// found the plan not yet applied and left them, and no later commit would release them. The
// ledger first catches up with what other servers recorded; release claims what it records,
// so what another server released meanwhile is not recorded again. It returns the plan as it
// is then.
func (s *Service) releaseLate(ctx context.Context, p *orgledger.Plan, by string) (*orgledger.Plan, error) {
	if len(p.Waiting) == 0 {
		return p, nil
	}
	if err := s.Ledger.Refresh(ctx); err != nil {
		return p, err
	}
	p, err := s.reread(ctx, p)
	if err != nil || p.Status != orgledger.PlanApplied || len(p.Waiting) == 0 {
		return p, err
	}
	err = s.release(ctx, p, by, everyone)
	if q, rerr := s.reread(ctx, p); rerr == nil {
		p = q
	}
	return p, err
}

// reread returns the plan as stored now.
func (s *Service) reread(ctx context.Context, p *orgledger.Plan) (*orgledger.Plan, error) {
	q, err := s.owned(ctx, p.Name, p.Owner)
	if err == nil && q == nil {
		err = orgledger.NoSuchPlan(p)
	}
	return q, err
}

// owned returns the stored plan of that name and owner, nil when there is none, whoever asks.
func (s *Service) owned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	return s.Store.PlanOwned(ctx, name, owner)
}

// notMarked is the error of an apply whose changes are recorded but could not be marked on
// the plan, as p now stands.
func (s *Service) notMarked(p *orgledger.Plan) error {
	return orgledger.Errorf(orgledger.ECONFLICT, "plan %s: its changes are recorded (the events marked %s), but another process wrote the plan meanwhile and it is %s; do not apply them again",
		p.Name, p.Ref(), p.Status)
}

// refusal turns the ledger's refusal of a plan into the answer: a conflict when the ledger has
// moved on since the plan was drafted, the plan's own error when it has not.
func (s *Service) refusal(p *orgledger.Plan, r resolved, err error) error {
	if orgledger.ErrorCode(err) != orgledger.EINVALID {
		return err
	}
	if head, _ := s.Ledger.Head(); head != p.Base {
		return &orgledger.Error{Code: orgledger.ECONFLICT, Problems: r.problems(err),
			Message: fmt.Sprintf("plan %s no longer fits the ledger, which moved on from event %d to %d since it was drafted", r.named, p.Base, head)}
	}
	return orgledger.Refused("plan "+r.named+" is refused", r.problems(err))
}

func plusOne(xs []int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = x + 1
	}
	return out
}

// refilled names a merge of the plan (its change i) whose units hold, on the plan's date,
// other positions or units than they did as the ledger was known when the plan was drafted,
// though no event since names them as put in: what a retraction put back, say. The merge
// would move them with it unseen.
func (s *Service) refilled(p *orgledger.Plan, i int, m *orgledger.MergeUnits) []orgledger.Problem {
	base := max(p.Base, p.Changes[i].Base) // what the merge was drafted on
	for _, u := range m.Units {
		var then []string // nothing, on an empty ledger
		if base > 0 {
			then = s.contents(u, ledger.Query{At: p.Effective, KnownAfter: base})
		}
		now := s.contents(u, ledger.Query{At: p.Effective})
		if !slices.Equal(then, now) {
			return []orgledger.Problem{{Change: i + 1, Verb: string(m.Verb()), Reason: fmt.Sprintf(
				"unit %s: what is in it on %s changed since the plan was drafted (%s, where it held %s), and the merge would move it all",
				u, p.Effective, listed(now), listed(then))}}
		}
	}
	return nil
}

// contents returns what is in unit u as q asks: its positions and child units, as
// "position ID" and "unit ID", in order.
func (s *Service) contents(u string, q ledger.Query) []string {
	info, err := s.Ledger.Show(u, q)
	unit, ok := info.(*orgledger.UnitInfo)
	if err != nil || !ok {
		return nil
	}
	var out []string
	for _, p := range unit.Positions {
		out = append(out, "position "+p.ID)
	}
	for _, c := range unit.Units {
		out = append(out, "unit "+c.ID)
	}
	slices.Sort(out)
	return out
}

// listed says a list of what is in a unit: "nothing" for none.
func listed(xs []string) string {
	if len(xs) == 0 {
		return "nothing"
	}
	return strings.Join(xs, ", ")
}

// undoneBy returns, for each retraction among events, the event it retracts.
func (s *Service) undoneBy(ctx context.Context, events []orgledger.Event) (map[int64]orgledger.Event, error) {
	by := map[int64]int64{} // retracted event: its retraction
	var seqs []int64
	for _, e := range events {
		if r, ok := e.Op.(*orgledger.Retract); ok {
			by[r.Event] = e.Seq
			seqs = append(seqs, r.Event)
		}
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	slices.Sort(seqs)
	retracted, err := s.Ledger.Store().EventsBySeq(ctx, seqs)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]orgledger.Event, len(retracted))
	for _, e := range retracted {
		out[by[e.Seq]] = e
	}
	return out, nil
}

// eventsAfter returns the events recorded after event after, of those keep accepts (all when
// it is nil), that touch an id the changes name.
func (s *Service) eventsAfter(ctx context.Context, after int64, changes []orgledger.Change, keep func(ledger.EventRef) bool) ([]orgledger.Event, error) {
	var seqs []int64
	for _, ch := range changes {
		for _, id := range ids(ch.Op) {
			rec, ok := s.Ledger.Record(id)
			if id == "" || !ok {
				continue
			}
			for _, e := range rec.Events {
				if e.Seq > after && (keep == nil || keep(e)) {
					seqs = append(seqs, e.Seq)
				}
			}
		}
	}
	return s.eventsBySeq(ctx, seqs)
}

// recordingsAfter returns the events recorded after event after, of those keep accepts (all
// when it is nil), that may have recorded one of the changes: of its verb, naming every id it
// names. It reads far fewer than eventsAfter where a change names a unit or a manager with a
// long history.
func (s *Service) recordingsAfter(ctx context.Context, after int64, changes []orgledger.Change, keep func(ledger.EventRef) bool) ([]orgledger.Event, error) {
	var seqs []int64
	for _, ch := range changes {
		for _, e := range s.Ledger.EventsNaming(ids(ch.Op), ch.Op.Verb(), after) {
			if keep == nil || keep(e) {
				seqs = append(seqs, e.Seq)
			}
		}
	}
	return s.eventsBySeq(ctx, seqs)
}

// eventsBySeq reads the events seqs lists, each once, in seq order.
func (s *Service) eventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	slices.Sort(seqs)
	return s.Ledger.Store().EventsBySeq(ctx, slices.Compact(seqs))
}

// noChanges is why a plan without changes is not applied: it would record nothing, and, applied,
// could not be added to.
func noChanges(p *orgledger.Plan) string {
	return "plan " + p.Ref() + " has no changes: add some before applying it, or drop it"
}

// unchangedChanges yields the plan's changes that change nothing (same, by their index in r's
// changeset: ledger.Result.Unchanged, Preview.Unchanged), each by its number in the plan (from
// 1), in order, with why.
func unchangedChanges(same map[int]string, r resolved) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for _, i := range slices.Sorted(maps.Keys(same)) {
			if !yield(r.index[i]+1, same[i]) {
				return
			}
		}
	}
}

package plans

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// AfterCommit applies the waiting changes of applied plans whose leaving a commit has just
// recorded: each plan's changes for that person, effective on the day the leaving is; and
// takes back what a leaving the commit retracts released (unrelease.go). Every write to the
// ledger should be followed by it; it does nothing when no plan waits.
func (s *Service) AfterCommit(ctx context.Context, c *orgledger.Commit) error {
	if c == nil {
		return nil
	}
	ctx, cancel := detached(ctx)
	defer cancel()
	retracted, err := s.retractedLeavings(ctx, c)
	if err != nil {
		return err
	}
	if !hasLeave(c) && len(retracted) == 0 {
		return nil
	}
	read := s.Store.PendingPlans // what a leaving may release, or an apply under way settle
	if len(retracted) > 0 {
		read = s.Store.Plans // and what a retracted leaving released, of any applied plan
	}
	err = s.eachPlan(ctx, read, func(p *orgledger.Plan) error {
		var errs []error
		if p.Status == orgledger.PlanApplied && len(retracted) > 0 {
			// A release recorded before this commit whose claim its server has not ended yet
			// is released, to be taken back (found by QA: it stayed in force).
			if settled, err := s.settleReleases(ctx, p); err != nil {
				errs = append(errs, err) // take back what the plan says was released, at least
			} else {
				p = settled
			}
			for _, leaving := range retracted { // before releasing, so that what is taken back waits again
				errs = append(errs, s.unrelease(ctx, p, leaving, c.Actor, leftAgainIn(c, leaving)))
			}
			var err error
			if p, err = s.reread(ctx, p); err != nil {
				return errors.Join(append(errs, err)...)
			}
		}
		switch {
		case p.Status == orgledger.PlanApplied && p.HasUnreleased():
			errs = append(errs, s.release(ctx, p, c.Actor, leaversIn(c)))
		case p.Status == orgledger.PlanApplying:
			// An apply under way releases what this leaving frees once it has marked the
			// plan; one that stopped has left the plan for whoever finds it to settle.
			if _, err := s.settle(ctx, p, c.Actor); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	})
	return s.releaseRefusedAgain(ctx, c, err)
}

// releaseRefusedAgain tries once more the releases of err the ledger refused: another plan's
// release, after them in this commit's pass, may have made way for them (one plan's change
// steps a holder out of the position another's fills, say). Their refusals in err give way to
// those of the second try, so that a change recorded after all is not warned of as waiting on.
func (s *Service) releaseRefusedAgain(ctx context.Context, c *orgledger.Commit, err error) error {
	rest, refused := splitRefused(err)
	if len(refused) == 0 {
		return err
	}
	again := s.eachPlan(ctx, s.Store.PendingPlans, func(p *orgledger.Plan) error {
		if _, ok := refused[p.Ref()]; !ok || p.Status != orgledger.PlanApplied || !p.HasUnreleased() {
			return nil
		}
		// Tried again, its answer stands for the first; what it holds back was told then.
		delete(refused, p.Ref())
		return s.release(ctx, p, c.Actor, nobody)
	})
	errs := append(rest, again)
	for _, ref := range slices.Sorted(maps.Keys(refused)) { // not tried again (nothing of it waits now): as they were
		errs = append(errs, refused[ref]...)
	}
	return errors.Join(errs...)
}

// refusedRelease is the ledger's refusal of a plan's released change, which waits again.
type refusedRelease struct {
	ref string
	error
}

func (r refusedRelease) Unwrap() error { return r.error }

// splitRefused returns the errors err joins but the refused releases, and those by plan.
func splitRefused(err error) (rest []error, refused map[string][]error) {
	refused = map[string][]error{}
	var walk func(error)
	walk = func(err error) {
		var r refusedRelease
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		} else if errors.As(err, &r) {
			refused[r.ref] = append(refused[r.ref], err)
		} else if err != nil {
			rest = append(rest, err)
		}
	}
	walk(err)
	return rest, refused
}

// detached returns a context for work that must finish once begun: what follows a commit,
// or a plan's claim, is not cancelled with the request that began it (a client that hangs up
// would leave a waiting change unreleased, or claimed, or a plan applying), only bounded in
// time. The context keeps the values of ctx.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), finishWithin)
}

// finishWithin bounds the work a detached context carries on with: longer than an append may
// take (appendWithin), so that an apply that appended in time has time left to mark its plan.
const finishWithin = appendWithin + time.Minute

// eachPlan runs fn on every plan read reads (the store's Plans or PendingPlans), holding the
// lock of plan writes, and returns the errors of all.
func (s *Service) eachPlan(ctx context.Context, read func(context.Context) ([]*orgledger.Plan, error), fn func(*orgledger.Plan) error) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	all, err := read(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range all {
		errs = append(errs, fn(p))
	}
	return errors.Join(errs...)
}

// Settle releases what a process that stopped between recording a leaving and releasing the
// changes waiting for it left unreleased: the waiting changes of applied plans whose leaving
// the ledger holds, where a preview says the ledger takes them now, with those of claims a
// release abandoned (settleReleases), those a take-back retracted and stopped before it said
// they wait again (waitAgain), and those a retracted leaving released and no take-back began
// on (unreleaseOrphans); and it settles a plan an apply left claimed (settle). Those it would
// refuse (a release refused when its leaving came, which still would be), or hold back
// (release_clash.go), are left without a word: the next leaving tries them again, and warns.
// A server settles as it starts, and a command of the command line once it has written; a
// server that goes on running settles the plans pending every minute (SettlePending). It
// reads every plan being applied or applied, and no draft.
func (s *Service) Settle(ctx context.Context, by string) error {
	return s.settleFrom(ctx, s.Store.AppliedPlans, by)
}

// SettlePending is Settle of the plans being applied, and of the applied ones with changes
// waiting or claimed, only (the store's PendingPlans): what a process that stopped between a
// leaving and its release, or in an apply, left; not a take-back that stopped. It reads no
// plan applied long ago: a server does it every minute or so.
func (s *Service) SettlePending(ctx context.Context, by string) error {
	return s.settleFrom(ctx, s.Store.PendingPlans, by)
}

// settleFrom settles the plans read reads (Settle).
func (s *Service) settleFrom(ctx context.Context, read func(context.Context) ([]*orgledger.Plan, error), by string) error {
	stopping := ctx // a server stopping settles the plan under way, and no other
	ctx, cancel := detached(ctx)
	defer cancel()
	if err := s.Ledger.Refresh(ctx); err != nil { // what other processes recorded
		return err
	}
	return s.eachPlan(ctx, read, func(p *orgledger.Plan) error {
		if stopping.Err() != nil {
			return nil
		}
		if p.Status == orgledger.PlanApplying { // an apply that stopped: marked, or a draft again past its lease
			if _, err := s.settle(ctx, p, by); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
				return err
			}
			return nil
		}
		if p.Status != orgledger.PlanApplied {
			return nil
		}
		p, err := s.settleTakeBacks(ctx, p, by) // what a take-back that stopped, or never began, left
		if err != nil {
			return err
		}
		if p, err = s.settleReleases(ctx, p); err != nil || !s.wouldRelease(ctx, p) { // a claim abandoned past its lease waits again
			return err
		}
		leaver, err := s.leaverRecorder(ctx, p, by)
		if err != nil {
			return err
		}
		return s.release(ctx, p, leaver, nobody) // what it holds back was told when its leaving came
	})
}

// leaverRecorder returns who recorded the latest of the leavings the plan's freed changes wait
// for, the name a release records them in when the plan's apply recorded nothing (applier),
// as it would have been had they been released as that leaving was recorded; by when the
// ledger does not say. (Found by QA: a server's pass every minute recorded them in the name of
// the system user running it.)
func (s *Service) leaverRecorder(ctx context.Context, p *orgledger.Plan, by string) (string, error) {
	if p.Commit != 0 {
		return by, nil
	}
	latest := int64(0)
	for _, i := range s.freed(p) {
		for _, e := range s.Ledger.EventsNaming([]string{p.Changes[i].When.Leaves}, orgledger.VerbLeave, 0) {
			if !e.Retracted {
				latest = max(latest, e.Seq)
			}
		}
	}
	if latest == 0 {
		return by, nil
	}
	events, err := s.Ledger.Store().EventsBySeq(ctx, []int64{latest})
	if err != nil || len(events) == 0 || events[0].Actor == "" {
		return by, err
	}
	return events[0].Actor, nil
}

// wouldRelease reports whether the plan has waiting changes whose leaving the ledger holds, and
// the ledger would take them now, less those a release would hold back (release_clash.go).
func (s *Service) wouldRelease(ctx context.Context, p *orgledger.Plan) bool {
	r, _, err := s.releasable(ctx, p, s.freed(p))
	if err != nil {
		return true // a release tries, and tells why it cannot
	}
	return s.takes(p, r)
}

// takes reports whether r, a release of plan p, has changes, and the ledger would take them.
func (s *Service) takes(p *orgledger.Plan, r resolved) bool {
	return len(r.cs.Changes) > 0 && s.previewRelease(p, r) == nil
}

// previewRelease returns why the ledger would refuse r, a release of plan p, now; nil when it
// would take it.
func (s *Service) previewRelease(p *orgledger.Plan, r resolved) error {
	return s.Ledger.Preview(r.cs, ledger.ApplyOptions{Plan: p.Ref()}, func(*ledger.Preview) error { return nil })
}

func hasLeave(c *orgledger.Commit) bool {
	for _, e := range c.Events {
		if e.Op.Verb() == orgledger.VerbLeave {
			return true
		}
	}
	return false
}

// release records the plan's waiting changes whose leaving is now known, in the name of whoever
// applied the plan, or of by (who recorded the leaving) when the apply recorded nothing; those
// that would set back a value set by hand since the plan was drafted are held back to wait,
// with a warning (release_clash.go).
//
// It claims them first: moves them, revision-checked, from the plan's waiting list to a claim
// of its own (orgledger.ReleaseClaim), and only then records them, so that two servers
// releasing on the same leaving do not both record them (the ledger would accept a second
// identical retitle, say); the claim goes once they are recorded. Those the ledger refuses
// wait again. A claim that a process stopping midway leaves is settled from the ledger by the
// next release (settleReleases, releasing.go), so that its changes are neither lost nor
// recorded twice. Of the changes it holds back, it warns of those waiting for someone tell
// says: whose leaving came in the commit that set it off, not one that came before, whose
// release was told of then.
func (s *Service) release(ctx context.Context, p *orgledger.Plan, by string, tell func(person string) bool) error {
	p, err := s.settleReleases(ctx, p)
	if err != nil {
		return err
	}
	free := s.freed(p)
	if len(free) == 0 {
		return nil // this leaving frees none of them: the plan is not written, nor the store read
	}
	checked := s.Ledger.Mark() // what the check below reads, at least: a write after it is checked again
	_, held, err := s.releasable(ctx, p, free)
	if err != nil {
		return explained(err, "plan %s: %s waiting for a leaving wait on, as what was recorded since the plan was drafted could not be read", p.Ref(), ChangesList(plusOne(free)))
	}
	if len(minus(free, heldChanges(held))) == 0 {
		return heldBack(p, held, tell) // the plan is not written
	}
	actor, err := s.applier(ctx, p, by)
	if err != nil {
		return err
	}
	if s.checkedRelease != nil {
		s.checkedRelease()
	}
	p, claim, err := s.claimWaiting(ctx, p, heldChanges(held))
	if err != nil || claim == nil {
		return errors.Join(heldBack(p, held, tell), err)
	}
	return errors.Join(heldBack(p, held, tell), s.recordClaim(ctx, p, *claim, actor, checked))
}

// recordClaim records the changes of a release's claim, in actor's name, and ends the claim.
// A leaving retracted since the claim leaves its changes waiting. checked is the ledger as the
// claim's changes were checked against what was set by hand: no earlier.
func (s *Service) recordClaim(ctx context.Context, p *orgledger.Plan, claim orgledger.ReleaseClaim, actor string, checked ledger.Mark) error {
	r, res, err := s.recordReleased(ctx, p, claim, actor, checked)
	if err != nil {
		return s.unclaimWaiting(ctx, p, claim, r.inPlan(err))
	}
	if s.releaseRecorded != nil {
		s.releaseRecorded()
	}
	if _, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) { endClaim(p, claim, r.waiting) }); err != nil {
		if res == nil {
			return explained(err, "plan %s: %s waiting for a leaving were not recorded, but the plan could not be written, and they stay claimed until a later release puts them back to wait",
				p.Ref(), ChangesList(plusOne(claim.Changes)))
		}
		return afterRecording(err, "plan %s: %s waiting for a leaving were recorded, but the plan could not be written, and they stay claimed until a later release finds them in the ledger",
			p.Ref(), ChangesList(plusOne(r.index)))
	}
	if res == nil {
		return nil
	}
	return s.afterRelease(ctx, res.Commit)
}

// recordReleased records the changes of the claim whose leaving the ledger holds, only if the
// ledger has recorded nothing since it was checked (at checked): a retraction of the leaving
// recorded in between, here or by another server, would otherwise leave the change in force for
// a leaving retracted, with nothing to take it back (found by QA, on PostgreSQL with two
// servers), and a value set by hand in between would be set back unseen (found by QA, as
// above: the ledger's mark was taken after the check). When something was, the claim is
// resolved and checked again on the ledger with it, at most maxAttempts times. It returns the
// changes as resolved last, and no result when none was to be recorded.
func (s *Service) recordReleased(ctx context.Context, p *orgledger.Plan, claim orgledger.ReleaseClaim, actor string, checked ledger.Mark) (resolved, *ledger.Result, error) {
	head := checked
	for attempt := 1; ; attempt++ {
		r := s.resolve(p, claim.Changes) // held back from what release checked
		if attempt > 1 {                 // what was recorded since may hold back more (release_clash.go)
			head = s.Ledger.Mark()
			var err error
			if r, _, err = s.releasable(ctx, p, claim.Changes); err != nil {
				return r, nil, notRecorded(err)
			}
		}
		if len(r.cs.Changes) == 0 {
			return r, nil, nil
		}
		if s.resolvedRelease != nil {
			s.resolvedRelease()
		}
		res, err := s.record(ctx, p, r, actor, &head)
		if !errors.Is(err, ledger.ErrMoved) || attempt == maxAttempts {
			return r, res, err
		}
		if err := s.Ledger.Refresh(ctx); err != nil {
			return r, nil, notRecorded(err)
		}
	}
}

// endClaim removes the claim from the plan, if it is still there, and puts back to wait those
// of its changes that were not recorded.
func endClaim(p *orgledger.Plan, claim orgledger.ReleaseClaim, unrecorded []int) {
	if slices.ContainsFunc(p.Releasing, claim.Same) {
		p.Waiting, p.Releasing = sortedUnion(p.Waiting, unrecorded), without(p.Releasing, claim)
	}
}

// unclaimWaiting answers a record of claimed changes that failed. Refused by the ledger
// (refused), they were not recorded, and are put back to wait. Any other failure may have come
// after the commit was stored: they stay claimed, for a later release to settle from the
// ledger once the claim is old enough that no append of it can still be under way.
func (s *Service) unclaimWaiting(ctx context.Context, p *orgledger.Plan, claim orgledger.ReleaseClaim, failed error) error {
	if !refused(failed) {
		return explained(failed, "plan %s: recording %s waiting for a leaving failed, perhaps after they were stored; they stay claimed until a later release finds whether the ledger holds them",
			p.Ref(), ChangesList(plusOne(claim.Changes)))
	}
	_, _, err := s.rewrite(ctx, p, func(p *orgledger.Plan) { endClaim(p, claim, claim.Changes) })
	if err != nil {
		return explained(err, "plan %s: %s waiting for a leaving were refused (%s), and stay claimed until a later release puts them back to wait",
			p.Ref(), ChangesList(plusOne(claim.Changes)), refusedFor(failed))
	}
	return refusedRelease{p.Ref(), orgledger.Errorf(orgledger.ECONFLICT, "plan %s: a change waiting for a leaving could not be recorded, and waits on: %s",
		p.Ref(), refusedFor(failed))}
}

// refusedFor returns why the ledger refused a release: the reason of each change it names, not
// its headline, which says that none of the changeset was written where the commit told of is
// the leaving's, written (found by QA: "changeset refused; none of it was written" in the
// warnings of a leaving recorded).
func refusedFor(err error) string {
	var out []string
	for _, p := range orgledger.ErrorProblems(err) {
		p.File, p.Line = "", 0 // the plan, named before
		out = append(out, p.String())
	}
	if len(out) == 0 {
		return orgledger.ErrorMessage(err)
	}
	return strings.Join(out, "; ")
}

// explained returns err with what it means for the plan told before its own message: a user
// reads both (ErrorMessage), where wrapping err with %w showed only its own; its code and
// causes are kept, for errors.Is and the log.
func explained(err error, format string, args ...any) error {
	return orgledger.WithCause(toldBefore(err, format, args...), err)
}

// toldBefore returns an error of err's code whose message is what format says, then err's.
func toldBefore(err error, format string, args ...any) *orgledger.Error {
	return orgledger.Errorf(orgledger.ErrorCode(err), "%s: %s", fmt.Sprintf(format, args...), orgledger.ErrorMessage(err))
}

// afterRecording is the failure of a plan's write after what it was for was recorded in the
// ledger: told as such, before the plan store's reason, and without the store's mark that
// nothing was written (orgledger.ErrNotWritten), which is not true of the whole; its text is
// kept for the log.
func afterRecording(err error, format string, args ...any) error {
	return orgledger.WithCause(toldBefore(err, format, args...), errors.New(err.Error()))
}

// refused reports whether an append is known to have written nothing: the ledger refused
// the changes as breaking the org (EINVALID) or as coming after others' appends (ECONFLICT),
// or it is marked as known to have written nothing (orgledger.ErrNotWritten: it failed before
// the append, or the store could not begin it). Any other failure may have come after the
// commit was stored.
func refused(err error) bool {
	code := orgledger.ErrorCode(err)
	return code == orgledger.EINVALID || code == orgledger.ECONFLICT || errors.Is(err, orgledger.ErrNotWritten)
}

// claimWaiting moves from the plan's waiting list to a claim the changes whose leaving is now
// known, but for those except lists, as the plan stands when it is written, and returns the
// plan and the claim; no claim when another process took them first.
func (s *Service) claimWaiting(ctx context.Context, p *orgledger.Plan, except []int) (*orgledger.Plan, *orgledger.ReleaseClaim, error) {
	after, _ := s.Ledger.Head() // a lower bound: what records the claim comes after the store's head
	now := s.Clock.Now().UTC()
	var claim orgledger.ReleaseClaim
	q, changed, err := s.rewrite(ctx, p, func(p *orgledger.Plan) {
		claim = orgledger.ReleaseClaim{Changes: minus(s.freed(p), except), Since: now, After: after}
		if len(claim.Changes) > 0 {
			p.Waiting = minus(p.Waiting, claim.Changes)
			p.Releasing, p.Updated = append(slices.Clone(p.Releasing), claim), now
		}
	})
	if err != nil || changed || len(claim.Changes) == 0 {
		return q, nil, err
	}
	return q, &claim, nil
}

// freed returns the plan's waiting changes whose leaving the ledger holds.
func (s *Service) freed(p *orgledger.Plan) []int { return s.resolve(p, p.Waiting).index }

// minus returns the indexes of a that are not in b, in a new slice.
func minus(a, b []int) []int {
	return slices.DeleteFunc(slices.Clone(a), func(i int) bool { return slices.Contains(b, i) })
}

// sortedUnion returns the indexes of a and b, each once, in order.
func sortedUnion(a, b []int) []int {
	return slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
}

// applier returns who applied the plan, the actor of the commit that recorded it, or by when
// the apply recorded nothing (every change waited): its waiting changes are recorded in that
// name, as the rest of the apply was, not in its owner's, who may not write to the ledger.
func (s *Service) applier(ctx context.Context, p *orgledger.Plan, by string) (string, error) {
	if p.Commit == 0 {
		return by, nil
	}
	c, err := ledger.CommitHeader(ctx, s.Ledger.Store(), p.Commit)
	if err != nil {
		return "", err
	}
	if c == nil || c.Actor == "" {
		return "", fmt.Errorf("plan %s: its commit %d is not in the ledger", p.Ref(), p.Commit)
	}
	return c.Actor, nil
}

// errStop stops a scan of the store once it has found what it looks for.
var errStop = errors.New("stop")

// afterRelease lets a released change that is itself a leaving release others.
func (s *Service) afterRelease(ctx context.Context, c *orgledger.Commit) error {
	if !hasLeave(c) {
		return nil
	}
	all, err := s.Store.PendingPlans(ctx)
	if err != nil {
		return err
	}
	var errs []error // one plan's warning does not keep the next from releasing
	for _, p := range all {
		if p.Status == orgledger.PlanApplied && p.HasUnreleased() {
			errs = append(errs, s.release(ctx, p, c.Actor, leaversIn(c)))
		}
	}
	return errors.Join(errs...)
}

// WaitingFor returns the waiting changes, of the plans the caller may see, that name id: what
// a person's history adds about changes to come.
func (s *Service) WaitingFor(ctx context.Context, c Caller, id string) ([]orgledger.WaitingChange, error) {
	if !c.Role.SeesFuture() {
		return nil, nil
	}
	all, err := s.wholes(ctx, c, func(p *orgledger.Plan) bool { return p.Status != orgledger.PlanDropped })
	if err != nil {
		return nil, err
	}
	var out []orgledger.WaitingChange
	for _, p := range all {
		waits := s.stillWaiting(p)
		for i, ch := range p.Changes {
			if ch.When != nil && (ch.When.Leaves == id || slices.Contains(ids(ch.Op), id)) && waits(i) {
				out = append(out, orgledger.WaitingChange{Plan: p.Ref(), Change: i + 1, Verb: ch.Op.Verb(), Leaves: ch.When.Leaves,
					Applied: p.Status == orgledger.PlanApplied,
					Summary: ledger.Summary(&orgledger.Event{Op: ch.Op}) + " once " + ch.When.Leaves + " leaves"})
			}
		}
	}
	return out, nil
}

// WouldRelease tells, for a dry run that would record events, what their leavings would
// release of the applied plans the caller may see: one line a change, which recorded, follows
// the events in a commit of its own (the dry run's diff leaves it out). The plans pending are
// read once, however many leavings there are.
func (s *Service) WouldRelease(ctx context.Context, c Caller, events []orgledger.Event) ([]string, error) {
	var leavers []string
	for _, e := range events {
		if leave, ok := e.Op.(*orgledger.Leave); ok {
			leavers = append(leavers, leave.Person)
		}
	}
	told, err := s.waitingOn(ctx, c, leavers)
	var out []string
	for _, person := range leavers {
		for _, release := range told[person] {
			out = append(out, fmt.Sprintf("%s's leaving would also release %s", person, release))
		}
	}
	return out, err
}

// waitingOn returns, for each of the people, what their leaving would release of the applied
// plans the caller may see, one line a change in plan order ("change 2 of plan p@ann, if
// ..."). The plans pending are read once, and not at all when there is no one or the caller
// sees no plan's future.
func (s *Service) waitingOn(ctx context.Context, c Caller, people []string) (map[string][]string, error) {
	if len(people) == 0 || !c.Role.SeesFuture() {
		return nil, nil
	}
	pending, err := s.Store.PendingPlans(ctx)
	if err != nil {
		return nil, err
	}
	told := map[string][]string{}
	for _, p := range pending {
		if p.Status != orgledger.PlanApplied || !p.VisibleTo(c.Name, c.Role) {
			continue
		}
		waits := s.stillWaiting(p)
		for i, ch := range p.Changes {
			if ch.When != nil && slices.Contains(people, ch.When.Leaves) && waits(i) {
				person := ch.When.Leaves
				told[person] = append(told[person], fmt.Sprintf("change %d of plan %s, if the ledger takes it and nothing set by hand since the plan was drafted holds it back: %s once %s leaves",
					i+1, p.Ref(), ledger.Summary(&orgledger.Event{Op: ch.Op}), person))
			}
		}
	}
	return told, nil
}

// stillWaiting returns whether a change of the plan, by index, one with a when, has not taken
// effect yet, what it reads of the plan and the ledger read once for all of them.
func (s *Service) stillWaiting(p *orgledger.Plan) func(i int) bool {
	if p.Status == orgledger.PlanDropped { // never takes effect (found by QA: shown as waiting)
		return func(int) bool { return false }
	}
	if p.Status == orgledger.PlanApplied {
		unreleased := map[int]bool{}
		for _, i := range p.Unreleased() {
			unreleased[i] = true
		}
		return func(i int) bool { return unreleased[i] }
	}
	leaving := s.leavingDays(p)
	return func(i int) bool { return leaving(p.Changes[i].When.Leaves) == 0 }
}

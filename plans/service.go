package plans

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Caller is who asks: a token's name and role, or the local user on the command line.
type Caller struct {
	Name string
	Role orgledger.Role
}

// Service is the plans of one ledger.
type Service struct {
	Ledger *ledger.Ledger
	Store  orgledger.PlanStore
	Clock  orgledger.Clock

	// Tokens, when set, are the tokens plans are shared with: a share with a viewer's token is
	// refused, since a viewer sees no plan, and so is one with a name that is neither a valid
	// token's nor the owner of a plan (a local user's --owner name).
	Tokens orgledger.TokenStore

	// writing is held by every write of a plan (made, changed, shared, dropped, applied, its
	// waiting changes released) from its read to its write, so that in one process no write
	// is lost under another: a draft written back over the plan an apply has just recorded
	// would let it be changed, dropped or applied again.
	writing sync.Mutex

	// checked, when set, is called between checking a plan's clashes and recording it: tests
	// record something there, as another process could.
	checked func()

	// checkedRelease, when set, is called between checking a release's changes against what
	// was set by hand and claiming them, resolvedRelease between resolving them on the ledger
	// and recording them, and releaseRecorded between recording them and ending the claim in
	// the plan: tests record something there, as another process could.
	checkedRelease, resolvedRelease, releaseRecorded func()
}

// notFound is the answer for a plan that does not exist or that the caller may not see: the
// two must not be told apart.
func notFound(name string) error {
	return orgledger.Errorf(orgledger.ENOTFOUND, "no plan named %s", name)
}

// get returns the plan a caller names, NAME or NAME@OWNER, among those they may see. A name
// alone is the caller's own plan of that name, else the only one they see; where they see
// several and own none of them, it is a conflict naming their owners.
func (s *Service) get(ctx context.Context, c Caller, ref string) (*orgledger.Plan, error) {
	if !c.Role.SeesFuture() {
		// A viewer sees no plan: answered before the store is read, it cannot tell by the
		// time taken whether a plan of that name exists.
		return nil, notFound(ref)
	}
	name, owner := orgledger.ParsePlanRef(ref)
	if owner == "" && strings.HasSuffix(ref, "@") { // found by QA: read as the name alone
		return nil, orgledger.Errorf(orgledger.EINVALID, "plan %q names no owner after its @: write NAME, or NAME@OWNER", ref)
	}
	seen, err := s.seenHeads(ctx, c, func(p *orgledger.Plan) bool {
		return p.Name == name && (owner == "" || p.Owner == owner)
	})
	if err != nil {
		return nil, err
	}
	head, err := oneSeen(c, name, seen)
	if head == nil {
		return nil, cmp.Or(err, notFound(ref))
	}
	p, err := s.whole(ctx, c, head)
	if p == nil {
		return nil, cmp.Or(err, notFound(ref))
	}
	return p, nil
}

// oneSeen returns the head of the plan named among those seen: the only one, the caller's own,
// or the only one not dropped; nil when none is seen, and a conflict naming their owners when
// several are and none of these.
func oneSeen(c Caller, name string, seen []*orgledger.Plan) (*orgledger.Plan, error) {
	switch {
	case len(seen) == 0:
		return nil, nil
	case len(seen) == 1:
		return seen[0], nil
	}
	var owners []string
	var live []*orgledger.Plan
	for _, p := range seen {
		if p.Owner == c.Name {
			return p, nil
		}
		owners = append(owners, p.Owner)
		if p.Status != orgledger.PlanDropped {
			live = append(live, p)
		}
	}
	if len(live) == 1 { // a dropped plan's name is free for another's
		return live[0], nil
	}
	return nil, orgledger.Errorf(orgledger.ECONFLICT, "plans named %s are owned by %s; name one as %s@OWNER",
		name, strings.Join(owners, ", "), name)
}

// seenHeads returns the heads (plans without their changes) of the plans the caller may see
// that keep picks. What another's plan changes is never decoded for a caller who may not see
// it: the time an answer takes tells nothing of it, not even that it exists.
func (s *Service) seenHeads(ctx context.Context, c Caller, keep func(*orgledger.Plan) bool) ([]*orgledger.Plan, error) {
	heads, err := s.Store.PlanHeads(ctx)
	if err != nil {
		return nil, err
	}
	var seen []*orgledger.Plan
	for _, p := range heads {
		if p.VisibleTo(c.Name, c.Role) && keep(p) {
			seen = append(seen, p)
		}
	}
	return seen, nil
}

// whole returns the plan a head names, with its changes, while the caller may still see it;
// nil when it is not there or no longer theirs to see.
func (s *Service) whole(ctx context.Context, c Caller, head *orgledger.Plan) (*orgledger.Plan, error) {
	p, err := s.Store.PlanOwned(ctx, head.Name, head.Owner)
	if err != nil || p == nil || !p.VisibleTo(c.Name, c.Role) {
		return nil, err
	}
	return p, nil
}

// wholes returns the plans, with their changes, that the caller may see and keep picks, by
// name and owner: an admin's, who sees every plan, in one read.
func (s *Service) wholes(ctx context.Context, c Caller, keep func(*orgledger.Plan) bool) ([]*orgledger.Plan, error) {
	if c.Role.Includes(orgledger.RoleAdmin) {
		all, err := s.Store.Plans(ctx)
		if err != nil {
			return nil, err
		}
		return append([]*orgledger.Plan{}, slices.DeleteFunc(all, func(p *orgledger.Plan) bool { return !keep(p) })...), nil
	}
	seen, err := s.seenHeads(ctx, c, keep)
	if err != nil {
		return nil, err
	}
	out := []*orgledger.Plan{}
	for _, head := range seen {
		p, err := s.whole(ctx, c, head)
		if err != nil {
			return nil, err
		}
		if p != nil && keep(p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// checkPlanFields refuses a plan's name that is not one and an effective date left out, each
// problem naming its field, as the API's body names it.
func checkPlanFields(name string, effective orgledger.Date) error {
	var problems []orgledger.Problem
	if !orgledger.ValidPlanName(name) {
		problems = append(problems, orgledger.Problem{Field: "name", Reason: fmt.Sprintf("%q must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}", name)})
	}
	if effective == 0 {
		problems = append(problems, orgledger.Problem{Field: "effective", Reason: "is required: a plan needs an effective date"})
	}
	if len(problems) > 0 {
		return orgledger.Refused("the plan is refused", problems)
	}
	return nil
}

// Create drafts a new plan owned by the caller, on top of the ledger as it is now.
func (s *Service) Create(ctx context.Context, c Caller, name string, effective orgledger.Date, changes []orgledger.Change) (*orgledger.Plan, error) {
	if !c.Role.Includes(orgledger.RolePlanner) {
		return nil, orgledger.Errorf(orgledger.EFORBIDDEN, "only planners and admins make plans")
	}
	if err := checkPlanFields(name, effective); err != nil {
		return nil, err
	}
	if err := checkChanges(changes); err != nil {
		return nil, err
	}
	if err := fits(name, 0, len(changes)); err != nil {
		return nil, err
	}
	if err := s.Ledger.Refresh(ctx); err != nil { // its base is what the store holds, another process's writes too
		return nil, err
	}
	head, recorded := s.Ledger.Head()
	now := s.Clock.Now().UTC()
	p := &orgledger.Plan{Name: name, Owner: c.Name, Effective: effective, Base: head, BaseTime: recorded,
		Status: orgledger.PlanDraft, Shared: []string{}, Changes: changes, Created: now, Updated: now}
	if err := s.Store.CreatePlan(ctx, p); err != nil {
		return nil, s.nameTaken(ctx, p, err)
	}
	return p, nil
}

// checkChanges refuses changes whose fields are wrong, with every problem: a plan may hold
// changes the org would refuse (plan check says which), but not malformed ones.
func checkChanges(changes []orgledger.Change) error {
	if problems := changeProblems("", changes); len(problems) > 0 {
		return orgledger.Refused(refusedChanges, problems)
	}
	return nil
}

// MaxPlanChanges is the most changes a plan holds: a reorganization of a hundred thousand
// people, each hired, moved or retitled once. A plan is read, checked and written whole, in
// memory, by every command and request about it, so that one without a bound let a planner's
// reads of it take a server's memory (found by QA: a plan of 430,000 changes, 72 MB as JSON,
// read ten times at once, took 5.6 GB).
const MaxPlanChanges = 100_000

// fits refuses changes that would take a plan holding held past MaxPlanChanges.
func fits(name string, held, adding int) error {
	if held+adding <= MaxPlanChanges {
		return nil
	}
	return orgledger.Errorf(orgledger.EINVALID, "plan %s would hold %d changes; a plan holds at most %d: make the reorganization several plans",
		name, held+adding, MaxPlanChanges)
}

// refusedChanges is the message of the refusal of a plan's changes.
const refusedChanges = "the plan's changes are refused"

// changeProblems returns the problems of the fields of changes read from file, numbered from 1
// there.
func changeProblems(file string, changes []orgledger.Change) []orgledger.Problem {
	var problems []orgledger.Problem
	for i, ch := range changes {
		if ch.Op == nil {
			problems = append(problems, orgledger.Problem{File: file, Change: i + 1, Line: ch.Line, Reason: "the change has no verb"})
			continue
		}
		for _, pr := range ch.Check() {
			pr.File, pr.Change, pr.Line, pr.Verb = file, i+1, ch.FieldLine(pr.Field), string(ch.Op.Verb())
			problems = append(problems, *pr)
		}
		if ch.Op.Verb() == orgledger.VerbRetract {
			problems = append(problems, orgledger.Problem{File: file, Change: i + 1, Line: ch.Line, Verb: "retract",
				Reason: "a plan cannot retract an event; corrections go to the ledger"})
		}
		problems = append(problems, waitingProblems(file, i, ch)...)
	}
	return problems
}

// waitingProblems refuses what a change waiting for a leaving cannot be: dated on its own, when
// it takes effect on the day the leaving does (found by QA: its date was dropped without a
// word, and the change recorded months before it); or about the leaver, who is gone from that
// day, so that it would wait for good.
func waitingProblems(file string, i int, ch orgledger.Change) []orgledger.Problem {
	if ch.When == nil {
		return nil
	}
	var out []orgledger.Problem
	problem := func(field, reason string) {
		out = append(out, orgledger.Problem{File: file, Change: i + 1, Line: ch.FieldLine(field), Verb: string(ch.Op.Verb()), Field: field, Reason: reason})
	}
	if ch.Effective != 0 {
		problem("effective", "a change that waits for a leaving takes effect on the day the leaving does, and has no date of its own: take out effective, or when")
	}
	if who := personActedOn(ch.Op); who != "" && who == ch.When.Leaves {
		problem("when", fmt.Sprintf("it waits for %s's leaving, but is about %s, who is gone from that day", who, who))
	}
	return out
}

// personActedOn returns the person a change is about, "" for a change about no one.
func personActedOn(op orgledger.Op) string {
	switch c := op.(type) {
	case *orgledger.Leave:
		return c.Person
	case *orgledger.UpdatePerson:
		return c.Person
	case *orgledger.Assign:
		return c.Person
	case *orgledger.Unassign:
		return c.Person
	}
	return ""
}

// Get returns the plan, if the caller may see it.
func (s *Service) Get(ctx context.Context, c Caller, name string) (*orgledger.Plan, error) {
	return s.get(ctx, c, name)
}

// List returns the plans the caller may see.
func (s *Service) List(ctx context.Context, c Caller) ([]*orgledger.Plan, error) {
	if !c.Role.SeesFuture() {
		return []*orgledger.Plan{}, nil // nor how many plans there are, by the time taken
	}
	return s.wholes(ctx, c, func(*orgledger.Plan) bool { return true })
}

// Add appends changes to a draft. Its owner, the names it is shared with and admins may.
func (s *Service) Add(ctx context.Context, c Caller, name string, changes []orgledger.Change) (*orgledger.Plan, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	return afresh(&s.writing, func() (*orgledger.Plan, error) {
		p, err := s.draft(ctx, c, name, mayChange(c))
		if err != nil {
			return nil, err
		}
		if err := checkChanges(changes); err != nil {
			return nil, err
		}
		if err := fits(p.Ref(), len(p.Changes), len(changes)); err != nil {
			return nil, err
		}
		if err := s.Ledger.Refresh(ctx); err != nil { // what they are drafted on: the ledger as it is now
			return nil, err
		}
		added := slices.Clone(changes)
		if head, _ := s.Ledger.Head(); head > p.Base {
			for i := range added {
				added[i].Base = head
			}
		}
		p.Changes = append(slices.Clip(p.Changes), added...)
		p.Updated = s.Clock.Now().UTC()
		return p, s.Store.UpdatePlan(ctx, p)
	})
}

// afresh runs write, which reads a plan and writes it, again while another process writes the
// plan between its read and its write (orgledger.ErrPlanChanged), for afreshFor at most: for a
// write whose caller named no revision of the plan, that adds to it or changes it as it is
// then, so that writes to one plan through several servers do not refuse each other. Each
// try waits a random while first, up to twice as long as the one before (up to 32 ms): servers
// that tried at once, and would again, take turns. The caller holds writing, which afresh lets
// go of while it waits, so that the process's other writes of plans go on meanwhile.
func afresh(writing *sync.Mutex, write func() (*orgledger.Plan, error)) (*orgledger.Plan, error) {
	until := time.Now().Add(afreshFor)
	for try := 0; ; try++ {
		p, err := write()
		if !errors.Is(err, orgledger.ErrPlanChanged) || time.Now().After(until) {
			return p, err
		}
		writing.Unlock()
		time.Sleep(rand.N(time.Millisecond << min(try, 5)))
		writing.Lock()
	}
}

// afreshFor bounds how long afresh tries a write again.
const afreshFor = 10 * time.Second

// draft returns a visible plan that is still a draft, to be written as allowed permits: the
// caller holds writing.
func (s *Service) draft(ctx context.Context, c Caller, name string, allowed func(*orgledger.Plan) error) (*orgledger.Plan, error) {
	p, err := s.settled(ctx, c, name, allowed)
	if err != nil {
		return nil, err
	}
	return p, isDraft(p, name)
}

// ownerOrAdmin allows the plan's owner and admins to do what.
func ownerOrAdmin(c Caller, name, what string) func(*orgledger.Plan) error {
	return func(p *orgledger.Plan) error {
		if p.Owner != c.Name && !c.Role.Includes(orgledger.RoleAdmin) {
			return orgledger.Errorf(orgledger.EFORBIDDEN, "only the owner of plan %s or an admin may %s it", name, what)
		}
		return nil
	}
}

// isDraft refuses a plan that is not a draft.
func isDraft(p *orgledger.Plan, name string) error {
	if p.Status != orgledger.PlanDraft {
		return orgledger.Errorf(orgledger.ECONFLICT, "plan %s is %s, not a draft", name, p.Status)
	}
	return nil
}

// settled returns a visible plan to be written, once allowed says the caller may; the caller
// holds writing. A plan an apply left applying when it stopped is settled first (applying.go):
// marked applied when the ledger holds its commit, a draft again when its claim was abandoned;
// one still being applied is a conflict. A caller who may not write the plan settles nothing.
func (s *Service) settled(ctx context.Context, c Caller, name string, allowed func(*orgledger.Plan) error) (*orgledger.Plan, error) {
	p, err := s.get(ctx, c, name)
	if err != nil {
		return nil, err
	}
	if err := allowed(p); err != nil {
		return nil, err
	}
	if p.Status == orgledger.PlanApplying {
		return s.settle(ctx, p, c.Name)
	}
	return p, nil
}

// Drop drops a draft. Its owner and admins may.
func (s *Service) Drop(ctx context.Context, c Caller, name string) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	_, err := afresh(&s.writing, func() (*orgledger.Plan, error) {
		p, err := s.draft(ctx, c, name, ownerOrAdmin(c, name, "drop"))
		if err != nil {
			return nil, err
		}
		p.Status, p.Updated = orgledger.PlanDropped, s.Clock.Now().UTC()
		return p, s.Store.UpdatePlan(ctx, p)
	})
	return err
}

// nameTaken says, when the owner has a plan of p's name already, what became of it: a dropped
// or applied plan keeps its name, which the events of an applied one carry. Other errors are
// returned as they are.
func (s *Service) nameTaken(ctx context.Context, p *orgledger.Plan, err error) error {
	if orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		return err
	}
	if q, _ := s.owned(ctx, p.Name, p.Owner); q != nil && q.Status != orgledger.PlanDraft {
		return orgledger.Errorf(orgledger.ECONFLICT, "%s has a plan named %s already, %s; a plan's name is not used again: choose another",
			p.Owner, p.Name, q.Status)
	}
	return err
}

// DatesGiveWay says what of a changeset's own dates a plan of that effective date does not
// keep, which a reader of the file might expect it to: an effective date other than the plan's
// gives way to it (a change that names its own keeps that), and a recorded time is not kept,
// since a plan's changes are recorded when it is applied.
func DatesGiveWay(cs *orgledger.Changeset, effective orgledger.Date) []string {
	var out []string
	if cs.Effective != 0 && cs.Effective != effective {
		out = append(out, fmt.Sprintf("its effective date, %s, gives way to the plan's, %s (a change that names its own keeps it)",
			cs.Effective, effective))
	}
	if !cs.Recorded.IsZero() {
		out = append(out, fmt.Sprintf("its recorded time, %s, is not kept: a plan's changes are recorded when it is applied",
			cs.Recorded.UTC().Format(time.RFC3339)))
	}
	return out
}

// ChangesOf returns a changeset file's changes for a plan. Each keeps the file's source and
// note unless it has its own; the file's effective date gives way to the plan's. Changes
// whose fields are wrong are refused, each problem told by the file's name, its line and the
// change's number in the file, as apply tells them.
func ChangesOf(cs *orgledger.Changeset) ([]orgledger.Change, error) {
	problems := changeProblems(cs.File, cs.Changes)
	if pr := orgledger.CheckProvenance(cs.Source, cs.Note); pr != nil {
		problems = append([]orgledger.Problem{{File: cs.File, Line: cs.FieldLine(pr.Field), Field: pr.Field, Reason: pr.Reason}}, problems...)
	}
	if len(problems) > 0 {
		return nil, orgledger.Refused(refusedChanges, problems)
	}
	out := make([]orgledger.Change, len(cs.Changes))
	for i, ch := range cs.Changes {
		if ch.Source == "" {
			ch.Source = cs.Source
		}
		if ch.Note == "" {
			ch.Note = cs.Note
		}
		out[i] = ch
	}
	return out, nil
}

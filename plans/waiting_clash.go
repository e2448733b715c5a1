package plans

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A change of an applied plan that waits for a leaving is in no event until the leaving
// releases it, so the check against what was recorded since a plan was drafted (clashes) does
// not see it: a second plan changing the same thing applied, and the release then overrode
// it, or was refused by the ledger and waited for ever (found by QA). Every change of a plan
// being applied or checked, waiting or not, is compared here with the changes of other plans
// that wait for a leaving, by the claims a recorded event is compared by.
//
// They clash only where they change the same thing differently: two plans that make the same
// change agree, and a change that takes someone out of a position does not clash with one
// that puts someone in it (the one follows the other, as a succession follows a leaving).
// Days are not compared: a waiting change takes effect on the day of a leaving not recorded
// yet, which may fall on any day.
//
// What a plan waits for is the plan's alone, and who is expected to leave the most private of
// it: a caller who may not see the other plan is told nothing of such a clash, not even that
// there is one. An admin, who applies plans, sees every plan, and an apply is refused naming
// it.

// waitingChange is a change of another plan that waits for a leaving, with what it claims.
type waitingChange struct {
	plan    *orgledger.Plan
	change  int // its index in plan.Changes
	claimed claimed
}

// claimed is what a change claims (claims), what it acts on beside (dependsOn) and what it
// puts something in (puts), worked out once for every change it is compared with.
type claimed struct{ own, dependsOn, puts []string }

func claimedBy(op orgledger.Op) claimed {
	return claimed{claims(op, orgledger.Effects{}), dependsOn(op), puts(op)}
}

// waitingElsewhere returns the changes of plans other than p, applied or being applied
// (PendingPlans), that wait for a leaving or are claimed by a release under way
// (orgledger.Plan.Unreleased), of the plans the caller may see. Those of a plan being applied
// count: they wait once it is marked applied.
func (s *Service) waitingElsewhere(ctx context.Context, c Caller, p *orgledger.Plan) ([]waitingChange, error) {
	all, err := s.Store.PendingPlans(ctx)
	if err != nil {
		return nil, err
	}
	var out []waitingChange
	for _, q := range all {
		if q.Ref() == p.Ref() || !q.VisibleTo(c.Name, c.Role) {
			continue
		}
		refused := refusedNow(s, q)
		for _, i := range q.Unreleased() {
			// Every change Unreleased lists has a when; the ledger is asked (a preview) only of a
			// plan with one stuck.
			if when := q.Changes[i].When; when != nil && !(s.stuck(q, i, when) && refused(i)) {
				out = append(out, waitingChange{q, i, claimedBy(q.Changes[i].Op)})
			}
		}
	}
	return out, nil
}

// stuck reports whether change i of plan q still waits though the ledger holds its leaving,
// and no release is under way: the ledger refused it when the leaving came, or a process
// stopped before releasing it (which the next Settle does, where the ledger takes it: the
// caller asks refusedNow too). One the ledger refuses changes nothing, and were it to block
// other plans, a change left waiting (until an admin withdraws it) would keep what it names
// from being planned.
func (s *Service) stuck(q *orgledger.Plan, i int, when *orgledger.When) bool {
	return slices.Contains(q.Waiting, i) && ledgerLeaving(s.Ledger, when.Leaves) != 0
}

// refusedNow returns whether the ledger would refuse now change i of plan q, of those whose
// leaving it holds, which Settle would otherwise release: worked out once, when first asked.
// Of a release it refuses, the changes its refusal names are refused, and the others only held
// back with them: those still clash, for once the refused ones are withdrawn they are recorded
// (found by QA). A refusal that names no change refuses them all.
func refusedNow(s *Service, q *orgledger.Plan) func(i int) bool {
	refused := sync.OnceValue(func() func(int) bool {
		r := s.resolve(q, s.freed(q))
		if len(r.cs.Changes) == 0 {
			return func(int) bool { return true }
		}
		err := s.previewRelease(q, r)
		if err == nil {
			return func(int) bool { return false }
		}
		var named []int
		for _, p := range orgledger.ErrorProblems(r.inPlan(err)) {
			if p.Change > 0 {
				named = append(named, p.Change-1)
			}
		}
		return func(i int) bool { return len(named) == 0 || slices.Contains(named, i) }
	})
	return func(i int) bool { return refused()(i) }
}

// waitingClashes names each change of the plan that changes differently what a change of
// another plan waiting for a leaving will change once released, and each whose solid line
// would close a cycle once what waits is released (lineCycles, waiting_cycle.go).
func (s *Service) waitingClashes(ctx context.Context, c Caller, p *orgledger.Plan) ([]orgledger.Problem, error) {
	waiting, err := s.waitingElsewhere(ctx, c, p)
	if err != nil {
		return nil, err
	}
	out, index := s.lineCycles(p, waiting), indexWaiting(waiting)
	for i, ch := range p.Changes {
		mine := claimedBy(ch.Op)
		for _, k := range index.mayClash(mine) {
			w := waiting[k]
			theirs := w.plan.Changes[w.change].Op
			if cl, ok := clashOf(mine, w.claimed); ok {
				if cl, ok = differently(ch.Op, theirs, cl); ok {
					out = append(out, waitingClash(i, ch, cl, w))
				}
			}
		}
	}
	return out, nil
}

// waitingIndex finds the waiting changes a change may clash with (clashOf) by what they claim,
// so that a plan of thousands of changes is not compared with each of thousands waiting (found
// by QA: a check of 2,000 changes took 5 s beside 10,000 waiting, an apply of 20,000 100 s).
type waitingIndex struct {
	changesOrPuts, dependsOn map[string][]int // by what they change or put something in, and what they act on beside
}

func indexWaiting(waiting []waitingChange) waitingIndex {
	x := waitingIndex{map[string][]int{}, map[string][]int{}}
	for k, w := range waiting {
		for _, cl := range slices.Concat(w.claimed.own, w.claimed.puts) {
			x.changesOrPuts[cl] = append(x.changesOrPuts[cl], k)
		}
		for _, cl := range w.claimed.dependsOn {
			x.dependsOn[cl] = append(x.dependsOn[cl], k)
		}
	}
	return x
}

// mayClash returns, in order, the waiting changes for which clashOf(mine, theirs) may hold:
// those that share with mine something it compares.
func (x waitingIndex) mayClash(mine claimed) []int {
	var out []int
	for _, cl := range slices.Concat(mine.own, mine.dependsOn) {
		out = append(out, x.changesOrPuts[cl]...)
	}
	for _, cl := range slices.Concat(mine.own, mine.puts) {
		out = append(out, x.dependsOn[cl]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// clashOf returns the first thing two changes both change, or that one acts on and the other
// puts something in (a merge of a unit, a move into it).
func clashOf(a, b claimed) (string, bool) {
	if cl, ok := shared(slices.Concat(a.own, a.dependsOn), slices.Concat(b.own, b.puts)); ok {
		return cl, true
	}
	return shared(slices.Concat(a.own, a.puts), b.dependsOn)
}

// differently reports whether two changes that change one thing (claim) change it
// differently, and returns what to name as the thing: not the same change twice where the
// ledger records it twice (a second assign of one person to one position it refuses, and the
// plan whose release it is would wait for ever), nor a position vacated and filled, nor two
// updates of a person that set the fields both set alike; of two updates that differ, the
// field they set differently.
func differently(a, b orgledger.Op, claim string) (string, bool) {
	if sameChange(a, b) {
		return "", false
	}
	if ua, ok := a.(*orgledger.UpdatePerson); ok {
		if _, ok := b.(*orgledger.UpdatePerson); ok {
			return clashingClaim(personFieldClaims(ua), a, claims(b, orgledger.Effects{}), b)
		}
	}
	_, aOut := a.(*orgledger.Unassign)
	_, bOut := b.(*orgledger.Unassign)
	_, aIn := a.(*orgledger.Assign)
	_, bIn := b.(*orgledger.Assign)
	return claim, !(aOut && bIn || aIn && bOut)
}

// sameChange reports whether two changes are the same change of a value, which the ledger
// records again where it holds already: a plan's and another's, or an event's, agree.
func sameChange(a, b orgledger.Op) bool {
	return a.Verb() == b.Verb() && repeatable[a.Verb()] && opData(a) == opData(b)
}

// repeatable are the verbs whose change the ledger records again where it holds already: each
// sets a value, which may be set to what it is.
var repeatable = map[orgledger.Verb]bool{
	orgledger.VerbRetitle: true, orgledger.VerbMovePosition: true, orgledger.VerbReport: true,
	orgledger.VerbRenameUnit: true, orgledger.VerbMoveUnit: true, orgledger.VerbSetHead: true,
	orgledger.VerbUpdatePerson: true,
}

// waitingClash is the problem of change i of a plan that changes differently what change
// w.change of plan w.plan, which waits for a leaving, will change.
func waitingClash(i int, ch orgledger.Change, claim string, w waitingChange) orgledger.Problem {
	wc := w.plan.Changes[w.change]
	return orgledger.Problem{Change: i + 1, Verb: string(ch.Op.Verb()),
		Reason: fmt.Sprintf("%s: change %d of plan %s (%s), %s, changes it once %s leaves", claim, w.change+1, w.plan.Ref(),
			ledger.Summary(&orgledger.Event{Op: wc.Op}), w.plan.Status, wc.When.Leaves)}
}

// shared returns the first of theirs that mine holds too.
func shared(mine, theirs []string) (string, bool) {
	for _, cl := range theirs {
		if slices.Contains(mine, cl) {
			return cl, true
		}
	}
	return "", false
}

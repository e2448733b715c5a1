package plans

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// preview runs fn with the org as it would be with the plan, as a planner or admin sees it.
// A plan the ledger would refuse returns the refusal, with the plan's change numbers. Only a
// draft is previewed: an applied plan's changes are in the ledger already (the ledger's diff
// and log show what it did), and a dropped one's never will be. A preview writes nothing: one
// of a plan being applied, or left so by an apply that stopped, is a conflict.
func (s *Service) preview(ctx context.Context, c Caller, name string, fn func(p *orgledger.Plan, r resolved, pv *ledger.Preview) error) error {
	p, r, err := s.previewed(ctx, c, name)
	if err != nil {
		return err
	}
	return s.previewOf(c, p, r, fn)
}

// previewed returns the draft plan of that name the caller may see, resolved. An applied plan
// is refused saying where what it did is told (found by QA: "is applied, not a draft" alone, of
// a plan with changes still waiting).
func (s *Service) previewed(ctx context.Context, c Caller, name string) (*orgledger.Plan, resolved, error) {
	p, err := s.get(ctx, c, name)
	switch {
	case err == nil && p.Status == orgledger.PlanApplied && len(p.Unreleased()) > 0:
		err = orgledger.Errorf(orgledger.ECONFLICT, "plan %s is applied, not a draft: what it recorded is in the ledger (log, history, diff), and %s waiting for a leaving %s checked when it comes; plan show tells of each",
			name, ChangesList(plusOne(p.Unreleased())), isOrAre(len(p.Unreleased())))
	case err == nil && p.Status == orgledger.PlanApplied:
		err = orgledger.Errorf(orgledger.ECONFLICT, "plan %s is applied, not a draft: what it recorded is in the ledger (log, history, diff)", name)
	case err == nil:
		err = isDraft(p, name)
	}
	if err != nil {
		return nil, resolved{}, err
	}
	return p, s.resolveFor(c, p), nil
}

// isOrAre is the verb of a subject of n.
func isOrAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// previewOf is preview of a plan already read and resolved.
func (s *Service) previewOf(c Caller, p *orgledger.Plan, r resolved, fn func(p *orgledger.Plan, r resolved, pv *ledger.Preview) error) error {
	if len(r.cs.Changes) == 0 {
		return fn(p, r, nil)
	}
	err := s.Ledger.Preview(r.cs, ledger.ApplyOptions{Actor: c.Name, Plan: p.Ref()}, func(pv *ledger.Preview) error {
		return fn(p, r, pv)
	})
	if orgledger.ErrorCode(err) == orgledger.EINVALID {
		return orgledger.Refused("plan "+r.named+" would be refused", r.problems(err))
	}
	return err
}

// Diff compares the org on the plan's effective date with the plan against without it.
func (s *Service) Diff(ctx context.Context, c Caller, name string) (*orgledger.Diff, error) {
	d, _, err := s.DiffNamed(ctx, c, name)
	return d, err
}

// DiffNamed is Diff with what the diff's ids are called, with the plan or, for what it
// closes, without it (ledger.Preview.DiffNames), for text.
func (s *Service) DiffNamed(ctx context.Context, c Caller, name string) (*orgledger.Diff, map[string]string, error) {
	var out orgledger.Diff
	var names map[string]string
	err := s.preview(ctx, c, name, func(p *orgledger.Plan, _ resolved, pv *ledger.Preview) error {
		if pv == nil {
			out = orgledger.Diff{From: p.Effective, To: p.Effective, Changes: []orgledger.DiffChange{}}
			return nil
		}
		out = pv.Diff(p.Effective)
		names = pv.DiffNames(&out)
		return nil
	})
	return &out, names, err
}

// Report is what plan check finds: the errors the ledger would refuse the plan for, and
// warnings about the org it would make.
type Report struct {
	Plan     string              `json:"plan"`
	OK       bool                `json:"ok"` // no errors
	Errors   []orgledger.Problem `json:"errors"`
	Warnings []Warning           `json:"warnings"`
	Waiting  []int               `json:"waiting"` // changes (from 1) still waiting for a leaving
}

// Warning is something the plan does that its author may not mean.
type Warning struct {
	Kind     string `json:"kind"`             // vacancy, created-vacant (After: how many), no-manager, span, layers, deeper (Position: the head of the branch; After: how many in branches not named), no-head, new-no-head, changed-later, after-date, earlier, left-already, unknown-leaver, unknown-id, backdated, releases, unchanged, unchecked
	Change   int    `json:"change,omitempty"` // the change it is about (from 1), for changed-later, after-date, earlier, left-already, unknown-leaver, unknown-id, releases and unchanged
	Position string `json:"position,omitempty"`
	Person   string `json:"person,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Before   int    `json:"before,omitempty"`
	After    int    `json:"after,omitempty"`
	Message  string `json:"message"`
}

// Check returns the plan's errors, what apply would refuse it for (its clashes with what was
// recorded since it was drafted and with other plans' changes waiting for a leaving, of the
// plans the caller may see: an admin's apply is refused for those of any plan; then what the
// ledger refuses), and warnings. The warnings about the org it makes (vacancies, managers,
// spans, layers, heads, changes that change nothing) need that org: a plan the ledger refuses
// has in their place one that says so (unchecked), beside those about its changes' days, the
// changes recorded by hand from a later day than a change not refused, and its waiting changes.
func (s *Service) Check(ctx context.Context, c Caller, name string) (*Report, error) {
	out := &Report{Plan: name, Errors: []orgledger.Problem{}, Warnings: []Warning{}, Waiting: []int{}}
	p, r, err := s.previewed(ctx, c, name)
	if err != nil {
		return nil, err
	}
	out.Plan = p.Ref() // named as every answer about a plan names it, whatever name it was asked by
	// The clashes before the preview, which holds the ledger's lock.
	clashes, later, err := s.clashes(ctx, c, p, r)
	if err != nil {
		return nil, err
	}
	err = s.previewOf(c, p, r, func(p *orgledger.Plan, r resolved, pv *ledger.Preview) error {
		for _, i := range r.waiting {
			out.Waiting = append(out.Waiting, i+1)
		}
		if pv != nil {
			out.Warnings = append(warnings(pv, p.Effective), unchangedWarnings(pv, r)...)
		}
		return nil
	})
	if orgledger.ErrorCode(err) == orgledger.EINVALID {
		out.Errors, err = orgledger.ErrorProblems(err), nil
		out.Warnings = append(out.Warnings, unchecked()) // found by QA: told as none
	}
	// A change refused is not applied: what would follow its being applied is not told of it
	// (found by QA: "applied, the plan's change holds until then" beside its refusal).
	later = slices.DeleteFunc(later, func(w Warning) bool { return refusedChange(w.Change, clashes, out.Errors) })
	// After the preview, which holds the ledger's lock: waits reads the ledger. The errors stay
	// a list, [] in JSON when there are none.
	out.Warnings = append(out.Warnings, slices.Concat(later, afterItsDate(p), s.waits(p), backdated(p, s.Ledger.Today()))...) // [] in JSON when none
	if err == nil {
		var releases []Warning
		releases, err = s.releaseWarnings(ctx, c, p)
		out.Warnings = append(out.Warnings, releases...)
	}
	out.Errors = append(append([]orgledger.Problem{}, clashes...), out.Errors...)
	// In the order of the plan's changes, as a linter lists its findings (found by QA: the
	// ledger tells them in effective order); those of no one change first.
	slices.SortStableFunc(out.Errors, func(a, b orgledger.Problem) int { return cmp.Compare(a.Change, b.Change) })
	if len(p.Changes) == 0 && p.Status == orgledger.PlanDraft {
		out.Errors = append(out.Errors, orgledger.Problem{Reason: noChanges(p)})
	}
	out.OK = len(out.Errors) == 0
	return out, err
}

// unchecked is the warning of a check whose plan the ledger refuses: the org with it cannot be
// worked out, and so neither can what it would leave vacant or without a manager, its spans
// and its layers.
func unchecked() Warning {
	return Warning{Kind: "unchecked", Message: "the org with the plan cannot be worked out while the ledger refuses it: " +
		"what it would leave vacant or without a manager, spans over 12, layers added, units without a head and changes that change nothing are told once the errors are mended"}
}

// refusedChange reports whether change n (from 1) of the plan is among those refused.
func refusedChange(n int, refusals ...[]orgledger.Problem) bool {
	for _, ps := range refusals {
		if slices.ContainsFunc(ps, func(p orgledger.Problem) bool { return p.Change == n }) {
			return true
		}
	}
	return false
}

// unchangedWarnings warns of each change of the plan that finds the org already so at its place
// (a hand change made it, or another plan's, or the plan holds it twice): applied, it would put
// in the history a change that never was, as apply warns of in a changeset someone wrote.
func unchangedWarnings(pv *ledger.Preview, r resolved) []Warning {
	var out []Warning
	for n, why := range unchangedChanges(pv.Unchanged(), r) {
		out = append(out, Warning{Kind: "unchanged", Change: n,
			Message: fmt.Sprintf("change %d changes nothing: %s; applied, it would be recorded as a change that never was (plan remove takes it out)", n, why)})
	}
	return out
}

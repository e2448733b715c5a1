package plans

import (
	"slices"

	"github.com/orgledger/orgledger"
)

// breaksRelease says why withdrawing the changes (indexes, every one waiting) would leave the others that
// wait with them for the same leaving refused when it comes, where the ledger would take them
// all, or "": a release is recorded whole, and a change another relies on (an unassign before a
// close, say) withdrawn would hold back every change of its leaving. For each leaving, the
// changes waiting for it are previewed with the leaving on its day, or, not recorded yet, on
// the plan's day or today, whichever is later, once with the withdrawn ones and once without;
// a release the ledger refuses either way (another change is wrong already) is no reason to
// refuse the withdrawal.
func (s *Service) breaksRelease(p *orgledger.Plan, withdrawn []int) string {
	for _, person := range leavingsOf(p, withdrawn) {
		waiting := slices.DeleteFunc(slices.Clone(p.Waiting), func(i int) bool { return p.Changes[i].When.Leaves != person })
		rest := minus(waiting, withdrawn)
		if len(rest) == 0 {
			continue
		}
		if s.previewRelease(p, s.releaseOn(p, person, waiting)) != nil { // the withdrawn among them
			continue
		}
		r := s.releaseOn(p, person, rest)
		if err := s.previewRelease(p, r); err != nil {
			err = r.inPlan(err)
			return "withdrawn, it would leave the changes that wait with it for " + person + "'s leaving refused when it comes: " +
				orgledger.ErrorMessage(err) + "; withdraw " + changesNamed(err) + " first, or with it"
		}
	}
	return ""
}

// leavingsOf returns the people whose leaving the changes wait for, each once.
func leavingsOf(p *orgledger.Plan, changes []int) []string {
	var out []string
	for _, i := range changes {
		if w := p.Changes[i].When; w != nil && !slices.Contains(out, w.Leaves) {
			out = append(out, w.Leaves)
		}
	}
	return out
}

// releaseOn is the release of the plan's changes listed in only, all waiting for person's
// leaving, as it would be recorded: on the day the ledger records that leaving, or, where it
// records none yet, with the leaving first, on the plan's day or today, whichever is later.
func (s *Service) releaseOn(p *orgledger.Plan, person string, only []int) resolved {
	day := ledgerLeaving(s.Ledger, person)
	r := resolved{cs: &orgledger.Changeset{File: "plan " + p.Ref(), Effective: p.Effective}, named: p.Ref()}
	if day == 0 {
		day = max(p.Effective, s.Ledger.Today())
		r.cs.Changes = append(r.cs.Changes, orgledger.Change{Op: &orgledger.Leave{Person: person}, Effective: day})
		r.index = append(r.index, -1)
	}
	for _, i := range only {
		r.add(i, p.Changes[i], day)
	}
	return r
}

// changesNamed names the plan's changes a refusal placed in the plan (resolved.inPlan) finds
// wrong: "change 3", "changes 2, 3", or "them" where it names none.
func changesNamed(err error) string {
	var numbers []int
	for _, pr := range orgledger.ErrorProblems(err) {
		if pr.Change > 0 && !slices.Contains(numbers, pr.Change) {
			numbers = append(numbers, pr.Change)
		}
	}
	if len(numbers) == 0 {
		return "them"
	}
	slices.Sort(numbers)
	return ChangesList(numbers)
}

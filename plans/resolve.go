package plans

import (
	"cmp"
	"errors"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// resolved is a plan's changes as a changeset the ledger can take: the changes that wait on a
// leaving are given its date when it is known, in the plan or in the ledger, and set aside
// when it is not.
type resolved struct {
	cs      *orgledger.Changeset
	index   []int // the plan's change number (from 0) of each change of cs
	waiting []int // the plan's changes still waiting
	// named is how the plan is named in what is told of it: NAME@OWNER (the changeset's file,
	// which the commit keeps), or, for a caller who owns it, its name alone (namedFor).
	named string
}

// resolveAll is resolve of all the plan's changes.
func (s *Service) resolveAll(p *orgledger.Plan) resolved {
	all := make([]int, len(p.Changes))
	for i := range all {
		all[i] = i
	}
	return s.resolve(p, all)
}

// resolveFor is resolveAll for a caller who named the plan and may see it: what is told of it
// names it as namedFor does.
func (s *Service) resolveFor(c Caller, p *orgledger.Plan) resolved {
	r := s.resolveAll(p)
	r.named = namedFor(c.Name, p)
	return r
}

// namedFor names the plan to who, one who may see it: by its name alone to its owner, for
// whom that name always names it (get looks for the caller's own plan first), and as they
// type it; as NAME@OWNER to anyone else (one it is shared with, an admin), who may see several
// plans of that name. Who may see it knows its owner already (plan show says it).
func namedFor(who string, p *orgledger.Plan) string {
	if who == p.Owner {
		return p.Name
	}
	return p.Ref()
}

// resolve builds the changeset of the plan's changes listed in only. Waiting changes come after
// the others, so that on a shared day the leaving comes first. The plan is named NAME@OWNER,
// as it is to whoever writes to the ledger (an admin, who sees every plan): what a leaving
// releases, and an apply.
func (s *Service) resolve(p *orgledger.Plan, only []int) resolved {
	r := resolved{cs: &orgledger.Changeset{File: "plan " + p.Ref(), Effective: p.Effective}, named: p.Ref()}
	var later []int
	for _, i := range only {
		ch := p.Changes[i]
		if ch.When == nil {
			r.add(i, ch, 0)
		} else {
			later = append(later, i)
		}
	}
	leaving := s.leavingDays(p)
	for _, i := range later {
		ch := p.Changes[i]
		if day := leaving(ch.When.Leaves); day != 0 {
			r.add(i, ch, day)
		} else {
			r.waiting = append(r.waiting, i)
		}
	}
	return r
}

// releaseNote is the note a change is recorded with: its own, or, for one that waited for a
// leaving, what it waited for.
func releaseNote(ch orgledger.Change) string {
	if ch.When != nil && ch.Note == "" {
		return releasedPrefix + ch.When.Leaves + releasedSuffix
	}
	return ch.Note
}

const releasedPrefix, releasedSuffix = "took effect when ", " left"

// releasedWhen returns the person a note releaseNote wrote names as the one whose leaving the
// change waited for.
func releasedWhen(note string) (person string, ok bool) {
	rest, ok := strings.CutPrefix(note, releasedPrefix)
	if !ok {
		return "", false
	}
	person, ok = strings.CutSuffix(rest, releasedSuffix)
	return person, ok && person != "" && !strings.Contains(person, " ")
}

// add adds the plan's change i. Its lines are dropped: they are lines of the plan as stored, not of
// any file its author wrote, and the change's number in the plan is what plan show lists.
func (r *resolved) add(i int, ch orgledger.Change, day orgledger.Date) {
	ch.Line, ch.FieldLines = 0, nil
	ch.Note, ch.When = releaseNote(ch), nil
	if day != 0 {
		ch.Effective = day
	}
	r.cs.Changes = append(r.cs.Changes, ch)
	r.index = append(r.index, i)
}

// leavingDays returns the day each person leaves, for one plan: in the plan, else as recorded in
// the ledger; zero when neither says. A plan's own leaving counts until it is applied: then it
// is the ledger's, which may have retracted it since. The plan's own leavings are read in one
// pass and each person's in the ledger looked up once: asked of a plan's changes one by one,
// the plan and the ledger were read again for each (found by a review: plan list and show of a
// draft of 40,000 changes waiting took seconds).
func (s *Service) leavingDays(p *orgledger.Plan) func(person string) orgledger.Date {
	own := map[string]orgledger.Date{}
	if p.Status != orgledger.PlanApplied && p.Status != orgledger.PlanDropped {
		for _, ch := range p.Changes {
			if l, ok := ch.Op.(*orgledger.Leave); ok && ch.When == nil && own[l.Person] == 0 {
				own[l.Person] = cmp.Or(ch.Effective, p.Effective)
			}
		}
	}
	known := map[string]orgledger.Date{}
	return func(person string) orgledger.Date {
		if day, ok := own[person]; ok {
			return day
		}
		day, ok := known[person]
		if !ok {
			day = ledgerLeaving(s.Ledger, person)
			known[person] = day
		}
		return day
	}
}

// ledgerLeaving returns the day the ledger records a person's leaving, or zero.
func ledgerLeaving(l *ledger.Ledger, person string) orgledger.Date {
	rec, ok := l.Record(person)
	if !ok || rec.Kind != "person" {
		return 0
	}
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbLeave && !e.Retracted && len(e.IDs) > 0 && e.IDs[0] == person {
			return e.Effective
		}
	}
	return 0
}

// inPlan returns the ledger's refusal of r with its problems placed in the plan (problems):
// numbered as plan show numbers the plan's changes, not as r's changeset, which holds only
// some of them, numbers its own. Any other error is returned as it is.
func (r resolved) inPlan(err error) error {
	var e *orgledger.Error
	if !errors.As(err, &e) || len(e.Problems) == 0 {
		return err
	}
	return orgledger.WithCause(&orgledger.Error{Code: e.Code, Message: e.Message, Problems: r.problems(err)}, err)
}

// problems maps the ledger's problems with the changeset back to the plan's changes, each
// placed in the plan as it is named (r.named).
func (r resolved) problems(err error) []orgledger.Problem {
	ps := orgledger.ErrorProblems(err)
	out := make([]orgledger.Problem, len(ps))
	for i, p := range ps {
		if p.Change > 0 && p.Change <= len(r.index) {
			p.Change = r.index[p.Change-1] + 1
		}
		if p.File == r.cs.File {
			p.File = "plan " + r.named
		}
		out[i] = p
	}
	return out
}

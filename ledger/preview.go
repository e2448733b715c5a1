package ledger

import (
	"github.com/orgledger/orgledger"
)

// Preview is the org with a changeset that is validated but not recorded: a dry run that can
// be questioned like the ledger. It lives only inside the function given to Ledger.Preview,
// which holds the ledger's read lock so that no commit changes the index under it.
type Preview struct {
	l      *Ledger
	s      *state
	Commit *orgledger.Commit
}

// Preview validates cs as Apply would and, when it is accepted, calls fn with the org as it
// would be. A refused changeset returns the refusal and fn is not called.
func (l *Ledger) Preview(cs *orgledger.Changeset, opt ApplyOptions, fn func(*Preview) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	c, s, err := l.prepare(cs, opt)
	if err != nil {
		return err
	}
	return fn(&Preview{l: l, s: s, Commit: c})
}

// Draft is Preview for a changeset built in steps: each change is checked at its own place,
// but the existing events after it are not checked again, since a later step may add what
// they need. Only Apply (or Preview) of the finished changeset says whether it stands.
func (l *Ledger) Draft(cs *orgledger.Changeset, opt ApplyOptions, fn func(*Preview) error) error {
	opt.draft = true
	return l.Preview(cs, opt, fn)
}

// Without returns the org as the ledger has it, without the changeset: for questions about
// the ledger asked inside the preview, which holds the ledger's lock already.
func (p *Preview) Without() *Preview { return &Preview{l: p.l, s: &state{index: p.s.index}} }

// Unchanged returns, for a plan's changeset, why each of its changes that finds the org
// already so at its place changes nothing, by the change's index: recorded, it would put in the
// history a change that never was (a changeset someone wrote is refused for it).
func (p *Preview) Unchanged() map[int]string {
	if p.s.ov == nil {
		return nil
	}
	return p.s.ov.unchanged
}

// view returns the preview's view for q.
func (p *Preview) view(q Query) view { return p.l.viewOf(p.s, q) }

// Employees returns the active people on the query's date, with the changeset.
func (p *Preview) Employees(q Query) []orgledger.Employee { return employees(p.view(q), nil) }

// Units returns the open units on the query's date, with the changeset.
func (p *Preview) Units(q Query) []orgledger.UnitInfo { return openUnits(p.view(q)) }

// OpenUnits is Ledger.OpenUnits with the changeset.
func (p *Preview) OpenUnits(q Query) []OpenUnit { return openUnitNames(p.view(q)) }

// Show returns the person, position or unit id on the query's date, with the changeset.
func (p *Preview) Show(id string, q Query) (any, error) { return show(p.view(q), id, q) }

// Record returns what the ledger with the changeset knows of id.
func (p *Preview) Record(id string) (Record, bool) { return record(p.s, id) }

// Chart returns the chart on the query's date, with the changeset.
func (p *Preview) Chart(q Query, opt ChartOptions) ([]orgledger.ChartNode, error) {
	v := p.view(q)
	roots, err := chartRoots(v, opt.Root, q)
	if err != nil {
		return nil, err
	}
	return chartNodes(v, roots, opt.Depth), nil
}

// Diff compares the org without the changeset with the org with it, on date d.
func (p *Preview) Diff(d orgledger.Date) orgledger.Diff {
	without := view{s: &state{index: p.s.index}, at: dayEnd(int32(d)), known: ^uint32(0)}
	with := view{s: p.s, at: dayEnd(int32(d)), known: ^uint32(0)}
	return diffViews(without, with)
}

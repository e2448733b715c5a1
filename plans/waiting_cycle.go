package plans

import (
	"fmt"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// A change that waits for a leaving draws its solid line only once the leaving is recorded, so
// the preview of a plan, which records the others, does not see it: a line it draws that
// closes a cycle with another plan's (two plans valid alone that make a cycle together,
// PRODUCT.md), or with the ledger's, was applied, and the ledger refused the release when the
// leaving came (found by QA). So the lines of a plan being applied or checked are drawn here
// on the ledger's as they will stand, with the lines of other plans' changes that wait for a
// leaving (waitingElsewhere), and a line that closes a cycle is a clash (lineCycles says on
// which day). Days are not compared, as for the other clashes: a waiting change takes effect
// on the day of a leaving not recorded yet. A cycle the plan's own changes that do not wait
// make with the ledger is the preview's to refuse, and is not told twice.

// solidLine returns the position whose solid line a change draws, and where it goes.
func solidLine(op orgledger.Op) (position, to string, ok bool) {
	switch o := op.(type) {
	case *orgledger.Report:
		return o.Position, o.To, true
	case *orgledger.CreatePosition:
		return o.ID, o.ReportsTo, o.ReportsTo != ""
	}
	return "", "", false
}

// lineCycles names each change of the plan whose solid line closes a cycle, with the lines
// the plan's other changes draw, those the changes of other plans that wait for a leaving
// draw, and the ledger's: where it waits for a leaving, or where one of the others' is on the
// way. The lines are those once every leaving has come, and all the ledger holds has taken
// effect: the ledger's on its last day, then the plan's that do not wait, then those that
// wait, each in place of the line it moves (a plan may move a position now and again once
// someone leaves). Of the states on the way, with some leavings
// come and others not, none is looked at: two lines of one position waiting for two leavings
// are not told apart.
func (s *Service) lineCycles(p *orgledger.Plan, waiting []waitingChange) []orgledger.Problem {
	lines, waits := map[string]drawnLine{}, false
	draw := func(op orgledger.Op, by *waitingChange, waiting bool) {
		if pos, to, ok := solidLine(op); ok {
			lines[pos], waits = drawnLine{to: to, by: by}, waits || waiting
		}
	}
	for _, ch := range p.Changes {
		if ch.When == nil {
			draw(ch.Op, nil, false)
		}
	}
	for _, w := range waiting {
		draw(w.plan.Changes[w.change].Op, &w, true)
	}
	for _, ch := range p.Changes {
		if ch.When != nil {
			draw(ch.Op, nil, true)
		}
	}
	if !waits {
		return nil // the preview sees every line: none waits
	}
	_, last, _ := s.Ledger.EffectiveSpan(0) // the ledger's lines once all it holds has taken effect
	day := max(p.Effective, s.Ledger.Today(), last)
	var out []orgledger.Problem
	for i, ch := range p.Changes {
		pos, to, ok := solidLine(ch.Op)
		if !ok {
			continue
		}
		path, via := s.lineUp(pos, to, lines, day)
		if path != nil && (ch.When != nil || via != nil) {
			out = append(out, cycleClash(i, ch, path, via))
		}
	}
	return out
}

// drawnLine is a solid line a plan draws, and the other plan's change that waits to draw it.
type drawnLine struct {
	to string
	by *waitingChange // nil for the plan's own
}

// lineUp follows the solid lines up from to, the line drawn from pos, and returns the
// positions of the cycle back to pos, with the first change of another plan on the way; nil
// when the lines reach the top.
func (s *Service) lineUp(pos, to string, lines map[string]drawnLine, day orgledger.Date) ([]string, *waitingChange) {
	path, seen := []string{pos}, map[string]bool{pos: true}
	var via *waitingChange
	for at := to; at != ""; {
		path = append(path, at)
		if at == pos {
			return path, via
		}
		if seen[at] {
			return nil, nil // a cycle above, not through pos: another change's to tell
		}
		seen[at] = true
		l, drawn := lines[at]
		if !drawn {
			at = s.reportsTo(at, day)
			continue
		}
		if via == nil {
			via = l.by
		}
		at = l.to
	}
	return nil, nil
}

// reportsTo returns the position a position's solid line goes to in the ledger on day, "" for
// none.
func (s *Service) reportsTo(pos string, day orgledger.Date) string {
	info, err := s.Ledger.Show(pos, ledger.Query{At: day})
	if p, ok := info.(*orgledger.PositionInfo); err == nil && ok && p.ReportsTo != nil {
		return p.ReportsTo.ID
	}
	return ""
}

// cycleClash is the problem of change i of a plan whose solid line closes the cycle of path,
// through via, a change of another plan that waits for a leaving, or, nil, through the
// ledger's lines once change i is released.
func cycleClash(i int, ch orgledger.Change, path []string, via *waitingChange) orgledger.Problem {
	why := "with the solid lines as they stand"
	switch {
	case via != nil:
		vc := via.plan.Changes[via.change]
		why = fmt.Sprintf("with change %d of plan %s (%s), %s, which draws its line once %s leaves", via.change+1, via.plan.Ref(),
			ledger.Summary(&orgledger.Event{Op: vc.Op}), via.plan.Status, vc.When.Leaves)
	case ch.When != nil:
		why = "once " + ch.When.Leaves + " leaves, " + why
	}
	return orgledger.Problem{Change: i + 1, Verb: string(ch.Op.Verb()),
		Reason: fmt.Sprintf("solid lines would make a cycle, %s: %s", why, orgledger.JoinPath(path))}
}

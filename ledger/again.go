package ledger

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// checkAgain checks, against the org with the changeset, every existing event that comes after
// a change of the changeset in effective order and touches a record that change touched: a
// backdated change or a retraction must not break what was recorded after it.
func (p *pending) checkAgain() {
	var later []uint32
	mended := p.refusedRetractions()
	for r, from := range p.from {
		for _, seq := range p.s.eventsOf(r) {
			if seq > p.base {
				break
			}
			m := p.s.ev(seq)
			if m.gone == 0 && orgledger.Verbs[m.verb] != orgledger.VerbRetract && from.less(point{m.day, seq}) && !mended[seq] {
				later = append(later, seq)
			}
		}
	}
	slices.Sort(later)
	later = slices.Compact(later)
	var fault ref
	c := checker{s: p.s, again: true, fault: &fault}
	broken := 0
	for _, seq := range later {
		fault = ref{}
		m := p.s.ev(seq)
		if reason := c.check(m, seq); reason != "" {
			if broken++; broken <= maxBreaks {
				p.problem = append(p.problem, p.breaks(p.culprit(m, seq, fault), m, seq, reason))
			}
		}
	}
	if broken > maxBreaks {
		p.problem = append(p.problem, orgledger.Problem{File: p.cs.File,
			Reason: fmt.Sprintf("the changeset would break %d later events in all; the first %d are above", broken, maxBreaks)})
	}
}

// maxBreaks is how many of the later events a changeset would break are told one by one.
const maxBreaks = 20

// breaks is the problem of change idx breaking event seq, which m describes.
func (p *pending) breaks(idx int, m evMeta, seq uint32, reason string) orgledger.Problem {
	return p.breaking(idx, seq, fmt.Sprintf("%s, effective %s", describe(p.s, m, seq), orgledger.Date(m.day)), reason)
}

// breaking is the problem of change idx breaking event seq, which what describes, for reason:
// it names the event, for whoever would retract it first.
func (p *pending) breaking(idx int, seq uint32, what, reason string) orgledger.Problem {
	pr := p.blame(idx, fmt.Sprintf("this would break event %d (%s): %s", seq, what, reason))
	pr.Breaks = int64(seq)
	return pr
}

// refusedRetractions returns the events the changeset's refused retractions name: mended,
// they take those back, so what the other changes would break of them is not told.
func (p *pending) refusedRetractions() map[uint32]bool {
	out := map[uint32]bool{}
	for _, pr := range p.problem {
		if pr.Change < 1 || pr.Change > len(p.cs.Changes) {
			continue
		}
		if r, ok := p.cs.Changes[pr.Change-1].Op.(*orgledger.Retract); ok && r.Event > 0 && r.Event <= math.MaxUint32 {
			out[uint32(r.Event)] = true
		}
	}
	return out
}

// culprit returns the change of the changeset that event seq, which it breaks, most likely
// breaks on. Where the check named the record whose state refused the event (fault: a person
// no longer active), the changes that touch that record are the suspects; otherwise those
// that touch any of the event's records. Of the suspects before the event in effective order,
// it is the one that touches the most of the event's records (a retraction of cy's assignment
// to eng, for a later unassignment of cy from eng, over an update of cy), and of those the
// nearest to it (a leaving after an update of the same person); else the first suspect; else
// the first change.
func (p *pending) culprit(m evMeta, seq uint32, fault ref) int {
	mine := touched(p.s, m, seq)
	faulted := fault != (ref{}) && p.touches(fault)
	first, best, bestShared, bestAt := -1, -1, 0, point{}
	for i := range p.metas {
		records, at := p.touchedBy(i)
		shared := 0
		for _, r := range records {
			if slices.Contains(mine, r) {
				shared++
			}
		}
		if shared == 0 || faulted && !slices.Contains(records, fault) {
			continue
		}
		if first < 0 {
			first = i
		}
		if at.less(point{m.day, seq}) && (best < 0 || shared > bestShared || shared == bestShared && bestAt.less(at)) {
			best, bestShared, bestAt = i, shared, at
		}
	}
	switch {
	case best >= 0:
		return p.changes[best]
	case first >= 0:
		return p.changes[first]
	}
	return p.order[0]
}

// touches reports whether a change of the changeset touches record r (a retraction, the
// records of the event it takes back).
func (p *pending) touches(r ref) bool {
	for i := range p.metas {
		if records, _ := p.touchedBy(i); slices.Contains(records, r) {
			return true
		}
	}
	return false
}

// touchedBy returns the records the changeset's i-th event touches and its place in effective
// order (see actsOn).
func (p *pending) touchedBy(i int) ([]ref, point) {
	if p.touched == nil {
		p.touched = make([]touchedRecords, len(p.metas))
	}
	if t := &p.touched[i]; !t.found {
		_, t.records, t.at = actsOn(p.s, p.metas[i], uint32(p.events[i].Seq))
		t.found = true
	}
	return p.touched[i].records, p.touched[i].at
}

// actsOn returns the event a change acts on (itself, or for a retraction the event it takes
// back), the records that moves and its place in effective order. A retraction moves the
// records of the event it takes back and what they hang from once it is taken back (reverted):
// taking back a solid line's move puts the position back under its old manager.
func actsOn(s *state, m evMeta, seq uint32) (evMeta, []ref, point) {
	if orgledger.Verbs[m.verb] != orgledger.VerbRetract {
		return m, touched(s, m, seq), point{m.day, seq}
	}
	tseq := uint32(m.a)
	tm := s.ev(tseq)
	rs := touched(s, tm, tseq)
	return tm, append(rs, reverted(s, rs, point{tm.day, tseq + 1})...), point{tm.day, tseq}
}

// checkCycles checks every existing solid line and unit parent set after the first one the
// changeset moves: a cycle that forms at a later date always runs through the line set then.
func (p *pending) checkCycles() {
	if p.fromLine.less(p.s.maxLine) || p.fromLine == p.s.maxLine {
		if pr, found := p.scanLines(); found {
			p.problem = append(p.problem, pr)
			return
		}
	}
	if p.fromUnits.less(p.s.maxParent) || p.fromUnits == p.s.maxParent {
		if pr, found := p.scanParents(); found {
			p.problem = append(p.problem, pr)
		}
	}
}

func (p *pending) scanLines() (orgledger.Problem, bool) {
	for i := range p.s.countPositions() {
		rec := p.s.position(i)
		for _, e := range rec.reportsTo {
			if e.seq > p.base || e.gone != 0 || p.s.ev(e.seq).gone != 0 || e.val == none || !p.fromLine.less(point{e.day, e.seq}) {
				continue
			}
			v := view{s: p.s, at: point{e.day, e.seq}, known: ^uint32(0)}
			if !v.posOpen(i) {
				continue
			}
			if reason := (checker{s: p.s}).lineCycle(v, i, e.val); reason != "" {
				return p.breaksCycle(p.lineBy, e.seq, e.day, reason), true
			}
		}
	}
	return orgledger.Problem{}, false
}

func (p *pending) scanParents() (orgledger.Problem, bool) {
	for i := range p.s.countUnits() {
		rec := p.s.unit(i)
		for _, e := range rec.parent {
			if e.seq > p.base || e.gone != 0 || p.s.ev(e.seq).gone != 0 || e.val == none || !p.fromUnits.less(point{e.day, e.seq}) {
				continue
			}
			v := view{s: p.s, at: point{e.day, e.seq}, known: ^uint32(0)}
			if !v.unitOpen(i) {
				continue
			}
			if reason := (checker{s: p.s}).unitCycle(v, i, e.val); reason != "" {
				return p.breaksCycle(p.unitBy, e.seq, e.day, reason), true
			}
		}
	}
	return orgledger.Problem{}, false
}

// breaksCycle is the problem of change idx closing a cycle through the solid line or unit
// parent that event seq, effective on day, set.
func (p *pending) breaksCycle(idx int, seq uint32, day int32, reason string) orgledger.Problem {
	return p.breaking(idx, seq, "effective "+orgledger.Date(day).String(), reason)
}

// eventsOf returns the events touching a record.
func (s *state) eventsOf(r ref) seqs {
	switch r.kind {
	case kindPerson:
		return s.person(r.idx).events
	case kindUnit:
		return s.unit(r.idx).events
	}
	return s.position(r.idx).events
}

// describe summarizes a compact event for messages: its verb and the ids it names; for a
// merge, the units it merges and the one they merge into, not what it moves.
func describe(s *state, m evMeta, seq uint32) string {
	if me := s.merge(seq); orgledger.Verbs[m.verb] == orgledger.VerbMergeUnits && me != nil {
		var units []string
		for _, u := range me.units {
			units = append(units, s.unit(u).id)
		}
		return fmt.Sprintf("merge-units %s into %s", strings.Join(units, ", "), s.unit(m.a).id)
	}
	var names []string
	for _, r := range touched(s, m, seq) {
		names = append(names, idOf(s, r))
		if len(names) == 3 {
			break
		}
	}
	out := string(orgledger.Verbs[m.verb])
	for _, n := range names {
		out += " " + n
	}
	return out
}

func idOf(s *state, r ref) string {
	switch r.kind {
	case kindPerson:
		return s.person(r.idx).id
	case kindUnit:
		return s.unit(r.idx).id
	}
	return s.position(r.idx).id
}

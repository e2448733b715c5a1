package ledger

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
)

// pending is a changeset being validated: its changes in the order they are applied, each with
// the event it becomes.
type pending struct {
	cs      *orgledger.Changeset
	s       *state // the overlay holding the changeset
	base    uint32 // the head of the ledger it is validated against
	order   []int  // indexes into cs.Changes, in seq order
	events  []orgledger.Event
	metas   []evMeta
	changes []int // the change (its index in cs.Changes) each event stands for; order has the refused too
	problem []orgledger.Problem
	// Where the changeset starts to change each record, reporting lines and unit parents: the
	// existing events after those points are checked again.
	from      map[ref]point
	fromLine  point
	fromUnits point
	lineBy    int // the first change (its index in the file) that moved a solid line, for blame
	unitBy    int
	// adding is the change add resolves, and unknownHint, made once, tells of an id it finds
	// unknown: that a later change creates it (createdLater), or the id it likely misspells;
	// one hint for every change, not a closure made for each.
	adding      int
	unknownHint func(k kind, id string) string
	// touched is what each event of the changeset touches (touchedBy), found once it is asked
	// for: blame asks of every event for each problem, once the overlay holds them all.
	touched []touchedRecords
	// byHand is set for a changeset someone wrote, not one a plan or an import worked out from
	// the ledger, plan for a plan's: their changes that change nothing are noted in the overlay
	// (unchanged), for Result.Unchanged and plan check to warn of; a changeset someone wrote
	// whose every change changes nothing is refused (nothingChanged).
	byHand, plan bool
}

// touchedRecords is what touchedBy found of one event of the changeset.
type touchedRecords struct {
	records []ref
	at      point
	found   bool
}

// prepare validates a changeset against the index and returns the commit it would record,
// with the overlay state holding it. A refused changeset returns an EINVALID *orgledger.Error
// listing every problem found.
func prepare(x *index, cs *orgledger.Changeset, recorded time.Time, actor string, opt ApplyOptions) (*orgledger.Commit, *state, error) {
	p := &pending{cs: cs, s: overlaid(x, len(cs.Changes)), base: x.head(), from: make(map[ref]point),
		fromLine: maxPoint, fromUnits: maxPoint, lineBy: -1, unitBy: -1, byHand: opt.byHand(), plan: opt.Plan != ""}
	p.unknownHint = p.hintUnknown
	p.checkFields(opt.Import != 0)
	if len(p.problem) > 0 {
		p.checkRest()
		p.checkLater(opt)
		return nil, nil, orgledger.Refused(refusal(cs), p.problem)
	}
	p.order = make([]int, len(cs.Changes))
	for i := range p.order {
		p.order[i] = i
	}
	p.sortChanges()
	p.events, p.metas, p.changes = make([]orgledger.Event, 0, len(p.order)), make([]evMeta, 0, len(p.order)), make([]int, 0, len(p.order))
	for i, idx := range p.order {
		p.add(idx, p.base+uint32(i)+1)
		if opt.Progress != nil && (i%4096 == 4095 || i == len(p.order)-1) {
			opt.Progress(i+1, len(p.order))
		}
	}
	p.checkLater(opt)
	if len(p.problem) == 0 && p.byHand {
		p.nothingChanged()
	}
	if len(p.problem) > 0 {
		return nil, nil, orgledger.Refused(refusal(cs), p.problem)
	}
	actor = strings.ToValidUTF8(actor, "\uFFFD") // a $USER or a file's name may be any bytes; stores keep text
	c := &orgledger.Commit{ID: int64(len(x.commits)) + 1, Recorded: recorded, Actor: actor,
		Source: cs.Source, Note: cs.Note, Plan: opt.Plan, Import: opt.Import, File: strings.ToValidUTF8(cs.File, "\uFFFD"),
		First: int64(p.base) + 1, Events: p.events}
	for i := range c.Events {
		e := &c.Events[i]
		e.Commit, e.Recorded, e.Actor, e.Plan, e.Import = c.ID, recorded, actor, opt.Plan, opt.Import
	}
	return c, p.s, nil
}

// checkLater checks the events recorded before the changeset and effective after its changes
// against the org with those of its changes that were not refused, then the solid lines and
// unit parents those events set for cycles; a draft is not checked so. It runs whether or not
// a change was refused already, so that one refusal lists what a change would break beside
// what another is refused for alone, not in a second round.
func (p *pending) checkLater(opt ApplyOptions) {
	if opt.draft {
		return
	}
	told := len(p.problem)
	if p.checkAgain(); len(p.problem) == told { // a cycle checkAgain found is not told twice
		p.checkCycles()
	}
}

var maxPoint = point{math.MaxInt32, math.MaxUint32}

func refusal(cs *orgledger.Changeset) string {
	if cs.File != "" {
		return fmt.Sprintf("%s: changeset refused; none of it was written", cs.File)
	}
	return "changeset refused; none of it was written"
}

// blame returns a problem placed at change idx.
func (p *pending) blame(idx int, reason string) orgledger.Problem {
	return p.blameField(idx, "", reason)
}

// blameField is blame of a problem with a field of the change (an id it names that is
// unknown): the problem names the field, and the field's line where the file gave it.
func (p *pending) blameField(idx int, field, reason string) orgledger.Problem {
	return blameChange(p.cs, idx, field, reason)
}

// blameChange returns a problem placed at change idx of cs, and at its field where given.
func blameChange(cs *orgledger.Changeset, idx int, field, reason string) orgledger.Problem {
	ch := cs.Changes[idx]
	pr := orgledger.Problem{File: cs.File, Line: ch.FieldLine(field), Change: idx + 1, Field: field, Reason: reason}
	if ch.Op != nil {
		pr.Verb = string(ch.Op.Verb())
	}
	return pr
}

// CheckAlone returns the refusal the ledger would give the changeset whatever the org it is
// applied to, for what its changes are alone (their fields, an effective date to take effect
// on: checkFields), or nil. A command applying several files asks it of each before it
// applies the first, so that one refused for what it is alone writes nothing of those before
// it, as one that cannot be read does not.
func CheckAlone(cs *orgledger.Changeset) error {
	p := &pending{cs: cs}
	if p.checkFields(false); len(p.problem) > 0 {
		return orgledger.Refused(refusal(cs), p.problem)
	}
	return nil
}

// checkFields checks each change alone: fields, and an effective date to take effect on.
func (p *pending) checkFields(mayBeEmpty bool) {
	if len(p.cs.Changes) == 0 && !mayBeEmpty {
		p.problem = append(p.problem, orgledger.Problem{File: p.cs.File, Reason: "the changeset has no changes"})
	}
	if pr := orgledger.CheckProvenance(p.cs.Source, p.cs.Note); pr != nil {
		p.problem = append(p.problem, orgledger.Problem{File: p.cs.File, Line: p.cs.FieldLine(pr.Field), Field: pr.Field, Reason: pr.Reason})
	}
	for i, ch := range p.cs.Changes {
		if ch.Op == nil {
			p.problem = append(p.problem, p.blame(i, "the change has no verb"))
			continue
		}
		for _, pr := range ch.Check() {
			p.problem = append(p.problem, p.blameField(i, pr.Field, pr.Reason))
		}
		if ch.When != nil {
			b := p.blame(i, "when: only a change in a plan may wait for an event; add it to a plan")
			b.Line = ch.FieldLine("when")
			p.problem = append(p.problem, b)
		}
		if p.effective(i) == 0 && ch.Op.Verb() != orgledger.VerbRetract {
			p.problem = append(p.problem, p.blame(i, "no effective date: give the changeset or the change an effective: YYYY-MM-DD"))
		}
	}
}

func (p *pending) effective(i int) orgledger.Date {
	if d := p.cs.Changes[i].Effective; d != 0 {
		return d
	}
	return p.cs.Effective
}

// sortChanges puts the changes of p.order (in the file's order) retractions first, then in
// effective order, keeping the file's order within a day: the order in which they are
// numbered, checked and replayed.
func (p *pending) sortChanges() {
	isRetract := func(i int) int {
		if p.cs.Changes[i].Op.Verb() == orgledger.VerbRetract {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(p.order, func(a, b int) int {
		if c := cmp.Compare(isRetract(a), isRetract(b)); c != 0 || isRetract(a) == 0 {
			return c // retractions keep the file's order
		}
		return cmp.Compare(p.effective(a), p.effective(b))
	})
}

// add resolves, checks and applies one change as event seq.
func (p *pending) add(idx int, seq uint32) {
	ch := p.cs.Changes[idx]
	p.adding = idx
	m, merged, fails := resolveAll(p.s, ch.Op, p.unknownHint)
	reason, field := "", ""
	if len(fails) > 0 {
		reason, field = fails[0].reason, fails[0].field
	}
	m.day, m.commit = int32(p.effective(idx)), uint32(len(p.s.commits))
	if reason == "" && ch.Op.Verb() == orgledger.VerbRetract {
		m.day = p.s.ev(uint32(m.a)).day // a retraction takes effect where its event did
	}
	if reason == "" && ch.Op.Verb() == orgledger.VerbMergeUnits {
		p.s.ov.merges[seq] = &mergeEffects{units: merged}
	}
	if reason == "" {
		if reason = (checker{s: p.s}).check(m, seq); reason != "" && makesCycle(p.s, m, seq) {
			reason += p.hintCycle(idx)
		}
	}
	if reason == "" && (p.byHand || p.plan) {
		if same := unchanged(view{s: p.s, at: point{m.day, seq}, known: math.MaxUint32}, m, ch.Op); same != "" {
			p.s.ov.unchanged[idx] = same
		}
	}
	if reason != "" {
		p.problem = append(p.problem, p.blameField(idx, field, reason))
		for _, f := range fails[min(1, len(fails)):] { // each other id the change names that is not there
			p.problem = append(p.problem, p.blameField(idx, f.field, f.reason))
		}
		p.s.appendEv(evMeta{day: m.day, verb: m.verb, a: none, b: none, c: none})
		return
	}
	ev := orgledger.Event{Seq: int64(seq), Effective: orgledger.Date(m.day), Op: ch.Op,
		Source: cmp.Or(ch.Source, p.cs.Source), Note: cmp.Or(ch.Note, p.cs.Note), Effects: effects(p.s, m, seq)}
	m = apply(p.s, seq, m, merged, &ev)
	p.events, p.metas, p.changes = append(p.events, ev), append(p.metas, m), append(p.changes, idx)
	p.mark(idx, m, seq)
}

// makesCycle reports whether the event, a solid line or a unit parent moved, would make a
// cycle at its place.
func makesCycle(s *state, m evMeta, seq uint32) bool {
	c, v := checker{s: s}, view{s: s, at: point{m.day, seq}, known: math.MaxUint32}
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbReport:
		return c.lineCycle(v, m.a, m.b) != ""
	case orgledger.VerbMoveUnit:
		return c.unitCycle(v, m.a, m.b) != ""
	}
	return false
}

// hintCycle tells, of a change that would make a cycle, that the changes of a changeset are
// checked in turn, when a change of the same verb comes after it on its date: a swap of a
// manager and a report, written report first, meets the cycle its second change undoes.
func (p *pending) hintCycle(idx int) string {
	verb, day := p.cs.Changes[idx].Op.Verb(), p.effective(idx)
	for _, j := range p.order[slices.Index(p.order, idx)+1:] {
		if p.effective(j) != day {
			break // p.order is in effective order
		}
		if p.cs.Changes[j].Op.Verb() == verb {
			return "; the changes of a changeset are checked in turn (on a date, in the file's order): if a later one breaks this cycle, put it first"
		}
	}
	return ""
}

// hintUnknown tells of an unknown id of kind k: that a later change creates it, or the id of
// that kind it likely misspells. Whoever writes a changeset may read every record.
func (p *pending) hintUnknown(k kind, id string) string {
	if later := p.createdLater(p.adding, id); later != "" {
		return later
	}
	return didYouMean(id, func(c string) bool {
		r, ok := p.s.lookup(c)
		return ok && r.kind == k && p.s.createdVisible(r)
	})
}

// createdLater says, of an id change idx finds unknown, that a change of the changeset creates
// it at a later date (changes are taken in effective order), or on the same date but further
// down the file (changes of a date are taken in the file's order), or nothing.
func (p *pending) createdLater(idx int, id string) string {
	for i, ch := range p.cs.Changes {
		var made string
		switch op := ch.Op.(type) {
		case *orgledger.Hire:
			made = op.ID
		case *orgledger.CreateUnit:
			made = op.ID
		case *orgledger.CreatePosition:
			made = op.ID
		}
		switch {
		case made != id:
		case p.effective(i) > p.effective(idx): // named by verb: plans number changes otherwise
			return fmt.Sprintf(" on %s: the %s of %s comes later, on %s; changes take effect in date order, not file order",
				p.effective(idx), ch.Op.Verb(), id, p.effective(i))
		case p.effective(i) == p.effective(idx) && i > idx:
			return fmt.Sprintf(": the %s of %s comes after it among the changes of %s, which take effect in order: put it first",
				ch.Op.Verb(), id, p.effective(idx))
		}
	}
	return ""
}

// mark notes where the change starts to change records, solid lines and unit parents.
func (p *pending) mark(idx int, m evMeta, seq uint32) {
	tm, rs, at := actsOn(p.s, m, seq)
	for _, r := range rs {
		if p.isNew(r) {
			continue // a record the changeset creates has no existing events to check again
		}
		if old, ok := p.from[r]; !ok || at.less(old) {
			p.from[r] = at
		}
	}
	if movesLine(tm) && at.less(p.fromLine) {
		p.fromLine = at
		if p.lineBy < 0 {
			p.lineBy = idx
		}
	}
	if movesUnit(tm) && at.less(p.fromUnits) {
		p.fromUnits = at
		if p.unitBy < 0 {
			p.unitBy = idx
		}
	}
}

// reverted lists what the records of a retracted event hang from once it is retracted: the
// unit and solid line of a position, the parent of a unit, the positions a person holds. A
// retraction brings back the state before the event (a leaver's holdings, a closed position's
// place under its manager), and the later events on those records may not stand with it.
func reverted(s *state, rs []ref, at point) []ref {
	v := view{s: s, at: at, known: ^uint32(0)}
	var out []ref
	for _, r := range rs {
		switch r.kind {
		case kindPerson:
			for _, p := range s.person(r.idx).positions {
				if ok, _ := v.holds(r.idx, p); ok {
					out = append(out, ref{kindPosition, p})
				}
			}
		case kindPosition:
			out = append(out, refs(kindUnit, v.unitOf(r.idx))...)
			out = append(out, refs(kindPosition, v.reportsTo(r.idx))...)
		case kindUnit:
			out = append(out, refs(kindUnit, v.parentOf(r.idx))...)
		}
	}
	return out
}

// isNew reports whether the changeset created the record.
func (p *pending) isNew(r ref) bool {
	switch r.kind {
	case kindPerson:
		return r.idx >= int32(len(p.s.people))
	case kindUnit:
		return r.idx >= int32(len(p.s.units))
	}
	return r.idx >= int32(len(p.s.positions))
}

func (a point) less(b point) bool { return a.day < b.day || (a.day == b.day && a.seq < b.seq) }

func movesLine(m evMeta) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbReport:
		return true
	case orgledger.VerbCreatePosition:
		return m.c != none
	}
	return false
}

func movesUnit(m evMeta) bool {
	switch orgledger.Verbs[m.verb] {
	case orgledger.VerbMoveUnit, orgledger.VerbMergeUnits:
		return true
	case orgledger.VerbCreateUnit:
		return m.b != none
	}
	return false
}

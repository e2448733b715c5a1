package hris

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// ImportOptions say who imports and how.
type ImportOptions struct {
	Actor    string
	DryRun   bool
	Names    bool                  // a dry run also names the ids of its diffs (ledger.ApplyOptions.Names), for text
	Progress func(done, total int) // called while the ledger checks and records the changes
	// AllowMassLeaving records the leaving of most of the org; without it, a file that leaves
	// out more than half of the people (five or more) is refused as likely cut short.
	AllowMassLeaving bool
	// WithTakeBacks, when set, adds to the changes what a leaving they retract (a corrected
	// export's) released of plans, taken back ahead of it (plans.Service.WithTakeBacks); the
	// file is then planned on the org without it (withTakeBacks).
	WithTakeBacks func(context.Context, *orgledger.Changeset) (*orgledger.Changeset, []int, error)
	// TakeBackProblems, when set with WithTakeBacks, tells a refusal of what it made by the
	// changes it was given, a take-back refused naming the plan whose change it takes back
	// (plans.Service.TakeBackProblems).
	TakeBackProblems func(ctx context.Context, err error, made *orgledger.Changeset, origin []int) error
	// Released, when set, returns, by leaving, the standing events that the leavings among the
	// events given released of applied plans (plans.Service.ReleasesOf): what they released on
	// the date of a corrected export that keeps them does not make it planned on top
	// (keptReleases).
	Released func(ctx context.Context, events []int64) (map[int64][]int64, error)

	// planned, when set, is called between working the changes out and recording them: tests
	// record something there, as another writer could.
	planned func()
}

// Import makes the org on at equal the file: it records the differences between the org on
// that date and the file as one commit of events effective on it. When an export of a later
// date was imported already, the commit also records that date again: its imported events
// are retracted and recorded anew on top of the late export, so that the org there stays as
// its own export said, and a late export changes only the dates between; an event that would
// be recorded anew unchanged stands instead (withoutRecordedAgain). Each imported date
// after that one whose events the commit would break, or that would then export otherwise, is
// recorded again the same way.
//
// The changes are worked out from the ledger as it is, and recorded only if nothing else was
// recorded meanwhile, here or by another process; otherwise they are worked out again, so that
// a write racing with the import cannot leave the org on at other than the file says.
func Import(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, opt ImportOptions) (*ledger.Result, error) {
	for attempt := 1; ; attempt++ {
		head := l.Mark()
		kept, err := keptReleases(ctx, l, f, at, opt)
		if err != nil {
			return nil, err
		}
		run := importRun{ImportOptions: opt, beside: kept}
		cs, err := importChanges(ctx, l, f, at, run, nil)
		if moved := l.Mark(); err != nil && moved != head && attempt < maxAttempts {
			continue // what it read changed while it read: a refusal may be of a ledger half read
		} else if err != nil {
			return nil, err
		}
		if opt.planned != nil {
			opt.planned()
		}
		r, err := withTakeBacks(ctx, l, f, at, run, cs)
		if err != nil {
			return nil, err
		}
		res, err := l.Apply(ctx, r.made, ledger.ApplyOptions{Actor: opt.Actor, Import: at, DryRun: opt.DryRun, Names: opt.Names,
			Progress: opt.Progress, Unchanged: &head})
		if !errors.Is(err, ledger.ErrMoved) || attempt == maxAttempts {
			return res, opt.refusal(ctx, f, r, err)
		}
	}
}

// refusal words the ledger's refusal of what r records, as fileRefusal does: a take-back
// refused told as the taking back it is, by the change planned it stands for (the leaving's
// retraction), naming the plan whose change it takes back.
func (opt ImportOptions) refusal(ctx context.Context, f *File, r recording, err error) error {
	if err == nil || r.origin == nil || opt.TakeBackProblems == nil {
		return fileRefusal(f, r.made, err)
	}
	return fileRefusal(f, r.planned, opt.TakeBackProblems(ctx, err, r.made, r.origin))
}

// fileRefusal words the ledger's refusal of an import's changes for whoever reads the file: the
// file is refused, and each change is told by what it does, not by its number in a changeset
// no one wrote. Other errors are returned as they are.
func fileRefusal(f *File, cs *orgledger.Changeset, err error) error {
	problems := orgledger.ErrorProblems(err)
	if orgledger.ErrorCode(err) != orgledger.EINVALID || len(problems) == 0 {
		return err
	}
	out := make([]orgledger.Problem, len(problems))
	for i, p := range problems {
		if p.Change > 0 && p.Change <= len(cs.Changes) {
			ch := cs.Changes[p.Change-1]
			p.Reason = ledger.Summary(&orgledger.Event{Op: ch.Op, Effective: ch.Effective}) + ": " + p.Reason
			p.Change, p.Verb = 0, ""
		}
		out[i] = p
	}
	return orgledger.Refused(f.Name+": file refused; nothing was written", out)
}

// maxAttempts bounds how many times Import works its changes out again because the ledger
// recorded others meanwhile.
const maxAttempts = 5

// importChanges works out the changeset that makes the org on at equal the file, the later
// imported dates it changes recorded again (see Import).
//
// It is first planned on top of the org on at as the ledger has it (where an export of that
// date was imported already, the leavings it recorded of people the file lists taken back),
// the later imported dates recorded again as far as needed. It is planned once more, in place
// of what imports recorded on at and after, in two cases. A corrected export (of a date
// imported already, on which only imports recorded the events that stand once takenBack is
// recorded, but for what plans released there on the leavings the file keeps, see
// correcting) whose first plan is refused, by the planner or the ledger, or undoes what an
// import of at did: someone it hired leaves, a position or unit it opened closes, a
// department it closed opens anew. And a late export whose first plan is refused while
// exports of later dates were imported: someone of a later date stands in the way. The
// imported events of those dates are taken back (but for a leaving the corrected file keeps
// that released a plan's change, which stands with what it released, see beside.kept), the
// file recorded on the org before them and each later date recorded again as it exports now,
// what would be recorded again unchanged left standing (withoutRecordedAgain). That puts back a
// department an export cut short closed, takes back a hire exported a month early rather than
// recording them leaving, and leaves a diff from the month before that names only the rows
// that changed between the two files. The first plan stands where the second is refused;
// where a correction's first plan is refused too, the correction is refused for the problems
// of the second, the plan expected (the first would blame what the first export did). (A
// correction that only changes titles, say, keeps the first plan: planned again from the org
// before the first export, it would take back and record again whatever depends on a
// position opened anew with its new title.) The changes takenBack come first in either plan:
// take-backs of what plans released, drafted for the file to be planned on the org without it
// (withTakeBacks).
func importChanges(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, takenBack []orgledger.Change) (*orgledger.Changeset, error) {
	leavings := slices.Concat(takenBack, takeBackLeavings(l, f.Rows, at))
	run.corrects = correcting(l, at, takenBack, run.releases)
	cs, err := importPlan(ctx, l, f, at, run, leavings, false)
	// Whether the first plan is refused, by the planner or the ledger (a preview), asked at most
	// once of the two questions below.
	firstRefused := sync.OnceValue(func() bool { return err != nil || refused(l, cs, at) })
	var first []orgledger.Change
	correction := false // a corrected export, to be planned in place of the first
	switch {
	case err == nil && len(cs.Changes) == 0, err != nil && orgledger.ErrorCode(err) != orgledger.EINVALID:
		return cs, err
	case run.corrects && (err != nil || undoesImport(l, cs, at) || firstRefused()):
		first = slices.Concat(takenBack, run.kept(takeBackImports(l, at, append([]orgledger.Date{at}, importsAfter(l, at)...))))
		correction = true
	case err != nil && len(importsAfter(l, at)) > 0:
		first = slices.Concat(leavings, takeBackImports(l, at, importsAfter(l, at)))
	default:
		return cs, err
	}
	if !run.AllowMassLeaving && cutShort(l, f, at) {
		return cs, err // planned in place of the first, its leavings would be hires taken back
	}
	instead, insteadErr := importPlan(ctx, l, f, at, run, first, true)
	switch {
	case insteadErr == nil:
		return instead, nil
	case orgledger.ErrorCode(insteadErr) != orgledger.EINVALID:
		return nil, insteadErr
	case correction && len(takenBack) == 0 && firstRefused():
		// Neither plan holds: the correction is refused for why it cannot be recorded in place of
		// the first, as expected, not for why it cannot be on top of it, which would blame what
		// the first export did (a hire it listed early that a later export lists). Planned on
		// take-backs, it is withTakeBacks that tells a refusal, naming the plans.
		return nil, fileRefusal(f, instead, insteadErr)
	}
	return cs, err
}

// cutShort reports whether the file leaves out most of the people in the org on at (see
// massLeaving): planned again in place of what imports recorded, those people would not leave
// but have their hires taken back, and the guard against an export cut short must hold all
// the same.
func cutShort(l *ledger.Ledger, f *File, at orgledger.Date) bool {
	people := l.Employees(ledger.Query{At: at})
	inFile := make(map[string]bool, len(f.Rows))
	for _, r := range f.Rows {
		inFile[r.ID] = true
	}
	gone := 0
	for _, e := range people {
		if !inFile[e.ID] {
			gone++
		}
	}
	return massLeaving(gone, len(people))
}

// refused reports whether the ledger would refuse cs, as an import of at.
func refused(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date) bool {
	err := l.Preview(cs, ledger.ApplyOptions{Import: at}, func(*ledger.Preview) error { return nil })
	return orgledger.ErrorCode(err) == orgledger.EINVALID
}

// undoesImport reports whether cs takes away what an import of at recorded on at: someone it
// hired leaving, a position or a unit it opened closing, a department it closed opened anew,
// a position given to someone whose own an import closed on at, when they gave it up.
func undoesImport(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date) bool {
	var closed map[string]bool // the names of the units imports closed on at
	for _, c := range cs.Changes {
		if effectiveOf(cs, c) != at {
			continue // a later date recorded again: what it does there is that date's
		}
		var id string
		var opened orgledger.Verb
		switch op := c.Op.(type) {
		case *orgledger.Assign:
			if gaveUpOn(l, op.Person, at) {
				return true
			}
			continue
		case *orgledger.Leave:
			id, opened = op.Person, orgledger.VerbHire
		case *orgledger.ClosePosition:
			id, opened = op.Position, orgledger.VerbCreatePosition
		case *orgledger.CloseUnit:
			id, opened = op.Unit, orgledger.VerbCreateUnit
		case *orgledger.CreateUnit:
			if closed == nil {
				closed = closedOn(l, at)
			}
			if closed[op.Name] {
				return true
			}
			continue
		default:
			continue
		}
		if importRecorded(l, id, opened, at) {
			return true
		}
	}
	return false
}

// gaveUpOn reports whether an import closed on at a position of the person's own, the person
// staying: they gave it up then. A corrected export giving them a position again is recorded
// in place of the first, so that they keep the one they had (a new one would make diff name
// them across a month whose rows are the same).
func gaveUpOn(l *ledger.Ledger, person string, at orgledger.Date) bool {
	rec, ok := l.Record(person)
	if !ok || rec.Kind != "person" {
		return false
	}
	if left, gone := own(rec, orgledger.VerbLeave); gone && left.Effective <= at {
		return false
	}
	return len(closedWith(l, rec, at)) > 0
}

// closedOn returns the names, as read (asRead), of the units that imports closed on at.
func closedOn(l *ledger.Ledger, at orgledger.Date) map[string]bool {
	out := map[string]bool{}
	for _, u := range l.Units(ledger.Query{At: at - 1}) {
		if importRecorded(l, u.ID, orgledger.VerbCloseUnit, at) {
			out[asRead(u.Name)] = true
		}
	}
	return out
}

// importRecorded reports whether an import recorded the record's own event of the verb on at.
func importRecorded(l *ledger.Ledger, id string, verb orgledger.Verb, at orgledger.Date) bool {
	rec, ok := l.Record(id)
	if !ok {
		return false
	}
	e, ok := own(rec, verb)
	return ok && e.Effective == at && e.Imported
}

// correcting reports whether an export of the date was imported, and nothing but imports
// recorded the events effective on it that stand once the take-backs given retract theirs, but
// for the releases given (keptReleases): what plans released on it, taken back with the
// leaving that released it (withTakeBacks), or released by a leaving the file keeps, is no
// event by hand that the file must be planned on top of.
func correcting(l *ledger.Ledger, at orgledger.Date, takenBack []orgledger.Change, released map[int64]bool) bool {
	return slices.Contains(l.ImportDates(), at) && allExcused(l.UnimportedEvents(at), retractions(takenBack), released)
}

// takeBackImports returns the retractions of the imported events of the dates, for the export
// of at recorded in their place.
func takeBackImports(l *ledger.Ledger, at orgledger.Date, dates []orgledger.Date) []orgledger.Change {
	var out []orgledger.Change
	for _, d := range dates {
		reason := "recorded again on top of the HRIS export of " + at.String()
		if d == at {
			reason = "a corrected HRIS export of " + at.String() + " is recorded in place of the first"
		}
		for _, seq := range l.ImportedEvents(d) {
			out = append(out, orgledger.Change{Op: &orgledger.Retract{Event: seq, Reason: reason}})
		}
	}
	return out
}

// importPlan works out the changes that make the org on at equal the file, after the changes
// given first (retractions), and the later imported dates recorded again: those they change,
// or every one (all, where first takes back their imported events). Where the planner or the
// ledger refuses them, it returns the changes as far as planned with the refusal, whose
// problems name changes of them (fileRefusal words it).
func importPlan(ctx context.Context, l *ledger.Ledger, f *File, at orgledger.Date, run importRun, first []orgledger.Change, all bool) (*orgledger.Changeset, error) {
	cs := &orgledger.Changeset{File: f.Name, Effective: at, Source: "HRIS export " + f.Name + " as of " + at.String(),
		Changes: slices.Clone(first)}
	later := importsAfter(l, at)
	err := planInto(l, cs, func(o org) *planner {
		p := newPlanner(o, f.Name, at, f.Rows, columns{email: f.HasEmail, location: f.HasLocation, startDate: f.HasStartDate})
		p.laterImports, p.allowMassLeaving, p.corrects = later, run.AllowMassLeaving, run.corrects
		p.reopen(run.reopened(first))
		if !f.HasDepartment {
			p.keepDepartments()
		}
		return p
	})
	if err != nil {
		return cs, err
	}
	if len(cs.Changes) == 0 { // with no change here, the later dates stand as they are
		return cs, nil
	}
	files := make([][]orgledger.Employee, len(later)) // what each later date is to export
	for i, d := range later {
		files[i] = l.Employees(ledger.Query{At: d})
	}
	if err := asExported(l, cs, at, later, files); err != nil {
		return cs, err
	}
	switch {
	case all:
		for i, d := range later {
			if err := replan(l, cs, at, d, files[i], later[i+1:]); err != nil {
				return cs, err
			}
		}
	case len(later) > 0:
		if err := replanLater(l, cs, at, later, files); err != nil {
			return cs, err
		}
	}
	if err := keepSources(ctx, l, cs, at); err != nil {
		return cs, err
	}
	return withoutRecordedAgain(ctx, l, cs, at, later, files, run.releases)
}

// planInto plans with the planner plannerOn makes, on the ledger with cs drafted (the ledger
// itself while cs is empty), knowing the events cs retracts, and appends its changes to cs.
func planInto(l *ledger.Ledger, cs *orgledger.Changeset, plannerOn func(org) *planner) error {
	plan := func(o, before org) error {
		p := plannerOn(o)
		p.before = asReadOrg(before)
		for _, c := range cs.Changes {
			if r, ok := c.Op.(*orgledger.Retract); ok {
				p.retracted[r.Event] = true
			}
		}
		changes, err := p.plan()
		cs.Changes = append(cs.Changes, changes...)
		return err
	}
	if len(cs.Changes) == 0 {
		return plan(l, l)
	}
	return l.Draft(cs, ledger.ApplyOptions{Import: cs.Effective}, func(pv *ledger.Preview) error { return plan(pv, pv.Without()) })
}

// keepSources gives each change cs records again on a later imported date the source of that
// date's own export, which stated it: a late export recorded underneath it does not make it
// the late file's.
func keepSources(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date) error {
	sources := map[orgledger.Date]string{}
	for i, c := range cs.Changes {
		d := c.Effective
		if _, retract := c.Op.(*orgledger.Retract); retract || d == 0 || d == at || c.Source != "" {
			continue
		}
		src, known := sources[d]
		if !known {
			var err error
			if src, err = commitSource(ctx, l, l.LastImportCommit(d)); err != nil {
				return err
			}
			sources[d] = src
		}
		cs.Changes[i].Source = src
	}
	return nil
}

// commitSource returns the source of commit id, "" for none (id 0).
func commitSource(ctx context.Context, l *ledger.Ledger, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	c, err := ledger.CommitHeader(ctx, l.Store(), id)
	if c == nil {
		return "", err
	}
	return c.Source, err
}

// takeBackLeavings returns the retractions of the leavings that an earlier export of the same
// date recorded for people of these rows, and of the closing of their own positions then: the
// corrected export of a date puts back who the first one left out. A leaving recorded by hand
// stays, and the file is refused as for any leaver who appears again.
func takeBackLeavings(l *ledger.Ledger, rows []Row, at orgledger.Date) []orgledger.Change {
	if !slices.Contains(l.ImportDates(), at) {
		return nil // no export of the date was imported: nothing of one to take back
	}
	var out []orgledger.Change
	takeBack := func(e ledger.EventRef, row *Row) {
		out = append(out, orgledger.Change{Line: row.Line, Op: &orgledger.Retract{Event: e.Seq,
			Reason: "a corrected HRIS export of " + at.String() + " lists " + row.ID}})
	}
	for i := range rows {
		rec, ok := l.Record(rows[i].ID)
		if !ok || rec.Kind != "person" {
			continue
		}
		left, gone := own(rec, orgledger.VerbLeave)
		if !gone || left.Effective != at || !left.Imported {
			continue
		}
		takeBack(left, &rows[i])
		for _, closed := range closedWith(l, rec, at) {
			takeBack(closed, &rows[i])
		}
	}
	return out
}

// closedWith returns the closings, that imports recorded on at, of the person's own positions:
// those an imported leaving of theirs on at closed with it.
func closedWith(l *ledger.Ledger, rec ledger.Record, at orgledger.Date) []ledger.EventRef {
	var out []ledger.EventRef
	for _, pos := range positionsHeld(rec) {
		if prec, ok := l.Record(pos); ok && ownedBy(rec.ID, pos) {
			if closed, ok := own(prec, orgledger.VerbClosePosition); ok && closed.Effective == at && closed.Imported {
				out = append(out, closed)
			}
		}
	}
	return out
}

// positionsHeld returns the positions a person's assignments name, each once.
func positionsHeld(rec ledger.Record) []string {
	var out []string
	for _, e := range rec.Events {
		if e.Verb == orgledger.VerbAssign && !e.Retracted {
			for _, id := range e.IDs {
				if id != rec.ID && !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// importsAfter returns the imported dates after at, in order.
func importsAfter(l *ledger.Ledger, at orgledger.Date) []orgledger.Date {
	var out []orgledger.Date
	for _, d := range l.ImportDates() {
		if d > at {
			out = append(out, d)
		}
	}
	return out
}

// replanLater records again, on top of cs, the imported dates after at that need it: the
// next one always (see replan), and each one after it while cs, with the dates before it
// recorded again, would break an event of the ledger or change what a later date exports. A
// late export that changes someone's position, say, makes the next date give them another;
// the date after that, which closed the first or retitled it, then has to do so to the other.
// files are what each of the later dates exports now.
func replanLater(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date, later []orgledger.Date, files [][]orgledger.Employee) error {
	for i, d := range later {
		if err := replan(l, cs, at, d, files[i], later[i+1:]); err != nil || i == len(later)-1 {
			return err
		}
		if stands, err := keeps(l, cs, at, later[i+1:], files[i+1:]); stands || err != nil {
			return err
		}
	}
	return nil
}

// keeps reports whether the ledger accepts cs and, with it, exports on each of the dates what
// it does now (files); an error other than a refusal, which no later date can mend, is
// returned.
func keeps(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date, dates []orgledger.Date, files [][]orgledger.Employee) (bool, error) {
	same := true
	err := l.Preview(cs, ledger.ApplyOptions{Import: at}, func(pv *ledger.Preview) error {
		for i, d := range dates {
			if same = sameRows(pv.Employees(ledger.Query{At: d}), files[i]); !same {
				break
			}
		}
		return nil
	})
	if len(orgledger.ErrorProblems(err)) > 0 {
		return false, nil
	}
	return same && err == nil, err
}

// sameRows reports whether two lists of people export the same rows: the positions they hold
// may have other ids.
func sameRows(a, b []orgledger.Employee) bool {
	return slices.EqualFunc(a, b, func(x, y orgledger.Employee) bool {
		x.Position, x.Unit, y.Position, y.Unit = "", "", "", ""
		return x == y
	})
}

// replan adds to cs the retraction of the events imported on date d, and the changes that
// make the org there, on top of cs, what it is now (file); after lists the imported dates after
// d. Recording the date anew, rather than patching it, keeps each day's changes in an order
// that stands: patches would land after that day's imported events, which were made for the
// org without cs.
func replan(l *ledger.Ledger, cs *orgledger.Changeset, at, d orgledger.Date, file []orgledger.Employee, after []orgledger.Date) error {
	keep := rowsOf(file)
	retracted := map[int64]bool{}
	for _, c := range cs.Changes {
		if r, ok := c.Op.(*orgledger.Retract); ok {
			retracted[r.Event] = true
		}
	}
	for _, seq := range l.ImportedEvents(d) {
		if !retracted[seq] {
			retracted[seq] = true
			cs.Changes = append(cs.Changes, orgledger.Change{Op: &orgledger.Retract{Event: seq,
				Reason: "recorded again on top of the HRIS export of " + at.String()}})
		}
	}
	return planInto(l, cs, func(o org) *planner {
		rp := newPlanner(o, cs.File, d, keep, columns{email: true, location: true, startDate: true})
		rp.laterImports = after
		rp.allowMassLeaving = true // the date's own export, recorded again: it was accepted once
		return rp
	})
}

// rowsOf turns the people of the ledger on a date back into rows, with their units by id, as
// their export would be read.
func rowsOf(people []orgledger.Employee) []Row {
	rows := make([]Row, len(people))
	for i, e := range people {
		e = employeeAsRead(e)
		rows[i] = Row{ID: e.ID, Name: e.Name, Title: e.Title, Department: e.Department, unit: e.Unit,
			Location: e.Location, Email: e.Email, StartDate: e.StartDate, Manager: e.ManagerID}
	}
	return rows
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

type applyConfig struct {
	dryRun bool
	format formatFlag
}

func (m *Main) applyCommand(g *globalConfig) *cobra.Command {
	c := &applyConfig{}
	cmd := &cobra.Command{
		Use:   "apply FILE...",
		Short: "Apply changeset files to the ledger, each as one changeset",
		Long: `Apply reads each changeset file (YAML, or - for standard input) and records it as one
commit: all of its changes or none. Every file is read, parsed and its changes checked alone
(their fields, an effective date) before any is applied, so a file that cannot be read, is not
a changeset or has a change wrong in itself refuses them all, and nothing is written. Then
the files are applied in the order given; when the ledger refuses one, the files before it stay
applied and it and the files after it are not. The reasons are printed with the file, line and
change that caused them, and what was applied and what was not.

With --dry-run nothing is written: each file is checked against a scratch copy of the ledger
and the plans (with the files before it applied, and what their leavings would release of
plans, or their retractions take back) and the difference it would make to the org is printed,
on each date it takes effect; what plans would record after it is told on standard error.

With --format json the answer is {"dry_run", "applied": [{"file", "commit" (when written),
"events", "diffs" (with --dry-run), "released" (in a dry run of one file, what the leavings it
records would release of applied plans, as told on stderr), "taken_back" (in a dry run, what the
leavings it retracts would take back of them, as told on stderr), "warnings" (in a dry run, what
could not be told of them and, of one file, what it would keep in force)}], and, when a file was refused, "refused": {"message", "errors": [{"file", "line",
"change", "verb", "field", "reason"}]}}. In a dry run, each event carries the numbers (event,
commit) a write would give it, and each diff is of one date, "from" and "to" alike: the org on
it without the file's changes and with them.`,
		Example: `  orgledger apply examples/alibaba-cloud-2022/*.yaml
  orgledger apply --dry-run reorg.yaml
  cat change.yaml | orgledger apply -`,
		Args: cobra.ArbitraryArgs, // none is told as a refusal too, in JSON where asked (apply)
		RunE: run(func(cmd *cobra.Command, args []string) error { return m.apply(cmd.Context(), g, c, args) }),
	}
	cmd.Flags().BoolVar(&c.dryRun, "dry-run", false, "check and print the diff each file would make; write nothing")
	c.format.register(cmd, "text", "json")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		err = flagError(err)
		// cobra parses the flags before the command runs, and stops at the one it cannot read:
		// a script that asked for JSON reads the refusal there too.
		if formatAsked(m.args, "json") {
			m.printRefused(&applyConfig{dryRun: c.dryRun, format: formatFlag{value: "json"}}, nil, usageError{err.Error()})
		}
		return err
	})
	return cmd
}

// applied is what one file did, as apply --format json prints it.
type applied struct {
	File     string                   `json:"file"`
	Commit   int64                    `json:"commit,omitempty"`
	Events   []orgledger.Event        `json:"-"`
	Log      []orgledger.HistoryEvent `json:"events"`
	Diffs    []orgledger.Diff         `json:"diffs,omitempty"`
	Names    map[string]string        `json:"-"` // what the ids of Diffs are called, for text
	dryPlans                          // in a dry run (released: of one file)
	commit   *orgledger.Commit
}

// dryPlans is what a dry run would do to applied plans' changes, as told on stderr: release
// them (the leavings it records), take them back (the leavings it retracts); and, as warnings,
// what it would keep in force, and what of the rest could not be told, and why.
type dryPlans struct {
	Released  []string `json:"released,omitempty"`
	TakenBack []string `json:"taken_back,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
}

func (m *Main) apply(ctx context.Context, g *globalConfig, c *applyConfig, files []string) error {
	if err := c.format.check(); err != nil {
		return err
	}
	if len(files) == 0 {
		err := usageErrorf("give the changeset files to apply, or - for standard input")
		m.printRefused(c, nil, err)
		return err
	}
	sets, err := m.decodeFiles(files)
	if err == nil && len(sets) > 1 {
		err = checkAlone(sets)
	}
	if err != nil {
		if len(files) > 1 {
			err = withNote(err, fmt.Sprintf("none of the %d files was applied: every file is read and checked alone before any is applied", len(files)))
		}
		m.printRefused(c, nil, err)
		return err
	}
	b, err := m.openToWrite(ctx, g, c.dryRun)
	if err != nil {
		m.printRefused(c, nil, err) // a script reads every failure from the same answer
		return err
	}
	defer b.ledger.Store().Close()
	l, svc, scratch := b.ledger, b.plans, (*backend)(nil)
	if c.dryRun && len(files) > 1 {
		// Each file is checked on the copy with the files before it applied, and with what
		// their leavings released of plans, and their retractions took back, as in the write.
		if scratch, err = m.scratchOf(ctx, b); err != nil {
			m.printRefused(c, nil, err)
			return err
		}
		l, svc = scratch.ledger, scratch.plans
	}
	mode := applyMode{dryRun: c.dryRun, single: c.dryRun && len(files) == 1, named: c.format.value != "json"}
	var done []applied
	for i, cs := range sets {
		a, err := m.applyTakingBack(ctx, svc, l, cs, mode)
		if err != nil {
			m.printRefused(c, done, err)
			if note := notApplied(files, i, c.dryRun, done); note != "" {
				fmt.Fprintln(m.Stderr, note)
			}
			return err
		}
		switch {
		case !c.dryRun:
			m.afterCommit(ctx, b, a.commit)
		case scratch != nil:
			m.noteAfterCommit(ctx, scratch, cs.File, a.commit)
		default:
			var warnings []string
			a.Released, warnings = m.noteReleases(ctx, b, cs.File, a.Events)
			a.Warnings = append(a.Warnings, warnings...)
		}
		done = append(done, a)
	}
	err = m.printApplied(c, done)
	if !c.dryRun {
		m.checkpointIfBehind(ctx, l, m.dbPath(g))
	}
	return err
}

// noteReleases tells, on standard error, of the changes of applied plans that the leavings a
// dry run of file would record release: recorded, they are followed by their commit, which
// the dry run does not make. It returns the lines and, when they could not be told, why, for
// --format json.
func (m *Main) noteReleases(ctx context.Context, b *backend, file string, events []orgledger.Event) (released, warnings []string) {
	released, err := b.plans.WouldRelease(ctx, plans.Caller{Name: m.actor(), Role: orgledger.RoleAdmin}, events)
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("what the leavings of %s would release of plans could not be told: %s", file, told(err)))
	}
	for _, w := range warnings {
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s\n", w)
	}
	for _, line := range released {
		fmt.Fprintf(m.Stderr, "orgledger: %s: once recorded, %s (not in the diff)\n", file, line)
	}
	return released, warnings
}

// notApplied says, when file i of several failed, what became of the others: those before it
// are applied, those after it not (in a dry run, not checked); "" when there are no others.
func notApplied(files []string, i int, dryRun bool, done []applied) string {
	files = slices.Clone(files)
	for k, f := range files {
		if f == "-" {
			files[k] = "<stdin>" // as its messages name it (readInput)
		}
	}
	var parts []string
	switch {
	case i > 0 && !dryRun:
		parts = append(parts, "applied before it: "+strings.Join(files[:i], ", "))
	case i > 0:
		// Its refusal may name them as the ledger's: a later time recorded, a changeset applied
		// before (found by QA).
		var as []string
		for k, a := range done {
			as = append(as, fmt.Sprintf("%s as commit %d", files[k], a.commit.ID))
		}
		parts = append(parts, "checked with the files before it recorded on a scratch copy of the ledger, not written: "+strings.Join(as, ", "))
	}
	if rest, not := files[i+1:], "not applied"; len(rest) > 0 {
		if dryRun {
			not = "not checked"
		}
		parts = append(parts, not+" after it: "+strings.Join(rest, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return files[i] + " failed; " + strings.Join(parts, "; ")
}

// scratchOf returns a backend on in-memory copies of b's events and plans, for dry runs of
// several files: each file is recorded on it, and what follows a write there (releases and
// take-backs of plans, noteAfterCommit) as on b, which is not written to. The two copies are
// of one moment: plans name the commits they were applied as and the changes they released,
// so plans copied after another process recorded in the ledger (applied a plan, say) would not
// match a ledger copied before, and what the copy then releases would be told as events that
// process's commit holds. When the ledger moves while they are copied, both are copied again.
func (m *Main) scratchOf(ctx context.Context, b *backend) (*backend, error) {
	for attempt := 1; ; attempt++ {
		store, ps, moved, err := m.copyOnce(ctx, b)
		switch {
		case err != nil:
			return nil, err
		case moved && attempt < maxCopyAttempts:
			continue
		case moved:
			return nil, orgledger.Errorf(orgledger.ECONFLICT, "other processes recorded in the ledger while the dry run copied it and the plans, all %d times it tried; nothing was checked: run it again", attempt)
		}
		s, err := m.scratch(ctx, store)
		if err != nil {
			return nil, err
		}
		s.plans.Store = ps
		return s, nil
	}
}

// maxCopyAttempts bounds how many times scratchOf copies the ledger and the plans again
// because the ledger moved while it copied them.
const maxCopyAttempts = 5

// copyOnce copies b's ledger, then its plans, and reports whether the ledger moved from where
// it stood before the first copy to after the second. When it did not, the copies are of one
// moment: the ledger only grows, so it stood there all along.
func (m *Main) copyOnce(ctx context.Context, b *backend) (*memory.Store, *memory.Plans, bool, error) {
	if err := b.ledger.Refresh(ctx); err != nil { // where it stands now: b.ledger.Mark()
		return nil, nil, false, err
	}
	store, err := memory.Copy(ctx, b.ledger.Store())
	if err != nil {
		return nil, nil, false, err
	}
	if m.ledgerCopied != nil {
		m.ledgerCopied()
	}
	ps, err := memory.CopyPlans(ctx, b.plans.Store)
	if err != nil {
		return nil, nil, false, err
	}
	moved, err := b.ledger.Behind(ctx)
	return store, ps, moved, err
}

// noteAfterCommit runs, on the scratch copy of a dry run of several files, what follows the
// write of file (commit, on the copy): what its leavings release of plans, and its retractions
// take back, and what Settle does, as afterCommit does on the database; and tells, on standard
// error, the events the plans would record after it and the warnings the write would give.
// The files after it are checked with those events.
func (m *Main) noteAfterCommit(ctx context.Context, scratch *backend, file string, commit *orgledger.Commit) {
	before, _ := scratch.ledger.Head()
	for _, err := range []error{scratch.plans.AfterCommit(ctx, commit), scratch.plans.Settle(ctx, m.actor())} {
		for _, msg := range orgledger.ErrorMessages(err) {
			fmt.Fprintf(m.Stderr, "orgledger: warning: %s: once recorded, %s\n", file, printable(msg))
		}
	}
	lg, err := scratch.ledger.Log(ctx, ledger.LogOptions{After: before})
	if err != nil {
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s: what plans would record after it: %s\n", file, told(err))
		return
	}
	for _, e := range lg.Events {
		fmt.Fprintf(m.Stderr, "orgledger: %s: once recorded, plan %s would record event %d after it: %s (not in the diff)\n",
			file, e.Plan, e.Event, printable(e.Summary))
	}
}

// decodeFiles reads and decodes every file before the ledger is touched, so that a file that
// does not parse writes nothing at all.
func (m *Main) decodeFiles(files []string) ([]*orgledger.Changeset, error) {
	stdin := 0
	for _, f := range files {
		switch f {
		case "-":
			stdin++
		case "": // a script's unset variable, not a file that is not there
			return nil, usageErrorf("a file name is given empty: give one, or - for standard input")
		}
	}
	if stdin > 1 {
		return nil, usageErrorf("- (standard input) is given %d times; it is read once", stdin)
	}
	if err := namedTwice(files); err != nil {
		return nil, err
	}
	var out []*orgledger.Changeset
	var refused []error
	for _, f := range files {
		name, data, err := m.readInput(f, changeset.MaxSize)
		if err != nil {
			return nil, err
		}
		cs, err := decodeChangeset(name, data)
		if len(orgledger.ErrorProblems(err)) > 0 { // every file's problems are told, not the first's alone
			refused = append(refused, err)
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	if len(refused) > 0 {
		return nil, refusedTogether(fmt.Sprintf("%d of the files are refused", len(refused)), refused)
	}
	return out, nil
}

// namedTwice refuses a file given twice, by one path or two (overlapping globs, say): applied
// once, it would be refused the second time, after the files between were applied. A file
// that cannot be read is left to be told when it is read.
func namedTwice(files []string) error {
	var seen []os.FileInfo
	var names []string
	for _, f := range files {
		st, err := os.Stat(f)
		if f == "-" || err != nil {
			continue
		}
		for i, s := range seen {
			if !os.SameFile(s, st) {
				continue
			}
			if names[i] == f {
				return usageErrorf("%s is given twice; each file is applied once", f)
			}
			return usageErrorf("%s is given twice (as %s and %s); each file is applied once", names[i], names[i], f)
		}
		seen, names = append(seen, st), append(names, f)
	}
	return nil
}

// checkAlone refuses the changesets of several files when any of them is refused for what
// its changes are alone (ledger.CheckAlone: a malformed id, no effective date), before the
// first is applied: one refused for what it means for the org is found only once those before
// it are.
func checkAlone(sets []*orgledger.Changeset) error {
	var refused []error
	for _, cs := range sets {
		if err := ledger.CheckAlone(cs); err != nil {
			refused = append(refused, err)
		}
	}
	if len(refused) > 0 {
		return refusedTogether(fmt.Sprintf("%d of the files are refused", len(refused)), refused)
	}
	return nil
}

// refusedTogether returns the refusals of several files as one, under message, listing the
// problems of each: a file's own when there is one alone.
func refusedTogether(message string, refused []error) error {
	if len(refused) == 1 {
		return refused[0]
	}
	var problems []orgledger.Problem
	for _, err := range refused {
		problems = append(problems, orgledger.ErrorProblems(err)...)
	}
	return orgledger.Refused(message, problems)
}

// applyTakingBack is applyOne of cs with what the leavings it retracts released of plans
// taken back with them (plans.WithTakeBacks), its problems told by the changes of cs. A dry
// run tells what it would take back, and keep in force, as the write would: found before
// applyOne, which in a dry run of several files records cs on the scratch copy, where the
// releases it takes back then no longer stand.
func (m *Main) applyTakingBack(ctx context.Context, svc *plans.Service, l *ledger.Ledger, cs *orgledger.Changeset, mode applyMode) (applied, error) {
	made, origin, err := svc.WithTakeBacks(ctx, cs)
	if err != nil {
		return applied{}, err
	}
	var tb plans.TakeBacks
	var tbErr error
	if mode.dryRun {
		tb, tbErr = svc.DryTakeBacks(ctx, cs, made)
	}
	a, res, err := applyOne(ctx, l, made, m.actor(), mode)
	if err != nil {
		return a, svc.TakeBackProblems(ctx, err, made, origin)
	}
	a.Warnings = res.UnchangedWarnings(cs, origin)
	for _, w := range a.Warnings {
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s\n", w)
	}
	if mode.dryRun {
		if !mode.single { // the take-back that follows on the copy (noteAfterCommit) warns of these, as the write's does
			tb.InForce = nil
		}
		a.Warnings = append(a.Warnings, m.noteTakeBacks(cs.File, tb, tbErr)...)
		a.TakenBack = tb.TakenBack
	}
	return a, nil
}

// noteTakeBacks tells, on standard error, what a dry run of file (a changeset, an import)
// would take back of applied plans, and keep in force with a warning, as recording it would
// (tb; err when that could not be told). It returns the warnings, for --format json, as the
// API words them.
func (m *Main) noteTakeBacks(file string, tb plans.TakeBacks, err error) (warnings []string) {
	if err != nil {
		w := fmt.Sprintf("what %s would take back of plans could not be told: %s", file, told(err))
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s\n", w)
		warnings = append(warnings, w)
	}
	for _, line := range tb.TakenBack {
		fmt.Fprintf(m.Stderr, "orgledger: %s: once recorded, %s\n", file, line)
	}
	for _, line := range tb.InForce {
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s: once recorded, %s\n", file, line)
	}
	return append(warnings, tb.InForce...)
}

// applyMode is how apply records its files: a dry run or not, of one file (validated, not
// written) or of several (written to a scratch copy), its diffs' ids named or not (for text).
type applyMode struct {
	dryRun, single, named bool
}

// applyOne applies one changeset. A dry run of one file asks the ledger to validate without
// writing; a dry run of several applies them to a scratch copy, so later files see earlier ones.
func applyOne(ctx context.Context, l *ledger.Ledger, cs *orgledger.Changeset, actor string, mode applyMode) (applied, *ledger.Result, error) {
	res, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: actor, DryRun: mode.single, Names: mode.named})
	if err != nil {
		return applied{}, nil, err
	}
	a := applied{File: cs.File, Events: res.Commit.Events, Diffs: res.Diffs, Names: res.Names, commit: res.Commit}
	switch {
	case !mode.dryRun:
		a.Commit = res.Commit.ID
	case !mode.single:
		a.Diffs = l.CommitDiffs(res.Commit)
		if mode.named {
			a.Names = l.CommitNames(res.Commit, a.Diffs)
		}
	}
	for i := range a.Events {
		a.Log = append(a.Log, ledger.Describe(&a.Events[i]))
	}
	return a, res, nil
}

// readInput reads a file, or standard input for "-", refusing one larger than limit bytes
// without reading past it: /dev/zero or a file of gigabytes is refused with little memory.
func (m *Main) readInput(file string, limit int) (string, []byte, error) {
	name, r := file, m.Stdin
	if file == "-" {
		name = "<stdin>"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return file, nil, orgledger.Errorf(orgledger.EINVALID, "%s: cannot read: %v", file, unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	switch {
	case err != nil:
		return name, nil, orgledger.Errorf(orgledger.EINVALID, "%s: cannot read: %v", name, unwrapPath(err))
	case len(data) > limit:
		return name, nil, orgledger.Errorf(orgledger.EINVALID, "%s: larger than the %d MiB it may be; nothing was written", name, limit>>20)
	}
	return name, data, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func (m *Main) printApplied(c *applyConfig, done []applied) error {
	if c.format.value == "json" {
		return writeJSON(m.Stdout, map[string]any{"dry_run": c.dryRun, "applied": nonNilSlice(done)})
	}
	return m.printDone(c, done)
}

// refusal is why apply stopped, as apply --format json prints it beside what it applied.
type refusal struct {
	Message string              `json:"message"`
	Errors  []orgledger.Problem `json:"errors"` // [] for a refusal of no file's lines (a file that cannot be read)
}

// printRefused prints what was applied before err stopped apply and, in JSON, err itself: a
// script reads why from the same answer (the text goes to standard error, as for any error).
func (m *Main) printRefused(c *applyConfig, done []applied, err error) {
	if c.format.value != "json" {
		m.printDone(c, done) // the refusal is the error to tell
		return
	}
	writeJSON(m.Stdout, map[string]any{"dry_run": c.dryRun, "applied": nonNilSlice(done), "refused": refusalOf(err)})
}

// refusalOf returns err as --format json tells a refusal.
func refusalOf(err error) refusal {
	r := refusal{Message: told(err), Errors: nonNilSlice(orgledger.ErrorProblems(err))}
	if e := (*orgledger.Error)(nil); errors.As(err, &e) && e.Message != "" && len(e.Problems) > 0 {
		r.Message = e.Message // the problems are listed apart
	}
	return r
}

// printDone prints, as text, what each file did.
func (m *Main) printDone(c *applyConfig, done []applied) error {
	return m.buffered(func(w io.Writer) {
		for _, a := range done {
			if c.dryRun {
				fmt.Fprintf(w, "%s: would record %s\n", a.File, count(len(a.Events), "event"))
				writeDiffs(w, a.Diffs, a.Names)
				continue
			}
			fmt.Fprintf(w, "%s: recorded %s (%s) as commit %d\n", a.File, count(len(a.Events), "event"), seqRange(a.Events), a.Commit)
		}
	})
}

// seqRange names the events' numbers: "7" for one, "7–12" for several.
func seqRange(events []orgledger.Event) string {
	return seqRangeOf(events[0].Seq, events[len(events)-1].Seq)
}

func nonNilSlice[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// decodeChangeset decodes one changeset file: as JSON, type for type, where its name ends in
// .json, else as YAML (which JSON is too, read more leniently).
func decodeChangeset(name string, data []byte) (*orgledger.Changeset, error) {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return changeset.DecodeJSON(name, data)
	}
	return changeset.Decode(name, data)
}

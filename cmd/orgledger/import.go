package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
)

type importConfig struct {
	at               string
	dryRun           bool
	allowMassLeaving bool
	maps             []string
	format           formatFlag
}

func (m *Main) importCommand(g *globalConfig) *cobra.Command {
	c := &importConfig{}
	cmd := &cobra.Command{
		Use:   "import FILE.csv --at DATE",
		Short: "Load an HRIS export as the org on a date",
		Long: `Import makes the org on --at equal the CSV file: one row per active person with their id,
name, title, manager, department and location (email and start date if present). The first
import builds the org; a later one records only what changed (hires, leavers, manager, title,
department, location and name changes) as events effective on that date. An export dated
before a later import records its differences too, and keeps each later date as its own
export said.

Column names of the common HR tools are recognized case-insensitively (employee_id, Employee
ID, Employee #, PersonID, Worker_ID, Associate ID; Supervisor ID, Reports To, manager_email; first_name and
last_name; Job Title, Business_Title; Department, Supervisory Organization; and more). --map
names any other column: --map "Cost Centre=department", or --map "Notes=-" to ignore one. It
takes the column of that name whatever its case, spaces, '_' and '-', or, if there is none,
whatever its punctuation too. Fields: employee_id, name, first_name, preferred_name,
last_name, title, manager_id, manager_email, department, location, email, start_date. A
manager is found by id, else by email, never by name. Someone whose manager is themselves,
as OrgChart Now writes its top box, reports to no one, with a warning.

Files may have a byte order mark, CRLF line ends, ';' or tabs as the separator (or the one an
Excel "sep=;" first line names), and quoted values with commas and line breaks (a name, title
or department spread over lines is read on one).

A bad file (unknown manager, duplicate id, ids differing only in case, a manager id and email
naming two people, a cycle of managers, a missing required column, two columns meaning one
field, a --map of a column the file lacks (but for COLUMN=-, which drops it), malformed UTF-8, a value the ledger would refuse,
such as a control character or a name too long) is refused whole, with the line of each
problem, and nothing is written.

A file that leaves out more than half of the org (five people or more) is refused as
likely cut short, a spreadsheet's first rows or a filter left on, unless --allow-mass-leaving
says they did leave. Numeric ids that lost their leading zeros to a spreadsheet (00123 read
as 123) or were written as decimals (123.0), or ids that changed case, are refused rather than
recorded as leavers and hires.

A start date is kept as the file writes it, as the person's attribute start_date; a person is
hired on the --at date of the import that first holds them.

A corrected export of a date imported already takes back the leavings the first recorded
for people it lists, and with them what those leavings released of applied plans, which
waits again; --dry-run tells on stderr, as apply --dry-run does of a retraction, each
change it would take back, and each it would keep in force (a later event needs it).

With --format json the answer is {"file", "at", "rows", "dry_run", "events", "diffs", "commit"
(when written), "warnings" (when there are any: of the file, and in a dry run of plans' changes
it would keep in force, or could not tell of), "released" (in a dry run, what the leavings
it records would release of applied plans, as told on stderr), "taken_back" (in a dry run of a
corrected export, what the leavings it retracts would take back of them)}, or, when the file is refused, {"file", "at",
"dry_run", "refused": {"message", "errors": [{"file", "line", "reason"}]}}.`,
		Example: `  orgledger import examples/hris/2024-01.csv --at 2024-01-31
  orgledger import bamboo.csv --at 2024-02-29 --dry-run
  orgledger import export.csv --at 2024-03-31 --map "Cost Centre=department"`,
		Args: argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error { return m.importFile(cmd.Context(), g, c, args[0]) }),
	}
	cmd.Flags().StringVar(&c.at, "at", "", "the date the export describes, YYYY-MM-DD")
	required(cmd, "at")
	cmd.Flags().BoolVar(&c.dryRun, "dry-run", false, "print what would be recorded, as a diff; write nothing")
	cmd.Flags().BoolVar(&c.allowMassLeaving, "allow-mass-leaving", false, "record the leaving of more than half of the org (or, for a corrected export, the take-back of their hires), which is otherwise refused")
	cmd.Flags().StringArrayVar(&c.maps, "map", nil, "COLUMN=FIELD: what a column the tools do not name means (repeatable)")
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) importFile(ctx context.Context, g *globalConfig, c *importConfig, file string) error {
	at, err := parseDateFlag("at", c.at)
	if err != nil {
		return err
	}
	maps, err := hris.ParseMap(c.maps)
	if err != nil {
		return usageErrorf("--map %v", err)
	}
	if err := c.format.check(); err != nil {
		return err
	}
	name, data, err := m.readInput(file, hris.MaxSize)
	if err != nil {
		return m.importRefused(c, name, at, err)
	}
	f, err := hris.Read(name, data, hris.Options{Map: maps})
	if err != nil {
		return m.importRefused(c, name, at, err)
	}
	b, err := m.openToWrite(ctx, g, c.dryRun)
	if err != nil {
		return err
	}
	defer b.ledger.Store().Close()
	for _, w := range f.Warnings {
		fmt.Fprintf(m.Stderr, "orgledger: warning: %s: %s\n", f.Name, printable(w))
	}
	bar, taking := m.progress(len(f.Rows)), b.plans.TakingBack()
	var plansOut dryPlans // in a dry run, what it would release and take back of plans
	res, err := hris.Import(ctx, b.ledger, f, at, hris.ImportOptions{Actor: m.actor(), DryRun: c.dryRun, Names: c.format.value != "json", Progress: bar,
		AllowMassLeaving: c.allowMassLeaving, WithTakeBacks: taking.WithTakeBacks, TakeBackProblems: b.plans.TakeBackProblems, Released: b.plans.ReleasesOf})
	if err != nil {
		return m.importRefused(c, f.Name, at, err)
	}
	if !c.dryRun {
		m.afterCommit(ctx, b, res.Commit)
	} else {
		tb, err := taking.DryTakeBacks(ctx) // what a leaving a corrected export retracts released
		plansOut.Warnings = m.noteTakeBacks(f.Name, tb, err)
		var warnings []string
		plansOut.Released, warnings = m.noteReleases(ctx, b, f.Name, res.Commit.Events)
		plansOut.TakenBack, plansOut.Warnings = tb.TakenBack, append(plansOut.Warnings, warnings...)
	}
	err = m.printImport(c, b.ledger, f, at, res, plansOut)
	if !c.dryRun {
		m.checkpointIfBehind(ctx, b.ledger, m.dbPath(g))
	}
	return err
}

// progress returns a progress callback drawing a bar on stderr for large files, when stderr is
// a terminal; nil otherwise.
func (m *Main) progress(rows int) func(done, total int) {
	f, ok := m.Stderr.(interface{ Fd() uintptr })
	if rows < 20000 || !ok || !isatty.IsTerminal(f.Fd()) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(m.Stderr),
				progressbar.OptionSetDescription("checking changes"), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
	}
}

// importRefused returns err, having printed it with --format json as apply does a refusal:
// {"file", "at", "dry_run", "refused": {"message", "errors"}}, for a script to read why from
// the same answer (the text goes to standard error, as for any error).
func (m *Main) importRefused(c *importConfig, file string, at orgledger.Date, err error) error {
	if c.format.value == "json" && orgledger.ErrorCode(err) == orgledger.EINVALID {
		writeJSON(m.Stdout, map[string]any{"file": file, "at": at, "dry_run": c.dryRun, "refused": refusalOf(err)})
	}
	return err
}

func (m *Main) printImport(c *importConfig, l *ledger.Ledger, f *hris.File, at orgledger.Date, res *ledger.Result, dry dryPlans) error {
	diffs, names := res.Diffs, res.Names
	if !c.dryRun {
		diffs = l.CommitDiffs(res.Commit)
	}
	if c.format.value == "json" {
		out := map[string]any{"file": f.Name, "at": at, "rows": len(f.Rows), "dry_run": c.dryRun,
			"events": len(res.Commit.Events), "diffs": nonNilSlice(diffs)}
		if warnings := slices.Concat(f.Warnings, dry.Warnings); len(warnings) > 0 {
			out["warnings"] = warnings
		}
		if len(dry.Released) > 0 {
			out["released"] = dry.Released
		}
		if len(dry.TakenBack) > 0 {
			out["taken_back"] = dry.TakenBack
		}
		if !c.dryRun {
			out["commit"] = res.Commit.ID
		}
		return writeJSON(m.Stdout, out)
	}
	verb := "recorded"
	if c.dryRun {
		verb = "would record"
	}
	if !c.dryRun {
		names = l.CommitNames(res.Commit, diffs) // only for text: a large import's JSON needs none
	}
	return m.buffered(func(w io.Writer) {
		fmt.Fprintf(w, "%s: %s as of %s; %s %s\n", f.Name, count(len(f.Rows), "row"), at, verb, count(len(res.Commit.Events), "event"))
		writeDiffs(w, diffs, names)
	})
}

// writeDiffs writes the diffs of a commit, each under its date, their ids with names.
func writeDiffs(w io.Writer, diffs []orgledger.Diff, names map[string]string) {
	for _, d := range diffs {
		fmt.Fprintf(w, "  on %s:\n", d.To)
		writeDiffText(w, &d, "    ", names)
	}
}

package http

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// importLimit bounds an HRIS export: a million rows of an ordinary export fit.
const importLimit = 256 << 20

type importParams struct {
	At     orgledger.Date `query:"at" required:"true" doc:"the date the export describes, YYYY-MM-DD"`
	DryRun bool           `query:"dry_run" bare:"true" doc:"answer with what would be recorded, in diff's format; write nothing"`
	// AllowMassLeaving is import --allow-mass-leaving.
	AllowMassLeaving bool     `query:"allow_mass_leaving" doc:"record the leaving of more than half of the org (five people or more), or, for a corrected export, the take-back of their hires, which is otherwise refused as an export likely cut short"`
	Name             string   `query:"name" doc:"the file's name, for messages and the events' source; default export.csv"`
	Map              []string `query:"map" doc:"COLUMN=FIELD, as import --map: what a column means, overriding the usual names (FIELD - drops it); give it once for each column"`
}

// ImportResult is the answer to an import: what it recorded, or would record.
type ImportResult struct {
	File   string           `json:"file"`
	At     orgledger.Date   `json:"at"`
	Rows   int              `json:"rows"`
	DryRun bool             `json:"dry_run"`
	Commit int64            `json:"commit,omitempty" doc:"the commit the import was recorded as; absent in a dry run"`
	Events int              `json:"events"`
	Diffs  []orgledger.Diff `json:"diffs" doc:"what the import changes in the org, on each date it takes effect"`
	// Warnings says what did not go as it should after the import was recorded, which stands.
	Warnings []string `json:"warnings,omitempty" doc:"what may be wrong with the file (it does not end with a line break, as one cut short), and what did not go as it should with the changes of applied plans the import released or took back; the import stands. In a dry run, the changes of applied plans a leaving it retracts (a corrected export's) released that the import would keep in force, or that what it would take back of them could not be told, and why"`
	// PlanEvents are the events plans recorded after the import (ChangesetResult.PlanEvents).
	PlanEvents []orgledger.HistoryEvent `json:"plan_events,omitempty" doc:"the events applied plans recorded after the import, of their own accord: the changes waiting for a leaving it recorded, and the take-back of what a leaving it retracts released"`
	// TakenBack is, in a dry run, what the import would take back of applied plans.
	TakenBack []string `json:"taken_back,omitempty" doc:"in a dry run, the changes of applied plans a leaving it retracts (a corrected export's) released that the import would take back: each would wait again for that leaving, or, where the import records that leaving anew (a later imported date recorded again), be released again on the day it does, just after it"`
	// Released is, in a dry run, what the import's leavings would release of applied plans.
	Released []string `json:"released,omitempty" doc:"in a dry run, the changes of applied plans, of those the caller may see, that the leavings it records would release, if the ledger takes them and nothing set by hand since the plan was drafted holds them back: recorded, each follows in a commit of its own, which diffs leave out"`
}

// importTime is how long an import may take to upload and to answer: an export of a million
// rows, hundreds of megabytes, takes longer than the server's deadlines for other requests
// allow (Config.ReadTimeout, WriteTimeout).
const importTime = 10 * time.Minute

// importCSV makes the org on the date equal the export in the body, as orgledger import does.
func (s *Server) importCSV(c *call, p *importParams) (*ImportResult, error) {
	rc, until := http.NewResponseController(c.w), time.Now().Add(importTime)
	if err := rc.SetReadDeadline(until); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return nil, err
	}
	if err := answerBy(c.w, c.r, until); err != nil {
		return nil, err
	}
	data, err := c.readBody()
	if err != nil {
		return nil, err
	}
	name := cmp.Or(p.Name, "export.csv")
	if bad := orgledger.CheckName("name", name); bad != nil { // it names the file, and the events' source
		return nil, errorf(eBadRequest, "query parameter name: %s", bad.Reason)
	}
	maps, err := hris.ParseMap(p.Map)
	if err != nil {
		return nil, errorf(eBadRequest, "query parameter map: %v", err)
	}
	// An import of a hundred thousand rows, dry run or not, takes a few hundred megabytes
	// until it is recorded: it holds a place as a changeset's decoding does.
	release, err := s.holdDecoding(c)
	if err != nil {
		return nil, err
	}
	defer release()
	f, err := hris.Read(name, data, hris.Options{Map: maps})
	if err != nil {
		return nil, err
	}
	taking := s.plans.TakingBack()
	res, err := hris.Import(c.ctx(), s.ledger, f, p.At, hris.ImportOptions{Actor: c.token.Name, DryRun: p.DryRun,
		AllowMassLeaving: p.AllowMassLeaving, WithTakeBacks: taking.WithTakeBacks, TakeBackProblems: s.plans.TakeBackProblems, Released: s.plans.ReleasesOf})
	if err != nil {
		return nil, err
	}
	out := &ImportResult{File: name, At: p.At, Rows: len(f.Rows), DryRun: p.DryRun, Events: len(res.Commit.Events), Diffs: res.Diffs,
		Warnings: f.Warnings}
	if p.DryRun {
		c.status = http.StatusOK
		tb, err := taking.DryTakeBacks(c.ctx())
		var warnings []string
		out.TakenBack, warnings = s.dryTakeBacks(c, "the import", tb, err)
		out.Warnings = append(out.Warnings, warnings...)
		out.Released, out.Warnings = s.dryReleases(c, "the import", res.Commit.Events, out.Warnings)
		return out, nil
	}
	warnings, planEvents := s.afterCommit(c, res.Commit)
	out.Warnings, out.PlanEvents = append(out.Warnings, warnings...), planEvents
	setLogLocation(c, res.Commit)
	out.Commit, out.Diffs = res.Commit.ID, s.ledger.CommitDiffs(res.Commit)
	if out.Diffs == nil {
		out.Diffs = []orgledger.Diff{}
	}
	return out, nil
}

type exportParams struct {
	timeParams
	Format exportFormat `query:"format" default:"csv" doc:"csv, the canonical columns; or json"`
}

// exportFormat is csv or json, in any case, as the command line's --format takes it.
type exportFormat string

func (f *exportFormat) UnmarshalText(b []byte) error {
	switch v := strings.ToLower(string(b)); v {
	case "csv", "json":
		*f = exportFormat(v)
		return nil
	}
	return fmt.Errorf("format %q: choose csv or json", b)
}

func (*exportFormat) jsonSchema() *schema {
	return &schema{Type: "string", Pattern: "^([cC][sS][vV]|[jJ][sS][oO][nN])$", Description: "csv or json, in any case"}
}

// csvSchema describes a CSV body.
func csvSchema(*schemas) *schema {
	return &schema{Type: "string", Description: "an HRIS export: a header row, then one row per person"}
}

// schemaOf describes a JSON body of type T.
func schemaOf[T any](g *schemas) *schema { return g.of(reflect.TypeFor[T]()) }

// export writes the org on the date as HRIS rows.
func (s *Server) export(c *call, p *exportParams) error {
	q := c.query(p.timeParams)
	people := s.ledger.Employees(q)
	if p.Format == "json" {
		return c.writeJSON(people)
	}
	email, start := s.ledger.EmployeeFields(q)
	var b bytes.Buffer
	if err := hris.WriteExport(&b, people, hris.Had{Email: email, StartDate: start}); err != nil {
		return err
	}
	h := c.w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="org-%s.csv"`, q.At)) // c.query fills in today
	if err := c.writeBody(b.Bytes()); err != nil {
		h.Del("Content-Disposition")
		return err
	}
	return nil
}

package http

import (
	"fmt"
	"net/http"
	"reflect"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

type changesetParams struct {
	DryRun bool `query:"dry_run" bare:"true" doc:"check the changeset and answer with the difference it would make; write nothing"`
}

// ChangesetResult is the answer to a changeset: the events it recorded (or would record, in a
// dry run) and, for a dry run, what it changes in the org on each date it takes effect.
type ChangesetResult struct {
	DryRun bool                     `json:"dry_run"`
	Commit int64                    `json:"commit,omitempty" doc:"the commit the changeset was recorded as; absent in a dry run"`
	Events []orgledger.HistoryEvent `json:"events" doc:"the events recorded; in a dry run, with the numbers (event, commit) a write would give them"`
	Diffs  []orgledger.Diff         `json:"diffs,omitempty" doc:"in a dry run, what the changeset changes in the org on each date it takes effect (from and to are that date): on each, against the org with its changes of the dates before"`
	// Warnings says what did not go as it should after the changeset was recorded, which stands.
	Warnings []string `json:"warnings,omitempty" doc:"the changes of the changeset that change nothing, recorded with the others; what did not go as it should with the changes of applied plans the write released, or took back by retracting a leaving (one that stays in force, say); the write stands. In a dry run, the changes of applied plans a leaving it retracts released that the write would keep in force, or that what it would take back of them could not be told, and why (taken_back may then be missing some)"`
	// PlanEvents are the events plans recorded after the write: what its leavings released, and
	// what the leavings it retracts took back.
	PlanEvents []orgledger.HistoryEvent `json:"plan_events,omitempty" doc:"the events applied plans recorded after the write, of their own accord: the changes waiting for a leaving it recorded, and the take-back of what a leaving it retracts released"`
	// TakenBack is, in a dry run, what the write would take back of applied plans.
	TakenBack []string `json:"taken_back,omitempty" doc:"in a dry run, the changes of applied plans a leaving it retracts released that the write would take back: each would wait again for that leaving, or, where the write records that leaving anew, be released again on the day it does, just after it"`
	// Released is, in a dry run, what the write's leavings would release of applied plans.
	Released []string `json:"released,omitempty" doc:"in a dry run, the changes of applied plans, of those the caller may see, that the leavings it records would release, if the ledger takes them and nothing set by hand since the plan was drafted holds them back: recorded, each follows in a commit of its own, which diffs leave out"`
}

// applyChangeset decodes the body and applies it as the caller's token, with what the leavings
// it retracts released of plans taken back with them (plans.WithTakeBacks). The ledger serializes
// writers and validates each against the store's head, so two changesets that clash cannot
// both be accepted, however many arrive at once; the server keeps no copy of its own that
// could go stale.
func (s *Server) applyChangeset(c *call, p *changesetParams) (*ChangesetResult, error) {
	cs, err := s.decodeChangeset(c)
	if err != nil {
		return nil, err
	}
	made, origin, err := s.plans.WithTakeBacks(c.ctx(), cs)
	if err != nil {
		return nil, err
	}
	res, err := s.ledger.Apply(c.ctx(), made, ledger.ApplyOptions{Actor: c.token.Name, DryRun: p.DryRun})
	if err != nil {
		return nil, s.plans.TakeBackProblems(c.ctx(), err, made, origin)
	}
	out := &ChangesetResult{DryRun: p.DryRun, Events: make([]orgledger.HistoryEvent, len(res.Commit.Events)), Diffs: res.Diffs}
	for i := range res.Commit.Events {
		out.Events[i] = ledger.Describe(&res.Commit.Events[i])
	}
	same := res.UnchangedWarnings(cs, origin)
	if p.DryRun {
		c.status = http.StatusOK
		tb, err := s.plans.DryTakeBacks(c.ctx(), cs, made)
		out.TakenBack, out.Warnings = s.dryTakeBacks(c, "the changeset", tb, err)
		out.Released, out.Warnings = s.dryReleases(c, "the changeset", res.Commit.Events, append(same, out.Warnings...))
		return out, nil
	}
	out.Warnings, out.PlanEvents = s.afterCommit(c, res.Commit)
	out.Warnings = append(same, out.Warnings...)
	out.Commit = res.Commit.ID
	setLogLocation(c, res.Commit)
	return out, nil
}

// dryTakeBacks tells, for the answer of a dry run of what (the changeset, the import), what
// the write would do to the changes of applied plans that a leaving it retracts released, as
// tb (err when it could not be told) says: those it takes back, and, as warnings, those it
// keeps in force, as the write would. When that cannot be told (the plans cannot be read), the
// dry run's answer stands, with a warning that says so and why, as the command line's does:
// the write was checked, and only what it would take back of plans is unknown. The cause is
// logged.
func (s *Server) dryTakeBacks(c *call, what string, tb plans.TakeBacks, err error) (takenBack, warnings []string) {
	takenBack, warnings = tb.TakenBack, tb.InForce
	if err != nil {
		s.log.WarnContext(c.ctx(), "what a dry run would take back of plans", "err", err)
		warnings = append(warnings, "what "+what+" would take back of plans could not be told: "+orgledger.ErrorMessage(err))
	}
	return takenBack, warnings
}

// dryReleases tells, for the answer of a dry run of what (the changeset, the import), what the
// leavings among its events would release of the applied plans the caller may see, and adds to
// warnings when that could not be told.
func (s *Server) dryReleases(c *call, what string, events []orgledger.Event, warnings []string) (released, warned []string) {
	released, err := s.plans.WouldRelease(c.ctx(), c.caller(), events)
	if err != nil {
		s.log.WarnContext(c.ctx(), "what a dry run would release of plans", "err", err)
		warnings = append(warnings, "what "+what+" would release of plans could not be told: "+orgledger.ErrorMessage(err))
	}
	return released, warnings
}

// setLogLocation points the answer of a write at the log of the events its commit recorded,
// when it recorded any.
func setLogLocation(c *call, commit *orgledger.Commit) {
	if n := len(commit.Events); n > 0 {
		c.w.Header().Set("Location", fmt.Sprintf("/api/v1/log?after=%d&limit=%d", commit.Events[0].Seq-1, n))
	}
}

// changesetSchema describes a changeset body from the Op structs and the yaml tags that the
// changeset decoder itself reads, so that the document and the decoder agree on every verb
// and field.
func changesetSchema(g *schemas) *schema {
	if _, ok := g.defs["Changeset"]; !ok {
		date, text := nullable(g.of(dateType)), nullable(&schema{Type: "string"}) // null: absent
		when := g.object(reflect.TypeFor[orgledger.When](), "yaml")
		when.AdditionalProperties = false
		var verbs []*schema
		for _, v := range orgledger.Verbs {
			fields := g.object(reflect.TypeOf(orgledger.NewOp(v)).Elem(), "yaml")
			fields.AdditionalProperties = false
			verbs = append(verbs, &schema{Type: "object", Required: []string{string(v)}, AdditionalProperties: false,
				Properties: map[string]*schema{string(v): fields, "effective": date, "source": text, "note": text, "when": when}})
		}
		g.defs["Change"] = &schema{Description: "One change: one verb with its fields, and what it overrides of its changeset.", OneOf: verbs}
		g.defs["Changeset"] = &schema{Type: "object", Required: []string{"changes"}, AdditionalProperties: false,
			Description: "Changes applied together or not at all, as in a changeset file.",
			Properties: map[string]*schema{"effective": date, "recorded": nullable(g.of(timeType)), "source": text, "note": text,
				"changes": {Type: "array", Items: &schema{Ref: "#/components/schemas/Change"}}}}
	}
	return &schema{Ref: "#/components/schemas/Changeset"}
}

// decodeChangeset reads the body and decodes it as a changeset, as JSON where it is sent as
// JSON, as many at a time as there are processors: decoding YAML takes a hundred to four hundred times its size, and a few callers
// sending the largest body at once must not take all of the server's memory.
func (s *Server) decodeChangeset(c *call) (*orgledger.Changeset, error) {
	data, err := c.readBody()
	if err != nil {
		return nil, err
	}
	release, err := s.holdDecoding(c)
	if err != nil {
		return nil, err
	}
	defer release()
	if c.mediaType() == "application/json" {
		return changeset.DecodeJSON("body", data)
	}
	return changeset.Decode("body", data)
}

// holdDecoding takes one of the places for decoding a large body (a changeset, an HRIS
// export), waiting for one while the client is there, and returns what gives it back.
func (s *Server) holdDecoding(c *call) (release func(), err error) {
	select {
	case s.decoding <- struct{}{}:
		return func() { <-s.decoding }, nil
	case <-c.ctx().Done():
		return nil, c.ctx().Err()
	}
}

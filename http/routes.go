package http

import (
	"net/http"

	"github.com/orgledger/orgledger"
)

// Roles, as the table names them.
const (
	public  orgledger.Role = ""
	viewer                 = orgledger.RoleViewer
	planner                = orgledger.RolePlanner
	admin                  = orgledger.RoleAdmin
)

// changesetLimit bounds a changeset body: tens of thousands of changes (a script's bulk load),
// where one people write is a few KiB. Decoding costs a hundred to over four hundred times the
// size of its input (see changeset.MaxSize): a body of 1 MiB dense with tokens took the server
// to 467 MB, which is why no more than one a processor is decoded at once (decodeChangeset).
const changesetLimit = 1 << 20

// changesetTypes are the media types a changeset body may be sent as: YAML, under the names
// tools use for it, and JSON, read as JSON (changeset.DecodeJSON) though YAML reads it too.
var changesetTypes = []string{"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json"}

// table is every route of the API, in one place: who may call it, what it reads, and what
// answers. The ServeMux and the OpenAPI document are both made from it.
func (s *Server) table() []*route {
	get, post := http.MethodGet, http.MethodPost
	return []*route{
		{method: get, path: "/healthz", role: public, id: "health", summary: "Whether the server can read its database",
			fails: []int{503}, light: true, ep: handle(s.health)},
		{method: get, path: "/api/v1/chart", role: viewer, cache: true, id: "getChart", summary: "The org chart on a date",
			doc:   "Every open position in depth-first order, each with the position it reports to, as `orgledger chart --format json`.",
			fails: []int{404}, ep: handle(s.chart)},
		{method: get, path: "/api/v1/people/{id}", role: viewer, cache: true, id: "getPerson", summary: "A person on a date",
			ep: handle(show[orgledger.PersonInfo]("person"))},
		{method: get, path: "/api/v1/positions/{id}", role: viewer, cache: true, id: "getPosition", summary: "A position on a date",
			ep: handle(show[orgledger.PositionInfo]("position"))},
		{method: get, path: "/api/v1/units/{id}", role: viewer, cache: true, id: "getUnit", summary: "An org unit on a date",
			ep: handle(show[orgledger.UnitInfo]("unit"))},
		{method: get, path: "/api/v1/history/{id}", role: viewer, id: "getHistory", summary: "Every event touching a person, position or unit",
			ep: handle(s.history)},
		{method: get, path: "/api/v1/diff", role: viewer, cache: true, id: "getDiff", summary: "What changed between two dates",
			ep: handle(s.diff)},
		{method: get, path: "/api/v1/log", role: viewer, cache: true, plans: true, id: "getLog", summary: "The ledger's events in recorded order",
			doc: "A page of events; when it is full, a Link header with rel=\"next\" names the next page.", ep: handle(s.events)},
		{method: post, path: "/api/v1/changesets", role: admin, id: "applyChangeset", summary: "Apply a changeset, or try it with dry_run",
			doc:  "The changeset is applied whole or not at all; a refusal lists every problem with its line. Every event records the name of the token that wrote it.",
			body: &body{limit: changesetLimit, types: changesetTypes, schema: changesetSchema}, status: []int{201, 200}, fails: []int{409},
			ep: handle(s.applyChangeset)},
		{method: post, path: "/api/v1/imports", role: admin, id: "importExport", summary: "Load an HRIS export as the org on a date",
			doc:  "The CSV rows (any of the column names orgledger import reads) become the org on `at`; only what changed is recorded. A bad file is refused whole, with the line of each problem.",
			body: &body{limit: importLimit, types: []string{"text/csv", "application/csv"}, schema: csvSchema}, status: []int{201, 200}, fails: []int{409},
			ep: handle(s.importCSV)},
		{method: get, path: "/api/v1/export", role: viewer, cache: true, id: "export", summary: "The org on a date as HRIS rows",
			doc: "One row per active person, sorted by id: employee_id, name, title, manager_id, department, location (and email, start_date when anyone has them).",
			ep:  raw(s.export, "text/csv", "application/json")},
		{method: get, path: "/api/v1/plans", role: viewer, id: "listPlans", summary: "The plans the caller may see",
			doc: "A plan is visible to its owner, the token names it is shared with, and admins.", ep: handle(s.listPlans)},
		{method: post, path: "/api/v1/plans", role: planner, id: "createPlan", summary: "Draft a plan owned by the caller's token",
			body: &body{limit: 4 << 10, types: []string{"application/json"}, schema: schemaOf[PlanRequest]}, status: []int{201}, fails: []int{409},
			ep: handle(s.createPlan)},
		{method: get, path: "/api/v1/plans/{name}", role: viewer, id: "getPlan", summary: "A plan: its changes, owner, base and status",
			doc:   "A plan the caller may not see answers 404, as if it did not exist. A name that several plans the caller sees share answers 409: NAME@OWNER picks one.",
			fails: []int{409}, ep: handle(s.getPlan)},
		{method: http.MethodDelete, path: "/api/v1/plans/{name}", role: planner, id: "dropPlan", summary: "Drop a draft plan (its owner or an admin)",
			status: []int{204}, fails: []int{409}, ep: raw(s.dropPlan)},
		{method: post, path: "/api/v1/plans/{name}/changes", role: planner, id: "addPlanChanges", summary: "Add a changeset's changes to a draft plan",
			body: &body{limit: changesetLimit, types: changesetTypes, schema: changesetSchema}, fails: []int{409}, ep: handle(s.addChanges)},
		{method: http.MethodDelete, path: "/api/v1/plans/{name}/changes/{n}", role: planner, id: "removePlanChange", summary: "Take one change out of a draft plan",
			doc:   "Whoever may add changes to the plan may. The later changes are numbered one less. A number the plan has no change of answers 404, naming it; an applied plan, or one being applied, 409.",
			fails: []int{409}, ep: handle(s.removeChange)},
		{method: post, path: "/api/v1/plans/{name}/changes/{n}/withdraw", role: admin, id: "withdrawPlanChange", summary: "Withdraw a change of an applied plan that waits for a leaving",
			doc:   "Admins only, as they apply plans. The change waits no more, and the leaving records nothing of it; the plan's JSON marks it withdrawn. A change that took effect (at the apply, or when its leaving came), one being recorded, one taken back, one withdrawn before, one that creates what another change still waiting names, or one without which the ledger would refuse the others waiting for the same leaving answers 409, naming why; a number the plan has no change of, 404; a draft, 409. Withdrawing the change the ledger refused when its leaving came records the others it held back at once, where the ledger takes them then: the plan's JSON shows them no longer waiting.",
			fails: []int{409}, ep: handle(s.withdrawChange)},
		{method: get, path: "/api/v1/plans/{name}/diff", role: viewer, id: "planDiff", summary: "The org on the plan's date with it against without it",
			doc: "Of a draft; an applied or dropped plan answers 409.", fails: []int{409, 422}, ep: handle(s.planDiff)},
		{method: get, path: "/api/v1/plans/{name}/check", role: viewer, id: "planCheck", summary: "What apply would refuse, and warnings",
			doc: "Of a draft; an applied or dropped plan answers 409. Its clashes with other plans' changes waiting for a leaving are of the plans the caller may see: an admin's apply is refused for those of any plan.", fails: []int{409}, ep: handle(s.planCheck)},
		{method: get, path: "/api/v1/plans/{name}/impact", role: viewer, id: "planImpact", summary: "People moved, managers changed, span and depth of each unit touched",
			doc: "Of a draft; an applied or dropped plan answers 409.", fails: []int{409, 422}, ep: handle(s.planImpact)},
		{method: post, path: "/api/v1/plans/{name}/share", role: planner, id: "sharePlan", summary: "Let another token see the plan (its owner or an admin)",
			body: &body{limit: 4 << 10, types: []string{"application/json"}, schema: schemaOf[ShareRequest]}, fails: []int{409}, ep: handle(s.sharePlan)},
		{method: http.MethodDelete, path: "/api/v1/plans/{name}/share/{with}", role: planner, id: "unsharePlan", summary: "Take back a share: the token no longer sees the plan (its owner or an admin)",
			doc: "A name the plan is not shared with answers 422, naming those it is.", fails: []int{409, 422}, ep: handle(s.unsharePlan)},
		{method: post, path: "/api/v1/plans/{name}/apply", role: admin, id: "applyPlan", summary: "Record the plan's changes in the ledger",
			doc:   "Refused with 409, naming each clash, when changes recorded since the plan was drafted change what it changes, when a change of another applied plan that waits for a leaving would change it differently once released, or the two together would break the org; a plan without changes, 422.",
			fails: []int{409, 422}, ep: handle(s.applyPlan)},
		{method: get, path: "/api/v1/openapi.json", role: viewer, id: "getOpenAPI", summary: "This document",
			light: true, ep: raw(s.serveOpenAPI, "application/json")},
		{method: get, path: "/metrics", role: admin, id: "getMetrics", summary: "Prometheus metrics",
			doc:   "Request counts and latencies by route, the ledger's size and head, and the Go runtime's metrics.",
			light: true, ep: raw(s.serveMetrics, "text/plain", "application/vnd.google.protobuf")},
	}
}

// Route is a route of the table, as tests and tools see it.
type Route struct {
	Method, Path string
	Role         orgledger.Role // "" when no token is needed
}

// Routes lists the routes of the server, in the order of its table.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.routes))
	for i, rt := range s.routes {
		out[i] = Route{Method: rt.method, Path: rt.path, Role: rt.role}
	}
	return out
}

package http_test

import (
	"encoding/json"
	"fmt"
	"strings"
)

// oaCases are the conformance test's requests, in order: later ones rely on what earlier ones
// wrote (plans drafted, shared and applied; an import of an edited export). planSetup has run.
// Between them they answer every operation's success, send each documented query parameter
// with a valid value, and trigger each error status that a request can; the answers vary in
// shape (empty charts, leavers, vacant positions, waiting changes) so that nulls and empty
// lists meet the schemas too.
func oaCases(ts *TestServer) []oaCase {
	big := "changes:\n  - hire: {id: big, name: Big}\nnote: " + strings.Repeat("x", 1<<20) + "\n"
	bigJSON := `{"name": "big", "effective": "2022-07-01", "x": "` + strings.Repeat("x", 5<<10) + `"}`
	etag := func(path string) string { return ts.Do("GET", path, "viewer", "").Header.Get("ETag") }
	edited := func() string {
		csv := string(ts.Do("GET", "/api/v1/export?at=2022-06-01", "admin", "").Body)
		var keep []string
		for _, line := range strings.Split(csv, "\n") {
			if !strings.HasPrefix(line, "oa-json,") { // hired into no position: no title to import
				keep = append(keep, line)
			}
		}
		return strings.Replace(strings.Join(keep, "\n"), "Huo Jia", "Huo Jia Edited", 1)
	}
	cut := func() string { // its first person of seven: most of the org left out
		csv := string(ts.Do("GET", "/api/v1/export?at=2022-11-01", "admin", "").Body)
		return strings.Join(strings.SplitAfter(csv, "\n")[:2], "")
	}
	retract := func() string {
		var lg struct{ Events []struct{ Event int64 } }
		json.Unmarshal(ts.Do("GET", "/api/v1/log?limit=10000", "admin", "").Body, &lg)
		return fmt.Sprintf("changes:\n  - retract: {event: %d, reason: mistake}\n", lg.Events[len(lg.Events)-1].Event)
	}
	y, j, csv := "application/yaml", "application/json", "text/csv"
	return []oaCase{
		{name: "health", method: "GET", path: "/healthz", want: 200},

		{name: "chart", method: "GET", path: "/api/v1/chart", token: "viewer", want: 200},
		{name: "chart, future, planner", method: "GET", path: "/api/v1/chart?at=2022-10-01", token: "planner", want: 200},
		{name: "chart before the ledger", method: "GET", path: "/api/v1/chart?at=2000-01-01", token: "viewer", want: 200},
		{name: "chart known at the start", method: "GET", path: "/api/v1/chart?known_at=2022-01-01", token: "viewer", want: 200},
		{name: "chart of a subtree", method: "GET", path: "/api/v1/chart?root=global-sales&depth=1", token: "viewer", want: 200},
		{name: "chart of a person", method: "GET", path: "/api/v1/chart?root=huo-jia&depth=0", token: "viewer", want: 200},
		{name: "chart, unknown root", method: "GET", path: "/api/v1/chart?root=nobody", token: "viewer", want: 404},
		{name: "chart, bad depth", method: "GET", path: "/api/v1/chart?depth=-2", token: "viewer", want: 400},
		{name: "chart, revoked token", method: "GET", path: "/api/v1/chart", token: "revoked", want: 401},
		{name: "chart, current etag", method: "GET", path: "/api/v1/chart", token: "viewer", headers: []string{"If-None-Match", etag("/api/v1/chart")}, want: 304},

		{name: "person", method: "GET", path: "/api/v1/people/huo-jia", token: "viewer", want: 200},
		{name: "person with attrs", method: "GET", path: "/api/v1/people/cai-yinghua", token: "viewer", want: 200},
		{name: "person on the day they left", method: "GET", path: "/api/v1/people/ren-geng?at=2022-04-12", token: "viewer", want: 0},
		{name: "person before they left", method: "GET", path: "/api/v1/people/ren-geng?at=2022-04-11", token: "viewer", want: 200},
		{name: "person, known at", method: "GET", path: "/api/v1/people/huo-jia?known_at=2022-05-01T00:00:00Z", token: "viewer", want: 200},
		{name: "person, unknown", method: "GET", path: "/api/v1/people/nobody", token: "viewer", want: 404},
		{name: "person, bad known_at", method: "GET", path: "/api/v1/people/huo-jia?known_at=yesterday", token: "viewer", want: 400},
		{name: "person, current etag", method: "GET", path: "/api/v1/people/huo-jia", token: "viewer", headers: []string{"If-None-Match", etag("/api/v1/people/huo-jia")}, want: 304},
		{name: "position", method: "GET", path: "/api/v1/positions/global-sales-president", token: "viewer", want: 200},
		{name: "position, known at", method: "GET", path: "/api/v1/positions/global-sales-president?known_at=2022-05-01T00:00:00Z", token: "viewer", want: 200},
		{name: "position, top", method: "GET", path: "/api/v1/positions/alibaba-vp", token: "viewer", want: 200},
		{name: "position, with a shared holder", method: "GET", path: "/api/v1/positions/zzfuture-role?at=2022-10-01", token: "planner", want: 200},
		{name: "position, current etag", method: "GET", path: "/api/v1/positions/global-sales-president", token: "viewer",
			headers: []string{"If-None-Match", etag("/api/v1/positions/global-sales-president")}, want: 304},
		{name: "unit, current etag", method: "GET", path: "/api/v1/units/global-sales", token: "viewer", headers: []string{"If-None-Match", etag("/api/v1/units/global-sales")}, want: 304},
		{name: "log, current etag", method: "GET", path: "/api/v1/log", token: "viewer", headers: []string{"If-None-Match", etag("/api/v1/log")}, want: 304},
		{name: "position, unknown", method: "GET", path: "/api/v1/positions/nobody", token: "viewer", want: 404},
		{name: "unit", method: "GET", path: "/api/v1/units/global-sales", token: "viewer", want: 200},
		{name: "unit, known at", method: "GET", path: "/api/v1/units/global-sales?known_at=2022-05-01T00:00:00Z", token: "viewer", want: 200},
		{name: "unit, top", method: "GET", path: "/api/v1/units/alibaba-cloud", token: "viewer", want: 200},
		{name: "unit, team", method: "GET", path: "/api/v1/units/solution-architects?at=2022-03-01", token: "viewer", want: 200},
		{name: "unit, unknown", method: "GET", path: "/api/v1/units/nobody", token: "viewer", want: 404},

		{name: "history of a person", method: "GET", path: "/api/v1/history/huo-jia", token: "viewer", want: 200},
		{name: "history of a leaver", method: "GET", path: "/api/v1/history/ren-geng", token: "viewer", want: 200},
		{name: "history of a position", method: "GET", path: "/api/v1/history/global-sales-president", token: "viewer", want: 200},
		{name: "history of a unit", method: "GET", path: "/api/v1/history/china-architects", token: "planner", want: 200},
		{name: "history as known at", method: "GET", path: "/api/v1/history/huo-jia?known_at=2022-04-12", token: "viewer", want: 200},
		{name: "history as known before the id", method: "GET", path: "/api/v1/history/huo-jia?known_at=2000-01-01", token: "viewer", want: 404},
		{name: "history, bad known_at", method: "GET", path: "/api/v1/history/huo-jia?known_at=yesterday", token: "viewer", want: 400},
		{name: "history, unknown", method: "GET", path: "/api/v1/history/nobody", token: "viewer", want: 404},
		{name: "history, unknown parameter", method: "GET", path: "/api/v1/history/huo-jia?at=2022-01-01", token: "viewer", want: 400},

		{name: "diff", method: "GET", path: "/api/v1/diff?from=2022-03-01&to=2022-05-01", token: "viewer", want: 200},
		{name: "diff, backwards", method: "GET", path: "/api/v1/diff?from=2022-05-01&to=2022-03-01", token: "viewer", want: 200},
		{name: "diff, nothing", method: "GET", path: "/api/v1/diff?from=2022-05-01&to=2022-05-01", token: "viewer", want: 200},
		{name: "diff, future", method: "GET", path: "/api/v1/diff?from=2022-05-01&to=2022-10-01&known_at=2022-06-01T00:00:00Z", token: "planner", want: 200},
		{name: "diff, no to", method: "GET", path: "/api/v1/diff?from=2022-03-01", token: "viewer", want: 400},
		{name: "diff, current etag", method: "GET", path: "/api/v1/diff?from=2022-03-01&to=2022-05-01", token: "viewer",
			headers: []string{"If-None-Match", etag("/api/v1/diff?from=2022-03-01&to=2022-05-01")}, want: 304},

		{name: "log", method: "GET", path: "/api/v1/log", token: "planner", want: 200},
		{name: "log, a page", method: "GET", path: "/api/v1/log?after=3&limit=2", token: "viewer", want: 200},
		{name: "log as known at", method: "GET", path: "/api/v1/log?known_at=2022-04-12T10:00:00Z", token: "viewer", want: 200},
		{name: "log, past the head", method: "GET", path: "/api/v1/log?after=100000", token: "viewer", want: 200},
		{name: "log, limit too large", method: "GET", path: "/api/v1/log?limit=10001", token: "viewer", want: 400},

		{name: "export", method: "GET", path: "/api/v1/export", token: "viewer", want: 200},
		{name: "export as JSON", method: "GET", path: "/api/v1/export?format=json", token: "viewer", want: 200},
		{name: "export as JSON, nobody", method: "GET", path: "/api/v1/export?format=json&at=2000-01-01", token: "viewer", want: 200},
		{name: "export, known at", method: "GET", path: "/api/v1/export?known_at=2022-05-01T00:00:00Z", token: "viewer", want: 200},
		{name: "export, bad format", method: "GET", path: "/api/v1/export?format=xml", token: "viewer", want: 400},
		{name: "export, current etag", method: "GET", path: "/api/v1/export", token: "viewer", headers: []string{"If-None-Match", etag("/api/v1/export")}, want: 304},

		{name: "openapi", method: "GET", path: "/api/v1/openapi.json", token: "viewer", want: 200},
		{name: "metrics", method: "GET", path: "/metrics", token: "admin", want: 200},
		{name: "metrics, as Prometheus scrapes", method: "GET", path: "/metrics", token: "admin", want: 200,
			headers: []string{"Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3"}},
		{name: "metrics, OpenMetrics asked", method: "GET", path: "/metrics", token: "admin", want: 200, headers: []string{"Accept", "application/openmetrics-text;version=1.0.0"}},
		{name: "chart, HEAD", method: "HEAD", path: "/api/v1/chart", token: "viewer", want: 200},
		{name: "metrics, viewer", method: "GET", path: "/metrics", token: "viewer", want: 403},

		{name: "changeset", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, want: 201,
			body: "effective: 2022-05-15\nsource: conformance\nchanges:\n  - create-position: {id: oa-pos, title: OA, unit: global-sales, reports-to: global-sales-president}\n  - hire: {id: oa-hire, name: OA Hire, email: oa@example.com, attrs: {team: a}}\n  - assign: {person: oa-hire, position: oa-pos}\n"},
		{name: "changeset that vacates", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, want: 201,
			body: "effective: 2022-05-20\nchanges:\n  - leave: {person: oa-hire, reason: test}\n"},
		{name: "changeset as JSON", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: j, want: 201,
			body: `{"effective": "2022-05-16", "changes": [{"hire": {"id": "oa-json", "name": "OA JSON"}}]}`},
		{name: "changeset to retract", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, want: 201,
			body: "effective: 2022-05-17\nchanges:\n  - hire: {id: oa-retracted, name: OA Retracted}\n"},
		{name: "changeset that retracts", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, want: 201, lazy: retract},
		{name: "changeset, dry run", method: "POST", path: "/api/v1/changesets?dry_run=true", token: "admin", ctype: y, want: 200,
			body: "effective: 2022-05-15\nchanges:\n  - retitle: {position: global-sales-president, title: Dry}\n"},
		{name: "changeset with nulls, dry run", method: "POST", path: "/api/v1/changesets?dry_run=true", token: "admin", ctype: j, want: 200,
			body: `{"effective": "2022-05-18", "changes": [{"report": {"position": "cloud-china-president", "to": null}, "note": null}]}`},
		{name: "vacant position", method: "GET", path: "/api/v1/positions/oa-pos", token: "viewer", want: 200},
		{name: "person who left", method: "GET", path: "/api/v1/people/oa-hire?at=2022-05-20", token: "viewer", want: 0},
		{name: "log with effects", method: "GET", path: "/api/v1/log?limit=10000", token: "admin", want: 200},
		{name: "changeset, empty", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, body: "changes: []\n", want: 422},
		{name: "changeset, unknown verb", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, body: "changes:\n  - promote: {person: huo-jia}\n", want: 422},
		{name: "changeset, refused by the ledger", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, body: "effective: 2022-05-15\nchanges:\n  - leave: {person: nobody}\n", want: 422},
		{name: "changeset, not YAML", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, body: "changes: [\n", want: 422},
		{name: "changeset, too large", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: y, body: big, want: 413},
		{name: "changeset, CSV", method: "POST", path: "/api/v1/changesets", token: "admin", ctype: csv, body: "a,b\n", want: 415},
		{name: "changeset, planner", method: "POST", path: "/api/v1/changesets", token: "planner", ctype: y, body: "changes: []\n", want: 403},
		{name: "changeset, bad dry_run", method: "POST", path: "/api/v1/changesets?dry_run=maybe", token: "admin", ctype: y, body: "changes: []\n", want: 400},

		{name: "plans, viewer", method: "GET", path: "/api/v1/plans", token: "viewer", want: 200},
		{name: "draft", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "oa-plan", "effective": "2022-07-01"}`, want: 201},
		{name: "draft, bad", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "oa-bad", "effective": "2022-07-01"}`, want: 201},
		{name: "draft, taken", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "oa-plan", "effective": "2022-07-01"}`, want: 409},
		{name: "draft, other-plan again", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "other-plan", "effective": "2022-07-01"}`, want: 201},
		{name: "draft, bad name", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "no spaces", "effective": "2022-07-01"}`, want: 422},
		{name: "draft, unknown field", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: `{"name": "x", "effective": "2022-07-01", "colour": "red"}`, want: 422},
		{name: "draft, too large", method: "POST", path: "/api/v1/plans", token: "planner", ctype: j, body: bigJSON, want: 413},
		{name: "draft, YAML", method: "POST", path: "/api/v1/plans", token: "planner", ctype: y, body: "name: x\n", want: 415},
		{name: "draft, viewer", method: "POST", path: "/api/v1/plans", token: "viewer", ctype: j, body: `{"name": "x", "effective": "2022-07-01"}`, want: 403},
		{name: "add", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: y, want: 200,
			body: "changes:\n  - retitle: {position: industry-solutions-gm, title: Chief Architect}\n  - retitle: {position: oa-pos, title: After Huo Jia leaves}\n    when: {leaves: huo-jia}\n"},
		{name: "add, bad change", method: "POST", path: "/api/v1/plans/oa-bad/changes", token: "planner", ctype: y, want: 200,
			body: "changes:\n  - leave: {person: nobody}\n"},
		{name: "add, empty", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: y, body: "changes: []\n", want: 422},
		{name: "add, no plan", method: "POST", path: "/api/v1/plans/zz-none/changes", token: "planner", ctype: y, body: "changes:\n  - hire: {id: a, name: A}\n", want: 404},
		{name: "add, viewer", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "viewer", ctype: y, body: "changes: []\n", want: 403},
		{name: "add, to remove", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: y, want: 200,
			body: "changes:\n  - hire: {id: oa-removed, name: Removed}\n"},
		{name: "remove a change, viewer", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/3", token: "viewer", want: 403},
		{name: "remove a change, none", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/4", token: "planner", want: 404},
		{name: "remove a change, zero", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/0", token: "planner", want: 400},
		{name: "remove a change, no plan", method: "DELETE", path: "/api/v1/plans/zz-none/changes/1", token: "planner", want: 404},
		{name: "remove a change, written since", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/3?revision=0", token: "planner", want: 409},
		{name: "remove a change", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/3?revision=-1", token: "planner", want: 200},
		{name: "plan", method: "GET", path: "/api/v1/plans/oa-plan", token: "planner", want: 200},
		{name: "plan, two of the name", method: "GET", path: "/api/v1/plans/other-plan", token: "admin", want: 409},
		{name: "plan, NAME@OWNER", method: "GET", path: "/api/v1/plans/other-plan@other", token: "admin", want: 200},
		{name: "plan, none", method: "GET", path: "/api/v1/plans/zz-none", token: "planner", want: 404},
		{name: "history with waiting changes", method: "GET", path: "/api/v1/history/huo-jia", token: "planner", want: 200},
		{name: "plan diff", method: "GET", path: "/api/v1/plans/oa-plan/diff", token: "planner", want: 200},
		{name: "plan diff, empty plan", method: "GET", path: "/api/v1/plans/drop-mine/diff", token: "planner", want: 200},
		{name: "plan diff, refused", method: "GET", path: "/api/v1/plans/oa-bad/diff", token: "planner", want: 422},
		{name: "plan diff, none", method: "GET", path: "/api/v1/plans/zz-none/diff", token: "planner", want: 404},
		{name: "plan check", method: "GET", path: "/api/v1/plans/oa-plan/check", token: "planner", want: 200},
		{name: "plan check, refused", method: "GET", path: "/api/v1/plans/oa-bad/check", token: "planner", want: 200},
		{name: "plan check, future", method: "GET", path: "/api/v1/plans/secret-plan/check", token: "planner", want: 200},
		{name: "plan check, none", method: "GET", path: "/api/v1/plans/zz-none/check", token: "planner", want: 404},
		{name: "plan impact", method: "GET", path: "/api/v1/plans/oa-plan/impact", token: "planner", want: 200},
		{name: "plan impact, empty plan", method: "GET", path: "/api/v1/plans/drop-mine/impact", token: "planner", want: 200},
		{name: "plan impact, refused", method: "GET", path: "/api/v1/plans/oa-bad/impact", token: "planner", want: 422},
		{name: "plan impact, none", method: "GET", path: "/api/v1/plans/zz-none/impact", token: "planner", want: 404},
		{name: "share", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: j, body: `{"with": "other"}`, want: 200},
		{name: "share secret-plan", method: "POST", path: "/api/v1/plans/secret-plan/share", token: "planner", ctype: j, body: `{"with": "other"}`, want: 200},
		{name: "share, with a viewer", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: j, body: `{"with": "viewer"}`, want: 422},
		{name: "share, not a name", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: j, body: `{"with": "a b"}`, want: 422},
		{name: "share, not the owner", method: "POST", path: "/api/v1/plans/secret-plan/share", token: "other", ctype: j, body: `{"with": "admin"}`, want: 403},
		{name: "share, none", method: "POST", path: "/api/v1/plans/zz-none/share", token: "planner", ctype: j, body: `{"with": "other"}`, want: 404},
		{name: "unshare, not the owner", method: "DELETE", path: "/api/v1/plans/oa-plan/share/other", token: "other", want: 403},
		{name: "unshare", method: "DELETE", path: "/api/v1/plans/oa-plan/share/other", token: "planner", want: 200},
		{name: "unshare, not shared", method: "DELETE", path: "/api/v1/plans/oa-plan/share/other", token: "planner", want: 422},
		{name: "unshare, none", method: "DELETE", path: "/api/v1/plans/zz-none/share/other", token: "planner", want: 404},
		{name: "drop, not the owner", method: "DELETE", path: "/api/v1/plans/secret-plan", token: "other", want: 403},
		{name: "drop", method: "DELETE", path: "/api/v1/plans/drop-mine", token: "planner", want: 204},
		{name: "drop, none", method: "DELETE", path: "/api/v1/plans/zz-none", token: "planner", want: 404},
		{name: "drop, viewer", method: "DELETE", path: "/api/v1/plans/oa-plan", token: "viewer", want: 403},
		{name: "apply, planner", method: "POST", path: "/api/v1/plans/oa-plan/apply", token: "planner", want: 403},
		{name: "apply, refused", method: "POST", path: "/api/v1/plans/oa-bad/apply", token: "admin", want: 0},
		{name: "apply", method: "POST", path: "/api/v1/plans/oa-plan@planner/apply", token: "admin", want: 200},
		{name: "apply, again", method: "POST", path: "/api/v1/plans/oa-plan@planner/apply", token: "admin", want: 409},
		{name: "apply, none", method: "POST", path: "/api/v1/plans/zz-none/apply", token: "admin", want: 404},
		{name: "applied plan", method: "GET", path: "/api/v1/plans/oa-plan", token: "planner", want: 200},
		{name: "plans, planner", method: "GET", path: "/api/v1/plans", token: "planner", want: 200},
		{name: "applied plan, diff", method: "GET", path: "/api/v1/plans/oa-plan/diff", token: "planner", want: 409},
		{name: "applied plan, check", method: "GET", path: "/api/v1/plans/oa-plan/check", token: "planner", want: 409},
		{name: "applied plan, impact", method: "GET", path: "/api/v1/plans/oa-plan/impact", token: "planner", want: 409},
		{name: "applied plan, add", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: y, body: "changes:\n  - hire: {id: a, name: A}\n", want: 409},
		{name: "applied plan, remove a change", method: "DELETE", path: "/api/v1/plans/oa-plan/changes/1", token: "planner", want: 409},
		{name: "withdraw, planner", method: "POST", path: "/api/v1/plans/oa-plan/changes/2/withdraw", token: "planner", want: 403},
		{name: "withdraw, took effect", method: "POST", path: "/api/v1/plans/oa-plan/changes/1/withdraw", token: "admin", want: 409},
		{name: "withdraw, none", method: "POST", path: "/api/v1/plans/oa-plan/changes/9/withdraw", token: "admin", want: 404},
		{name: "withdraw, zero", method: "POST", path: "/api/v1/plans/oa-plan/changes/0/withdraw", token: "admin", want: 400},
		{name: "withdraw, no plan", method: "POST", path: "/api/v1/plans/zz-none/changes/1/withdraw", token: "admin", want: 404},
		{name: "withdraw", method: "POST", path: "/api/v1/plans/oa-plan@planner/changes/2/withdraw", token: "admin", want: 200},
		{name: "withdraw, again", method: "POST", path: "/api/v1/plans/oa-plan@planner/changes/2/withdraw", token: "admin", want: 409},
		{name: "applied plan, share", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: j, body: `{"with": "admin"}`, want: 200},
		{name: "share, too large", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: j, body: bigJSON, want: 413},
		{name: "share, YAML", method: "POST", path: "/api/v1/plans/oa-plan/share", token: "planner", ctype: y, body: "with: x\n", want: 415},
		{name: "add, too large", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: y, body: big, want: 413},
		{name: "add, CSV", method: "POST", path: "/api/v1/plans/oa-plan/changes", token: "planner", ctype: csv, body: "a\n", want: 415},
		{name: "applied plan, drop", method: "DELETE", path: "/api/v1/plans/oa-plan", token: "planner", want: 409},

		{name: "import, dry run", method: "POST", path: "/api/v1/imports?at=2022-06-01&dry_run=true", token: "admin", ctype: csv, lazy: edited, want: 200},
		{name: "import, mapped, dry run", method: "POST", path: "/api/v1/imports?at=2022-06-01&dry_run=true&name=x.csv&map=department=-", token: "admin", ctype: "text/csv; charset=utf-8", lazy: edited, want: 200},
		{name: "import, cut short", method: "POST", path: "/api/v1/imports?at=2022-11-01&dry_run=true", token: "admin", ctype: csv, lazy: cut, want: 422},
		{name: "import, cut short, allowed, dry run", method: "POST", path: "/api/v1/imports?at=2022-11-01&dry_run=true&allow_mass_leaving=true", token: "admin", ctype: csv, lazy: cut, want: 200},
		{name: "import, not CSV", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "admin", ctype: csv, body: "\"unterminated\n", want: 422},
		{name: "import, no columns", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "admin", ctype: csv, body: "a,b\n1,2\n", want: 422},
		{name: "import, bad map", method: "POST", path: "/api/v1/imports?at=2022-06-01&map=nonsense", token: "admin", ctype: csv, body: "a\n", want: 400},
		{name: "import, no at", method: "POST", path: "/api/v1/imports", token: "admin", ctype: csv, body: "a\n", want: 400},
		{name: "import, JSON", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "admin", ctype: j, body: "{}", want: 415},
		{name: "import, planner", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "planner", ctype: csv, body: "a\n", want: 403},
		{name: "import", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "admin", ctype: csv, lazy: edited, want: 201},
		{name: "import, nothing new", method: "POST", path: "/api/v1/imports?at=2022-06-01", token: "admin", ctype: csv, lazy: edited, want: 0},
	}
}

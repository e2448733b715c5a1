package http_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestRefusalListsEveryProblem checks the 422 of a refused changeset: problem+json with every
// problem, each with its file, line, change, verb and reason, and nothing written.
func TestRefusalListsEveryProblem(t *testing.T) {
	ts := MustOpenServer(t)
	head, _ := ts.Ledger.Head()
	body := `effective: 2022-05-01
changes:
  - hire: {id: new-person, name: New Person}
  - hire: {id: huo-jia, name: Someone Else}
  - leave: {person: nobody}
  - assign: {person: new-person, position: cloud-china-president}
`
	r := ts.Do("POST", "/api/v1/changesets", "admin", body, "Content-Type", "application/yaml")
	if r.Status != 422 {
		t.Fatalf("status %d, want 422: %s", r.Status, r.Body)
	}
	p := r.Problem(t)
	if p.Status != 422 || p.Code != "invalid" || p.Type != "about:blank" || p.Title != "Unprocessable Entity" ||
		p.Instance != "/api/v1/changesets" || p.RequestID == "" || p.Detail == "" {
		t.Errorf("problem: %+v", p)
	}
	want := []struct {
		line, change int
		verb         string
	}{{4, 2, "hire"}, {5, 3, "leave"}, {6, 4, "assign"}}
	if len(p.Errors) != len(want) {
		t.Fatalf("errors: %+v, want %d", p.Errors, len(want))
	}
	for i, w := range want {
		e := p.Errors[i]
		if e.File != "body" || e.Line != w.line || e.Change != w.change || e.Verb != w.verb || e.Reason == "" {
			t.Errorf("error %d: %+v, want line %d change %d (%s)", i, e, w.line, w.change, w.verb)
		}
	}
	if now, _ := ts.Ledger.Head(); now != head {
		t.Errorf("a refused changeset moved the head from %d to %d", head, now)
	}
}

// TestSyntaxRefusal checks that a body that is not a changeset at all is a 422 with lines.
func TestSyntaxRefusal(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("POST", "/api/v1/changesets", "admin", "effective: 2022-05-01\nchanges:\n  - hier: {id: x}\n  - leave: [\n", "Content-Type", "application/yaml")
	p := r.Problem(t)
	if r.Status != 422 || len(p.Errors) == 0 || p.Errors[0].Line == 0 || p.Errors[0].File != "body" {
		t.Errorf("%d %+v", r.Status, p)
	}
}

// TestErrorStatuses checks the status and problem code of each kind of error.
func TestErrorStatuses(t *testing.T) {
	ts := MustOpenServer(t)
	big := "effective: 2022-05-01\nnote: " + strings.Repeat("x", 1<<20) + "\nchanges: []\n"
	tests := []struct {
		name, method, path, token, body, ctype string
		status                                 int
		code                                   string
	}{
		{"unknown route", "GET", "/api/v1/nothing", "viewer", "", "", 404, "not_found"},
		{"unknown route without a token", "GET", "/nothing", "", "", "", 404, "not_found"},
		{"unknown API route without a token", "GET", "/api/v1/nothing", "", "", "", 401, "unauthorized"},
		{"method not allowed", "DELETE", "/api/v1/chart", "admin", "", "", 405, "method_not_allowed"},
		{"no token", "GET", "/api/v1/chart", "", "", "", 401, "unauthorized"},
		{"forbidden", "POST", "/api/v1/changesets", "planner", "changes: []", "application/yaml", 403, "forbidden"},
		{"unknown id", "GET", "/api/v1/people/nobody", "viewer", "", "", 404, "not_found"},
		{"wrong kind", "GET", "/api/v1/units/huo-jia", "viewer", "", "", 404, "not_found"},
		{"bad date", "GET", "/api/v1/chart?at=2022-02-30", "viewer", "", "", 400, "bad_request"},
		{"unknown parameter", "GET", "/api/v1/chart?knownAt=2022-01-01", "viewer", "", "", 400, "bad_request"},
		{"repeated parameter", "GET", "/api/v1/chart?at=2022-01-01&at=2022-01-02", "viewer", "", "", 400, "bad_request"},
		{"missing parameter", "GET", "/api/v1/diff?from=2022-01-01", "viewer", "", "", 400, "bad_request"},
		{"out of range", "GET", "/api/v1/log?limit=0", "viewer", "", "", 400, "bad_request"},
		{"not a number", "GET", "/api/v1/chart?depth=two", "viewer", "", "", 400, "bad_request"},
		{"malformed query", "GET", "/api/v1/chart?at=%zz", "viewer", "", "", 400, "bad_request"},
		{"bad known_at", "GET", "/api/v1/chart?known_at=yesterday", "viewer", "", "", 400, "bad_request"},
		{"body too large", "POST", "/api/v1/changesets", "admin", big, "application/yaml", 413, "too_large"},
		{"body of another type", "POST", "/api/v1/changesets", "admin", "a,b\n", "text/csv", 415, "unsupported_media_type"},
		{"bad dry_run", "POST", "/api/v1/changesets?dry_run=maybe", "admin", "changes: []", "application/yaml", 400, "bad_request"},
		{"a file name that is not one", "POST", "/api/v1/imports?at=2022-06-01&name=a%0Ab", "admin", "employee_id,name,title\n", "text/csv", 400, "bad_request"},
	}
	c := ts.conformance()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			headers := []string{}
			if tt.ctype != "" {
				headers = append(headers, "Content-Type", tt.ctype)
			}
			r := ts.Do(tt.method, tt.path, tt.token, tt.body, headers...)
			p := r.Problem(t)
			if r.Status != tt.status || p.Status != tt.status || p.Code != tt.code || p.Detail == "" {
				t.Errorf("%d %+v, want %d %s", r.Status, p, tt.status, tt.code)
			}
			c.check(ts.Request(tt.method, tt.path, tt.token, tt.body, headers...), r)
		})
	}
}

// TestNotFoundSaysWhy checks what a 404 of an id says: the kind of a record asked of another
// kind's route, and the id an unknown one likely misspells.
func TestNotFoundSaysWhy(t *testing.T) {
	ts := MustOpenServer(t)
	for path, want := range map[string]string{
		"/api/v1/units/huo-jia?at=2022-05-01":           "huo-jia is a person, not a unit, on 2022-05-01",
		"/api/v1/people/huo-jai?at=2022-05-01":          "(did you mean huo-jia?)",
		"/api/v1/chart?root=huo-jai&at=2022-05-01":      "(did you mean huo-jia?)",
		"/api/v1/history/huo-jai":                       "(did you mean huo-jia?)",
		"/api/v1/positions/nobody-at-all?at=2022-05-01": "nobody-at-all is not a person, position or unit on 2022-05-01",
	} {
		r := ts.Do("GET", path, "viewer", "")
		if p := r.Problem(t); r.Status != 404 || !strings.Contains(p.Detail, want) {
			t.Errorf("GET %s: %d %q, want 404 saying %q", path, r.Status, p.Detail, want)
		}
	}
}

// TestDryRunWithoutAValue: ?dry_run and dry_run= ask for a dry run, as a flag does: they were
// read as absent, and the changeset or import was recorded. (Found by a black-box review.)
func TestDryRunWithoutAValue(t *testing.T) {
	ts := MustOpenServer(t)
	head, _ := ts.Ledger.Head()
	for _, path := range []string{"/api/v1/changesets?dry_run", "/api/v1/changesets?dry_run="} {
		r := ts.Do("POST", path, "admin", "effective: 2022-05-02\nchanges:\n  - hire: {id: dry, name: Dry}\n", "Content-Type", "application/yaml")
		if r.Status != 200 || !strings.Contains(string(r.Body), `"dry_run":true`) {
			t.Errorf("POST %s: %d %s, want a dry run", path, r.Status, r.Body)
		}
	}
	// The file would make everyone leave; as a dry run it is checked (and refused, since later
	// events need the people it drops), and nothing is recorded.
	r := ts.Do("POST", "/api/v1/imports?at=2022-06-01&dry_run", "admin", "employee_id,name,title,manager_id\nE1,Ann,CEO,\n", "Content-Type", "text/csv")
	if r.Status == 201 {
		t.Errorf("an import with ?dry_run was recorded: %s", r.Body)
	}
	if after, _ := ts.Ledger.Head(); after != head {
		t.Errorf("dry runs wrote: the head moved from %d to %d", head, after)
	}
}

// TestMethodNotAllowedNamesTheMethods checks the Allow header of a 405.
func TestMethodNotAllowedNamesTheMethods(t *testing.T) {
	ts := MustOpenServer(t)
	for path, allow := range map[string]string{"/api/v1/chart": "GET, HEAD", "/api/v1/changesets": "POST", "/healthz": "GET, HEAD"} {
		r := ts.Do("PUT", path, "admin", "")
		if r.Status != 405 || r.Header.Get("Allow") != allow {
			t.Errorf("PUT %s: %d, Allow %q, want 405 and %q", path, r.Status, r.Header.Get("Allow"), allow)
		}
	}
}

// TestBodyLimitWithoutLength checks the limit on a body sent without a Content-Length: the
// server stops reading at the limit.
func TestBodyLimitWithoutLength(t *testing.T) {
	ts := MustOpenServer(t)
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprint(pw, "effective: 2022-05-01\nnote: ")
		chunk := strings.Repeat("x", 64<<10)
		for range 32 { // 2 MiB, twice the limit
			if _, err := io.WriteString(pw, chunk); err != nil {
				return
			}
		}
		pw.Close()
	}()
	req := ts.Request("POST", "/api/v1/changesets", "admin", "", "Content-Type", "application/yaml")
	req.Body = pr
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	pr.CloseWithError(io.ErrClosedPipe)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

// TestInternalErrorHidesItsCause breaks the database under the server: the client reads a
// generic message and the request id; the log has the cause under that id.
func TestInternalErrorHidesItsCause(t *testing.T) {
	ts := MustOpenServer(t)
	ts.Do("GET", "/api/v1/chart", "viewer", "") // the token is known from now on, for a second
	ts.DB.Close()
	r := ts.Do("GET", "/api/v1/history/huo-jia", "viewer", "")
	p := r.Problem(t)
	if r.Status != 500 || p.Code != "internal" || strings.Contains(strings.ToLower(string(r.Body)), "sql") {
		t.Errorf("%d %s", r.Status, r.Body)
	}
	if !strings.Contains(ts.Log.String(), `"request_id":"`+p.RequestID+`"`) || !strings.Contains(ts.Log.String(), "database is closed") {
		t.Errorf("the log lacks the cause under %s:\n%s", p.RequestID, ts.Log)
	}
	h := ts.Do("GET", "/healthz", "", "")
	if h.Status != 503 || h.Problem(t).Code != "unavailable" {
		t.Errorf("healthz on a closed database: %d %s", h.Status, h.Body)
	}
}

// TestBodyFieldNamed checks that a JSON body whose field holds a bad value, or a field the
// route does not read, is refused naming the field, in JSON's words rather than Go's; and that
// one that is not JSON is refused with where it stops being JSON. (Found by QA: "EOF",
// "unexpected EOF", "cannot unmarshal number into Go value of type string".)
func TestBodyFieldNamed(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("POST", "/api/v1/plans", "planner", `{"name": "p2", "effective": "2027-02-30"}`, "Content-Type", "application/json")
	if r.Status != 422 || !strings.Contains(string(r.Body), `"field":"effective"`) {
		t.Errorf("a plan with a date that is not one: %d %s", r.Status, r.Body)
	}
	// A share given an empty or bad token name names its field. (Found by QA.)
	if r := ts.Do("POST", "/api/v1/plans", "planner", `{"name": "shared", "effective": "2027-02-01"}`, "Content-Type", "application/json"); r.Status != 201 {
		t.Fatalf("a plan to share: %d %s", r.Status, r.Body)
	}
	for with, want := range map[string]string{`""`: `"field":"with","reason":"is required`, `"a b"`: `"field":"with","reason":"token name \"a b\" is not a name"`} {
		r := ts.Do("POST", "/api/v1/plans/shared/share", "planner", `{"with": `+with+`}`, "Content-Type", "application/json")
		if r.Status != 422 || !strings.Contains(string(r.Body), want) {
			t.Errorf("a share with %s: %d %s, want 422 and %s", with, r.Status, r.Body, want)
		}
	}
	for body, want := range map[string]string{
		`{"name": "p2", "effective": "2027-02-01", "colour": "red"}`: `"field":"colour","reason":"is not a field this route reads"`,
		`{"name": 5, "effective": "2027-02-01"}`:                     `"field":"name","reason":"wants a string, not a number"`,
		`{"name": "p2", "effective": 20270201}`:                      `"field":"effective","reason":"wants a date, a string YYYY-MM-DD, not a number"`,
		"not json":                                                   `the body is not JSON: at line 1, column 2: invalid character 'o'`,
		"{\n  \"name\": \"p2\",\n  \"effective\": 2027-02-01}":       `the body is not JSON: at line 3, column 20: invalid character '-'`,
		`{"name": "p2"`:                                              `the body is not JSON: it ends before its value does`,
		" \n":                                                        `the body is empty: this route reads a JSON object`,
		// (Found by QA: a field left out was told in a sentence alone, with no errors to name it.)
		`{"Name": "p2"}`: `"errors":[{"field":"effective","reason":"is required"}]`,
		`{}`:             `"errors":[{"field":"name","reason":"is required"},{"field":"effective","reason":"is required"}]`,
		// (Found by QA: given empty, they were told in a sentence alone.)
		`{"name": "", "effective": ""}`: `"errors":[{"field":"name","reason":"\"\" must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}"},{"field":"effective","reason":"is required: a plan needs an effective date"}]`,
	} {
		r = ts.Do("POST", "/api/v1/plans", "planner", body, "Content-Type", "application/json")
		if r.Status != 422 || !strings.Contains(string(r.Body), want) {
			t.Errorf("a plan of %q: %d %s, want 422 and %s", body, r.Status, r.Body, want)
		}
	}
}

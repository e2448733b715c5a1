package http_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/content"
	"github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/paths"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
)

// oaCase is one request of the conformance test, and the status it is meant to trigger
// (0 when either of two outcomes is right).
type oaCase struct {
	name                string
	method, path, token string
	body, ctype         string
	headers             []string
	want                int
	lazy                func() string // the body, made when the case runs, from what earlier cases wrote
}

// oaChecker checks answers against the document the server publishes, with
// libopenapi-validator, and records which documented statuses the cases triggered.
type oaChecker struct {
	doc  *v3.Document
	opts *config.ValidationOptions
	lib  validator.Validator
	seen map[string]map[string]bool // "GET /path/{template}" → statuses answered
	sent map[string]map[string]bool // "GET /path/{template}" → query parameters accepted
}

// newOAChecker builds the checker from the server's own document. Formats are asserted, so a
// date that is not a date fails; the standard decoders let the library read the CSV request
// bodies the server takes, and serverYAML its YAML ones.
func newOAChecker(t *testing.T, ts *TestServer) *oaChecker {
	t.Helper()
	r := ts.Do("GET", "/api/v1/openapi.json", "viewer", "")
	if r.Status != 200 {
		t.Fatalf("openapi.json: %d", r.Status)
	}
	doc := mustBuildModel(t, r.Body)
	opts := []config.Option{config.WithFormatAssertions(), config.WithStandardBodyDecoders(),
		config.WithBodyDecoder("application/yaml", serverYAML)}
	return &oaChecker{doc: doc, opts: config.NewValidationOptions(opts...), lib: validator.NewValidatorFromV3Model(doc, opts...),
		seen: map[string]map[string]bool{}, sent: map[string]map[string]bool{}}
}

// serverYAML reads a YAML body as the server's changeset decoder does, with goccy/go-yaml.
// The library's own YAML decoder reads an unquoted 2022-05-15 as a timestamp and hands the
// schema 2022-05-15T00:00:00Z, which format: date rightly refuses; the server reads the text.
var serverYAML = content.DecoderFunc(func(in *content.DecodeInput) (any, error) {
	var v any
	err := yaml.NewDecoder(in.Body).Decode(&v)
	return v, err
})

// TestOpenAPIConformance sends a request to every route, for success and for each error
// status that can be triggered, and checks each answer against the document the server
// publishes: the status is one the operation lists, the content type one it lists for that
// status, and the body valid against its schema; a request the server accepted must be one
// the document describes. Every operation must answer a success, and accept each of its
// documented query parameters, at least once; the documented statuses no case triggers are
// logged. Every route must refuse a query parameter the document does not list. The
// document itself is checked too, as is the rule that handlers read parameters only through
// what the document is made from.
func TestOpenAPIConformance(t *testing.T) {
	ts := MustOpenServer(t)
	planSetup(ts)
	c := newOAChecker(t, ts)
	t.Run("document", func(t *testing.T) { checkOADocument(t, c.doc) })
	t.Run("handlers read only documented parameters", checkParamSources)
	for _, tc := range oaCases(ts) {
		c.run(t, ts, tc)
	}
	c.runEveryRoute(t, ts)
	c.runDatabaseFailures(t)
	c.report(t)
}

// runEveryRoute sends each route a request without a token, which must answer 401, and one
// with a query parameter the document does not list, which must answer 400.
func (c *oaChecker) runEveryRoute(t *testing.T, ts *TestServer) {
	for _, rt := range ts.API.Routes() {
		if rt.Role != "" {
			c.run(t, ts, oaCase{name: "no token", method: rt.Method, path: samplePath(rt.Path), want: 401})
		}
		// A name no plan or person has, so that a route which failed to refuse writes nothing.
		path := strings.NewReplacer("{id}", "zz-none", "{name}", "zz-none", "{n}", "1").Replace(rt.Path) + "?zz_undocumented=1"
		r := c.run(t, ts, oaCase{name: "undocumented parameter", method: rt.Method, path: path, token: "admin", want: 400})
		if !strings.Contains(string(r.Body), "unknown query parameter") {
			t.Errorf("%s %s: not refused for its undocumented parameter: %.200s", rt.Method, path, r.Body)
		}
	}
}

// runDatabaseFailures triggers the 503 every route may answer and a 500, on servers of their own.
func (c *oaChecker) runDatabaseFailures(t *testing.T) {
	// 503: the database is down before anything read the tokens.
	down := MustOpenServer(t)
	down.DB.Close()
	for _, rt := range down.API.Routes() {
		c.run(t, down, oaCase{name: "database down", method: rt.Method, path: samplePath(rt.Path), token: "admin", want: 503})
	}
	// 500: the database breaks once the tokens are known.
	broken := MustOpenServer(t)
	broken.Do("GET", "/api/v1/chart", "viewer", "")
	broken.DB.Close()
	c.run(t, broken, oaCase{name: "database broken", method: "GET", path: "/api/v1/history/huo-jia", token: "viewer", want: 500})
}

// samplePath fills a route's template with names the test ledger holds.
func samplePath(template string) string {
	return strings.NewReplacer("{id}", "huo-jia", "{name}", "secret-plan", "{n}", "1").Replace(template)
}

// run sends one case, checks its answer and returns it.
func (c *oaChecker) run(t *testing.T, ts *TestServer, tc oaCase) *Response {
	t.Helper()
	if tc.lazy != nil {
		tc.body = tc.lazy()
	}
	headers := slices.Clone(tc.headers)
	if tc.ctype != "" {
		headers = append(headers, "Content-Type", tc.ctype)
	}
	r := ts.Do(tc.method, tc.path, tc.token, tc.body, headers...)
	label := fmt.Sprintf("%s %s %s (%s) → %d", tc.name, tc.method, tc.path, tc.token, r.Status)
	if tc.want != 0 && r.Status != tc.want {
		t.Errorf("%s, the case means to trigger %d: %.300s", label, tc.want, r.Body)
	}
	if tc.method == "HEAD" {
		// The ServeMux answers HEAD on every GET route; the document, like most, lists only
		// the GET, and the library judges no HEAD answer against it.
		return r
	}
	request := func() *http.Request { return ts.Request(tc.method, tc.path, tc.token, tc.body, headers...) }
	for _, e := range c.check(request, r) {
		t.Errorf("%s: %s", label, e)
	}
	return r
}

// check validates one answer, and the request when the server accepted it; request makes a
// fresh copy of the request each time, as validating reads its body.
func (c *oaChecker) check(request func() *http.Request, r *Response) []string {
	var out []string
	if r.Status < 300 {
		if ok, errs := c.lib.ValidateHttpRequest(request()); !ok {
			out = append(out, describe("the server accepted a request the document refuses", errs)...)
		}
	}
	req := request()
	hr := &http.Response{StatusCode: r.Status, Header: r.Header, Request: req, Body: io.NopCloser(bytes.NewReader(r.Body))}
	if ok, errs := c.lib.ValidateHttpResponse(req, hr); !ok {
		out = append(out, describe("the answer does not conform", errs)...)
	}
	return append(out, c.record(req, r)...)
}

// record notes the status, and the query parameters of an accepted request, for the report;
// and checks what the library leaves alone.
func (c *oaChecker) record(req *http.Request, r *Response) []string {
	item, _, template := paths.FindPath(req, c.doc, c.opts)
	if item == nil {
		return nil // the library has said so
	}
	key := req.Method + " " + template
	mark(c.seen, key, strconv.Itoa(r.Status))
	for name := range req.URL.Query() {
		if r.Status < 300 {
			mark(c.sent, key, name)
		}
	}
	return checkNoContent(item.GetOperations().GetOrZero(strings.ToLower(req.Method)), r)
}

func mark(m map[string]map[string]bool, key, name string) {
	if m[key] == nil {
		m[key] = map[string]bool{}
	}
	m[key][name] = true
}

// checkNoContent checks that an answer the document gives no content has no body: the
// library validates a body only where the document describes one.
func checkNoContent(op *v3.Operation, r *Response) []string {
	if op == nil || op.Responses == nil {
		return nil
	}
	resp := op.Responses.Codes.GetOrZero(strconv.Itoa(r.Status))
	if resp != nil && orderedmap.Len(resp.Content) == 0 && len(r.Body) > 0 {
		return []string{fmt.Sprintf("the document gives %d no content, the server sent %q: %.100s", r.Status, r.Header.Get("Content-Type"), r.Body)}
	}
	return nil
}

// describe turns the library's errors into lines, with the schema's own complaints.
func describe(prefix string, errs []*errors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		msg := prefix + ": " + e.Message + ": " + e.Reason
		for _, se := range e.SchemaValidationErrors {
			msg += fmt.Sprintf(" [%s %s: %s]", se.FieldPath, se.KeywordLocation, se.Reason)
		}
		out = append(out, msg)
	}
	return out
}

// report fails for an operation that answered no success or never accepted one of its
// documented query parameters, and logs the documented statuses no case triggered, so that
// a new parameter must be tried and a new error status shows up as untested.
func (c *oaChecker) report(t *testing.T) {
	for path, item := range c.doc.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			key := strings.ToUpper(method) + " " + path
			var missing []string
			success := false
			for status := range op.Responses.Codes.KeysFromOldest() {
				switch {
				case !c.seen[key][status]:
					missing = append(missing, status)
				case status[0] == '2':
					success = true
				}
			}
			if !success {
				t.Errorf("%s: no case answered a success", key)
			}
			for _, p := range op.Parameters {
				if p.In == "query" && !c.sent[key][p.Name] {
					t.Errorf("%s: no case had the documented parameter %s accepted", key, p.Name)
				}
			}
			if len(missing) > 0 {
				t.Logf("%s: documented, not triggered: %v", key, missing)
			}
		}
	}
}

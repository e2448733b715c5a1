package http_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
)

// TestOpenAPIDocument validates the served document against the OpenAPI 3.1 schema and checks
// that every route of the table is in it, with the method the table gives.
func TestOpenAPIDocument(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("GET", "/api/v1/openapi.json", "viewer", "")
	if r.Status != 200 || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("openapi.json: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	v := newValidator(t, r.Body)
	if ok, errs := v.ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("invalid document: %s: %s", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath+" "+se.KeywordLocation, se.Reason)
			}
		}
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	n := 0
	for _, rt := range ts.API.Routes() {
		if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("%s %s is not in the document", rt.Method, rt.Path)
		}
		n++
	}
	for _, ops := range doc.Paths {
		n -= len(ops)
	}
	if n != 0 {
		t.Errorf("the document has %d operations more than the table", -n)
	}
}

func newValidator(tb testing.TB, spec []byte) validator.Validator {
	tb.Helper()
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		tb.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	return v
}

// conformance checks answers against the server's own OpenAPI document.
type conformance struct {
	tb testing.TB
	v  validator.Validator
}

func (ts *TestServer) conformance() *conformance {
	r := ts.Do("GET", "/api/v1/openapi.json", "viewer", "")
	return &conformance{tb: ts.tb, v: newValidator(ts.tb, r.Body)}
}

// check validates a request and its answer. Answers the document does not describe, for paths
// or methods that are no route (404, 405, and 401 without a valid token), are left alone.
func (c *conformance) check(req *http.Request, resp *Response) {
	c.tb.Helper()
	hr := &http.Response{StatusCode: resp.Status, Header: resp.Header, Request: req,
		Body: io.NopCloser(bytes.NewReader(resp.Body))}
	if ok, errs := c.v.ValidateHttpResponse(req, hr); !ok {
		for _, e := range errs {
			if strings.Contains(e.Message, "not found") && (resp.Status >= 404 && resp.Status <= 405 || resp.Status == 401) {
				continue
			}
			c.tb.Errorf("%s %s → %d does not conform: %s: %s\n%.300s", req.Method, req.URL, resp.Status, e.Message, e.Reason, resp.Body)
			for _, se := range e.SchemaValidationErrors {
				c.tb.Errorf("  %s: %s", se.FieldPath+" "+se.KeywordLocation, se.Reason)
			}
		}
	}
}

// TestOpenAPITakenBack: the answers' taken_back tells both what a dry run may say of a change
// it would take back: that it would wait again for its leaving, or be released again on the
// leaving the write records anew. (Found by a review: it told only "would wait again".)
func TestOpenAPITakenBack(t *testing.T) {
	ts := MustOpenServer(t)
	r := ts.Do("GET", "/api/v1/openapi.json", "viewer", "")
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, s := range doc.Components.Schemas {
		p, ok := s.Properties["taken_back"]
		if !ok {
			continue
		}
		n++
		if !strings.Contains(p.Description, "wait again") || !strings.Contains(p.Description, "released again") {
			t.Errorf("%s's taken_back: %q, want it to tell both waiting again and being released again", name, p.Description)
		}
	}
	if n != 2 {
		t.Errorf("%d answers have taken_back, want 2 (a changeset's and an import's)", n)
	}
}

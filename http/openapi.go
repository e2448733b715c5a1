package http

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The OpenAPI 3.1 document is made from the route table when the server starts: the paths and
// methods are the rows, the parameters are read from the struct each handler decodes, and the
// answers' schemas from the type each handler returns. Nothing is written twice, so the
// document cannot drift from what the server does.

type document struct {
	OpenAPI    string                           `json:"openapi"`
	Info       docInfo                          `json:"info"`
	Security   []map[string][]string            `json:"security"`
	Paths      map[string]map[string]*operation `json:"paths"`
	Components components                       `json:"components"`
}

type docInfo struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description"`
}

type components struct {
	Schemas         map[string]*schema        `json:"schemas"`
	SecuritySchemes map[string]securityScheme `json:"securitySchemes"`
}

type securityScheme struct {
	Type   string `json:"type"`
	Scheme string `json:"scheme"`
}

type operation struct {
	OperationID string                 `json:"operationId"`
	Summary     string                 `json:"summary"`
	Description string                 `json:"description,omitempty"`
	Security    *[]map[string][]string `json:"security,omitempty"` // an empty list: no token
	Parameters  []parameter            `json:"parameters,omitempty"`
	RequestBody *requestBody           `json:"requestBody,omitempty"`
	Responses   map[string]*response   `json:"responses"`
}

type parameter struct {
	Name        string  `json:"name"`
	In          string  `json:"in"`
	Description string  `json:"description,omitempty"`
	Required    bool    `json:"required,omitempty"`
	Schema      *schema `json:"schema"`
}

type requestBody struct {
	Required bool                 `json:"required"`
	Content  map[string]mediaType `json:"content"`
}

type mediaType struct {
	Schema *schema `json:"schema"`
}

type response struct {
	Description string               `json:"description"`
	Headers     map[string]header    `json:"headers,omitempty"`
	Content     map[string]mediaType `json:"content,omitempty"`
}

type header struct {
	Description string  `json:"description"`
	Schema      *schema `json:"schema"`
}

const apiDescription = `The JSON API of orgledger, the system of record for an organization's structure over time.
Every request but /healthz needs a token: Authorization: Bearer TOKEN (orgledger token create).
A viewer reads the org up to today: nothing effective after today, through any route. A planner
also reads future-dated changes, and drafts plans, its own and those shared with it. An admin
also writes changesets and imports, applies plans, sees every plan and reads /metrics. Errors are
RFC 9457 problem details (application/problem+json).`

// openAPIDocument generates the document from the route table.
func (s *Server) openAPIDocument() ([]byte, error) {
	g := newSchemas()
	doc := document{OpenAPI: "3.1.0",
		Info:     docInfo{Title: "orgledger", Version: "1", Description: apiDescription},
		Security: []map[string][]string{{"bearer": {}}},
		Paths:    map[string]map[string]*operation{},
		Components: components{Schemas: g.defs,
			SecuritySchemes: map[string]securityScheme{"bearer": {Type: "http", Scheme: "bearer"}}},
	}
	for _, rt := range s.routes {
		if doc.Paths[rt.path] == nil {
			doc.Paths[rt.path] = map[string]*operation{}
		}
		doc.Paths[rt.path][strings.ToLower(rt.method)] = rt.operation(g)
	}
	return json.MarshalIndent(doc, "", "  ")
}

func (rt *route) operation(g *schemas) *operation {
	op := &operation{OperationID: rt.id, Summary: rt.summary, Description: rt.describe(),
		Parameters: rt.ep.params.document(g), Responses: rt.responses(g)}
	if rt.role == public {
		op.Security = &[]map[string][]string{}
	}
	if rt.body != nil {
		rb := &requestBody{Required: true, Content: map[string]mediaType{}}
		for _, t := range rt.body.types {
			rb.Content[t] = mediaType{Schema: rt.body.schema(g)}
		}
		op.RequestBody = rb
	}
	return op
}

// describe is the operation's description, with who may call it and how large a body it reads.
func (rt *route) describe() string {
	var parts []string
	if rt.doc != "" {
		parts = append(parts, rt.doc)
	}
	if rt.role == public {
		parts = append(parts, "No token needed.")
	} else {
		parts = append(parts, "Needs a token with the "+string(rt.role)+" role or above.")
	}
	if rt.body != nil {
		parts = append(parts, "The body may be up to "+strconv.FormatInt(rt.body.limit>>10, 10)+" KiB.")
	}
	return strings.Join(parts, " ")
}

// document returns the parameters as the OpenAPI document lists them.
func (ps *paramSet) document(g *schemas) []parameter {
	var out []parameter
	for _, p := range ps.params {
		sc := *g.of(p.typ)
		sc.Minimum, sc.Maximum = p.min, p.max
		if p.def != "" {
			sc.Default = p.def
			if n, err := strconv.ParseInt(p.def, 10, 64); err == nil && p.typ.Kind() != reflect.String {
				sc.Default = n
			}
		}
		doc := p.doc
		if p.bare {
			doc += " (given without a value, true)"
		}
		out = append(out, parameter{Name: p.name, In: p.in, Description: doc, Required: p.required, Schema: &sc})
	}
	return out
}

// responses lists every answer the route may give: its successes, and the errors that its
// role, parameters and body make possible, plus those the row names.
func (rt *route) responses(g *schemas) map[string]*response {
	out := map[string]*response{}
	for _, st := range cmpOr(rt.status, []int{http.StatusOK}) {
		out[strconv.Itoa(st)] = rt.success(g, st)
	}
	if rt.cache {
		out["304"] = &response{Description: "Not Modified: the ETag in If-None-Match is current."}
	}
	fails := append(slices.Clone(rt.fails), 400) // every route refuses a query parameter it does not read
	if rt.role != public {
		fails = append(fails, 401, 503) // 503: the tokens cannot be read, the database down
	}
	if rt.role != public && rt.role != viewer {
		fails = append(fails, 403)
	}
	if slices.ContainsFunc(rt.ep.params.params, func(p param) bool { return p.in == "path" }) {
		fails = append(fails, 404)
	}
	if rt.body != nil {
		fails = append(fails, 413, 415, 422)
	}
	for _, st := range append(fails, 500) {
		out[strconv.Itoa(st)] = problemResponse(g, st)
	}
	return out
}

func (rt *route) success(g *schemas, status int) *response {
	r := &response{Description: http.StatusText(status), Content: map[string]mediaType{}}
	if rt.ep.out != nil {
		r.Content["application/json"] = mediaType{Schema: g.of(rt.ep.out)}
	}
	for _, ct := range rt.ep.produces {
		r.Content[ct] = mediaType{Schema: &schema{}}
	}
	if rt.cache {
		r.Headers = map[string]header{"ETag": {Description: "the version of the answer, for If-None-Match", Schema: &schema{Type: "string"}},
			horizonHeader: {Description: "for a viewer who asked about a date after today: the date the answer is for, today", Schema: &schema{Type: "string", Format: "date"}}}
	}
	if status == http.StatusCreated {
		r.Headers = map[string]header{"Location": {Description: "the URL of what was created, or of the log of the events recorded (when there are any)", Schema: &schema{Type: "string"}}}
	}
	return r
}

func problemResponse(g *schemas, status int) *response {
	r := &response{Description: http.StatusText(status),
		Content: map[string]mediaType{problemType: {Schema: g.of(reflect.TypeFor[ProblemDetails]())}}}
	if status == http.StatusUnauthorized {
		r.Headers = map[string]header{"WWW-Authenticate": {Description: "Bearer", Schema: &schema{Type: "string"}}}
	}
	return r
}

func cmpOr[T any](xs, def []T) []T {
	if len(xs) == 0 {
		return def
	}
	return xs
}

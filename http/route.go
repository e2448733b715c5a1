package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/gz"
)

// route is one row of the route table (routes.go): everything the server and the OpenAPI
// document know of an operation.
type route struct {
	method  string         // GET, POST…
	path    string         // a Go 1.22 ServeMux path, with {wildcards}
	role    orgledger.Role // the least role that may call it; "" for no token at all
	id      string         // the OpenAPI operationId
	summary string
	doc     string   // a longer description, for the OpenAPI document
	light   bool     // a small answer, made without the ledger's data: it takes no place (answering.go)
	cache   bool     // the answer depends on the ledger head, today and the role only: ETag, 304
	plans   bool     // a cached answer also names the plans the caller may see: its ETag digests them
	body    *body    // the request body it reads; nil for none
	status  []int    // the statuses of success, the usual one first; nil means 200
	fails   []int    // error statuses beyond those the other fields imply (see responses)
	ep      endpoint // what answers
}

// body is the request body a route reads.
type body struct {
	limit  int64    // the largest body, in bytes; a larger one is 413
	types  []string // the media types it reads; another is 415
	schema func(*schemas) *schema
}

// endpoint is a handler with the types it reads and writes, which the OpenAPI document shows.
type endpoint struct {
	params   *paramSet
	out      reflect.Type // the type of the JSON answer; nil for other content types
	produces []string     // the content types of a non-JSON answer
	err      error        // a mistake in the handler's types, reported by New
	serve    func(c *call) error
}

// none is the parameters of a route that takes none.
type none struct{}

// handle makes an endpoint of a function from parameters of type P to an answer of type O,
// written as JSON.
func handle[P, O any](fn func(c *call, p *P) (O, error)) endpoint {
	ps, err := newParamSet(reflect.TypeFor[P]())
	return endpoint{params: ps, out: reflect.TypeFor[O](), err: err, serve: func(c *call) error {
		var p P
		if err := ps.decode(c.r, reflect.ValueOf(&p).Elem()); err != nil || c.notModified() {
			return err
		}
		out, err := fn(c, &p)
		if err != nil {
			return err
		}
		return c.writeJSON(out)
	}}
}

// raw makes an endpoint of a function that writes its own answer, of one of the content types
// given (an export, say, as CSV or JSON).
func raw[P any](fn func(c *call, p *P) error, contentTypes ...string) endpoint {
	ps, err := newParamSet(reflect.TypeFor[P]())
	return endpoint{params: ps, produces: contentTypes, err: err, serve: func(c *call) error {
		var p P
		if err := ps.decode(c.r, reflect.ValueOf(&p).Elem()); err != nil || c.notModified() {
			return err
		}
		return fn(c, &p)
	}}
}

// pattern is the route's ServeMux pattern, which also labels its metrics and log lines.
func (rt *route) pattern() string { return rt.method + " " + rt.path }

// mount registers every route on a new ServeMux, with problem+json answers for the paths and
// methods that match none, and the web UI, if any, at "/" and "/login".
func (s *Server) mount(ui http.Handler) http.Handler {
	mux := http.NewServeMux()
	methods, guarded := map[string][]string{}, map[string]bool{}
	for _, rt := range s.routes {
		mux.Handle(rt.pattern(), s.named(rt.pattern(), s.serveRoute(rt)))
		methods[rt.path] = append(methods[rt.path], rt.method)
		guarded[rt.path] = guarded[rt.path] || rt.role != ""
	}
	for path, ms := range methods {
		mux.Handle(path, s.named(path, s.methodNotAllowed(ms, guarded[path])))
	}
	notFound := s.named("unmatched", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, orgledger.Errorf(orgledger.ENOTFOUND, "no route %s %s; the API is described at /api/v1/openapi.json", r.Method, r.URL.Path))
	}))
	// The API answers problem+json even when a UI takes the rest, and, as every route does, 401
	// to a request without a valid token: which paths are routes is not told to anyone.
	unmatched := s.named("unmatched", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.refusedToken(w, r) {
			notFound.ServeHTTP(w, r)
		}
	}))
	mux.Handle("/api/", unmatched)
	if ui == nil {
		mux.Handle("/", notFound)
	} else {
		mux.Handle("/", s.named("/", ui))
		mux.Handle("/login", s.named("/login", ui))
	}
	// The ServeMux answers a path with "//", "." or ".." in it with an HTML redirect to its
	// clean form; the API names no route by such a path, and says so as it says of any other.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "/api" || unclean(p) && (underAPI(p) || underAPI(path.Clean(p))) {
			unmatched.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// underAPI reports whether a path is the API's.
func underAPI(p string) bool { return p == "/api" || strings.HasPrefix(p, "/api/") }

// unclean reports whether the ServeMux would redirect path to another, cleaned: path.Clean's,
// with a trailing slash kept.
func unclean(p string) bool {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c != p
}

// methodNotAllowed answers a known path asked with another method.
func (s *Server) methodNotAllowed(methods []string, guarded bool) http.Handler {
	header := AllowHeader(methods)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if guarded && s.refusedToken(w, r) {
			return // without a valid token, a route's methods are not told, as no path's are
		}
		w.Header().Set("Allow", header)
		s.writeError(w, r, errorf(eMethodNotAllowed, "%s is not allowed on %s; use %s", r.Method, r.URL.Path, header))
	})
}

// AllowHeader is the Allow header of a path that takes methods: theirs, and HEAD with GET,
// which the ServeMux answers with a GET's handler.
func AllowHeader(methods []string) string {
	allow := slices.Clone(methods)
	if slices.Contains(allow, http.MethodGet) {
		allow = append(allow, http.MethodHead)
	}
	slices.Sort(allow)
	return strings.Join(allow, ", ")
}

// refusedToken answers 401 to a request without a valid token, and reports whether it did.
func (s *Server) refusedToken(w http.ResponseWriter, r *http.Request) bool {
	if _, err := s.tokens.fromRequest(r.Context(), r, false); err != nil {
		s.writeError(w, r, err)
		return true
	}
	return false
}

// serveRoute answers one route: the token and its role, the body's size and type, the ETag,
// then the endpoint; an error at any step is rendered by writeError.
func (s *Server) serveRoute(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		apiHeaders(w.Header())
		c := &call{s: s, w: w, r: r, rt: rt}
		if err := s.steps(c); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) steps(c *call) error {
	if err := s.authorize(c); err != nil {
		return err
	}
	if c.r.Method != http.MethodGet && c.r.Method != http.MethodHead {
		if err := MayWaitForWriters(c.w, c.r); err != nil {
			return err
		}
	}
	if err := c.checkBody(); err != nil {
		return err
	}
	if (c.r.Method == http.MethodGet || c.r.Method == http.MethodHead) && !c.rt.light {
		if err := c.holdPlace(); err != nil {
			return err
		}
		defer c.leavePlace()
	}
	return c.rt.ep.serve(c)
}

// writerWait is how much longer than the server's write timeout a write may take to be
// answered. A write may wait for another writer: on PostgreSQL an append waits a minute for the
// lock and then gives up (503, nothing written), and an append whose answer was lost is looked
// for before it is called failed. With the write timeout alone, the answer to a write that
// waited a minute went to a connection already closed, and the client could not tell whether
// it was recorded.
const writerWait = 2 * time.Minute

// MayWaitForWriters moves the write deadline of a write, once its caller is known to be
// allowed it, past the longest it waits for other writers. The web UI's writes call it too.
func MayWaitForWriters(w http.ResponseWriter, r *http.Request) error {
	info := infoOf(r.Context())
	if info == nil {
		return nil // not served by a Server: its deadlines are someone else's
	}
	return answerBy(w, r, time.Now().Add(info.writeFor))
}

// A request's context ends a little before its answer can no longer be written (the write
// deadline), so that what it waits for, a database that does not answer, say, gives up in
// time for the answer to say so (503) rather than the connection closing on nothing (found by
// QA: a read waited as long as its client would, and a write's answer went nowhere).
var errAnswerTook = errors.New("the answer took longer than a request may")

// answerWithin is how long a request whose answer may be written for d has to work it out.
func answerWithin(d time.Duration) time.Duration { return d - min(5*time.Second, d/10) }

// answerBy moves the write deadline of the answer to until, and the end of the request's
// context to a little before it (answerWithin).
func answerBy(w http.ResponseWriter, r *http.Request, until time.Time) error {
	if err := http.NewResponseController(w).SetWriteDeadline(until); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	if info := infoOf(r.Context()); info != nil && info.answering != nil {
		info.answering.Reset(answerWithin(time.Until(until)))
	}
	return nil
}

// AnswerTook returns, for an internal error met once the request's context ended at its
// deadline (errAnswerTook), what the caller is told: the server busy or its database slow, try
// again; any other error as it is (one that says more, "may have been recorded", stays). The
// web UI's answers use it too.
func AnswerTook(r *http.Request, err error) error {
	if err == nil || !errors.Is(context.Cause(r.Context()), errAnswerTook) || StatusOf(orgledger.ErrorCode(err)) != http.StatusInternalServerError {
		return err
	}
	return orgledger.Errorf(orgledger.EUNAVAILABLE, "the answer was not ready within the time a request may take (the database slow to answer, or the server busy); try again shortly")
}

// apiHeaders are the headers of every API answer: JSON is data, never a page to render.
func apiHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
}

// writeJSON writes v as the answer, with the call's status. It encodes v first, so that a
// value that cannot be encoded is an error answer rather than half an answer.
func (c *call) writeJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode answer: %w", err)
	}
	c.w.Header().Set("Content-Type", "application/json")
	return c.writeBody(append(b, '\n'))
}

// writeBody writes an encoded answer, with the call's status: gzipped when it is large and the
// client reads gzip (a chart or an export of a large org is megabytes). Where the request's
// time ran out (errAnswerTook) while the answer waited for room to be written, it writes
// nothing and returns the error, whose answer (503) goes out without the headers of this one;
// where its client left, it writes nothing and returns nil.
func (c *call) writeBody(b []byte) error {
	h := c.w.Header()
	if !c.rt.cache {
		h.Set("Cache-Control", "no-store")
	}
	if v := h.Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
		h.Set("Vary", strings.TrimPrefix(v+", Accept-Encoding", ", "))
	}
	b, enc := gz.Compress(c.r, b)
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	unsent, err := c.s.reserveUnsent(c.r, len(b)) // held while it waits for room
	c.leavePlace()                                // the answer is worked out: a client slow to read it holds no place
	if err != nil {
		if !errors.Is(context.Cause(c.r.Context()), errAnswerTook) {
			return nil // its client left while it waited
		}
		for _, k := range []string{"Content-Length", "Content-Encoding", "Vary", "Content-Type"} {
			h.Del(k)
		}
		return err // found by a review: a 200 with a length and no body
	}
	defer unsent()
	c.w.WriteHeader(c.statusOK())
	c.w.Write(b) // a client that went away is no error of the server's
	return nil
}

package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/orgledger/orgledger"
)

// Error codes that only HTTP has: the request itself is wrong, before any question reaches the
// ledger. The codes the rest of orgledger returns are in the root package's error.go.
const (
	eBadRequest       = "bad_request"            // a malformed query parameter or header
	eMethodNotAllowed = "method_not_allowed"     // the path exists, with other methods
	eTooLarge         = "too_large"              // the body is over the route's limit
	eUnsupportedType  = "unsupported_media_type" // the body is not of a type the route reads
)

// StatusOf maps an error code to its HTTP status. It is the only place that does: the web
// UI's answers use it too.
func StatusOf(code string) int {
	switch code {
	case eBadRequest:
		return http.StatusBadRequest
	case orgledger.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case orgledger.EFORBIDDEN:
		return http.StatusForbidden
	case orgledger.ENOTFOUND:
		return http.StatusNotFound
	case eMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case orgledger.ECONFLICT:
		return http.StatusConflict
	case eTooLarge:
		return http.StatusRequestEntityTooLarge
	case eUnsupportedType:
		return http.StatusUnsupportedMediaType
	case orgledger.EINVALID:
		return http.StatusUnprocessableEntity
	case orgledger.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// StatusClientGone is the status of a request its client ended before the answer (nginx's
// 499): an error then is the client's leaving, logged as such and never as a failure.
const StatusClientGone = 499

// ClientGone reports whether r failed after its client went away: whatever the error (a store
// read interrupted, say), the answer has no one to go to.
func ClientGone(r *http.Request, err error) bool {
	return err != nil && errors.Is(r.Context().Err(), context.Canceled) && !errors.Is(context.Cause(r.Context()), errAnswerTook) &&
		StatusOf(orgledger.ErrorCode(err)) >= 500
}

// ProblemDetails is the body of every error answer: an RFC 9457 problem details object, with
// the orgledger error code, the request id to quote to whoever runs the server, and, for a
// refused changeset, every problem with its place.
type ProblemDetails struct {
	Type      string              `json:"type" doc:"always about:blank: the status and code say what went wrong"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail"`
	Instance  string              `json:"instance" doc:"the path that was requested"`
	Code      string              `json:"code" doc:"the orgledger error code, such as invalid, not_found or unauthorized"`
	RequestID string              `json:"request_id"`
	Errors    []orgledger.Problem `json:"errors,omitempty" doc:"every reason a changeset was refused, each with its file, line, change and field"`
}

// problemType is application/problem+json (RFC 9457).
const problemType = "application/problem+json"

// writeError renders err as problem+json. It is the one function that turns errors into
// answers: internal errors get a generic message, and their cause goes to the log only.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	err = AnswerTook(r, err)
	code := orgledger.ErrorCode(err)
	status := StatusOf(code)
	p := ProblemDetails{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: detailOf(err), Instance: r.URL.EscapedPath(), Code: code, RequestID: requestID(r.Context()),
		Errors: orgledger.ErrorProblems(err)}
	switch {
	case ClientGone(r, err):
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request ended by its client", slog.String("request_id", p.RequestID),
			slog.String("pattern", patternOf(r.Context())), slog.String("err", err.Error()))
		w.WriteHeader(StatusClientGone)
		return
	case status >= 500:
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("request_id", p.RequestID),
			slog.String("pattern", patternOf(r.Context())), slog.String("err", err.Error()))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", challenge(r))
	}
	body, merr := json.Marshal(p)
	if merr != nil { // cannot happen with these field types; keep the status anyway
		body = []byte(`{"type":"about:blank","status":500}`)
	}
	h := w.Header()
	apiHeaders(h)
	h.Del("ETag")
	h.Set("Content-Type", problemType)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

// detailOf returns the message a client may read: for an *orgledger.Error its message, or its
// first problem when it has no message; for anything else a generic line.
func detailOf(err error) string {
	var e *orgledger.Error
	if !errors.As(err, &e) || e.Code == orgledger.EINTERNAL {
		return "internal error; the server's log has the cause, under this request's id"
	}
	switch {
	case e.Message != "":
		return e.Message
	case len(e.Problems) == 1:
		return "refused: " + e.Problems[0].String()
	case len(e.Problems) > 1:
		return fmt.Sprintf("refused, with %d problems; the first: %s", len(e.Problems), e.Problems[0].String())
	}
	return http.StatusText(StatusOf(e.Code))
}

// challenge is the WWW-Authenticate header of a 401 (RFC 6750): invalid_token when a token was
// sent, none when it was not.
func challenge(r *http.Request) string {
	if r.Header.Get("Authorization") != "" {
		return `Bearer realm="orgledger", error="invalid_token"`
	}
	return `Bearer realm="orgledger"`
}

// errorf returns an error with an HTTP-only code.
func errorf(code, format string, args ...any) error { return orgledger.Errorf(code, format, args...) }

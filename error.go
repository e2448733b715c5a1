package orgledger

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error codes. Each maps to one HTTP status and one exit status; callers branch on the code,
// never on the message.
const (
	ECONFLICT     = "conflict"     // the ledger moved under the request, or two plans clash
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EINTERNAL     = "internal"     // a fault of orgledger or its database; details only in logs
	EINVALID      = "invalid"      // the input is refused: bad syntax, or it would break the org
	ENOTFOUND     = "not_found"    // no such person, position, unit, event or plan
	EUNAUTHORIZED = "unauthorized" // no valid token
	EUNAVAILABLE  = "unavailable"  // the database cannot be read or written now (down, busy, full or read-only); asking again later may do
)

// ErrNotWritten marks the failure of a write known to have written nothing, whatever its code:
// a store's append that could not begin while another process wrote, say, or a plan's apply
// that failed before its append. Callers that must know whether a failed write may have been
// stored (a plan's apply, a release) test for it with errors.Is.
var ErrNotWritten = errors.New("nothing was written")

// Unreadable is the error of a read the database did not answer (down, or unreachable): a
// safe message with code EUNAVAILABLE, which a server answers with 503, and the cause joined
// for the log.
func Unreadable(cause error) error {
	return WithCause(Errorf(EUNAVAILABLE, "the database cannot be read now; try again shortly"), cause)
}

// WithCause returns err, an error a user may read (an *Error, or one holding one), with the
// causes behind it for the log or for errors.Is: errors.Is and errors.As see them all,
// ErrorCode and ErrorMessage tell err's, and ErrorMessages tells the whole as one failure.
func WithCause(err error, causes ...error) error {
	return &caused{errs: slices.DeleteFunc(append([]error{err}, causes...), func(e error) bool { return e == nil })}
}

// caused is an error a user may read and its causes (WithCause).
type caused struct{ errs []error }

func (c *caused) Error() string   { return errors.Join(c.errs...).Error() }
func (c *caused) Unwrap() []error { return c.errs }

// ErrorMessages returns the message a user may read of each failure in err: one for each
// error errors.Join put together, told the same way; one made by WithCause is one failure.
func ErrorMessages(err error) []string {
	if _, ok := err.(*caused); !ok {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			var out []string
			for _, e := range j.Unwrap() {
				out = append(out, ErrorMessages(e)...)
			}
			return out
		}
	}
	if err == nil {
		return nil
	}
	return []string{ErrorMessage(err)}
}

// Error is an error a user may read. Message is safe to show; Problems lists every reason a
// changeset or file was refused, each with its place.
type Error struct {
	Code     string
	Message  string
	Problems []Problem
}

// Problem is one reason an input was refused, with the place that caused it.
type Problem struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Change int    `json:"change,omitempty"` // 1-based index of the change in its changeset
	Verb   string `json:"verb,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
	// Breaks is the seq of a recorded event the change would break (an event of a later date
	// that needs what it takes away): retracting that event first lets the change through.
	Breaks int64 `json:"breaks,omitempty"`
}

// String formats p as "file:line: change 3 (assign): reason".
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	} else if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Change > 0 {
		fmt.Fprintf(&b, "change %d", p.Change)
		if p.Verb != "" {
			fmt.Fprintf(&b, " (%s)", p.Verb)
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "%s: ", p.Field)
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	lines := make([]string, 0, len(e.Problems)+1)
	if e.Message != "" {
		lines = append(lines, e.Message)
	}
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Refused returns an EINVALID error listing problems.
func Refused(message string, problems []Problem) *Error {
	return &Error{Code: EINVALID, Message: message, Problems: problems}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a user may read: the *Error's, or a generic one for internal
// errors, whose details belong in logs only.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}

// ErrorProblems returns the problems of the first *Error in err's chain.
func ErrorProblems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

package web

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/internal/gz"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// call is one request to one route, as its handler sees it.
type call struct {
	u   *UI
	w   http.ResponseWriter
	r   *http.Request
	rt  route
	ss  session // the caller's; zero on a public route
	sid string  // the session cookie's value

	timing timings // of the steps of the answer, for the Server-Timing header
	// leavePlace gives back the call's place among the answers the server works out, once
	// (orghttp.HoldAnswerPlace); nil for a call that holds none.
	leavePlace func()
}

// csrfHeader is the header the page's scripts send the session's CSRF token in; a form sends
// it as the field csrfField.
const (
	csrfHeader = "X-CSRF-Token"
	csrfField  = "csrf"
)

// maxForm is the most a form the pages send (a CSRF token, an apply's confirmation) reads.
const maxForm = 4 << 10

// checkCSRF checks that a write carries the session's CSRF token, which only the session's own
// pages can read: a page of another site can make the browser send the cookie, but not this.
func (c *call) checkCSRF() error {
	got := c.r.Header.Get(csrfHeader)
	if got == "" {
		c.r.Body = http.MaxBytesReader(c.w, c.r.Body, maxForm)
		var tooLarge *http.MaxBytesError
		if err := c.r.ParseForm(); errors.As(err, &tooLarge) {
			return orghttp.TooLarge(maxForm)
		}
		got = c.r.PostFormValue(csrfField)
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.ss.csrf)) != 1 {
		return orgledger.Errorf(orgledger.EFORBIDDEN, "the request lacks this session's CSRF token; reload the page")
	}
	return nil
}

// caller is the session as the plans service knows it.
func (c *call) caller() plans.Caller { return plans.Caller{Name: c.ss.token, Role: c.ss.role} }

// horizon is the last date the caller may see: today for a viewer, no limit for the others.
// Every read passes it to the ledger, which hides what is effective after it.
func (c *call) horizon() orgledger.Date {
	if c.ss.role.SeesFuture() {
		return 0
	}
	return c.u.cfg.Ledger.Today()
}

// date returns the date a question about d is answered for: today when d is zero, and never
// after the caller's horizon.
func (c *call) date(d orgledger.Date) orgledger.Date {
	if d == 0 {
		d = c.u.cfg.Ledger.Today()
	}
	if h := c.horizon(); h != 0 && d > h {
		d = h
	}
	return d
}

// query returns the ledger query for the time parameters, within the caller's horizon.
func (c *call) query(t timeParams) ledger.Query {
	return ledger.Query{At: c.date(t.at), KnownAt: t.knownAt, Horizon: c.horizon()}
}

// writeJSON writes v as the answer. It encodes v first, so that a value that cannot be
// encoded is an error answer rather than half an answer.
func (c *call) writeJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode answer: %w", err)
	}
	return c.writeBody(b)
}

// writeBody writes a JSON answer already encoded, compressed when that pays, with the timings
// of the steps that made it.
func (c *call) writeBody(b []byte) error {
	start := time.Now()
	body, enc := gz.Compress(c.r, b)
	if enc != "" {
		c.step("gzip", start)
	}
	return c.writeEncoded(body, enc)
}

// writeEncoded writes a JSON answer in the content encoding given ("" for none).
func (c *call) writeEncoded(body []byte, enc string) error {
	h := c.w.Header()
	h.Set("Content-Type", "application/json")
	h.Add("Vary", "Accept-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	if len(c.timing.steps) > 0 {
		h.Set("Server-Timing", c.timing.header())
	}
	unsent, err := orghttp.ReserveAnswerBytes(c.r, len(body)) // held while it waits for room
	if c.leavePlace != nil {
		c.leavePlace() // the answer is worked out: a client slow to read it holds no place
	}
	if err != nil {
		return err // its client left while it waited
	}
	defer unsent()
	c.w.Write(body) // a client that went away is no error of the server's
	return nil
}

// step records how long a step of the answer took, from start.
func (c *call) step(name string, start time.Time) {
	c.timing.add(name, ms(time.Since(start)))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// problem is the body of a JSON error answer: RFC 9457 problem details, with orgledger's
// error code and, for a refusal, every problem with its place.
type problem struct {
	Status int                 `json:"status"`
	Title  string              `json:"title"`
	Code   string              `json:"code"`
	Detail string              `json:"detail"`
	Errors []orgledger.Problem `json:"errors,omitempty"`
}

// fail renders err: a page without a session goes to the login page; the JSON routes answer
// problem+json; other pages a short text. An internal error's cause goes to the log only; a
// request its client ended is logged as that.
func (u *UI) fail(c *call, err error) {
	err = orghttp.AnswerTook(c.r, err)
	for _, k := range []string{"Content-Length", "Content-Encoding"} { // an answer that was not written set them (found by a review)
		c.w.Header().Del(k)
	}
	code := orgledger.ErrorCode(err)
	status := orghttp.StatusOf(code)
	detail := orgledger.ErrorMessage(err)
	if orghttp.ClientGone(c.r, err) {
		u.log.LogAttrs(c.r.Context(), slog.LevelInfo, "web request ended by its client", slog.String("path", orghttp.LogPath(c.r.URL.Path)), slog.String("err", err.Error()))
		c.w.WriteHeader(orghttp.StatusClientGone)
		return
	}
	switch {
	case code == orgledger.EUNAVAILABLE: // its message says what to do (try again), and no secret
		u.log.LogAttrs(c.r.Context(), slog.LevelWarn, "web request unavailable", slog.String("path", orghttp.LogPath(c.r.URL.Path)), slog.String("err", err.Error()))
	case status >= 500:
		u.log.LogAttrs(c.r.Context(), slog.LevelError, "web request failed", slog.String("path", orghttp.LogPath(c.r.URL.Path)), slog.String("err", err.Error()))
		detail = "an internal error; the server's log has the cause"
	}
	switch {
	case status == http.StatusUnauthorized && c.rt.page && c.r.Method != http.MethodGet:
		setCookie(c.w, c.r, "") // a form sent from an ended session (log out, say): nothing to come back to
		http.Redirect(c.w, c.r, "/login", http.StatusSeeOther)
	case status == http.StatusUnauthorized && c.rt.page:
		to := "/login?next=" + url.QueryEscape(c.r.URL.RequestURI())
		if _, err := c.r.Cookie(cookieName); err == nil {
			to += "&ended=1" // a session that was: the login page says it ended
		}
		http.Redirect(c.w, c.r, to, http.StatusSeeOther)
	default:
		u.tell(c, status, code, detail, orgledger.ErrorProblems(err))
	}
}

// tell answers an error: problem+json to the page's scripts (under /ui/), a page of its own to a
// browser, plain text to anything else.
func (u *UI) tell(c *call, status int, code, detail string, problems []orgledger.Problem) {
	switch {
	case strings.HasPrefix(c.r.URL.Path, "/ui/"):
		b, _ := json.Marshal(problem{Status: status, Title: http.StatusText(status), Code: code, Detail: detail, Errors: problems})
		c.w.Header().Set("Content-Type", "application/problem+json")
		c.w.WriteHeader(status)
		c.w.Write(b)
	case wantsHTML(c.r):
		if err := render(c.w, status, u.pages.failed, errorData{Title: http.StatusText(status), Detail: detail}); err != nil {
			http.Error(c.w, http.StatusText(status)+": "+detail, status)
		}
	default:
		http.Error(c.w, http.StatusText(status)+": "+detail, status)
	}
}

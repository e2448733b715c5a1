package http

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
)

// reqInfo is what the steps of a request learn that its log line and metrics need. The
// outermost handler puts it in the request's context; the inner ones fill it in.
type reqInfo struct {
	id      string
	pattern string // the route's pattern, "unmatched" for none
	token   string // the name of the caller's token, never its secret
	// writeFor is how long a write may take to be answered (MayWaitForWriters): the server's
	// write timeout and writerWait.
	writeFor time.Duration
	server   *Server // whose places among the answers being worked out the web UI's reads take
	// answering ends the request's context a little before its write deadline (answerBy).
	answering *time.Timer
}

type infoKey struct{}

func infoOf(ctx context.Context) *reqInfo {
	info, _ := ctx.Value(infoKey{}).(*reqInfo)
	return info
}

// LogCaller names the caller of the request ctx belongs to in its log line: the name of its
// token, never its secret. The web UI, which finds its callers by their session, says who
// they are with it.
func LogCaller(ctx context.Context, tokenName string) {
	if info := infoOf(ctx); info != nil {
		info.token = tokenName
	}
}

// healthPattern is the route of the health check, whose answers that say all is well are
// logged at debug level.
const healthPattern = "GET /healthz"

// LogRoute names the route of the request ctx belongs to, its pattern, in its log line and
// its metrics: the web UI, which the server mounts as a whole, tells which of its routes
// answered, so that each has its own series. A pattern is one of a fixed set, never a path.
func LogRoute(ctx context.Context, pattern string) {
	if info := infoOf(ctx); info != nil {
		info.pattern = pattern
	}
}

func requestID(ctx context.Context) string {
	if info := infoOf(ctx); info != nil {
		return info.id
	}
	return ""
}

func patternOf(ctx context.Context) string {
	if info := infoOf(ctx); info != nil {
		return info.pattern
	}
	return ""
}

// named labels the requests a handler answers with the pattern it was registered under.
func (s *Server) named(pattern string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		LogRoute(r.Context(), pattern)
		h.ServeHTTP(w, r)
	})
}

// observe wraps the whole server: it gives each request an id, recovers from a panic with a
// 500, and logs and counts each request once it is answered.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{id: newRequestID(r.Header.Get("X-Request-ID")), pattern: "unmatched", writeFor: s.cfg.WriteTimeout + writerWait, server: s}
		w.Header().Set("X-Request-ID", info.id)
		rec := &recorder{ResponseWriter: w}
		ctx, cancel := context.WithCancelCause(context.WithValue(r.Context(), infoKey{}, info))
		info.answering = time.AfterFunc(answerWithin(s.cfg.WriteTimeout), func() { cancel(errAnswerTook) })
		defer func() { info.answering.Stop(); cancel(nil) }()
		r = r.WithContext(ctx)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", info.id, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.writeError(rec, r, fmt.Errorf("panic: %v", v))
				}
			}
			s.finish(r, rec, info, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

// finish logs and counts an answered request. The log line has the path, its plan names left
// out (LogPath), but not the query, and the token's name but never its secret.
func (s *Server) finish(r *http.Request, rec *recorder, info *reqInfo, took time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	s.metrics.observe(info.pattern, status, took)
	level := slog.LevelInfo
	if info.pattern == healthPattern && status < 400 {
		level = slog.LevelDebug // a balancer asks every few seconds: a line each would bury the rest
	}
	if !s.log.Enabled(r.Context(), level) {
		return
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("request_id", info.id), slog.String("method", r.Method), slog.String("path", LogPath(r.URL.Path)),
		slog.String("pattern", info.pattern), slog.Int("status", status), slog.Int64("bytes", rec.bytes),
		slog.Duration("took", took), slog.String("token", info.token), slog.String("remote", r.RemoteAddr))
}

// LogPath returns a request's path as the server's log has it: the segment after each "plans"
// (a plan's name, in the API's paths and the web UI's) as {name}. A plan's name is for its
// owner, whoever it is shared with and admins, and whoever reads the log may be none of them.
// A segment holding a token's secret (pasted into the address by mistake) is {token}.
func LogPath(path string) string {
	if !strings.Contains(path, "/plans/") && !strings.Contains(path, orgledger.TokenPrefix) {
		return path
	}
	parts := strings.Split(path, "/")
	for i := 1; i < len(parts); i++ {
		switch {
		case strings.Contains(parts[i], orgledger.TokenPrefix):
			parts[i] = "{token}"
		case parts[i-1] == "plans" && parts[i] != "":
			parts[i] = "{name}"
		}
	}
	return strings.Join(parts, "/")
}

// newRequestID returns the client's X-Request-ID when it is sane, so that a request can be
// followed across services, or a new one. A new one is random: numbered in turn, the ids two
// answers carry would tell a caller how many requests others made between them.
func newRequestID(given string) string {
	if saneID(given) {
		return given
	}
	return rand.Text()[:16]
}

// saneID accepts 1 to 64 letters, digits and ".-_:", which fit unescaped in any log line.
func saneID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}

// recorder remembers the status and size of an answer.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection underneath.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush passes flushes through, for answers that stream.
func (r *recorder) Flush() { http.NewResponseController(r.ResponseWriter).Flush() }

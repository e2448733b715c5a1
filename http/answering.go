package http

import (
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// An answer is worked out in memory before it is sent: the chart of a hundred thousand people
// is a few tens of megabytes as values and as JSON, and a plan of a hundred thousand changes
// more. Each read with a valid token, of the API or of the web UI, holds a place among those
// being worked out, of which there are maxAnswering; one that finds none waits for one, at
// most Config.AnswerWait, and is then refused with 503, so that many callers at once slow the
// server down rather than take all of its memory (found by QA: a hundred charts asked at once
// of a 100k org took 8 GB, and slow readers of a large plan took the server past 20 GB). An
// API answer leaves its place once it is encoded, before it is written: a client slow to read
// holds a connection and its answer's bytes, not a place. A request whose client leaves while
// it waits takes no place at all. The health check, the OpenAPI document and the metrics hold
// none (route.light): a probe must not fail because the server is busy. Writes hold none:
// their bodies are bounded, their decoding has places of its own (holdDecoding: a changeset's
// decoding, an import whole), and one
// that waits a minute for another server's write must not keep reads waiting too.

// maxAnswering is how many answers are worked out at once: two for each processor, so that
// answers that wait on the store or the disk leave none idle.
func maxAnswering() int { return 2 * runtime.GOMAXPROCS(0) }

// holdPlace takes a place among the answers being worked out, waiting for one while its
// client is there, at most Config.AnswerWait.
func (c *call) holdPlace() error {
	if err := c.s.takePlace(c.w, c.r); err != nil {
		return err
	}
	c.placed = true
	return nil
}

// takePlace takes a place among the answers being worked out for r, waiting for one while its
// client is there, at most Config.AnswerWait; refused, it says Retry-After on w.
func (s *Server) takePlace(w http.ResponseWriter, r *http.Request) error {
	select {
	case s.answering <- struct{}{}:
		return nil
	default:
	}
	wait := s.cfg.AnswerWait
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case s.answering <- struct{}{}:
		return nil
	case <-r.Context().Done():
		return r.Context().Err()
	case <-t.C:
		w.Header().Set("Retry-After", "1")
		return orgledger.Errorf(orgledger.EUNAVAILABLE, "the server is working out %d answers and none finished within %s; try again shortly",
			cap(s.answering), wait)
	}
}

// HoldAnswerPlace takes, for a read of the web UI, a place among the answers the server
// works out, as the API's reads do, and returns what gives it back; a request that no Server
// serves holds none.
func HoldAnswerPlace(w http.ResponseWriter, r *http.Request) (release func(), err error) {
	info := infoOf(r.Context())
	if info == nil || info.server == nil {
		return func() {}, nil
	}
	s := info.server
	if err := s.takePlace(w, r); err != nil {
		return nil, err
	}
	return sync.OnceFunc(func() { <-s.answering }), nil
}

// leavePlace gives the call's place back, once.
func (c *call) leavePlace() {
	if c.placed {
		c.placed = false
		<-c.s.answering
	}
}

// unsentBytes bounds the bytes of encoded answers being written at once, whatever their
// clients do: a client that reads slowly, or not at all, holds its answer's bytes until the
// write timeout (found by QA: two hundred clients that read nothing of a 100k org's chart held
// 5.9 GB). An answer waits for room while it holds its place, so that at most maxAnswering
// answers wait so; an answer larger than the whole room takes all of it.
func (s *Server) reserveUnsent(r *http.Request, n int) (release func(), err error) {
	n64 := min(int64(n), s.cfg.AnswerBytes)
	if err := s.unsent.Acquire(r.Context(), n64); err != nil {
		return nil, err
	}
	return sync.OnceFunc(func() { s.unsent.Release(n64) }), nil
}

// ReserveAnswerBytes takes, for an answer of the web UI of n bytes, room among the bytes of
// answers being written, as the API's answers do, and returns what gives it back once written;
// a request that no Server serves takes none.
func ReserveAnswerBytes(r *http.Request, n int) (release func(), err error) {
	info := infoOf(r.Context())
	if info == nil || info.server == nil {
		return func() {}, nil
	}
	return info.server.reserveUnsent(r, n)
}

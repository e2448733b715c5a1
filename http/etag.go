package http

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"

	"github.com/orgledger/orgledger"
)

// etag names the version of the answers a cached route gives this caller. They depend on the
// ledger's head (any write moves it), on today (at and a viewer's horizon default to it), and
// on whether the caller may see the future; the route's URL does the rest. The recorded time
// of the head tells apart two ledgers that happen to have as many events.
//
// It is taken before the answer is read: if a write lands in between, the answer is newer
// than its tag, and the next request fetches it again; the other way round a client could
// keep a stale answer under a current tag. The tag is a digest, so that it does not tell a
// viewer how many events there are; and a viewer's is of the last event they can see
// (Ledger.HeadWithin), so that it does not change when something hidden from them is written.
//
// A planner's log names the plans they may see, which a share or an unshare changes without a
// write to the ledger: the tag of a route whose answer names them also digests those plans.
// The plans unread, no tag is given.
func (s *Server) etag(c *call) (string, bool) {
	seq, recorded := s.ledger.HeadWithin(c.horizon())
	who := "v" // viewer
	switch {
	case c.token.Role.Includes(orgledger.RoleAdmin):
		who = "a"
	case c.seesFuture() && !c.rt.plans:
		who = "f"
	case c.seesFuture():
		v, err := s.plans.Visibility(c.ctx(), c.caller())
		if err != nil {
			return "", false
		}
		c.plans = &v // the answer hides the plans the tag is of
		who = "p " + strings.Join(v.Refs(), " ")
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%d.%d.%s.%s", seq, recorded.UnixMicro(), s.ledger.Today(), who))
	return fmt.Sprintf(`W/"%x"`, sum[:12]), true
}

// notModified sets the caching headers of a cached route and answers 304 when the client
// holds the current version. It is asked once the query is read, so that a request the route
// refuses is refused whatever tag it holds.
func (c *call) notModified() bool {
	if !c.rt.cache {
		return false
	}
	tag, ok := c.s.etag(c)
	if !ok {
		return false
	}
	h := c.w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Vary", "Authorization, Accept-Encoding") // a large answer is gzipped for a client that reads it
	if !etagMatch(c.r.Header.Get("If-None-Match"), tag) {
		return false
	}
	c.w.WriteHeader(http.StatusNotModified)
	return true
}

// etagMatch reports whether an If-None-Match header names tag, by the weak comparison that
// RFC 9110 prescribes for it. A "*" is not taken for a match: it holds only where the answer
// exists, which is known once it is read (a 404 must stay a 404), and a full answer where a
// 304 would do is no error.
func etagMatch(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t != "" && t != "*" && strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}

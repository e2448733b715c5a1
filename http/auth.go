package http

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/tokensnap"
)

// authorize finds the caller's token and checks that its role may call the route.
func (s *Server) authorize(c *call) error {
	if c.rt.role == "" {
		return nil
	}
	// A write with a body is looked up as stored once its body is read (readBody): a body
	// sent slowly could otherwise write for a token revoked while it came (found by QA).
	t, err := s.tokens.fromRequest(c.ctx(), c.r, writes(c.rt.method) && c.rt.body == nil)
	if err != nil {
		return err
	}
	c.token = t
	LogCaller(c.ctx(), t.Name)
	if !t.Role.Includes(c.rt.role) {
		return orgledger.Errorf(orgledger.EFORBIDDEN, "%s %s needs a token with the %s role; this one is a %s", c.rt.method, c.rt.path, c.rt.role, t.Role)
	}
	return nil
}

// writes reports whether a request of that method may change something: its token is looked
// up in the tokens as stored when it came, not as last read.
func writes(method string) bool { return method != http.MethodGet && method != http.MethodHead }

// stillAuthorized looks the caller's token up again, as stored now, for a write whose body has
// been read: one revoked while it came writes nothing.
func (s *Server) stillAuthorized(c *call) error {
	if c.rt.role == "" || !writes(c.rt.method) {
		return nil
	}
	_, err := s.tokens.fromRequest(c.ctx(), c.r, true)
	return err
}

// tokens authenticates bearer tokens against a snapshot of the token store, read again once it
// is ttl old, so that a read does not wait for the database, and a token revoked on the command
// line stops reading within ttl (twice ttl while a read of the store is under way). A request
// that writes waits for a read of the store that began once it came: a revoked token writes
// nothing more, at the cost of a read of the tokens a write.
type tokens struct {
	store orgledger.TokenStore
	clock orgledger.Clock
	log   *slog.Logger
	snap  *tokensnap.Snapshot[map[[32]byte]*orgledger.Token] // the active tokens, by the hash of their secrets

	mu   sync.Mutex
	used map[string]time.Time // when each token's last use was written to the store
}

func newTokens(store orgledger.TokenStore, clock orgledger.Clock, log *slog.Logger, ttl time.Duration) *tokens {
	return &tokens{store: store, clock: clock, log: log, used: map[string]time.Time{},
		snap: &tokensnap.Snapshot[map[[32]byte]*orgledger.Token]{TTL: ttl, Build: activeByHash}}
}

// activeByHash returns the active tokens by the hash of their secrets.
func activeByHash(all []*orgledger.Token) map[[32]byte]*orgledger.Token {
	out := make(map[[32]byte]*orgledger.Token, len(all))
	for _, t := range all {
		if t.Active() {
			out[t.Hash] = t
		}
	}
	return out
}

// newTokenEvery is how soon after a read of the tokens began another may, for a token not
// among them: a token just made works on its first request, which may wait that long, and
// requests with unknown tokens read the store ten times a second at most
// (tokensnap.Snapshot.Fresh).
const newTokenEvery = 100 * time.Millisecond

// touchEvery bounds how often a token's last use is written: a busy client must not turn
// every read into a write.
const touchEvery = time.Minute

// badToken is the one answer to every token that is not valid, so that it tells an attacker
// nothing about which tokens exist.
func badToken() error {
	return orgledger.Errorf(orgledger.EUNAUTHORIZED, "the token is not valid: it is unknown, revoked, or mistyped")
}

// fromRequest returns the valid token the request's Authorization header carries. Two headers
// are a bad request (RFC 6750's invalid_request): which one is meant? A proxy may read the
// other.
func (a *tokens) fromRequest(ctx context.Context, r *http.Request, now bool) (*orgledger.Token, error) {
	if n := len(r.Header.Values("Authorization")); n > 1 {
		return nil, errorf(eBadRequest, "send one Authorization header, not %d", n)
	}
	return a.authenticate(ctx, r.Header.Get("Authorization"), now)
}

// authenticate returns the valid token an Authorization header carries, among the tokens as
// last read or, when now is set, as stored now. Nothing it returns or logs contains the secret.
func (a *tokens) authenticate(ctx context.Context, header string, now bool) (*orgledger.Token, error) {
	scheme, secret, _ := strings.Cut(header, " ")
	if header == "" || !strings.EqualFold(scheme, "Bearer") {
		return nil, orgledger.Errorf(orgledger.EUNAUTHORIZED, "send a token: Authorization: Bearer TOKEN")
	}
	secret = strings.TrimSpace(secret)
	if !orgledger.LooksLikeToken(secret) {
		return nil, badToken()
	}
	byHash, err := a.snap.Get(ctx, a.store)
	if err != nil {
		return nil, orgledger.Unreadable(err)
	}
	// The map is keyed by the SHA-256 of the secret, so how long a look-up takes tells an
	// attacker about the hash of their own guess only, never about a stored secret; the
	// constant-time comparison makes sure of the match itself.
	h := orgledger.HashToken(secret)
	switch {
	case byHash[h] == nil: // perhaps made a moment ago: read the tokens again, as they are now
		byHash, err = a.snap.Fresh(ctx, a.store, newTokenEvery) // as a write needs them too
	case now: // a write by a token known: is it still as stored now? (An unknown token's
		// write is read for above, at most every newTokenEvery: found by a review, it read the
		// store at every request.)
		byHash, err = a.snap.Fresh(ctx, a.store, 0)
	}
	if err != nil {
		return nil, orgledger.Unreadable(err)
	}
	if t := byHash[h]; t != nil && subtle.ConstantTimeCompare(t.Hash[:], h[:]) == 1 {
		a.touch(ctx, t)
		return t, nil
	}
	return nil, badToken()
}

// touch records the token's use, at most once every touchEvery. A failure is logged only: the
// request goes on.
func (a *tokens) touch(ctx context.Context, t *orgledger.Token) {
	now := a.clock.Now()
	a.mu.Lock()
	last, ok := a.used[t.Name]
	if !ok {
		last = t.LastUsed
	}
	due := now.Sub(last) >= touchEvery
	if due {
		a.used[t.Name] = now
	}
	a.mu.Unlock()
	if !due {
		return
	}
	if err := a.store.TouchToken(ctx, t.Name, now); err != nil {
		a.log.LogAttrs(ctx, slog.LevelWarn, "cannot record a token's use", slog.String("token", t.Name),
			slog.String("request_id", requestID(ctx)), slog.String("err", err.Error()))
	}
}

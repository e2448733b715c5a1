package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// cookieName is the session cookie's name.
const cookieName = "orgledger_session"

// session is a login: who it is, what the page must send back on a write, and until when.
// The map of sessions is keyed by the SHA-256 of the cookie's value, so the value itself is
// kept nowhere on the server.
type session struct {
	token   string // the token's name
	role    orgledger.Role
	hash    [32]byte // the token's, to see that the same token is still valid
	csrf    string
	expires time.Time
	checked time.Time // when the token was last found valid
}

// sessions keeps the logins of this process, in memory: a restart logs everyone out, which
// costs a login and keeps no session secret on disk.
type sessions struct {
	now      func() time.Time
	ttl      time.Duration
	recheck  time.Duration
	max      int
	maxToken int

	mu   sync.Mutex
	byID map[[32]byte]*session
}

func newSessions(cfg Config) *sessions {
	return &sessions{now: cfg.Now, ttl: cfg.SessionTTL, recheck: cfg.RecheckTTL / 2, max: cfg.MaxSessions,
		maxToken: cfg.MaxTokenSessions, byID: map[[32]byte]*session{}}
}

// randomString returns 256 random bits, URL-safe.
func randomString() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	return base64.RawURLEncoding.EncodeToString(b)
}

// create starts a session for the token and returns the cookie's value.
func (s *sessions) create(t *orgledger.Token) (id string, _ session) {
	id = randomString()
	now := s.now()
	ss := &session{token: t.Name, role: t.Role, hash: t.Hash, csrf: randomString(), expires: now.Add(s.ttl), checked: now}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now, t.Name)
	s.byID[sha256.Sum256([]byte(id))] = ss
	return id, *ss
}

// sweep drops expired sessions and makes room for one more of the token: at the token's own
// limit its session closest to expiring goes, and at the limit of all sessions the one closest
// to expiring of all. Any token may log in, a viewer's too, so one token must not be able to
// push everyone else's sessions out. It runs at each login, which is rare, so a scan of every
// session is cheap.
func (s *sessions) sweep(now time.Time, token string) {
	mine := 0
	for k, ss := range s.byID {
		switch {
		case !now.Before(ss.expires):
			delete(s.byID, k)
		case ss.token == token:
			mine++
		}
	}
	for ; mine >= s.maxToken; mine-- {
		s.dropOldest(func(ss *session) bool { return ss.token == token })
	}
	for len(s.byID) >= s.max {
		s.dropOldest(func(*session) bool { return true })
	}
}

// dropOldest drops the session closest to expiring of those that match.
func (s *sessions) dropOldest(match func(*session) bool) {
	var oldest *[32]byte
	for k, ss := range s.byID {
		if match(ss) && (oldest == nil || ss.expires.Before(s.byID[*oldest].expires)) {
			oldest = &k
		}
	}
	if oldest != nil {
		delete(s.byID, *oldest)
	}
}

// get returns a copy of the live session of a cookie value, and whether its token is due to be
// looked up again.
func (s *sessions) get(id string) (ss session, due, ok bool) {
	if id == "" {
		return session{}, false, false
	}
	key := sha256.Sum256([]byte(id))
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byID[key]
	if p == nil {
		return session{}, false, false
	}
	if !now.Before(p.expires) {
		delete(s.byID, key)
		return session{}, false, false
	}
	return *p, now.Sub(p.checked) >= s.recheck, true
}

// checked records that the session's token was found valid just now.
func (s *sessions) checked(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.byID[sha256.Sum256([]byte(id))]; p != nil {
		p.checked = s.now()
	}
}

// drop ends a session.
func (s *sessions) drop(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, sha256.Sum256([]byte(id)))
}

// count returns the number of sessions kept, for tests.
func (s *sessions) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byID)
}

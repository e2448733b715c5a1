package web

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"

	"github.com/orgledger/orgledger"
)

// badToken is the one answer to every token that is not valid, as the API gives it, so that
// the login form tells an attacker nothing about which tokens exist.
func badToken() error {
	return orgledger.Errorf(orgledger.EUNAUTHORIZED, "the token is not valid: it is unknown, revoked, or mistyped")
}

// authenticate returns the active token whose secret this is. The secret goes nowhere but
// into its hash.
func (u *UI) authenticate(ctx context.Context, secret string) (*orgledger.Token, error) {
	if !orgledger.LooksLikeToken(secret) {
		return nil, badToken()
	}
	h := orgledger.HashToken(secret)
	return u.findToken(ctx, func(t *orgledger.Token) bool {
		return subtle.ConstantTimeCompare(t.Hash[:], h[:]) == 1
	})
}

// findToken returns the first active token that match accepts, of the tokens stored now.
func (u *UI) findToken(ctx context.Context, match func(*orgledger.Token) bool) (*orgledger.Token, error) {
	all, err := u.cfg.Tokens.Tokens(ctx)
	if err != nil {
		return nil, orgledger.Unreadable(err)
	}
	return firstActive(all, match)
}

// firstActive returns the first active token of all that match accepts.
func firstActive(all []*orgledger.Token, match func(*orgledger.Token) bool) (*orgledger.Token, error) {
	for _, t := range all {
		if t.Active() && match(t) {
			return t, nil
		}
	}
	return nil, badToken()
}

// stillValid reports whether the session's token is still active with the same secret and
// role, in the tokens as last read or, when now is set, as a read that began now or later
// found them: a token revoked on the command line ends its sessions at the next look-up.
func (u *UI) stillValid(ctx context.Context, ss session, now bool) (bool, error) {
	var all []*orgledger.Token
	var err error
	if now { // not after Get too, which may read them itself (found by a review: read twice)
		all, err = u.tokens.Fresh(ctx, u.cfg.Tokens, 0)
	} else {
		all, err = u.tokens.Get(ctx, u.cfg.Tokens)
	}
	if err != nil {
		return false, orgledger.Unreadable(err)
	}
	_, err = firstActive(all, func(t *orgledger.Token) bool {
		return t.Name == ss.token && t.Hash == ss.hash && t.Role == ss.role
	})
	if orgledger.ErrorCode(err) == orgledger.EUNAUTHORIZED {
		return false, nil
	}
	return err == nil, err
}

// sessionOf returns the request's live session, looking its token up again when that is due,
// or, for a request that writes (now), in the tokens as stored when it came: a token revoked
// a moment ago writes nothing more. A session whose token is no longer valid is ended.
func (u *UI) sessionOf(r *http.Request, now bool) (session, string, error) {
	ck, err := r.Cookie(cookieName)
	if err != nil {
		return session{}, "", errNoSession()
	}
	ss, due, ok := u.sessions.get(ck.Value)
	if !ok {
		return session{}, "", errNoSession()
	}
	if due || now {
		valid, err := u.stillValid(r.Context(), ss, now)
		if err != nil {
			return session{}, "", err
		}
		if !valid {
			u.sessions.drop(ck.Value)
			u.log.LogAttrs(r.Context(), slog.LevelInfo, "session ended: its token is no longer valid", slog.String("token", ss.token))
			return session{}, "", errNoSession()
		}
		u.sessions.checked(ck.Value)
	}
	return ss, ck.Value, nil
}

func errNoSession() error {
	return orgledger.Errorf(orgledger.EUNAUTHORIZED, "log in at /login")
}

// setCookie sets the session cookie, which lives until the browser closes at the latest (the
// server ends the session itself after SessionTTL); an empty id deletes it.
func setCookie(w http.ResponseWriter, r *http.Request, id string) {
	c := &http.Cookie{Name: cookieName, Value: id, Path: "/", HttpOnly: true, Secure: overTLS(r), SameSite: http.SameSiteStrictMode}
	if id == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// loginData is what the login page shows: where to go after, why the last try failed, and
// whether a session ended (its token revoked, or its time up) before the browser came here.
type loginData struct {
	Next, Error string
	Ended       bool
}

// loginPage shows the form, or sends a browser that is logged in already on its way.
func (u *UI) loginPage(c *call) error {
	next := safeNext(c.r.URL.Query().Get("next"))
	if _, _, err := u.sessionOf(c.r, false); err == nil {
		http.Redirect(c.w, c.r, next, http.StatusSeeOther)
		return nil
	}
	return render(c.w, http.StatusOK, u.pages.login, loginData{Next: next, Ended: c.r.URL.Query().Get("ended") == "1"})
}

// login trades a valid token for a session. A browser that had a session gets a new one, so
// that a session id someone else planted is never the one that logs in.
func (u *UI) login(c *call) error {
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, 8<<10)
	// The form urlencoded, as the page sends it, or multipart, as curl -F does: each parse
	// reads its own kind, and says when the body was larger than a login.
	if err := errors.Join(c.r.ParseForm(), c.r.ParseMultipartForm(8<<10)); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return render(c.w, http.StatusRequestEntityTooLarge, u.pages.login, loginData{
				Error: "The form was larger than a login sends: paste the token alone."})
		}
	}
	next := safeNext(c.r.PostFormValue("next"))
	token := strings.TrimSpace(c.r.PostFormValue("token"))
	if token == "" { // no form, or one left empty: nothing to call invalid
		return render(c.w, http.StatusBadRequest, u.pages.login, loginData{Next: next,
			Error: "Enter a token: orgledger token create prints one."})
	}
	t, err := u.authenticate(c.r.Context(), token)
	if orgledger.ErrorCode(err) == orgledger.EUNAUTHORIZED {
		u.log.LogAttrs(c.r.Context(), slog.LevelInfo, "web login refused")
		return render(c.w, http.StatusUnauthorized, u.pages.login, loginData{Next: next,
			Error: "That token is not valid: it is unknown, revoked, or mistyped."})
	} else if err != nil {
		return err
	}
	if old, err := c.r.Cookie(cookieName); err == nil {
		u.sessions.drop(old.Value)
	}
	id, _ := u.sessions.create(t)
	setCookie(c.w, c.r, id)
	if err := u.cfg.Tokens.TouchToken(c.r.Context(), t.Name, u.cfg.Ledger.Now()); err != nil {
		u.log.WarnContext(c.r.Context(), "cannot record a token's use", "token", t.Name, "err", err)
	}
	orghttp.LogCaller(c.r.Context(), t.Name)
	u.log.LogAttrs(c.r.Context(), slog.LevelInfo, "web login", slog.String("token", t.Name), slog.String("role", string(t.Role)))
	http.Redirect(c.w, c.r, next, http.StatusSeeOther)
	return nil
}

// logout ends the session and clears its cookie.
func (u *UI) logout(c *call) error {
	u.sessions.drop(c.sid)
	setCookie(c.w, c.r, "")
	http.Redirect(c.w, c.r, "/login", http.StatusSeeOther)
	return nil
}

// safeNext returns next if it is a path of this site, and "/" otherwise, so that the login
// form cannot be made to send anyone elsewhere.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	return next
}

package web

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy lets a page run only the scripts and styles the server sends as files:
// no inline script or style element, no eval, no plugin, no framing, and requests to this
// origin only. Images may also be data: and blob: URLs, which the PNG export draws through.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders are the headers of every answer of the UI.
func securityHeaders(h http.Header, r *http.Request) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY") // for browsers that predate frame-ancestors
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if overTLS(r) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// overTLS reports whether the browser reached the server over TLS: directly, or through a
// proxy that ended TLS and says so (X-Forwarded-Proto). A client that claims it falsely on
// plain HTTP only keeps its own cookie from being stored: browsers take a Secure cookie, and
// HSTS, over HTTPS alone.
func overTLS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// private marks an answer that holds the org or a session: no cache keeps it, so that nothing
// of it is left on the disk of a shared computer after logout.
func private(h http.Header) {
	h.Set("Cache-Control", "no-store")
}

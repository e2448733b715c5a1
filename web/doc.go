// Package web is orgledger's web org chart: the pages a person opens in a browser, served by
// `orgledger serve` beside the JSON API. It sits at the outer edge of the house with package
// http and the command line: it reads the ledger and the plans service, and nothing below
// calls back up into it. Package http mounts it at "/" (Config.UI) and keeps /api/ for itself.
//
// # Browser routes apart from the API
//
// The API authenticates every request by its bearer token; a browser cannot keep a token
// safely, so the UI trades a token for a session once, at /login (login.go): a random id in an
// HttpOnly, SameSite=Strict cookie (Secure over TLS, or behind a proxy whose X-Forwarded-Proto
// says https), mapped in memory (session.go) to the token's name, role and hash. Sessions are
// lost when the server restarts, which only means logging in again. Every half second of use
// the session's token is looked up again, in the tokens as read at most half a second before
// (one read for all sessions), so a token revoked on the command line ends its sessions within
// a second, as the API refuses it; a write (but logging out) looks it up in the tokens as stored
// when the write came, as the API's writes do. Sessions end after Config.SessionTTL, and at logout.
// One token keeps at most Config.MaxTokenSessions sessions, its own oldest ending first, so
// that any token, a viewer's too, logging in again and again pushes out no one else's.
//
// A write from the page (logout, applying a plan, withdrawing a change of one) must carry the
// session's CSRF token, which the page holds in a meta element, in a header or a form field;
// and every request that is not GET or HEAD passes net/http's CrossOriginProtection, which
// refuses what the browser says came from another origin (Sec-Fetch-Site, Origin). Every
// answer carries a Content-Security-Policy that lets the page run only its own scripts and
// styles (headers.go): no inline script, no eval, no framing.
//
// # What the page asks
//
// The page is plain HTML, CSS and JavaScript modules embedded from assets/ (assets.go): a
// fresh clone runs it with no build step. It reads JSON from routes of its own under /ui/
// (routes.go), authorized by the session with the same roles as the API: a viewer's every
// question carries a horizon of today, which the ledger applies, so nothing effective after
// today reaches a viewer's page; plans are for planners and admins, and a plan the caller may
// not see is not found. The answers come from the same ledger and plans calls as the API's.
//
// # A chart of any size
//
// The chart is laid out on the server by package layout, and the browser draws only what is
// on screen. /ui/labels sends what every position of the org on a date says, once, in columns
// (ids, parent indexes, string tables for titles, units and people: encode.go, jsonw.go);
// /ui/layout sends where the boxes of the positions a view shows go (layout.go), and is asked
// again alone when a subtree is opened or closed. The labels are the same for everyone who
// asks the same question within the same horizon, so the server keeps the last few charts it
// built with their labels encoded and compressed (cache.go): a re-layout, or a return to a
// date, does not ask the ledger again. In the browser, connectors are drawn on a canvas, and
// the boxes on screen are a small pool of DOM elements recycled as the view moves, which
// keeps the names readable by screen readers and findable by the browser; zoomed too far out
// to read, the canvas draws the boxes too, and beyond that their pixels. A 100,000-person org
// loads, changes date and pans smoothly (BENCHMARKS.md, "Web UI"; browser_perf_test.go).
//
// The page asks for the labels and the layout at once, and each answer names the chart it is
// of (its date, time known, ledger head and plan), so that a write landing between the two is
// noticed and both are asked again.
package web

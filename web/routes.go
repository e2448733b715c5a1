package web

import (
	"net/http"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// Roles, as the table names them.
const (
	public = orgledger.Role("")
	viewer = orgledger.RoleViewer
	admin  = orgledger.RoleAdmin
)

// route is one row of the UI's table: who may ask, and what answers.
type route struct {
	method, path string
	role         orgledger.Role // the least role of the session; public needs none
	page         bool           // an HTML page: without a session, the login page instead
	write        bool           // changes something: needs the session's CSRF token
	h            func(c *call) error
}

// table is every route of the UI. The pages and their assets come first, then the JSON the
// page reads, all under /ui/.
func (u *UI) table() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{method: get, path: "/login", h: u.loginPage},
		{method: post, path: "/login", h: u.login},
		{method: post, path: "/logout", role: viewer, page: true, write: true, h: u.logout},
		{method: get, path: "/logout", h: postOnly},
		{method: get, path: "/{$}", role: viewer, page: true, h: u.appPage("chart")},
		{method: get, path: "/plans", role: viewer, page: true, h: u.appPage("plans")},
		{method: get, path: "/assets/{file}", h: u.asset},

		{method: get, path: "/ui/labels", role: viewer, h: u.labels},
		{method: get, path: "/ui/layout", role: viewer, h: u.layout},
		{method: get, path: "/ui/show/{id}", role: viewer, h: u.show},
		{method: get, path: "/ui/diff", role: viewer, h: u.diff},
		{method: get, path: "/ui/span", role: viewer, h: u.spanOf},
		{method: get, path: "/ui/plans", role: viewer, h: u.listPlans},
		{method: get, path: "/ui/plans/{name}", role: viewer, h: u.getPlan},
		{method: post, path: "/ui/plans/{name}/apply", role: admin, write: true, h: u.applyPlan},
		{method: post, path: "/ui/plans/{name}/changes/{n}/withdraw", role: admin, write: true, h: u.withdrawChange},
	}
}

// postOnly answers a GET of a path that takes only a POST (logging out, which a link followed
// by anyone must not do).
func postOnly(c *call) error {
	c.w.Header().Set("Allow", http.MethodPost)
	http.Error(c.w, "Method Not Allowed: this takes a POST, as the page's button sends", http.StatusMethodNotAllowed)
	return nil
}

// mux registers the table's routes, and answers every other path not found.
func (u *UI) mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range u.table() {
		pattern := rt.method + " " + rt.path
		mux.Handle(pattern, u.serve(rt, pattern))
	}
	mux.Handle("/", u.serve(route{h: func(c *call) error {
		return orgledger.Errorf(orgledger.ENOTFOUND, "there is no page at %s", c.r.URL.Path)
	}}, "unmatched"))
	return mux
}

// serve answers one route, named by its pattern in the server's log and metrics: the session
// and its role, the CSRF token of a write, then the handler; an error at any step is rendered
// by fail.
func (u *UI) serve(rt route, pattern string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		orghttp.LogRoute(r.Context(), pattern)
		c := &call{u: u, w: w, r: r, rt: rt}
		if err := c.steps(); err != nil {
			u.fail(c, err)
		}
	})
}

func (c *call) steps() error {
	if c.rt.role == public {
		return c.rt.h(c)
	}
	ss, sid, err := c.u.sessionOf(c.r)
	if err != nil {
		return err
	}
	c.ss, c.sid = ss, sid
	orghttp.LogCaller(c.r.Context(), ss.token)
	private(c.w.Header())
	if !ss.role.Includes(c.rt.role) {
		return orgledger.Errorf(orgledger.EFORBIDDEN, "this needs the %s role; you are logged in as a %s", c.rt.role, ss.role)
	}
	if err := onceEach(c.r.URL.Query()); err != nil {
		return err
	}
	if c.rt.write {
		if err := c.checkCSRF(); err != nil {
			return err
		}
		if err := orghttp.MayWaitForWriters(c.w, c.r); err != nil { // a plan applied may wait for another writer
			return err
		}
	} else if !c.rt.page { // a read of the org or of a plan, worked out in memory as the API's are
		release, err := orghttp.HoldAnswerPlace(c.w, c.r)
		if err != nil {
			return err
		}
		c.leavePlace = release // given back once the answer is encoded (writeEncoded), or here
		defer release()
	}
	return c.rt.h(c)
}

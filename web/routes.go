package web

import (
	"fmt"
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
	write        bool           // changes something: needs the session's CSRF token, and its token as stored now
	endsSession  bool           // a write that ends the session: a token revoked may do it
	h            func(c *call) error
}

// table is every route of the UI. The pages and their assets come first, then the JSON the
// page reads, all under /ui/.
func (u *UI) table() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{method: get, path: "/login", h: u.loginPage},
		{method: post, path: "/login", h: u.login},
		{method: post, path: "/logout", role: viewer, page: true, write: true, endsSession: true, h: u.logout},
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

// methodNotAllowed answers a path of the table asked with a method it does not take (a GET of
// logging out, which a link followed by anyone must not do), naming those it takes.
func methodNotAllowed(methods []string) func(c *call) error {
	header := orghttp.AllowHeader(methods)
	return func(c *call) error {
		c.w.Header().Set("Allow", header)
		c.u.tell(c, http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s is not allowed on %s; use %s", c.r.Method, c.r.URL.Path, header), nil)
		return nil
	}
}

// mux registers the table's routes, answers a path of theirs asked with another method 405,
// and every other path not found.
func (u *UI) mux() *http.ServeMux {
	mux := http.NewServeMux()
	methods := map[string][]string{}
	for _, rt := range u.table() {
		pattern := rt.method + " " + rt.path
		mux.Handle(pattern, u.serve(rt, pattern))
		methods[rt.path] = append(methods[rt.path], rt.method)
	}
	for path, ms := range methods {
		mux.Handle(path, u.serve(route{h: methodNotAllowed(ms)}, path))
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
	ss, sid, err := c.u.sessionOf(c.r, c.rt.write && !c.rt.endsSession)
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

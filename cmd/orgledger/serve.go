package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/examples"
	orghttp "github.com/orgledger/orgledger/http"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
	"github.com/orgledger/orgledger/web"
)

type serveConfig struct {
	addr      string
	demo      bool
	logFormat string
	logLevel  string
	shutdown  time.Duration
	settle    time.Duration
}

func (m *Main) serveCommand(g *globalConfig) *cobra.Command {
	c := &serveConfig{}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--demo]",
		Short: "Serve the HTTP API and the web org chart",
		Long: `Serve answers the JSON API under /api/v1 (described at /api/v1/openapi.json), /healthz and
/metrics, and the web org chart at / (log in at /login with a token), until it is
interrupted; then it finishes the requests in flight and stops. Every request but /healthz
needs a token (see orgledger token, which also makes a new database, or gives an empty
PostgreSQL database its tables: serve opens only one that holds a ledger). Logs go to standard error, one line per request.

With --demo it loads the bundled Alibaba Cloud example into a fresh database, in a new
temporary directory unless --db names a new file ($ORGLEDGER_DB is not heeded: a demo never
loads into the database you work on), creates an admin token, and prints the
address, the token, and the address of the chart on the day its story is told (13 April 2022,
the day the reshuffle was reported).`,
		Example: `  orgledger serve --demo
  orgledger --db org.db serve --addr 127.0.0.1:8080`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return m.serve(cmd.Context(), g, c) }),
	}
	cmd.Flags().StringVar(&c.addr, "addr", "127.0.0.1:8080", "the address to listen on; port 0 picks a free one")
	cmd.Flags().BoolVar(&c.demo, "demo", false, "load the bundled example into a fresh database and print an admin token")
	cmd.Flags().StringVar(&c.logLevel, "log-level", "info", "debug, info (a line per request), warn or error")
	cmd.Flags().DurationVar(&c.shutdown, "shutdown-timeout", 15*time.Second, "how long requests in flight may take to finish when stopping (a second interrupt stops at once)")
	cmd.Flags().StringVar(&c.logFormat, "log-format", "text", "text or json")
	cmd.Flags().DurationVar(&c.settle, "settle-every", time.Minute, "how often to release the plan changes that another process, stopped between recording a leaving and releasing them, left waiting (0: only at start)")
	return cmd
}

func (m *Main) serve(ctx context.Context, g *globalConfig, c *serveConfig) error {
	switch {
	case c.settle < 0 || c.settle > 0 && c.settle < 100*time.Millisecond: // a nanosecond would spin a core
		return usageErrorf("--settle-every must be 0 (only at start) or 100ms or more, not %s", c.settle)
	case c.shutdown < 0:
		return usageErrorf("--shutdown-timeout must not be negative, not %s", c.shutdown)
	}
	logger, err := c.logger(m)
	if err != nil {
		return err
	}
	ln, err := listen(c.addr) // first: a bad address opens no database
	if err != nil {
		return err
	}
	defer ln.Close()
	db, cleanup, err := m.serveDB(ctx, g, c)
	if err != nil {
		return err
	}
	defer cleanup()
	l, err := ledger.Open(ctx, db.store, m.Clock)
	if err != nil {
		return err
	}
	go checkpointIfSlow(ctx, l, logger)
	tokens, path := db.tokens, db.path
	var demo loadedDemo
	if c.demo {
		if demo, err = m.loadDemo(ctx, l, tokens); err != nil {
			return err
		}
	}
	// The API and the web UI share one plans service, so that one lock orders every apply.
	ps := &plans.Service{Ledger: l, Store: db.plans, Clock: l.Clock(), Tokens: db.tokens}
	if err := ps.Settle(ctx, m.actor()); err != nil { // what a process that stopped left unreleased
		logger.WarnContext(ctx, "waiting plan changes", "err", err)
	}
	settleCtx, stopSettling := context.WithCancel(ctx)
	settling := settleEvery(settleCtx, ps, c.settle, logger, m.actor())
	defer func() { stopSettling(); settling.Wait() }() // before the database closes
	ui, err := web.New(web.Config{Ledger: l, Tokens: tokens, Plans: ps, Logger: logger})
	if err != nil {
		return err
	}
	srv, err := orghttp.New(orghttp.Config{Ledger: l, Tokens: tokens, PlanService: ps, UI: ui, Logger: logger, ShutdownTimeout: c.shutdown})
	if err != nil {
		return err
	}
	m.announce(ctx, c, l, tokens, path, db.temporary, urlOf(ln.Addr()), demo)
	logger.InfoContext(ctx, "serving", "addr", ln.Addr().String(), "db", redactURL(path), "version", version())
	if !loopback(ln.Addr()) {
		logger.WarnContext(ctx, "serving beyond this machine without TLS: tokens and session cookies cross the network in the clear unless a TLS proxy is in front (see README)",
			"addr", ln.Addr().String())
	}
	return srv.Serve(ctx, ln)
}

// settleEvery settles the plans being applied or with changes waiting
// (plans.Service.SettlePending) every interval until ctx ends, so that what another process
// left when it stopped, or was killed, between recording a leaving and releasing the changes
// waiting for it, or in an apply, is released by the servers still running, not only by the
// next leaving or start. The wait group is done once it has stopped.
func settleEvery(ctx context.Context, ps *plans.Service, every time.Duration, log *slog.Logger, by string) *sync.WaitGroup {
	var wg sync.WaitGroup
	if every <= 0 {
		return &wg
	}
	wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if ctx.Err() != nil {
					return // stopping, though the tick came at the same moment
				}
				if err := ps.SettlePending(ctx, by); err != nil {
					log.WarnContext(ctx, "waiting plan changes", "err", err)
				}
			}
		}
	})
	return &wg
}

// slowOpen is how many events after the checkpoint make the server (at opening) or a command
// that writes (after writing) save a new one, so that the next process reads the index instead
// of replaying them.
const slowOpen = 100_000

// checkpointIfSlow saves a checkpoint in the background when opening replayed many events. It
// writes no image: building one holds off writes for seconds at a million people, and the
// server's own next write would leave it stale.
func checkpointIfSlow(ctx context.Context, l *ledger.Ledger, log *slog.Logger) {
	st := l.OpenStats()
	if st.Replayed < slowOpen {
		return
	}
	if err := l.Checkpoint(ctx); err != nil {
		log.Warn("cannot save a checkpoint", "err", err)
		return
	}
	log.Info("saved a checkpoint", "replayed_at_open", st.Replayed, "opening_took", st.Took)
}

func (c *serveConfig) logger(m *Main) (*slog.Logger, error) {
	if c.logFormat != "text" && c.logFormat != "json" {
		return nil, usageErrorf("--log-format %q: choose text or json", c.logFormat)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, usageErrorf("--log-level %q: choose debug, info, warn or error", c.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts)), nil
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts)), nil
}

// serveDB opens the database to serve: --db's, which must exist, or for the demo a fresh one,
// in a new temporary directory unless --db was given. cleanup closes it and removes the demo's
// directory.
func (m *Main) serveDB(ctx context.Context, g *globalConfig, c *serveConfig) (*database, func(), error) {
	path, dir := m.dbPath(g), ""
	if c.demo && g.db == "" { // not ORGLEDGER_DB either: the demo never touches a real ledger
		var err error
		if dir, err = os.MkdirTemp("", "orgledger-demo-"); err != nil {
			return nil, nil, err
		}
		path = filepath.Join(dir, "orgledger.db")
	}
	db, err := openDatabase(ctx, path, c.demo)
	if orgledger.ErrorCode(err) == orgledger.ENOTFOUND {
		err = orgledger.Errorf(orgledger.ENOTFOUND, "no ledger at %s: serve opens one that exists; make it with orgledger token create "+
			"(which gives the token to log in with) or apply, or try serve --demo", redactURL(path))
	}
	if err == nil && c.demo {
		db.temporary = dir != ""
		err = refuseUsed(ctx, db)
	}
	cleanup := func() {
		if db != nil {
			db.close()
		}
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return db, cleanup, nil
}

// refuseUsed refuses to load the demo into a database that holds a ledger already.
func refuseUsed(ctx context.Context, db *database) error {
	seq, _, err := db.store.Head(ctx)
	if err != nil {
		return err
	}
	if seq > 0 {
		return orgledger.Errorf(orgledger.EINVALID, "%s holds a ledger already; --demo loads the example into a fresh database only: leave out --db, or name a new one", redactURL(db.path))
	}
	return nil
}

// listen listens on the address --addr gives. One that is not host:port, with a port of digits
// from 0 to 65535 (not a service's name) and a host that is known, is a usage error naming the flag; one
// that is well-formed but cannot be listened on (in use, or not this machine's) is refused.
func listen(addr string) (net.Listener, error) {
	const form = "give host:port, such as 127.0.0.1:8080, or :8080 for every interface (port 0 picks a free one)"
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, usageErrorf("--addr %q is not host:port: %s", addr, form)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil { // digits only: no service name, no sign
		return nil, usageErrorf("--addr %q: the port %q is not a number from 0 to 65535: %s", addr, port, form)
	}
	ln, err := net.Listen("tcp", addr)
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return nil, usageErrorf("--addr %q: no host %q is known: %s", addr, dns.Name, form)
	}
	if err != nil {
		return nil, orgledger.Errorf(orgledger.EINVALID, "--addr %s: %v", addr, err)
	}
	return ln, nil
}

// urlOf is the URL to reach a listener at; an address that listens on every interface is
// reached at localhost.
func urlOf(a net.Addr) string {
	host, port := "localhost", ""
	if tcp, ok := a.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
		if !tcp.IP.IsUnspecified() {
			host = tcp.IP.String()
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// announce says where the server listens, and for the demo what it loaded, the token to use
// and the chart on the day its story is told. The secret goes to standard output, never to the
// log.
func (m *Main) announce(ctx context.Context, c *serveConfig, l *ledger.Ledger, tokens orgledger.TokenStore, path string, temporary bool, url string, demo loadedDemo) {
	if !c.demo {
		fmt.Fprintf(m.Stdout, "orgledger: serving %s on %s (stop with Ctrl-C)\n", redactURL(path), url)
		if toks, err := tokens.Tokens(ctx); err == nil && len(toks) == 0 {
			fmt.Fprintln(m.Stderr, "orgledger: there is no token yet; create one with: orgledger token create --name NAME --role admin")
		}
		return
	}
	events, _ := l.Head()
	fate := "removed when the server stops"
	if !temporary {
		fate = "kept when the server stops"
	}
	fmt.Fprintf(m.Stdout, `orgledger demo: the Alibaba Cloud management reshuffle of April 2022 (%d events),
in a new database at %s, %s.

  address:      %s
  admin token:  %s

Open the web org chart on %s, the day the reshuffle was reported, and log in with the token:
  %s?at=%s

Try:  curl -H "Authorization: Bearer %s" "%sapi/v1/chart?at=%s"
Stop with Ctrl-C.
`, events, redactURL(path), fate, url, demo.secret, demo.day, url, demo.day, demo.secret, url, demo.day)
}

// loopback reports whether a listening address is reachable from this machine only.
func loopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// demoToken names the demo's admin token.
const demoToken = "demo-admin"

// loadedDemo is what the demo tells once loaded: the admin token's secret, and the day its
// story is told, which the chart it points to shows (today's org, years on, is not the story).
type loadedDemo struct {
	secret string
	day    orgledger.Date
}

// loadDemo applies the bundled example from the binary, in name order, and creates an admin
// token. The story's day is the day its last changeset was recorded (the news reported), or
// where it says none, the day that changeset took effect.
func (m *Main) loadDemo(ctx context.Context, l *ledger.Ledger, tokens orgledger.TokenStore) (loadedDemo, error) {
	var demo loadedDemo
	files, err := examples.Changesets(examples.AlibabaCloud2022)
	if err != nil {
		return demo, fmt.Errorf("the bundled example: %w", err)
	}
	for _, f := range files {
		cs, err := changeset.Decode(f.Name, f.Data)
		if err != nil {
			return demo, err
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "demo"}); err != nil {
			return demo, err
		}
		demo.day = cs.Effective
		if !cs.Recorded.IsZero() {
			demo.day = orgledger.DateOf(cs.Recorded)
		}
	}
	demo.secret, err = createToken(ctx, tokens, demoToken, orgledger.RoleAdmin, m.Clock.Now())
	return demo, err
}

package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
	"golang.org/x/sync/semaphore"
)

// Config is what a Server serves and how. Zero durations take the defaults named beside them.
type Config struct {
	Ledger *ledger.Ledger
	Tokens orgledger.TokenStore
	Plans  orgledger.PlanStore // nil: plans kept in memory, as tests want
	Logger *slog.Logger        // nil: discard

	// PlanService, when set, answers the plan routes instead of a service of the server's own
	// over Plans: the web UI shares it, so that one lock orders every apply of a plan.
	PlanService *plans.Service

	// UI is the web UI, served at "/" and "/login"; nil serves the API alone. The API never
	// depends on it.
	UI http.Handler

	ReadHeaderTimeout time.Duration // 5s: a client that trickles its headers is cut off
	ReadTimeout       time.Duration // 30s: the whole request, body included
	WriteTimeout      time.Duration // 60s: from the end of the headers to the end of the answer
	IdleTimeout       time.Duration // 2m: a kept-alive connection waiting for a request
	ShutdownTimeout   time.Duration // 15s: how long requests in flight may take to finish
	RefreshInterval   time.Duration // 1s: how soon writes by other processes become visible
	TokenTTL          time.Duration // 1s: how soon a token revoked elsewhere stops reading (twice that while the store is slow to answer); it writes nothing once revoked
	AnswerWait        time.Duration // 10s: how long a request waits for a place among the answers being worked out (answering.go)
	AnswerBytes       int64         // 512 MiB: the bytes of encoded answers being written at once (answering.go)
}

// Server is the HTTP API over one ledger.
type Server struct {
	ledger  *ledger.Ledger
	plans   *plans.Service
	tokens  *tokens
	log     *slog.Logger
	cfg     Config
	routes  []*route
	openapi []byte // the OpenAPI document, generated from routes
	metrics *metrics
	handler http.Handler
	// decoding holds a place for each changeset being decoded (decodeChangeset) and each HRIS
	// export being imported (importCSV).
	decoding chan struct{}
	// answering holds a place for each answer being worked out, and unsent the bytes of
	// those being written (answering.go).
	answering chan struct{}
	unsent    *semaphore.Weighted
}

// New returns a server for the ledger. It fails only when the route table itself is wrong.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	s := &Server{ledger: cfg.Ledger, log: cfg.Logger, cfg: cfg, metrics: newMetrics(cfg.Ledger),
		decoding: make(chan struct{}, runtime.GOMAXPROCS(0)), answering: make(chan struct{}, maxAnswering()),
		unsent: semaphore.NewWeighted(cfg.AnswerBytes)}
	if cfg.Plans == nil {
		cfg.Plans = memory.NewPlans()
	}
	s.plans = cfg.PlanService
	if s.plans == nil {
		s.plans = &plans.Service{Ledger: cfg.Ledger, Store: cfg.Plans, Clock: clockOf(cfg.Ledger), Tokens: cfg.Tokens}
	}
	s.tokens = newTokens(cfg.Tokens, clockOf(cfg.Ledger), cfg.Logger, cfg.TokenTTL)
	s.routes = s.table()
	for _, rt := range s.routes {
		if rt.ep.err != nil {
			return nil, fmt.Errorf("route %s: %w", rt.pattern(), rt.ep.err)
		}
	}
	doc, err := s.openAPIDocument()
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	s.openapi = doc
	s.handler = s.observe(s.mount(cfg.UI))
	return s, nil
}

func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.AnswerBytes <= 0 {
		c.AnswerBytes = 512 << 20
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&c.ReadHeaderTimeout, 5 * time.Second}, {&c.ReadTimeout, 30 * time.Second},
		{&c.WriteTimeout, time.Minute}, {&c.IdleTimeout, 2 * time.Minute},
		{&c.ShutdownTimeout, 15 * time.Second}, {&c.RefreshInterval, time.Second}, {&c.TokenTTL, time.Second},
		{&c.AnswerWait, 10 * time.Second},
	} {
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	return c
}

// clockOf returns the ledger's clock, so that the server's today is the ledger's.
func clockOf(l *ledger.Ledger) orgledger.Clock { return ledgerClock{l} }

type ledgerClock struct{ l *ledger.Ledger }

func (c ledgerClock) Now() time.Time { return c.l.Now() }

// Handler returns the server's handler, for tests and for callers that run their own
// http.Server.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers requests on ln until ctx is done, then shuts down gracefully: it stops
// accepting, lets the requests in flight finish for up to ShutdownTimeout, and returns. A
// write in flight either finishes or, cut off by the deadline, leaves nothing behind, because
// the ledger appends a changeset in one transaction.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.httpServer()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { s.refreshLoop(stop) })
	defer wg.Wait()
	defer close(stop)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "deadline", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("requests cut off at the shutdown deadline", "deadline", s.cfg.ShutdownTimeout.String())
		err = orgledger.Errorf(orgledger.EUNAVAILABLE, "stopped after %v (the shutdown timeout) with requests still under way: they were cut off", s.cfg.ShutdownTimeout)
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// httpServer returns the http.Server, with the timeouts that keep slow or idle clients from
// holding connections for ever.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// refreshLoop makes what other processes write to the store (orgledger apply on the command
// line, another server) visible, by catching the ledger up whenever the store's head moved:
// at once when the store announces commits (PostgreSQL's NOTIFY), and at every tick in any
// case, should an announcement be lost.
func (s *Server) refreshLoop(stop <-chan struct{}) {
	t := time.NewTicker(s.cfg.RefreshInterval)
	defer t.Stop()
	var notes <-chan struct{}
	if n, ok := s.ledger.Store().(orgledger.Notifier); ok {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		notes = n.Changes(ctx)
	}
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		case <-notes:
		}
		if err := s.refresh(); err != nil {
			s.log.Warn("cannot refresh the ledger", "err", err)
		}
	}
}

func (s *Server) refresh() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if behind, err := s.ledger.Behind(ctx); err != nil || !behind {
		return err
	}
	return s.ledger.Refresh(ctx)
}

package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/tokensnap"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// Config is what the UI serves and how. Zero durations take the defaults named beside them.
type Config struct {
	Ledger *ledger.Ledger
	Tokens orgledger.TokenStore
	// Plans is the plans service, shared with the API server so that one lock orders every
	// apply of a plan.
	Plans  *plans.Service
	Logger *slog.Logger // nil: discard

	// Now is the clock of sessions; nil means time.Now. The ledger's clock decides "today".
	Now func() time.Time

	SessionTTL time.Duration // 12h: how long a login lasts
	// RecheckTTL (1s) is how soon a revoked token's sessions end, as the API refuses it: a
	// session is looked up again every half of it, in tokens read at most half of it before.
	// (See New for how.)
	RecheckTTL  time.Duration
	MaxSessions int // 10000: sessions kept at once; the oldest go first
	// MaxTokenSessions (32) is how many sessions one token keeps: its own oldest go first, so
	// that logging in again and again with one token cannot push everyone else out.
	MaxTokenSessions int
}

// UI is the web UI: an http.Handler for every path that is not the API's. Package http
// mounts it as Config.UI.
type UI struct {
	cfg      Config
	log      *slog.Logger
	sessions *sessions
	tokens   *tokensnap.Snapshot[[]*orgledger.Token] // every stored token, for the sessions' look-ups
	assets   *assets
	pages    *pages
	charts   *chartCache
	span     *spanCache
	handler  http.Handler
}

// New returns the UI. It fails when the Config lacks a ledger, tokens or plans, or when the
// embedded pages are broken, which tests catch.
func New(cfg Config) (*UI, error) {
	if cfg.Ledger == nil || cfg.Tokens == nil || cfg.Plans == nil {
		return nil, errors.New("web: Config needs a Ledger, Tokens and Plans")
	}
	cfg = cfg.withDefaults()
	u := &UI{cfg: cfg, log: cfg.Logger, charts: newChartCache(cachedCharts, cacheBudget), span: &spanCache{}}
	u.sessions = newSessions(cfg)
	// A session is rechecked every half RecheckTTL in tokens at most half of it old (a quarter,
	// and twice that while a read of them is under way): a revoked token's sessions end
	// within RecheckTTL.
	u.tokens = &tokensnap.Snapshot[[]*orgledger.Token]{TTL: cfg.RecheckTTL / 4, Now: cfg.Now,
		Build: func(all []*orgledger.Token) []*orgledger.Token { return all }}
	var err error
	if u.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	if u.pages, err = loadPages(); err != nil {
		return nil, fmt.Errorf("web: pages: %w", err)
	}
	cross := http.NewCrossOriginProtection()
	cross.SetDenyHandler(http.HandlerFunc(u.crossOrigin))
	u.handler = cross.Handler(u.mux())
	return u, nil
}

// crossOrigin refuses a write the browser says came from another site, as fail refuses any
// other: problem+json on the UI's JSON routes, rather than net/http's text.
func (u *UI) crossOrigin(w http.ResponseWriter, r *http.Request) {
	u.fail(&call{u: u, w: w, r: r}, orgledger.Errorf(orgledger.EFORBIDDEN, "a write from another site or origin is refused"))
}

// The charts kept built (cache.go): a few dates to go back and forth between, within a
// budget that a chart of 100,000 positions (about 13 MB) fits many times.
const (
	cachedCharts = 4
	cacheBudget  = 256 << 20
)

func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.SessionTTL == 0 {
		c.SessionTTL = 12 * time.Hour
	}
	if c.RecheckTTL == 0 {
		c.RecheckTTL = time.Second
	}
	if c.MaxSessions == 0 {
		c.MaxSessions = 10000
	}
	if c.MaxTokenSessions == 0 {
		c.MaxTokenSessions = 32
	}
	return c
}

// ServeHTTP answers a request with the headers every answer of the UI carries.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header(), r)
	u.handler.ServeHTTP(w, r)
}

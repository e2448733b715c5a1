package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
)

type loadConfig struct {
	url      string
	token    string
	workers  int
	duration time.Duration
	warmup   time.Duration
	subtree  float64
	at       string
	format   formatFlag
}

// loadCommand is a load generator for a running orgledger serve: a tool for measuring, hidden
// from help, and run as a process of its own so that it measures the server over a real socket.
func (m *Main) loadCommand() *cobra.Command {
	c := &loadConfig{}
	cmd := &cobra.Command{
		Use:    "load --url URL [--workers N] [--duration D]",
		Short:  "Read from a running server with concurrent clients and report throughput and latency",
		Hidden: true,
		Long: `Load reads the chart once to learn the ids, then has N workers read people by random id and
subtrees (chart?root=POSITION&depth=2) for the duration, each request after the last, and reports
requests per second and latency percentiles for each kind. The token comes from --token or
ORGLEDGER_TOKEN.`,
		Example: `  orgledger load --url http://127.0.0.1:8080/ --workers 32 --duration 30s`,
		Args:    noArgs,
		RunE:    run(func(cmd *cobra.Command, _ []string) error { return m.load(cmd.Context(), c) }),
	}
	f := cmd.Flags()
	f.StringVar(&c.url, "url", "http://127.0.0.1:8080/", "the server")
	f.StringVar(&c.token, "token", "", "the bearer token (default $ORGLEDGER_TOKEN)")
	f.IntVar(&c.workers, "workers", 16, "concurrent clients")
	f.DurationVar(&c.duration, "duration", 10*time.Second, "how long to measure")
	f.DurationVar(&c.warmup, "warmup", time.Second, "how long to run before measuring")
	f.Float64Var(&c.subtree, "subtree", 0.1, "the share of subtree requests, 0 to 1")
	f.StringVar(&c.at, "at", "", "ask for this date, YYYY-MM-DD (default the server's today)")
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) load(ctx context.Context, c *loadConfig) error {
	if err := c.check(m); err != nil {
		return err
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c.workers, MaxIdleConns: c.workers}}
	people, positions, err := c.ids(ctx, client)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "load: %d people and %d positions; %d workers, %s warm-up, %s measured\n",
		len(people), len(positions), c.workers, c.warmup, c.duration)
	l := &loadRun{c: c, client: client, people: people, positions: positions}
	results := l.run(ctx)
	if c.format.value == "json" {
		return writeJSON(m.Stdout, results)
	}
	writeLoadResults(m.Stdout, results)
	return nil
}

func (c *loadConfig) check(m *Main) error {
	if err := c.format.check(); err != nil {
		return err
	}
	if c.token == "" {
		c.token = m.Getenv("ORGLEDGER_TOKEN")
	}
	if c.workers < 1 || c.duration <= 0 || c.warmup < 0 || c.subtree < 0 || c.subtree > 1 {
		return usageErrorf("--workers must be at least 1, --duration positive, --subtree between 0 and 1")
	}
	if c.at != "" {
		if _, err := orgledger.ParseDate(c.at); err != nil {
			return usageErrorf("--at: %v", err)
		}
	}
	c.url = strings.TrimSuffix(c.url, "/")
	return nil
}

// ids reads the chart and returns the people who hold a position and the positions.
func (c *loadConfig) ids(ctx context.Context, client *http.Client) (people, positions []string, err error) {
	resp, err := c.get(ctx, client, "/api/v1/chart"+c.query(""))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return nil, nil, orgledger.Errorf(orgledger.EINVALID, "GET /api/v1/chart: %s: %s", resp.Status, body)
	}
	var nodes []orgledger.ChartNode
	if err := json.NewDecoder(resp.Body).Decode(&nodes); err != nil {
		return nil, nil, fmt.Errorf("read the chart: %w", err)
	}
	for _, n := range nodes {
		positions = append(positions, n.ID)
		for _, h := range n.Holders {
			people = append(people, h.ID)
		}
	}
	if len(people) == 0 {
		return nil, nil, orgledger.Errorf(orgledger.EINVALID, "the chart of %s holds no one to read", c.url)
	}
	return people, positions, nil
}

// query is the query string of a request: the extra parameters, and at, if given.
func (c *loadConfig) query(extra string) string {
	q := extra
	if c.at != "" {
		q = strings.TrimPrefix(q+"&at="+c.at, "&")
	}
	if q == "" {
		return ""
	}
	return "?" + q
}

func (c *loadConfig) get(ctx context.Context, client *http.Client, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.url+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	return client.Do(req)
}

// loadRun is one measurement.
type loadRun struct {
	c                 *loadConfig
	client            *http.Client
	people, positions []string
}

// run has the workers send requests until the warm-up and the measurement are over, and
// returns the results of the measurement by kind of request, then in total.
func (l *loadRun) run(ctx context.Context) []loadResult {
	start := time.Now()
	measureFrom, end := start.Add(l.c.warmup), start.Add(l.c.warmup+l.c.duration)
	samples := make([]map[string]*loadSamples, l.c.workers)
	var wg sync.WaitGroup
	for w := range l.c.workers {
		wg.Go(func() { samples[w] = l.worker(ctx, uint64(w), measureFrom, end) })
	}
	wg.Wait()
	return summarize(samples, l.c.duration)
}

// worker sends one request after another until end, keeping what it measured after from.
func (l *loadRun) worker(ctx context.Context, seed uint64, from, end time.Time) map[string]*loadSamples {
	rng := rand.New(rand.NewPCG(seed, 0x6f72676c))
	out := map[string]*loadSamples{"person": {}, "subtree": {}}
	for now := time.Now(); now.Before(end) && ctx.Err() == nil; now = time.Now() {
		kind, path := "person", "/api/v1/people/"+url.PathEscape(l.people[rng.IntN(len(l.people))])+l.c.query("")
		if rng.Float64() < l.c.subtree {
			root := url.QueryEscape(l.positions[rng.IntN(len(l.positions))])
			kind, path = "subtree", "/api/v1/chart"+l.c.query("root="+root+"&depth=2")
		}
		ok := l.once(ctx, path)
		if now.After(from) {
			out[kind].add(time.Since(now), ok)
		}
	}
	return out
}

// once sends a request and reads the whole answer; it reports whether it was a 200.
func (l *loadRun) once(ctx context.Context, path string) bool {
	resp, err := l.c.get(ctx, l.client, path)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

package web

import (
	"net/url"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/gz"
	"github.com/orgledger/orgledger/ledger"
)

// chartMeta says what a chart answers: its date and time, who asks and how far they may see.
type chartMeta struct {
	At      string    `json:"at"`
	KnownAt string    `json:"known_at"` // as asked; "" for now
	Today   string    `json:"today"`
	Max     string    `json:"max"` // the last date the caller may see; "" for no limit
	User    string    `json:"user"`
	Role    string    `json:"role"`
	Plan    *planMeta `json:"plan,omitempty"`
}

// planMeta names the plan a chart is drawn with.
type planMeta struct {
	Name      string               `json:"name"`
	Effective string               `json:"effective"`
	Status    orgledger.PlanStatus `json:"status"`
}

// labels answers what the boxes of the chart of a date, or of a plan, say. They are the same
// for everyone who asks the same question within the same horizon, so they are encoded, and
// compressed, once per chart; the page asks for them and for the layout at once.
func (u *UI) labels(c *call) error {
	data, _, err := u.chartFor(c, c.r.URL.Query())
	if err != nil {
		return err
	}
	if gz.Accepts(c.r) && len(data.labels) >= gz.Above {
		start := time.Now()
		zipped := data.gzipped()
		c.step("gzip", start)
		return c.writeEncoded(zipped, "gzip")
	}
	return c.writeEncoded(data.labels, "")
}

// layoutAnswer is where the boxes of a chart go for one view, and what the chart is. The
// page checks that its key matches the labels it holds.
type layoutAnswer struct {
	Meta   chartMeta `json:"meta"`
	Key    labelsKey `json:"key"`
	Layout *placed   `json:"layout"`
}

// layout lays out the chart the query asks for, showing the levels and subtrees it opens.
func (u *UI) layout(c *call) error {
	q := c.r.URL.Query()
	view, err := parseView(q)
	if err != nil {
		return err
	}
	data, meta, err := u.chartFor(c, q)
	if err != nil {
		return err
	}
	start := time.Now()
	p, err := data.tree.place(view)
	if err != nil {
		return err
	}
	c.step("layout", start)
	return c.writeJSON(layoutAnswer{Meta: meta, Key: data.key, Layout: p})
}

// chartFor returns the chart the query asks for, from the cache when it can.
func (u *UI) chartFor(c *call, q url.Values) (*chartData, chartMeta, error) {
	if name := q.Get("plan"); name != "" {
		return u.planChart(c, name)
	}
	t, err := parseTime(q)
	if err != nil {
		return nil, chartMeta{}, err
	}
	query := c.query(t)
	head, _ := u.cfg.Ledger.HeadWithin(query.Horizon)
	key := chartKey{at: query.At, knownAt: timeKey(t.knownAt), horizon: query.Horizon, head: head}
	data, err := u.charts.get(key, func() (*chartData, error) {
		start := time.Now()
		nodes, err := u.cfg.Ledger.Chart(query, ledger.ChartOptions{Depth: -1})
		if err != nil {
			return nil, err
		}
		units := u.cfg.Ledger.OpenUnits(query)
		c.step("ledger", start)
		start = time.Now()
		defer c.step("labels", start)
		return newChartData(nodes, units, key.labels(""))
	})
	meta := c.meta(query.At)
	meta.KnownAt = q.Get("known_at")
	return data, meta, err
}

// newChartData builds a chart's tree and encodes its labels, and those of the units open on
// its date.
func newChartData(nodes []orgledger.ChartNode, units []ledger.OpenUnit, key labelsKey) (*chartData, error) {
	t := newTree(nodes)
	b, err := encodeLabels(t, nodes, units, key)
	if err != nil {
		return nil, err
	}
	return &chartData{tree: t, labels: b, key: key}, nil
}

// meta describes a chart on date at for the caller.
func (c *call) meta(at orgledger.Date) chartMeta {
	return chartMeta{At: at.String(), Today: c.u.cfg.Ledger.Today().String(), Max: dateString(c.horizon()),
		User: c.ss.token, Role: string(c.ss.role)}
}

// timeKey names a time exactly, for a cache key: "" for none (now). A number of Unix
// nanoseconds would not do: zero is also the Unix epoch, and years past 2262 overflow it.
func timeKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

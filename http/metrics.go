package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/orgledger/orgledger/ledger"
)

// metrics are one server's Prometheus metrics, on a registry of its own: two servers in one
// process (as in tests) count apart, and nothing is registered globally.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	handler  http.Handler
}

func newMetrics(l *ledger.Ledger) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "orgledger_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code.",
		}, []string{"pattern", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "orgledger_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"pattern"}),
	}
	head := func() float64 { seq, _ := l.Head(); return float64(seq) }
	m.registry.MustRegister(m.requests, m.latency,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "orgledger_ledger_events",
			Help: "Events in the ledger, retracted ones included.",
		}, head), // events are numbered from 1 without gaps, so the head's number is their count
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "orgledger_ledger_head_seq",
			Help: "Sequence number of the ledger's last event; it moves with every write.",
		}, head),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "orgledger_ledger_head_recorded_seconds",
			Help: "Recorded time of the ledger's last event, in Unix seconds.",
		}, func() float64 { _, t := l.Head(); return float64(t.UnixMicro()) / 1e6 }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return m
}

// observe counts one answered request.
func (m *metrics) observe(pattern string, status int, took time.Duration) {
	m.requests.WithLabelValues(pattern, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(pattern).Observe(took.Seconds())
}

package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"
	"time"
)

// loadSamples is what one worker measured of one kind of request: every latency, so that the
// percentiles are exact rather than read off a histogram's buckets.
type loadSamples struct {
	took   []time.Duration
	errors int
}

func (s *loadSamples) add(d time.Duration, ok bool) {
	s.took = append(s.took, d)
	if !ok {
		s.errors++
	}
}

// loadResult is the measurement of one kind of request, as load --format json prints it.
type loadResult struct {
	Kind     string  `json:"kind"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"` // answers other than 200, and failed requests
	PerSec   float64 `json:"per_second"`
	P50      float64 `json:"p50_ms"`
	P90      float64 `json:"p90_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
}

// summarize merges the workers' samples by kind, and into a total.
func summarize(workers []map[string]*loadSamples, over time.Duration) []loadResult {
	var out []loadResult
	total := &loadSamples{}
	for _, kind := range []string{"person", "subtree"} {
		merged := &loadSamples{}
		for _, w := range workers {
			merged.took = append(merged.took, w[kind].took...)
			merged.errors += w[kind].errors
		}
		total.took = append(total.took, merged.took...)
		total.errors += merged.errors
		if len(merged.took) > 0 {
			out = append(out, merged.result(kind, over))
		}
	}
	return append(out, total.result("total", over))
}

func (s *loadSamples) result(kind string, over time.Duration) loadResult {
	slices.Sort(s.took)
	r := loadResult{Kind: kind, Requests: len(s.took), Errors: s.errors, PerSec: float64(len(s.took)) / over.Seconds()}
	if len(s.took) > 0 {
		r.P50, r.P90, r.P99 = s.percentile(0.50), s.percentile(0.90), s.percentile(0.99)
		r.Max = millis(s.took[len(s.took)-1])
	}
	return r
}

// percentile returns the latency that a share q of the sorted samples do not exceed (the
// nearest-rank method), in milliseconds.
func (s *loadSamples) percentile(q float64) float64 {
	i := int(math.Ceil(q*float64(len(s.took)))) - 1
	return millis(s.took[max(0, min(i, len(s.took)-1))])
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func writeLoadResults(w io.Writer, rs []loadResult) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\trequests\terrors\treq/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", r.Kind, r.Requests, r.Errors, r.PerSec, r.P50, r.P90, r.P99, r.Max)
	}
	tw.Flush()
}

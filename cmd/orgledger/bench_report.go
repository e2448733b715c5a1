package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// benchReport is what bench prints: the machine, the data and each measurement.
type benchReport struct {
	Machine      machineInfo   `json:"machine"`
	Ledger       string        `json:"ledger"`
	People       int           `json:"people"` // active on the last day
	Events       int64         `json:"events"`
	Measurements []measurement `json:"measurements"`
}

// measurement is one figure with its goal, and the baselines' figures for the same question.
type measurement struct {
	Name      string           `json:"name"`
	Value     float64          `json:"value"`
	Unit      string           `json:"unit"`
	Goal      string           `json:"goal"`
	Met       bool             `json:"met"`
	Baselines []baselineResult `json:"baselines,omitempty"`
	Note      string           `json:"note,omitempty"`
}

// baselineResult is a recursive CTE's figure, and how many times slower it is than orgledger.
type baselineResult struct {
	DB    string  `json:"db"`
	Value float64 `json:"value"`
	Ratio float64 `json:"ratio"`
	// FirstRatio is the ratio of the first round alone, where questions are asked in rounds:
	// each asked for the first time.
	FirstRatio float64 `json:"first_ratio,omitempty"`
}

type machineInfo struct {
	CPU    string `json:"cpu"`
	Cores  int    `json:"cores"`
	Memory string `json:"memory"`
	Go     string `json:"go"`
	OS     string `json:"os"`
}

// machine describes this machine, from /proc where it has one.
func machine() machineInfo {
	mi := machineInfo{CPU: "unknown", Cores: runtime.NumCPU(), Memory: "unknown", Go: runtime.Version(),
		OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		mi.CPU = procField(string(b), "model name")
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(procField(string(b), "MemTotal"), "%d", &kb)
		mi.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
	}
	return mi
}

func procField(text, key string) string {
	for _, line := range strings.Split(text, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// writeText prints the report as a table.
func (r *benchReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "machine: %s, %d cores, %s, %s %s\n", r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.Machine.Go, r.Machine.OS)
	fmt.Fprintf(w, "ledger:  %s, %d people, %d events\n\n", r.Ledger, r.People, r.Events)
	fmt.Fprintf(w, "%-52s %14s  %-34s %s\n", "measurement", "result", "goal", "")
	for _, m := range r.Measurements {
		verdict := "met"
		if !m.Met {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "%-52s %14s  %-34s %s\n", m.Name, fmt.Sprintf("%.4g %s", m.Value, m.Unit), m.Goal, verdict)
		for _, b := range m.Baselines {
			fmt.Fprintf(w, "  %-50s %14s  %.3g× orgledger's time%s\n", "recursive CTE, "+b.DB, fmt.Sprintf("%.4g %s", b.Value, m.Unit), b.Ratio, b.first())
		}
		if m.Note != "" {
			fmt.Fprintf(w, "  %s\n", m.Note)
		}
	}
}

// first says the first round's ratio, where there is one.
func (b baselineResult) first() string {
	if b.FirstRatio == 0 {
		return ""
	}
	return fmt.Sprintf(" (first round: %.3g×)", b.FirstRatio)
}

// median returns the median of ds.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// timed returns how long fn took.
func timed(fn func() error) (time.Duration, error) {
	start := time.Now()
	err := fn()
	return time.Since(start), err
}

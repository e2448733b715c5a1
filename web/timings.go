package web

import (
	"strconv"
	"strings"
)

// timings are the steps of answering a request and how long each took, sent in a
// Server-Timing header, which the browser's Performance API reads beside its own figures.
type timings struct {
	steps []string
}

func (t *timings) add(name string, ms float64) {
	t.steps = append(t.steps, name+";dur="+strconv.FormatFloat(ms, 'f', 1, 64))
}

func (t *timings) header() string { return strings.Join(t.steps, ", ") }

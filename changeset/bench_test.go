package changeset_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger/changeset"
)

// benchBodies are bodies of about 1 MiB, the API's limit, in the shapes a bulk load and a
// hostile client send: hires in block YAML and in JSON, and flow lists dense with one-letter
// tokens, the parser's worst case.
func benchBodies() map[string]string {
	const size = 1 << 20
	fill := func(head, item, sep, tail string) string {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; b.Len() < size-len(tail)-len(item)-40; i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			fmt.Fprintf(&b, item, i, i)
		}
		b.WriteString(tail)
		return b.String()
	}
	return map[string]string{
		"yaml-hires": fill("effective: 2024-01-01\nchanges:\n", "  - hire: {id: p%d, name: Person %d}", "\n", "\n"),
		"json-hires": fill(`{"effective": "2024-01-01", "changes": [`, `{"hire": {"id": "p%d", "name": "Person %d"}}`, ", ", "]}"),
		"dense-flow": fill("changes: [{merge-units: {into: a, units: [", "a%.0d%.0d", ",", "]}}]\n"),
		"dense-json": fill(`{"changes": [{"merge-units": {"into": "a", "units": [`, `"a%.0d%.0d"`, ",", "]}}]}"),
	}
}

// BenchmarkDecode1MiB decodes bodies of the API's largest size. With -benchmem, B/op is what
// one such request allocates while decoding; peak-heap-MB is the most the live heap grew
// above where it started, sampled every millisecond: what the server needs for it at once.
func BenchmarkDecode1MiB(b *testing.B) {
	for name, body := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			data := []byte(body)
			b.SetBytes(int64(len(data)))
			peak := 0.0
			for b.Loop() {
				peak = max(peak, peakHeapDuring(func() { changeset.Decode("body", data) }))
			}
			b.ReportMetric(peak/1e6, "peak-heap-MB")
		})
	}
}

// peakHeapDuring runs fn and returns by how many bytes the live heap (objects not yet
// collected) grew at most while it ran, sampled every millisecond.
func peakHeapDuring(fn func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() float64 {
		metrics.Read(sample)
		return float64(sample[0].Value.Uint64())
	}
	base, peak := heap(), 0.0
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	for tick := time.NewTicker(time.Millisecond); ; {
		select {
		case <-done:
			tick.Stop()
			return max(peak, heap()) - base
		case <-tick.C:
			peak = max(peak, heap())
		}
	}
}

package chart_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// exampleDir holds the Alibaba Cloud example, whose charts the golden files show.
const exampleDir = "../examples/alibaba-cloud-2022"

// exampleDates are the days the golden files show: before the reshuffle and after it.
var exampleDates = []string{"2022-04-01", "2022-04-13"}

// fixedClock tells the same time always.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// mustExample returns a ledger in memory with the example's changesets applied in name
// order, and a clock after all of them.
func mustExample(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), fixedClock{time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(exampleDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no changesets in %s (%v)", exampleDir, err)
	}
	for _, f := range files { // Glob sorts by name
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		cs, err := changeset.Decode(f, data)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "example"}); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
	}
	return l
}

// mustChart returns the whole chart on day.
func mustChart(tb testing.TB, l *ledger.Ledger, day string) []orgledger.ChartNode {
	tb.Helper()
	d, err := orgledger.ParseDate(day)
	if err != nil {
		tb.Fatal(err)
	}
	nodes, err := l.Chart(ledger.Query{At: d}, ledger.ChartOptions{Depth: -1})
	if err != nil {
		tb.Fatal(err)
	}
	return nodes
}

// writeJSON writes v as the command line does: indented by two spaces, HTML not escaped.
func writeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// checkGolden compares got with testdata/golden/name, or rewrites the file with -update.
func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./chart -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the output (run go test ./chart -update and review the diff)\ngot:\n%s", path, got)
	}
}

// ref returns a pointer to s, for ParentID.
func ref(s string) *string { return &s }

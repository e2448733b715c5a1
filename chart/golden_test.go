package chart_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// goldenFormats are the outputs that have golden files, each named by its extension.
var goldenFormats = []struct {
	ext   string
	write func(b *bytes.Buffer, nodes []orgledger.ChartNode, title string) error
}{
	{"txt", func(b *bytes.Buffer, n []orgledger.ChartNode, _ string) error { return chart.Text(b, n) }},
	{"json", func(b *bytes.Buffer, n []orgledger.ChartNode, _ string) error { return writeJSON(b, n) }},
	{"dot", func(b *bytes.Buffer, n []orgledger.ChartNode, _ string) error { return chart.DOT(b, n) }},
	{"mmd", func(b *bytes.Buffer, n []orgledger.ChartNode, _ string) error { return chart.Mermaid(b, n) }},
	{"svg", func(b *bytes.Buffer, n []orgledger.ChartNode, title string) error {
		return chart.SVG(b, n, chart.SVGOptions{Title: title})
	}},
}

// exampleTitle is the title "orgledger chart --format svg" gives the example's chart.
func exampleTitle(day string) string { return "Alibaba Cloud — " + day }

// TestGolden compares every format of the example's chart, before and after the reshuffle,
// with the files in testdata/golden.
func TestGolden(t *testing.T) {
	l := mustExample(t)
	for _, day := range exampleDates {
		nodes := mustChart(t, l, day)
		for _, f := range goldenFormats {
			name := "alibaba-cloud-" + day + "." + f.ext + ".golden"
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.write(&b, nodes, exampleTitle(day)); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, name, b.Bytes())
			})
		}
	}
}

// TestExampleSVG checks that the chart the example's README shows is the one orgledger draws
// today, so that it cannot drift from the code.
func TestExampleSVG(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(exampleDir, "chart-2022-04-13.svg"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "alibaba-cloud-2022-04-13.svg.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s/chart-2022-04-13.svg is not the golden SVG; redraw it with\n"+
			"  orgledger apply --db /tmp/x.db %s/*.yaml\n"+
			"  orgledger chart --db /tmp/x.db --at 2022-04-13 --format svg > %s/chart-2022-04-13.svg",
			exampleDir, exampleDir, exampleDir)
	}
}

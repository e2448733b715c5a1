package chart_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// One position whose text holds every character the formats treat specially.
func trickyNode() []orgledger.ChartNode {
	return []orgledger.ChartNode{{
		ID: "p-1", Title: "Head \"R&D\" <lab> #2 [x] {y} `z` \\ end\nnext &lt; 100%%{x}%%", Unit: orgledger.Ref{ID: "u", Name: "Unit \"Q\" \\"},
		Holders: []orgledger.Holder{{ID: "a", Name: "O'Brien & Sons"}}, Dotted: []string{},
	}}
}

func TestDOTEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := chart.DOT(&b, trickyNode()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`subgraph "cluster_u" {`,
		`label="Unit \"Q\" \\"`,
		`"p-1" [label="Head \"R&amp;D\" <lab> #2 [x] {y}\n` + "`z`" + ` \\ end next &amp;lt; 100%%{x}%%\nO'Brien &amp; Sons"];`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("DOT lacks %s:\n%s", want, b.String())
		}
	}
	if _, err := exec.LookPath("dot"); err == nil {
		svg := renderDOT(t, b.Bytes(), "the DOT of a tricky title")
		if !strings.Contains(svg, "Head &quot;R&amp;D&quot; &lt;lab&gt; #2") || !strings.Contains(svg, "\\ end next &amp;lt; 100%%{x}%%") ||
			!strings.Contains(svg, "O&#39;Brien &amp; Sons") {
			t.Errorf("Graphviz drew the tricky title as:\n%s", svg)
		}
	}
}

func TestMermaidEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := chart.Mermaid(&b, trickyNode()); err != nil {
		t.Fatal(err)
	}
	want := `flowchart TD
  subgraph u0["Unit #quot;Q#quot; \"]
    %% p-1
    n0["Head #quot;R#amp;D#quot; #lt;lab#gt; #35;2 [x] {y} #96;z#96; \ end next #amp;lt; 100#37;#37;{x}#37;#37;<br/>O'Brien #amp; Sons"]
  end
`
	if b.String() != want {
		t.Errorf("Mermaid:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSVGEscapes(t *testing.T) {
	var b bytes.Buffer
	nodes := trickyNode()
	if err := chart.SVG(&b, nodes, chart.SVGOptions{Title: "<b>&amp;</b>"}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), nodes)
	var title string
	for _, e := range parseSVG(t, b.Bytes()) {
		if e.attrs["class"] == "chart-title" {
			title = e.text
		}
	}
	if title != "<b>&amp;</b>" {
		t.Errorf("chart title reads %q", title)
	}
}

// Every format writes something sensible for a chart with no positions.
func TestEmptyChart(t *testing.T) {
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"text", func(b *bytes.Buffer) error { return chart.Text(b, nil) }, ""},
		{"dot", func(b *bytes.Buffer) error { return chart.DOT(b, nil) }, "}\n"},
		{"mermaid", func(b *bytes.Buffer) error { return chart.Mermaid(b, nil) }, "flowchart TD\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := tt.write(&b); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.HasSuffix(b.String(), tt.want) {
			t.Errorf("%s of no positions:\n%s", tt.name, b.String())
		}
	}
}

// TextColor says what Text says, with colours added.
func TestTextColorIsTextWithEscapes(t *testing.T) {
	var plain, color bytes.Buffer
	if err := chart.Text(&plain, featureNodes()); err != nil {
		t.Fatal(err)
	}
	if err := chart.TextColor(&color, featureNodes()); err != nil {
		t.Fatal(err)
	}
	stripped := color.String()
	for _, sgr := range []string{"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[33m", "\x1b[35m", "\x1b[36m"} {
		stripped = strings.ReplaceAll(stripped, sgr, "")
	}
	if stripped != plain.String() {
		t.Errorf("TextColor without its escapes:\n%s\nText:\n%s", stripped, plain.String())
	}
	if !strings.Contains(color.String(), "\x1b[33mvacant\x1b[0m") {
		t.Error("TextColor does not colour a vacancy")
	}
}

package chart_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// svgElement is one element of a drawing, with its attributes and the text directly in it.
type svgElement struct {
	name  string
	attrs map[string]string
	text  string
}

// parseSVG reads a drawing as XML, failing the test if it is not well formed, and returns its
// elements in document order.
func parseSVG(tb testing.TB, data []byte) []*svgElement {
	tb.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out, open []*svgElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &svgElement{name: t.Name.Local, attrs: map[string]string{}}
			for _, a := range t.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out, open = append(out, e), append(open, e)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 {
				open[len(open)-1].text += string(t)
			}
		}
	}
	return out
}

// attrNum returns a numeric attribute, failing the test if it is missing or not a number.
func attrNum(tb testing.TB, e *svgElement, name string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(e.attrs[name], 64)
	if err != nil {
		tb.Fatalf("<%s data-id=%q>: %s=%q: %v", e.name, e.attrs["data-id"], name, e.attrs[name], err)
	}
	return v
}

// checkSVG checks what other tools rely on: well-formed XML; a size and a viewBox; one
// <rect class="box"> per position, with absolute coordinates inside the drawing and its id;
// no transforms; dotted lines drawn before the boxes; every holder's name as real text.
func checkSVG(t *testing.T, data []byte, nodes []orgledger.ChartNode) {
	t.Helper()
	els := parseSVG(t, data)
	root := els[0]
	if root.name != "svg" || root.attrs["viewBox"] != "0 0 "+root.attrs["width"]+" "+root.attrs["height"] {
		t.Fatalf("root <%s> viewBox %q, want an <svg> whose viewBox is its size", root.name, root.attrs["viewBox"])
	}
	ids := checkBoxes(t, els, attrNum(t, root, "width"), attrNum(t, root, "height"))
	var texts strings.Builder
	for _, e := range els {
		if e.name == "text" {
			texts.WriteString(e.text + "\n")
		}
	}
	for _, n := range nodes {
		if !ids[n.ID] {
			t.Errorf("no box for %s", n.ID)
		}
		for _, hd := range n.Holders {
			if !strings.Contains(texts.String(), hd.Name) {
				t.Errorf("%s's name is not in the text of the drawing", hd.Name)
			}
		}
	}
	if len(ids) != len(nodes) {
		t.Errorf("%d boxes for %d positions", len(ids), len(nodes))
	}
}

// checkBoxes checks the boxes of a drawing w by h, that nothing is transformed, and that the
// dotted lines come before the boxes; it returns the ids of the boxes.
func checkBoxes(t *testing.T, els []*svgElement, w, h float64) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, e := range els {
		if _, ok := e.attrs["transform"]; ok {
			t.Errorf("<%s> has a transform", e.name)
		}
		if e.name == "g" && e.attrs["class"] == "dotted" && len(ids) > 0 {
			t.Errorf("dotted lines are drawn over the boxes")
		}
		if e.name != "rect" || e.attrs["class"] != "box" {
			continue
		}
		x, y := attrNum(t, e, "x"), attrNum(t, e, "y")
		bw, bh := attrNum(t, e, "width"), attrNum(t, e, "height")
		if x < 0 || y < 0 || x+bw > w || y+bh > h || bw <= 0 || bh <= 0 {
			t.Errorf("box %q at (%v, %v) size %v×%v is not inside %v×%v", e.attrs["data-id"], x, y, bw, bh, w, h)
		}
		ids[e.attrs["data-id"]] = true
	}
	return ids
}

func TestSVGExample(t *testing.T) {
	l := mustExample(t)
	for _, day := range exampleDates {
		t.Run(day, func(t *testing.T) {
			nodes := mustChart(t, l, day)
			var b bytes.Buffer
			if err := chart.SVG(&b, nodes, chart.SVGOptions{Title: exampleTitle(day)}); err != nil {
				t.Fatal(err)
			}
			checkSVG(t, b.Bytes(), nodes)
		})
	}
}

func TestSVGFeatures(t *testing.T) {
	nodes := featureNodes()
	var b bytes.Buffer
	if err := chart.SVG(&b, nodes, chart.SVGOptions{Title: "Features <&>"}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), nodes)
	els := parseSVG(t, b.Bytes())
	count := func(pred func(*svgElement) bool) int {
		n := 0
		for _, e := range els {
			if pred(e) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		what string
		got  int
		want int
	}{
		{"dashed boxes (vacant)", count(func(e *svgElement) bool { return e.attrs["class"] == "box" && e.attrs["stroke-dasharray"] != "" }), 1},
		{"dotted lines (one leads outside the chart)", count(func(e *svgElement) bool { return e.name == "path" }), 2},
		{"ACTING tags", count(func(e *svgElement) bool { return e.name == "text" && e.text == "ACTING" }), 2},
		{"assistant groups", count(func(e *svgElement) bool { return e.attrs["class"] == "position assistant" }), 2},
		{"boxes with a hover title", count(func(e *svgElement) bool { return e.name == "title" }), len(nodes) + 1 + 2},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.what, tt.got, tt.want)
		}
	}
}

// An assistant is drawn beside its manager's line, above the manager's reports.
func TestSVGAssistantBeside(t *testing.T) {
	nodes := featureNodes()
	var b bytes.Buffer
	if err := chart.SVG(&b, nodes, chart.SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	boxes := map[string][4]float64{}
	for _, e := range parseSVG(t, b.Bytes()) {
		if e.attrs["class"] == "box" {
			boxes[e.attrs["data-id"]] = [4]float64{attrNum(t, e, "x"), attrNum(t, e, "y"), attrNum(t, e, "width"), attrNum(t, e, "height")}
		}
	}
	ceo, ea, cfo := boxes["ceo"], boxes["ea"], boxes["cfo"]
	line := ceo[0] + ceo[2]/2
	if ea[1] <= ceo[1]+ceo[3] || ea[1]+ea[3] >= cfo[1] {
		t.Errorf("assistant at y %v is not between its manager (bottom %v) and the reports (top %v)", ea[1], ceo[1]+ceo[3], cfo[1])
	}
	if ea[0] < line && ea[0]+ea[2] > line {
		t.Errorf("assistant at x %v–%v sits across its manager's line at %v", ea[0], ea[0]+ea[2], line)
	}
}

// The same chart always gives the same drawing, and an empty chart still gives a drawing.
func TestSVGDeterministicAndEmpty(t *testing.T) {
	var a, b, empty bytes.Buffer
	if err := chart.SVG(&a, featureNodes(), chart.SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := chart.SVG(&b, featureNodes(), chart.SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two drawings of the same chart differ")
	}
	if err := chart.SVG(&empty, []orgledger.ChartNode{}, chart.SVGOptions{Title: "Nobody"}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, empty.Bytes(), nil)
}

// A chart whose positions report to each other in a circle is not a tree; SVG says so rather
// than drawing part of it.
func TestSVGNotATree(t *testing.T) {
	nodes := []orgledger.ChartNode{
		{ID: "root", Title: "Root"},
		{ID: "a", ParentID: ref("b"), Title: "A"},
		{ID: "b", ParentID: ref("a"), Title: "B"},
	}
	if err := chart.SVG(io.Discard, nodes, chart.SVGOptions{}); err == nil {
		t.Error("SVG drew a chart with a cycle")
	}
}

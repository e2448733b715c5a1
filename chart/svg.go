package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/layout"
)

// SVGOptions choose what the SVG shows besides the chart.
type SVGOptions struct {
	// Title is a line drawn above the chart, such as "Alibaba Cloud — 2022-04-13"; none if
	// empty.
	Title string
}

// SVG draws the chart as a standalone SVG image, laid out by package layout: a box per
// position with its title, its holders (or "Vacant") and its unit; reports below their
// manager, assistants beside the manager's line, and wide spans stacked in columns. A vacant
// position has a dashed border, an acting holder an "Acting" tag, and an assistant a grey
// box and an "Assistant" tag. Dotted lines are dashed curves drawn before the boxes, so that
// they pass under them; dotted lines to positions outside the chart are left out.
//
// Every box is a <rect class="box"> with absolute x, y, width and height, and the position's
// id in data-id; nothing in the drawing is transformed, so other tools can read the layout
// back. The text is real <text>, dark on white, sized from the characters it holds.
func SVG(w io.Writer, nodes []orgledger.ChartNode, opts SVGOptions) error {
	t := newTree(nodes)
	boxes := measureBoxes(nodes)
	res, err := layout.Layout(t.layoutTree(boxes), layout.Options{})
	if err != nil {
		return fmt.Errorf("laying out the chart: %w", err)
	}
	d := newDrawing(res, opts)
	var b strings.Builder
	d.open(&b, opts.Title, len(nodes) == 0)
	d.connectors(&b, res.Edges)
	d.dottedLines(&b, t, res.Boxes)
	for i, n := range nodes {
		d.box(&b, n, boxes.text[i], res.Boxes[i])
	}
	b.WriteString("</svg>\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// layoutTree gives layout every box, all of one size, and the shape of the chart.
func (t *tree) layoutTree(boxes measured) layout.Tree {
	lt := layout.Tree{Nodes: make([]layout.Node, len(t.nodes)), Roots: t.roots}
	for i, n := range t.nodes {
		lt.Nodes[i] = layout.Node{Width: boxes.w, Height: boxes.h, Children: t.children[n.ID], Assistant: isAssistant(n)}
	}
	return lt
}

// The page around the chart, in pixels.
const (
	svgMargin     = 20
	svgTitleSize  = 16 // the chart's title line
	svgTitleSpace = 32 // from the top margin to the top of the chart, below a title
	svgEmptyWidth = 200
)

// The colours of the drawing: near-black text and lines on white, and greys that stay
// distinct when printed in black and white.
const (
	colorPaper  = "#ffffff"
	colorInk    = "#1a1a1a"
	colorLine   = "#444444"
	colorMuted  = "#555555"
	colorFill   = "#f2f2f2"
	fontFamily  = "Helvetica, Arial, 'Liberation Sans', sans-serif"
	dottedDash  = "6 4"
	vacantDash  = "5 3"
	strokeWidth = "1.25"
)

// drawing places the layout on the page: every coordinate is shifted by dx and dy, the
// margin and the title above the chart.
type drawing struct {
	dx, dy        float64
	width, height float64
}

func newDrawing(res layout.Result, opts SVGOptions) *drawing {
	d := &drawing{dx: svgMargin, dy: svgMargin}
	w := res.Width
	if opts.Title != "" {
		d.dy += svgTitleSpace
		w = math.Max(w, textWidth(opts.Title, svgTitleSize, true))
	}
	if len(res.Boxes) == 0 {
		w = math.Max(w, svgEmptyWidth)
	}
	d.width = math.Ceil(w + 2*svgMargin)
	d.height = math.Ceil(d.dy + res.Height + svgMargin)
	return d
}

// open writes the document's start: the root element, its title, the white page and the
// chart's title line.
func (d *drawing) open(b *strings.Builder, title string, empty bool) {
	w, h := num(d.width), num(d.height)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		w, h, w, h, fontFamily)
	doc := title
	if doc == "" {
		doc = "Org chart"
	}
	fmt.Fprintf(b, "<title>%s</title>\n", esc(doc))
	fmt.Fprintf(b, `<rect class="background" x="0" y="0" width="%s" height="%s" fill="%s"/>`+"\n", w, h, colorPaper)
	if title != "" {
		fmt.Fprintf(b, `<text class="chart-title" x="%s" y="%s" font-size="%d" font-weight="bold" fill="%s">%s</text>`+"\n",
			num(svgMargin), num(svgMargin+svgTitleSize), svgTitleSize, colorInk, esc(title))
	}
	if empty {
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="12" fill="%s">No positions</text>`+"\n",
			num(d.dx), num(d.dy+12), colorMuted)
	}
}

// connectors draws the reporting lines as layout routed them.
func (d *drawing) connectors(b *strings.Builder, edges []layout.Edge) {
	if len(edges) == 0 {
		return
	}
	fmt.Fprintf(b, `<g class="reports" fill="none" stroke="%s" stroke-width="%s">`+"\n", colorLine, strokeWidth)
	for _, e := range edges {
		pts := make([]string, len(e.Points))
		for k, p := range e.Points {
			pts[k] = num(p.X+d.dx) + "," + num(p.Y+d.dy)
		}
		fmt.Fprintf(b, `<polyline points="%s"/>`+"\n", strings.Join(pts, " "))
	}
	b.WriteString("</g>\n")
}

// dottedLines draws each dotted line as a dashed curve between the two boxes. They are drawn
// before the boxes, so a line that crosses a box passes under it rather than over its text.
func (d *drawing) dottedLines(b *strings.Builder, t *tree, boxes []layout.Box) {
	started := false
	for i := range t.nodes {
		for _, j := range t.dotted(i) {
			if !started {
				fmt.Fprintf(b, `<g class="dotted" fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="%s">`+"\n", colorMuted, dottedDash)
				started = true
			}
			fmt.Fprintf(b, `<path d="%s"><title>%s</title></path>`+"\n", d.curve(boxes[j], boxes[i]),
				esc("Dotted line: "+t.nodes[i].Title+" to "+t.nodes[j].Title))
		}
	}
	if started {
		b.WriteString("</g>\n")
	}
}

// curve returns a path from box a to box b: side to side when they stand apart, else from
// the bottom of the upper to the top of the lower. It meets a box off its centre, where the
// reporting lines meet it.
func (d *drawing) curve(a, b layout.Box) string {
	var x1, y1, x2, y2 float64
	horizontal := true
	switch {
	case a.X+a.W <= b.X:
		x1, y1, x2, y2 = a.X+a.W, a.Y+a.H*0.7, b.X, b.Y+b.H*0.7
	case b.X+b.W <= a.X:
		x1, y1, x2, y2 = a.X, a.Y+a.H*0.7, b.X+b.W, b.Y+b.H*0.7
	case a.Y+a.H <= b.Y:
		x1, y1, x2, y2, horizontal = a.X+a.W*0.3, a.Y+a.H, b.X+b.W*0.3, b.Y, false
	default:
		x1, y1, x2, y2, horizontal = a.X+a.W*0.3, a.Y, b.X+b.W*0.3, b.Y+b.H, false
	}
	x1, y1, x2, y2 = x1+d.dx, y1+d.dy, x2+d.dx, y2+d.dy
	c1x, c1y, c2x, c2y := (x1+x2)/2, y1, (x1+x2)/2, y2
	if !horizontal {
		c1x, c1y, c2x, c2y = x1, (y1+y2)/2, x2, (y1+y2)/2
	}
	return fmt.Sprintf("M%s %s C%s %s %s %s %s %s", num(x1), num(y1), num(c1x), num(c1y), num(c2x), num(c2y), num(x2), num(y2))
}

// num formats a coordinate to at most two decimals, the same on every run.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100+0, 'f', -1, 64)
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

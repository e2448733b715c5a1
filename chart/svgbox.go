package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/layout"
)

// The text of a box, in pixels: a bold title, the holders, and the unit in smaller type, each
// wrapped to the width of the boxes and centred.
const (
	titleSize, titleLead = 12, 15 // font size and line height
	nameSize, nameLead   = 12, 15
	unitSize, unitLead   = 10, 13
	titleGap, unitGap    = 3, 2 // between the title and the names, and the names and the unit
	padX, padY           = 12, 10
	minInner, maxInner   = 150, 200 // the width of a box's text
	tagSize, tagHeight   = 9, 14    // the tags on a box's top edge
	tagPad, tagInset     = 6, 8
)

// boxText is what one box says, already wrapped.
type boxText struct {
	title, names, unit []string
	vacant             bool
	tags               []string // drawn on the top edge, from the right
}

// measured is the text of every box and the one size that all the boxes share, so that the
// chart reads as a grid.
type measured struct {
	text []boxText
	w, h float64
}

// measureBoxes wraps every box's text to a common width (the widest line, within limits)
// and makes the boxes tall enough for the box with the most lines.
func measureBoxes(nodes []orgledger.ChartNode) measured {
	m := measured{text: make([]boxText, len(nodes))}
	inner := float64(minInner)
	for _, n := range nodes {
		inner = math.Max(inner, textWidth(n.Title, titleSize, true))
		inner = math.Max(inner, textWidth(namesLine(n), nameSize, false))
		inner = math.Max(inner, textWidth(n.Unit.Name, unitSize, false))
	}
	inner = math.Min(inner, maxInner)
	block := 0.0
	for i, n := range nodes {
		bt := boxText{vacant: n.Vacant, tags: tags(n)}
		bt.title = wrap(n.Title, inner, measure(titleSize, true))
		bt.names = wrap(namesLine(n), inner, measure(nameSize, false))
		if n.Unit.Name != "" {
			bt.unit = wrap(n.Unit.Name, inner, measure(unitSize, false))
		}
		m.text[i] = bt
		block = math.Max(block, bt.height())
	}
	m.w, m.h = inner+2*padX, math.Ceil(block+2*padY)
	return m
}

// measure returns the measure of a line of text in one size and weight.
func measure(size float64, bold bool) func(string) float64 {
	return func(s string) float64 { return textWidth(s, size, bold) }
}

// namesLine names the holders, or says the position is vacant. With one holder the tag
// tells that they act; with several, the acting ones are marked by name.
func namesLine(n orgledger.ChartNode) string {
	if len(n.Holders) == 0 {
		return "Vacant"
	}
	if len(n.Holders) == 1 {
		return n.Holders[0].Name
	}
	return Holders(n.Holders)
}

// tags returns the tags of a box, the rightmost first.
func tags(n orgledger.ChartNode) []string {
	var out []string
	for _, h := range n.Holders {
		if h.Acting {
			out = append(out, "Acting")
			break
		}
	}
	if isAssistant(n) {
		out = append(out, "Assistant")
	}
	return out
}

// height is the height of the box's lines, without padding.
func (bt boxText) height() float64 {
	h := float64(len(bt.title)*titleLead + titleGap + len(bt.names)*nameLead)
	if len(bt.unit) > 0 {
		h += float64(unitGap + len(bt.unit)*unitLead)
	}
	return h
}

// box draws one position: its hover title, its rectangle, its lines and its tags.
func (d *drawing) box(b *strings.Builder, n orgledger.ChartNode, bt boxText, lb layout.Box) {
	x, y := lb.X+d.dx, lb.Y+d.dy
	class, fill, dash := "position", colorPaper, ""
	if bt.vacant {
		class, dash = class+" vacant", ` stroke-dasharray="`+vacantDash+`"`
	}
	if isAssistant(n) {
		class, fill = class+" assistant", colorFill
	}
	fmt.Fprintf(b, "<g class=\"%s\">\n<title>%s</title>\n", class, esc(hover(n)))
	fmt.Fprintf(b, `<rect class="box" data-id="%s" x="%s" y="%s" width="%s" height="%s" rx="4" fill="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
		esc(n.ID), num(x), num(y), num(lb.W), num(lb.H), fill, colorLine, strokeWidth, dash)
	cx, top := x+lb.W/2, y+(lb.H-bt.height())/2
	nameStyle := `fill="` + colorInk + `"`
	if bt.vacant {
		nameStyle = `font-style="italic" fill="` + colorMuted + `"`
	}
	top = lines(b, bt.title, cx, top, titleSize, titleLead, `font-weight="bold" fill="`+colorInk+`"`) + titleGap
	top = lines(b, bt.names, cx, top, nameSize, nameLead, nameStyle) + unitGap
	lines(b, bt.unit, cx, top, unitSize, unitLead, `fill="`+colorMuted+`"`)
	drawTags(b, bt.tags, x+lb.W-tagInset, y)
	b.WriteString("</g>\n")
}

// lines writes centred lines of text from top down and returns the bottom of the last.
func lines(b *strings.Builder, ls []string, cx, top float64, size, lead int, style string) float64 {
	for _, l := range ls {
		base := top + float64(lead+size)/2 - 0.2*float64(size)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" %s>%s</text>`+"\n",
			num(cx), num(base), size, style, esc(l))
		top += float64(lead)
	}
	return top
}

// drawTags draws tags as small rounded labels centred on the box's top edge at y, the first
// ending at right and each next one to the left of the one before.
func drawTags(b *strings.Builder, ts []string, right, y float64) {
	for _, t := range ts {
		label := strings.ToUpper(t)
		w := math.Ceil(textWidth(label, tagSize, true) + 2*tagPad)
		x := right - w
		fill, ink := colorPaper, colorInk
		if t == "Acting" {
			fill, ink = colorLine, colorPaper
		}
		fmt.Fprintf(b, `<rect class="tag" x="%s" y="%s" width="%s" height="%d" rx="7" fill="%s" stroke="%s"/>`+"\n",
			num(x), num(y-tagHeight/2), num(w), tagHeight, fill, colorLine)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" font-weight="bold" fill="%s">%s</text>`+"\n",
			num(x+w/2), num(y+3), tagSize, ink, esc(label))
		right = x - 4
	}
}

// hover is the tooltip of a box: everything the box says, and the position's id.
func hover(n orgledger.ChartNode) string {
	s := n.Title + "\n" + Holders(n.Holders)
	if isAssistant(n) {
		s += "\nassistant"
	}
	if n.Unit.Name != "" {
		s += "\n" + n.Unit.Name
	}
	if len(n.Dotted) > 0 {
		s += "\ndotted line to " + strings.Join(n.Dotted, ", ")
	}
	return s + "\n(" + n.ID + ")"
}

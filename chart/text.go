package chart

import (
	"io"
	"strings"

	"github.com/orgledger/orgledger"
)

// Text writes the chart as an indented tree, one line per position: its title, who holds it
// (or "vacant"), and marks for acting holders, assistants and dotted lines. A position's unit
// is named where it differs from the unit of the position above it.
func Text(w io.Writer, nodes []orgledger.ChartNode) error {
	return writeText(w, nodes, painter(false))
}

// TextColor writes the same tree as Text, coloured with ANSI escapes for a terminal: titles
// bold, vacancies and acting holders in yellow, units in green, dotted lines in magenta, and
// the tree's lines and the ids faint. Callers choose it only when the output is a terminal
// and NO_COLOR is not set.
func TextColor(w io.Writer, nodes []orgledger.ChartNode) error {
	return writeText(w, nodes, painter(true))
}

func writeText(w io.Writer, nodes []orgledger.ChartNode, p painter) error {
	t := newTree(nodes)
	var b strings.Builder
	for _, r := range t.roots {
		t.write(&b, p, r, "", "", "")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The branches of the tree, as the tree command draws them.
const (
	branchMid  = "├── "
	branchLast = "└── "
	leadMid    = "│   "
	leadLast   = "    "
)

func (t *tree) write(b *strings.Builder, p painter, i int, lead, branch, parentUnit string) {
	n := t.nodes[i]
	b.WriteString(p.paint(sgrFaint, lead+branch) + line(n, parentUnit, p) + "\n")
	next := lead
	switch branch {
	case branchMid:
		next += leadMid
	case branchLast:
		next += leadLast
	}
	kids := t.children[n.ID]
	for k, c := range kids {
		br := branchMid
		if k == len(kids)-1 {
			br = branchLast
		}
		t.write(b, p, c, next, br, n.Unit.ID)
	}
}

// line describes one position: its unit is named where it is not its parent's and its title
// does not name it ("President, Cloud China" needs no "[Cloud China]" after it).
func line(n orgledger.ChartNode, parentUnit string, p painter) string {
	var b strings.Builder
	b.WriteString(p.paint(sgrBold, n.Title))
	b.WriteString(" — ")
	b.WriteString(holders(n.Holders, p))
	if isAssistant(n) {
		b.WriteString(" " + p.paint(sgrCyan, "[assistant]"))
	}
	if unit := orgledger.UnitNotIn(n.Title, n.Unit.Name); unit != "" && n.Unit.ID != "" && n.Unit.ID != parentUnit {
		b.WriteString(" " + p.paint(sgrGreen, "["+unit+"]"))
	}
	if len(n.Dotted) > 0 {
		b.WriteString(" " + p.paint(sgrMagenta, "⋯ dotted to "+strings.Join(n.Dotted, ", ")))
	}
	b.WriteString(" " + p.paint(sgrFaint, "("+n.ID+")"))
	return b.String()
}

// Holders names the holders of a position, marking acting ones, or says it is vacant.
func Holders(hs []orgledger.Holder) string {
	return holders(hs, painter(false))
}

func holders(hs []orgledger.Holder, p painter) string {
	if len(hs) == 0 {
		return p.paint(sgrYellow, "vacant")
	}
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.Name
		if h.Acting {
			names[i] += " " + p.paint(sgrYellow, "(acting)")
		}
	}
	return strings.Join(names, ", ")
}

// painter wraps parts of a line in ANSI SGR escapes when true, and leaves them plain when
// false, so that one function writes both the plain and the coloured tree.
type painter bool

// SGR parameters of the colours the tree uses: the standard eight colours, which every
// terminal theme maps to something readable on its own background.
const (
	sgrBold    = "1"
	sgrFaint   = "2"
	sgrGreen   = "32"
	sgrYellow  = "33"
	sgrMagenta = "35"
	sgrCyan    = "36"
)

func (p painter) paint(sgr, s string) string {
	if !p || s == "" {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}

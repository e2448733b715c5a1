package chart

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgledger/orgledger"
)

// Text writes the chart as an indented tree, one line per position: its title, who holds it
// (or "vacant"), and marks for acting holders, assistants and dotted lines. A position's unit
// is named where it differs from the unit of the position above it.
func Text(w io.Writer, nodes []orgledger.ChartNode) error {
	t := newTree(nodes)
	var b strings.Builder
	for _, r := range t.roots {
		t.write(&b, r, "", "", "")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tree indexes chart nodes by parent.
type tree struct {
	nodes    []orgledger.ChartNode
	children map[string][]int
	roots    []int
}

func newTree(nodes []orgledger.ChartNode) *tree {
	t := &tree{nodes: nodes, children: make(map[string][]int)}
	present := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		present[n.ID] = true
	}
	for i, n := range nodes {
		if n.ParentID == nil || !present[*n.ParentID] {
			t.roots = append(t.roots, i)
		} else {
			t.children[*n.ParentID] = append(t.children[*n.ParentID], i)
		}
	}
	return t
}

func (t *tree) write(b *strings.Builder, i int, lead, branch, parentUnit string) {
	n := t.nodes[i]
	b.WriteString(lead + branch + line(n, parentUnit) + "\n")
	kids := t.children[n.ID]
	next := lead
	switch branch {
	case "├── ":
		next += "│   "
	case "└── ":
		next += "    "
	}
	for k, c := range kids {
		br := "├── "
		if k == len(kids)-1 {
			br = "└── "
		}
		t.write(b, c, next, br, n.Unit.ID)
	}
}

// line describes one position.
func line(n orgledger.ChartNode, parentUnit string) string {
	var b strings.Builder
	b.WriteString(n.Title)
	b.WriteString(" — ")
	b.WriteString(Holders(n.Holders))
	if n.Kind == orgledger.KindAssistant {
		b.WriteString(" [assistant]")
	}
	if n.Unit.ID != "" && n.Unit.ID != parentUnit {
		fmt.Fprintf(&b, " [%s]", n.Unit.Name)
	}
	if len(n.Dotted) > 0 {
		fmt.Fprintf(&b, " ⋯ dotted to %s", strings.Join(n.Dotted, ", "))
	}
	fmt.Fprintf(&b, " (%s)", n.ID)
	return b.String()
}

// Holders names the holders of a position, marking acting ones, or says it is vacant.
func Holders(hs []orgledger.Holder) string {
	if len(hs) == 0 {
		return "vacant"
	}
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.Name
		if h.Acting {
			names[i] += " (acting)"
		}
	}
	return strings.Join(names, ", ")
}

package chart

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgledger/orgledger"
)

// DOT writes the chart as a Graphviz digraph, for "dot -Tsvg" and the tools that read DOT.
// Each unit is a cluster (a subgraph named cluster_ and the unit's id, labelled with its
// name) holding its positions; nodes are named by position id and labelled with the title
// and the holders, or "vacant". Reporting lines are plain edges; dotted lines are dashed
// edges that do not affect the ranks. A vacant position has a dashed border and an assistant
// a grey fill. Dotted lines to positions outside the chart are left out.
func DOT(w io.Writer, nodes []orgledger.ChartNode) error {
	t := newTree(nodes)
	var b strings.Builder
	b.WriteString(dotHeader)
	order, members := units(nodes)
	for _, u := range order {
		fmt.Fprintf(&b, "\n  subgraph %s {\n", dotQuote("cluster_"+u.ID))
		fmt.Fprintf(&b, "    graph [label=%s, %s];\n", dotQuote(u.Name), dotCluster)
		for _, i := range members[u.ID] {
			b.WriteString("    " + dotNode(nodes[i]) + "\n")
		}
		b.WriteString("  }\n")
	}
	loose := false
	for _, n := range nodes {
		if n.Unit.ID == "" {
			if !loose {
				b.WriteString("\n")
				loose = true
			}
			b.WriteString("  " + dotNode(n) + "\n")
		}
	}
	t.dotAssistants(&b)
	t.dotEdges(&b)
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotHeader sets the look of the graph: dark text and lines on white, which print well, and
// lines without arrowheads, as org charts draw them.
const dotHeader = `digraph orgchart {
  graph [fontname="Helvetica,Arial,sans-serif", fontsize=10, fontcolor="#444444", newrank=true, nodesep=0.3, ranksep=0.5];
  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#444444", fontname="Helvetica,Arial,sans-serif", fontsize=10, fontcolor="#1a1a1a", margin="0.15,0.06"];
  edge [color="#444444", arrowhead=none];
`

// dotCluster is the look of a unit's cluster: a light rounded frame, its name at the left.
const dotCluster = `style=rounded, color="#999999", labeljust=l`

// dotTitleWidth is the longest line of a title in a DOT label, in columns (a wide character
// takes two); longer titles are wrapped, because Graphviz never wraps a label itself.
const dotTitleWidth = 32

// dotNode declares one position.
func dotNode(n orgledger.ChartNode) string {
	lines := wrap(n.Title, dotTitleWidth, columns)
	lines = append(lines, Holders(n.Holders))
	if isAssistant(n) {
		lines = append(lines, "(assistant)")
	}
	attrs := []string{"label=" + dotQuote(strings.Join(lines, "\n"))}
	if n.Vacant {
		attrs = append(attrs, `style="rounded,filled,dashed"`, `fontcolor="#555555"`)
	}
	if isAssistant(n) {
		attrs = append(attrs, `fillcolor="#eeeeee"`)
	}
	return dotQuote(n.ID) + " [" + strings.Join(attrs, ", ") + "];"
}

// dotAssistants puts each manager's assistants on the manager's rank, so that they are drawn
// beside the manager rather than among the reports.
func (t *tree) dotAssistants(b *strings.Builder) {
	first := true
	for i, n := range t.nodes {
		same := []string{dotQuote(n.ID)}
		for _, c := range t.children[n.ID] {
			if isAssistant(t.nodes[c]) {
				same = append(same, dotQuote(t.nodes[c].ID))
			}
		}
		if len(same) == 1 || t.index[n.ID] != i {
			continue
		}
		if first {
			b.WriteString("\n")
			first = false
		}
		fmt.Fprintf(b, "  {rank=same; %s;}\n", strings.Join(same, "; "))
	}
}

// dotEdges writes the reporting lines, then the dotted lines.
func (t *tree) dotEdges(b *strings.Builder) {
	first := true
	edge := func(from, to int, attrs string) {
		if first {
			b.WriteString("\n")
			first = false
		}
		fmt.Fprintf(b, "  %s -> %s%s;\n", dotQuote(t.nodes[from].ID), dotQuote(t.nodes[to].ID), attrs)
	}
	for i := range t.nodes {
		if p, ok := t.parent(i); ok {
			edge(p, i, "")
		}
	}
	for i := range t.nodes {
		for _, d := range t.dotted(i) {
			edge(i, d, ` [style=dashed, constraint=false, color="#666666"]`)
		}
	}
}

// dotQuote returns s as a DOT quoted string. Backslashes and quotes are escaped; a newline
// becomes the \n escape, which Graphviz draws as a line break in a label; an ampersand is
// written as the entity &amp;, since Graphviz reads entities in labels (a title holding
// "&lt;" is drawn as that, not as "<").
func dotQuote(s string) string {
	return `"` + dotEscaper.Replace(s) + `"`
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `&`, "&amp;", "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

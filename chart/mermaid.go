package chart

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgledger/orgledger"
)

// Mermaid writes the chart as a Mermaid flowchart (flowchart TD), which GitHub, GitLab and
// many wikis draw from a fenced block. Each unit is a subgraph titled with its name. Nodes are
// named n0, n1, … in the order of the chart, because Mermaid reads some words (end) and some
// letters before a link (o, x) as syntax; a comment before each node gives its position id.
// Labels hold the title and the holders, or "vacant". Reporting lines are plain links and
// dotted lines dotted links; vacant positions have a dashed border and assistants a grey
// fill. Dotted lines to positions outside the chart are left out.
func Mermaid(w io.Writer, nodes []orgledger.ChartNode) error {
	t := newTree(nodes)
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	order, members := units(nodes)
	for k, u := range order {
		fmt.Fprintf(&b, "  subgraph u%d[%s]\n", k, mermaidQuote(u.Name))
		for _, i := range members[u.ID] {
			mermaidNode(&b, "    ", i, nodes[i])
		}
		b.WriteString("  end\n")
	}
	for i, n := range nodes {
		if n.Unit.ID == "" {
			mermaidNode(&b, "  ", i, n)
		}
	}
	t.mermaidLinks(&b)
	mermaidClasses(&b, nodes)
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidNode declares node i, after a comment naming its position.
func mermaidNode(b *strings.Builder, indent string, i int, n orgledger.ChartNode) {
	label := mermaidEscaper.Replace(n.Title) + "<br/>" + mermaidEscaper.Replace(Holders(n.Holders))
	if isAssistant(n) {
		label += "<br/>(assistant)"
	}
	fmt.Fprintf(b, "%s%%%% %s\n%sn%d[%s]\n", indent, mermaidComment(n.ID), indent, i, `"`+label+`"`)
}

// mermaidLinks writes the reporting lines, then the dotted lines.
func (t *tree) mermaidLinks(b *strings.Builder) {
	for i := range t.nodes {
		if p, ok := t.parent(i); ok {
			fmt.Fprintf(b, "  n%d --- n%d\n", p, i)
		}
	}
	for i := range t.nodes {
		for _, d := range t.dotted(i) {
			fmt.Fprintf(b, "  n%d -.- n%d\n", i, d)
		}
	}
}

// mermaidClasses styles vacant positions and assistants, if there are any.
func mermaidClasses(b *strings.Builder, nodes []orgledger.ChartNode) {
	var vacant, assistants []string
	for i, n := range nodes {
		if n.Vacant {
			vacant = append(vacant, fmt.Sprintf("n%d", i))
		}
		if isAssistant(n) {
			assistants = append(assistants, fmt.Sprintf("n%d", i))
		}
	}
	if len(vacant) > 0 {
		b.WriteString("  classDef vacant stroke-dasharray:5 5,color:#555555\n")
		fmt.Fprintf(b, "  class %s vacant\n", strings.Join(vacant, ","))
	}
	if len(assistants) > 0 {
		b.WriteString("  classDef assistant fill:#eeeeee\n")
		fmt.Fprintf(b, "  class %s assistant\n", strings.Join(assistants, ","))
	}
}

// mermaidEscaper writes as entity codes the characters that end a quoted label (a quote),
// start an entity code (#), would be read as HTML (<, >, &), would start a Markdown string
// (a backquote) or a directive (%%{, which Mermaid reads anywhere in the text, quotes or
// not). Brackets and parentheses are plain text inside quotes.
var mermaidEscaper = strings.NewReplacer(
	`#`, "#35;", `"`, "#quot;", `<`, "#lt;", `>`, "#gt;", `&`, "#amp;", "`", "#96;", `%`, "#37;",
	"\r\n", " ", "\n", " ", "\r", " ",
)

// mermaidQuote returns s as a quoted Mermaid label.
func mermaidQuote(s string) string {
	return `"` + mermaidEscaper.Replace(s) + `"`
}

// mermaidComment keeps an id on its comment line.
func mermaidComment(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

// Package chart draws an org chart from the ledger's chart nodes, in the forms
// "orgledger chart --format" offers: an indented text tree for the terminal (Text, and
// TextColor for a terminal that shows colour), a Graphviz graph (DOT), a Mermaid flowchart
// (Mermaid), a standalone SVG drawing (SVG), and the nodes themselves as JSON (JSON, what
// encoding/json writes for them, written without reflection). The csv format is package
// hris's export.
//
// It only formats; what the chart contains is the ledger's answer. Every writer takes the
// nodes in the ledger's depth-first order, each naming the position it reports to; a node
// whose parent is not among them is drawn as a root, as the top of a chart drawn from --root
// is. The output depends on nothing but the nodes (and the SVG's title), so the same chart always gives the same
// bytes, which the golden files in testdata/golden rely on.
//
// The SVG is laid out by package layout. Its text is measured without font files, from the
// character widths of Helvetica (measure.go), and every box is an absolute <rect class="box">
// with the position's id in data-id, so that other tools can read the layout back.
package chart

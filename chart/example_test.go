package chart_test

import (
	"os"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// exampleNodes is a chief executive, her assistant and a vacant finance post.
func exampleNodes() []orgledger.ChartNode {
	hq := orgledger.Ref{ID: "hq", Name: "Head Office"}
	return []orgledger.ChartNode{
		{ID: "ceo", Title: "Chief Executive", Unit: hq, Holders: []orgledger.Holder{{ID: "ada", Name: "Ada Lovelace"}}},
		{ID: "ea", ParentID: ref("ceo"), Title: "Executive Assistant", Kind: orgledger.KindAssistant, Unit: hq,
			Holders: []orgledger.Holder{{ID: "alan", Name: "Alan Turing", Acting: true}}},
		{ID: "cfo", ParentID: ref("ceo"), Title: "Chief Financial Officer", Unit: orgledger.Ref{ID: "fin", Name: "Finance"},
			Vacant: true, Dotted: []string{"ea"}},
	}
}

func ExampleText() {
	_ = chart.Text(os.Stdout, exampleNodes())
	// Output:
	// Chief Executive — Ada Lovelace [Head Office] (ceo)
	// ├── Executive Assistant — Alan Turing (acting) [assistant] (ea)
	// └── Chief Financial Officer — vacant [Finance] ⋯ dotted to ea (cfo)
}

func ExampleDOT() {
	_ = chart.DOT(os.Stdout, exampleNodes())
	// Output:
	// digraph orgchart {
	//   graph [fontname="Helvetica,Arial,sans-serif", fontsize=10, fontcolor="#444444", newrank=true, nodesep=0.3, ranksep=0.5];
	//   node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#444444", fontname="Helvetica,Arial,sans-serif", fontsize=10, fontcolor="#1a1a1a", margin="0.15,0.06"];
	//   edge [color="#444444", arrowhead=none];
	//
	//   subgraph "cluster_hq" {
	//     graph [label="Head Office", style=rounded, color="#999999", labeljust=l];
	//     "ceo" [label="Chief Executive\nAda Lovelace"];
	//     "ea" [label="Executive Assistant\nAlan Turing (acting)\n(assistant)", fillcolor="#eeeeee"];
	//   }
	//
	//   subgraph "cluster_fin" {
	//     graph [label="Finance", style=rounded, color="#999999", labeljust=l];
	//     "cfo" [label="Chief Financial Officer\nvacant", style="rounded,filled,dashed", fontcolor="#555555"];
	//   }
	//
	//   {rank=same; "ceo"; "ea";}
	//
	//   "ceo" -> "ea";
	//   "ceo" -> "cfo";
	//   "cfo" -> "ea" [style=dashed, constraint=false, color="#666666"];
	// }
}

func ExampleMermaid() {
	_ = chart.Mermaid(os.Stdout, exampleNodes())
	// Output:
	// flowchart TD
	//   subgraph u0["Head Office"]
	//     %% ceo
	//     n0["Chief Executive<br/>Ada Lovelace"]
	//     %% ea
	//     n1["Executive Assistant<br/>Alan Turing (acting)<br/>(assistant)"]
	//   end
	//   subgraph u1["Finance"]
	//     %% cfo
	//     n2["Chief Financial Officer<br/>vacant"]
	//   end
	//   n0 --- n1
	//   n0 --- n2
	//   n2 -.- n1
	//   classDef vacant stroke-dasharray:5 5,color:#555555
	//   class n2 vacant
	//   classDef assistant fill:#eeeeee
	//   class n1 assistant
}

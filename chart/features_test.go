package chart_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// featureNodes is a made-up chart with everything the example lacks: assistants, an acting
// holder, a shared position, a vacancy, dotted lines (one to a position outside the chart),
// a span wide enough to stack, wide characters, and text that every format must escape.
func featureNodes() []orgledger.ChartNode {
	hq := orgledger.Ref{ID: "hq", Name: "Head Office"}
	eng := orgledger.Ref{ID: "eng", Name: "Engineering <R&D>"}
	pos := func(id string, parent *string, title string, unit orgledger.Ref, holders ...orgledger.Holder) orgledger.ChartNode {
		n := orgledger.ChartNode{ID: id, ParentID: parent, Title: title, Unit: unit,
			Holders: append([]orgledger.Holder{}, holders...), Vacant: len(holders) == 0, Dotted: []string{}}
		return n
	}
	who := func(id, name string) orgledger.Holder { return orgledger.Holder{ID: id, Name: name} }
	nodes := []orgledger.ChartNode{
		pos("ceo", nil, "Chief Executive Officer", hq, who("ada", "Ada Lovelace")),
		pos("ea", ref("ceo"), "Executive Assistant", hq, who("grace", "Grace Hopper")),
		pos("cos", ref("ceo"), "Chief of Staff", hq, orgledger.Holder{ID: "alan", Name: "Alan Turing", Acting: true}),
		pos("cfo", ref("ceo"), "Chief Financial Officer", orgledger.Ref{ID: "fin", Name: "Finance & Control"}),
		pos("coo", ref("ceo"), `Chief "Operating" Officer #1 [interim] \ end`, orgledger.Ref{ID: "ops", Name: "Operations"},
			who("ken", "Ken Thompson"), orgledger.Holder{ID: "dmr", Name: "Dennis Ritchie", Acting: true}),
		pos("ops-mgr", ref("coo"), "Operations Manager", orgledger.Ref{ID: "ops", Name: "Operations"}, who("ewd", "Edsger Dijkstra")),
		pos("cto", ref("ceo"), "Chief Technology Officer", eng, who("barbara", "Barbara Liskov")),
	}
	nodes[1].Kind, nodes[2].Kind = orgledger.KindAssistant, orgledger.KindAssistant
	nodes[5].Dotted = []string{"cfo", "gone"}
	for k := 1; k <= 10; k++ {
		name := fmt.Sprintf("Engineer %d", k)
		if k == 3 {
			name = "李飞飞"
		}
		nodes = append(nodes, pos(fmt.Sprintf("eng-%d", k), ref("cto"), "Software Engineer", eng, who(fmt.Sprintf("e%d", k), name)))
	}
	liaison := pos("liaison", nil, "Board Liaison", orgledger.Ref{ID: "board", Name: "Board"}, who("kay", "Alan Kay"))
	liaison.Dotted = []string{"ceo"}
	return append(nodes, liaison)
}

// TestGoldenFeatures compares every drawing of the made-up chart with its golden file.
func TestGoldenFeatures(t *testing.T) {
	nodes := featureNodes()
	writers := map[string]func(*bytes.Buffer) error{
		"txt":       func(b *bytes.Buffer) error { return chart.Text(b, nodes) },
		"color.txt": func(b *bytes.Buffer) error { return chart.TextColor(b, nodes) },
		"dot":       func(b *bytes.Buffer) error { return chart.DOT(b, nodes) },
		"mmd":       func(b *bytes.Buffer) error { return chart.Mermaid(b, nodes) },
		"svg":       func(b *bytes.Buffer) error { return chart.SVG(b, nodes, chart.SVGOptions{Title: "Features <&>"}) },
	}
	for ext, write := range writers {
		t.Run(ext, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "features."+ext+".golden", b.Bytes())
		})
	}
}

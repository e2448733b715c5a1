package chart_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// encodingJSON is what every command writes for a value: encoding/json, indented by two
// spaces, HTML left as it is.
func encodingJSON(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func assertJSONLikeEncodingJSON(t testing.TB, nodes []orgledger.ChartNode) {
	t.Helper()
	var got bytes.Buffer
	if err := chart.JSON(&got, nodes); err != nil {
		t.Fatal(err)
	}
	if want := encodingJSON(t, nodes); !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("chart.JSON differs from encoding/json:\n got %q\nwant %q", got.Bytes(), want)
	}
}

func TestJSONIsEncodingJSONOfTheExample(t *testing.T) {
	l := mustExample(t)
	for _, day := range exampleDates {
		assertJSONLikeEncodingJSON(t, mustChart(t, l, day))
	}
}

func TestJSONIsEncodingJSONOfEdgeCases(t *testing.T) {
	parent := "p\u2028\u2029<&>"
	for name, nodes := range map[string][]orgledger.ChartNode{
		"nil":          nil,
		"empty":        {},
		"tricky":       trickyNode(),
		"nil lists":    {{ID: "a", ParentID: &parent}},
		"empty lists":  {{ID: "a", Holders: []orgledger.Holder{}, Dotted: []string{}, Kind: "assistant"}},
		"bad utf-8":    {{ID: "\xff\xfe", Title: "a\xc3", Unit: orgledger.Ref{Name: "\xed\xa0\x80"}}},
		"control":      {{Title: "\x00\x01\b\f\n\r\t\x1f\x7f", Dotted: []string{"\x1b[31m", ""}}},
		"many holders": {{Holders: []orgledger.Holder{{ID: "x", Name: "X", Acting: true}, {ID: "y"}}, Vacant: true}},
	} {
		t.Run(name, func(t *testing.T) { assertJSONLikeEncodingJSON(t, nodes) })
	}
}

// TestJSONIsEncodingJSONOfRandomCharts writes charts large enough to be flushed several times.
func TestJSONIsEncodingJSONOfRandomCharts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 20 {
		nodes := make([]orgledger.ChartNode, rng.IntN(2000))
		for i := range nodes {
			nodes[i] = randomNode(rng)
		}
		assertJSONLikeEncodingJSON(t, nodes)
	}
}

// FuzzJSON: for any strings, chart.JSON writes what encoding/json writes.
func FuzzJSON(f *testing.F) {
	f.Add("p-1", "Head \"R&D\"\n", "\u2028", true)
	f.Add("\xff", "\x00\x1f", "é", false)
	f.Fuzz(func(t *testing.T, id, title, name string, acting bool) {
		nodes := []orgledger.ChartNode{{ID: id, ParentID: &name, Title: title, Kind: name,
			Unit: orgledger.Ref{ID: title, Name: id}, Holders: []orgledger.Holder{{ID: name, Name: title, Acting: acting}},
			Vacant: acting, Dotted: []string{id, title}}}
		assertJSONLikeEncodingJSON(t, nodes)
	})
}

func randomNode(rng *rand.Rand) orgledger.ChartNode {
	n := orgledger.ChartNode{ID: randomText(rng), Title: randomText(rng), Kind: randomText(rng),
		Unit: orgledger.Ref{ID: randomText(rng), Name: randomText(rng)}, Vacant: rng.IntN(2) == 0}
	if rng.IntN(3) > 0 {
		p := randomText(rng)
		n.ParentID = &p
	}
	if k := rng.IntN(4); k > 0 {
		n.Holders = make([]orgledger.Holder, k-1)
		for i := range n.Holders {
			n.Holders[i] = orgledger.Holder{ID: randomText(rng), Name: randomText(rng), Acting: rng.IntN(2) == 0}
		}
	}
	if k := rng.IntN(4); k > 0 {
		n.Dotted = make([]string, k-1)
		for i := range n.Dotted {
			n.Dotted[i] = randomText(rng)
		}
	}
	return n
}

// randomText mixes plain ASCII with every kind of character JSON escapes or replaces.
func randomText(rng *rand.Rand) string {
	pieces := []string{"a", "Zoë", "中", "\"", "\\", "\n", "\x00", "\x7f", "<", "&", "\u2028", "\u2029",
		"\xff", "\xc3", "😀", " ", "-", "\t"}
	var b []byte
	for range rng.IntN(12) {
		b = append(b, pieces[rng.IntN(len(pieces))]...)
	}
	return string(b)
}

// benchNodes is a chart of a thousand positions with plain names, as a subtree query gives.
func benchNodes() []orgledger.ChartNode {
	nodes := make([]orgledger.ChartNode, 1000)
	for i := range nodes {
		parent := fmt.Sprintf("pos-p%07d", i/6)
		nodes[i] = orgledger.ChartNode{ID: fmt.Sprintf("pos-p%07d", i), ParentID: &parent, Title: "Senior Software Engineer",
			Unit:    orgledger.Ref{ID: "unit-platform", Name: "Platform Engineering"},
			Holders: []orgledger.Holder{{ID: fmt.Sprintf("p%07d", i), Name: "Jordan Example"}}, Dotted: []string{}}
	}
	return nodes
}

func BenchmarkJSON1000(b *testing.B) {
	nodes := benchNodes()
	for b.Loop() {
		if err := chart.JSON(io.Discard, nodes); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingJSON1000 is what the same chart costs through encoding/json, for comparison.
func BenchmarkEncodingJSON1000(b *testing.B) {
	nodes := benchNodes()
	for b.Loop() {
		encodingJSON(b, nodes)
	}
}

// TestJSONKnowsEveryField fails when a field is added to what a chart node holds: chart.JSON
// writes each field by hand and must learn the new one, which the tests above, filling only
// the fields it knows, would not notice.
func TestJSONKnowsEveryField(t *testing.T) {
	for typ, want := range map[reflect.Type]string{
		reflect.TypeFor[orgledger.ChartNode](): `ID json:"id"; ParentID json:"parentId"; Title json:"title"; ` +
			`Kind json:"kind,omitempty"; Unit json:"unit"; Holders json:"holders"; Vacant json:"vacant"; Dotted json:"dotted"`,
		reflect.TypeFor[orgledger.Holder](): `ID json:"id"; Name json:"name"; Acting json:"acting"`,
		reflect.TypeFor[orgledger.Ref]():    `ID json:"id"; Name json:"name"`,
	} {
		var fields []string
		for f := range typ.Fields() {
			fields = append(fields, f.Name+" "+string(f.Tag))
		}
		if got := strings.Join(fields, "; "); got != want {
			t.Errorf("%s has the fields\n%s\nchart.JSON writes\n%s", typ, got, want)
		}
	}
}

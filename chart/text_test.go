package chart_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/chart"
)

// TestTextNamesAUnitOnce draws a position whose title names its unit and one whose title does
// not: the unit follows a title only where the title does not name it already.
func TestTextNamesAUnitOnce(t *testing.T) {
	sales := orgledger.Ref{ID: "sales", Name: "Global Sales"}
	nodes := []orgledger.ChartNode{
		{ID: "ceo", Title: "Chief Executive", Unit: orgledger.Ref{ID: "hq", Name: "Head Office"},
			Holders: []orgledger.Holder{{ID: "ada", Name: "Ada"}}},
		{ID: "sales-president", ParentID: ref("ceo"), Title: "President, Global Sales", Unit: sales, Vacant: true},
		{ID: "sales-ops", ParentID: ref("ceo"), Title: "Operations Lead", Unit: sales, Vacant: true},
	}
	var b bytes.Buffer
	if err := chart.Text(&b, nodes); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Chief Executive — Ada [Head Office] (ceo)",
		"├── President, Global Sales — vacant (sales-president)",
		"└── Operations Lead — vacant [Global Sales] (sales-ops)",
	}
	if got := strings.TrimSuffix(b.String(), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("chart:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

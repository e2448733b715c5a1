package web_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/internal/exampletest"
)

// diffChange is a change of /ui/diff as the tests read it.
type diffChange struct {
	Kind, Person, Position, Unit, Name, In string
	Was, Now                               []string
	WasNames                               []string `json:"was_names"`
	Before                                 []string `json:"before_names"`
	After                                  []string `json:"after_names"`
}

// readDiff asks c for the changes between two dates.
func readDiff(t *testing.T, c *client, from, to string) []diffChange {
	t.Helper()
	var d struct{ Changes []diffChange }
	r := c.do("GET", "/ui/diff?from="+from+"&to="+to, "")
	if err := json.Unmarshal([]byte(r.Body), &d); err != nil {
		t.Fatalf("/ui/diff: %d %s", r.Status, r.Body)
	}
	return d.Changes
}

// TestDiffNamesUnitsAndPositions checks that a comparison names the units and positions it
// lists, and what they were and became, by name and title rather than by id.
func TestDiffNamesUnitsAndPositions(t *testing.T) {
	s := mustOpen(t)
	c := s.newClient().login("viewer")
	found := map[string]diffChange{}
	for _, ch := range readDiff(t, c, "2022-04-01", "2022-04-13") {
		found[ch.Kind+" "+ch.Position+ch.Unit] = ch
	}
	// Its title names its unit, Alibaba Cloud: the page does not say it again.
	if ch := found["position-closed cloud-vp"]; ch.Name != "Vice President, Alibaba Cloud" || ch.In != "" {
		t.Errorf("the position closed is named %q in %q", ch.Name, ch.In)
	}
	if ch := found["position-vacated sales-ecosystem-vp"]; ch.Name != "Vice President, Sales and Ecosystem Growth" || strings.Join(ch.Before, ",") != "Guo Jijun" {
		t.Errorf("the position Guo Jijun left: %+v", ch)
	}
	if ch := found["reports-to industry-solutions-gm"]; strings.Join(ch.Before, ",") != "President, Alibaba Cloud China" ||
		strings.Join(ch.After, ",") != "President, Alibaba Cloud Global Sales" {
		t.Errorf("the position that reports elsewhere: %+v", ch)
	}
	if ch := found["unit-created architects"]; ch.Name != "Alibaba Cloud Architects" {
		t.Errorf("the unit created: %+v", ch)
	}
	if ch := found["unit-closed china-architects"]; ch.Name != "Alibaba Cloud China Architects" {
		t.Errorf("the unit closed: %+v", ch)
	}
}

// TestDiffNamesPositionsGoneFromTheChart: a person who left by an HRIS import, which closed
// the position of their own it had made for them, was shown as "was pos-E003". The comparison
// names the position they left by title and unit, as it was on the earlier date. (Found by a
// first-hour review.)
func TestDiffNamesPositionsGoneFromTheChart(t *testing.T) {
	s := mustOpen(t)
	importHRIS(t, s)
	c := s.newClient().login("admin")
	for _, ch := range readDiff(t, c, "2024-01-31", "2024-02-29") {
		if ch.Kind == "left" && ch.Person == "E003" {
			if len(ch.WasNames) != 1 || ch.WasNames[0] != "Engineering Manager" { // in Engineering
				t.Errorf("Mei Lin left; the page names what she was %q (her positions: %q)", ch.WasNames, ch.Was)
			}
			return
		}
	}
	t.Error("the comparison does not list Mei Lin (E003) as left")
}

// TestDiffNamesPositionsWithoutRepeatingTheUnit: a position is named by its title and its
// unit, "Title in Unit", but by its title alone where the title names the unit (as a whole
// word or words, in any case). (Found by a review: "Head of Engineering in Engineering".)
func TestDiffNamesPositionsWithoutRepeatingTheUnit(t *testing.T) {
	s := mustOpen(t)
	for _, tc := range []struct{ unit, title, want string }{
		{"Engineering", "Head of Engineering", "Head of Engineering"},
		{"Engineering", "engineering manager", "engineering manager"},
		{"Platform", "Engineering Manager", "Engineering Manager in Platform"},
		{"Engineering", "Reengineering Lead", "Reengineering Lead in Engineering"},
		{"Data Platform", "Lead, Data Platform Tools", "Lead, Data Platform Tools"},
		{"Data Platform", "Data Platforms Lead", "Data Platforms Lead in Data Platform"},
	} {
		id := strings.NewReplacer(" ", "-", ",", "").Replace(strings.ToLower(tc.unit + "-" + tc.title))
		exampletest.Apply(t, s.Ledger, id+".yaml", `effective: 2022-05-02
changes:
  - create-unit: {id: u-`+id+`, name: "`+tc.unit+`"}
  - create-position: {id: p-`+id+`, title: "`+tc.title+`", unit: u-`+id+`}
  - hire: {id: `+id+`, name: Someone}
  - assign: {person: `+id+`, position: p-`+id+`}
  - leave: {person: `+id+`}
    effective: 2022-05-20
  - close-position: {position: p-`+id+`}
    effective: 2022-05-21
`)
		found := map[string]diffChange{}
		for _, ch := range readDiff(t, s.newClient().login("admin"), "2022-05-10", "2022-05-25") {
			found[ch.Kind+" "+ch.Person+ch.Position] = ch
		}
		if ch := found["left "+id]; strings.Join(ch.WasNames, "; ") != tc.want {
			t.Errorf("the leaver of %q in %q was %q, want %q", tc.title, tc.unit, ch.WasNames, tc.want)
		}
		ch := found["position-closed p-"+id]
		got := ch.Name // as the page names it
		if ch.In != "" {
			got += " in " + ch.In
		}
		if got != tc.want {
			t.Errorf("the position %q in %q closed is named %q in %q, want %q", tc.title, tc.unit, ch.Name, ch.In, tc.want)
		}
	}
}

// importHRIS imports the first two monthly exports of examples/hris: in February, Mei Lin
// (E003) has left, and the position of her own that the first import made (pos-E003) closes.
func importHRIS(t *testing.T, s *server) {
	t.Helper()
	for _, month := range []struct{ file, at string }{{"2024-01.csv", "2024-01-31"}, {"2024-02.csv", "2024-02-29"}} {
		data, err := os.ReadFile("../examples/hris/" + month.file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := hris.Read(month.file, data, hris.Options{})
		if err != nil {
			t.Fatal(err)
		}
		at, _ := orgledger.ParseDate(month.at)
		if _, err := hris.Import(context.Background(), s.Ledger, f, at, hris.ImportOptions{Actor: "hr", AllowMassLeaving: true}); err != nil {
			t.Fatalf("import %s: %v", month.file, err)
		}
	}
}

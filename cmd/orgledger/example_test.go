package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

type personJSON struct {
	ID        string `json:"id"`
	Active    bool   `json:"active"`
	Positions []struct {
		ID string `json:"id"`
	} `json:"positions"`
	Managers []struct {
		ID string `json:"id"`
	} `json:"managers"`
}

func (p personJSON) managerIDs() []string {
	var out []string
	for _, m := range p.Managers {
		out = append(out, m.ID)
	}
	return out
}

type positionJSON struct {
	Holders []struct {
		ID string `json:"id"`
	} `json:"holders"`
	Vacant bool `json:"vacant"`
}

// TestExampleBefore checks the org on 2022-04-01.
func TestExampleBefore(t *testing.T) {
	p := withExample(t)
	var ren, huo, guo personJSON
	p.json(&ren, "show", "ren-geng", "--at", "2022-04-01")
	p.json(&huo, "show", "huo-jia", "--at", "2022-04-01")
	p.json(&guo, "show", "guo-jijun", "--at", "2022-04-01")
	if !slices.Equal(ren.managerIDs(), []string{"cai-yinghua"}) {
		t.Errorf("Ren Geng's managers on 2022-04-01: %v", ren.managerIDs())
	}
	if !slices.Equal(huo.managerIDs(), []string{"ren-geng"}) {
		t.Errorf("Huo Jia's managers on 2022-04-01: %v", huo.managerIDs())
	}
	if !guo.Active {
		t.Errorf("Guo Jijun is not active on 2022-04-01")
	}
}

// TestExampleAfter checks the org on 2022-04-13.
func TestExampleAfter(t *testing.T) {
	p := withExample(t)
	var president positionJSON
	p.json(&president, "show", "cloud-china-president", "--at", "2022-04-13")
	if len(president.Holders) != 1 || president.Holders[0].ID != "huang-haiqing" {
		t.Errorf("cloud-china-president on 2022-04-13 held by %+v", president.Holders)
	}
	var huang, huo, ren, guo personJSON
	p.json(&huang, "show", "huang-haiqing", "--at", "2022-04-13")
	p.json(&huo, "show", "huo-jia", "--at", "2022-04-13")
	p.json(&ren, "show", "ren-geng", "--at", "2022-04-13")
	p.json(&guo, "show", "guo-jijun", "--at", "2022-04-13")
	if !slices.Equal(huang.managerIDs(), []string{"cai-yinghua"}) || !slices.Equal(huo.managerIDs(), []string{"cai-yinghua"}) {
		t.Errorf("managers on 2022-04-13: Huang %v, Huo %v", huang.managerIDs(), huo.managerIDs())
	}
	if ren.Active || guo.Active {
		t.Errorf("Ren Geng active %v, Guo Jijun active %v on 2022-04-13", ren.Active, guo.Active)
	}
	if out := p.ok("show", "huang-haiqing", "--at", "2022-04-13"); !strings.Contains(out, "  previously: Dell, IBM, Oracle;") {
		t.Errorf("show in text leaves out the attributes the README shows:\n%s", out)
	}
	var architects struct {
		Head *struct {
			ID string `json:"id"`
		} `json:"head"`
	}
	p.json(&architects, "show", "architects", "--at", "2022-04-13")
	if architects.Head == nil || architects.Head.ID != "industry-solutions-gm" {
		t.Errorf("architects head on 2022-04-13: %+v", architects.Head)
	}
	var vp positionJSON
	p.json(&vp, "show", "sales-ecosystem-vp", "--at", "2022-04-13")
	if !vp.Vacant {
		t.Errorf("sales-ecosystem-vp is not vacant on 2022-04-13: %+v", vp.Holders)
	}
}

// TestExampleDiff checks that the diff names the reshuffle's changes and no others.
func TestExampleDiff(t *testing.T) {
	p := withExample(t)
	var d struct {
		From, To string
		Changes  []struct {
			Kind, Person, Position, Unit string
			Before, After                []string
		}
	}
	p.json(&d, "diff", "--from", "2022-04-01", "--to", "2022-04-13")
	var got []string
	for _, c := range d.Changes {
		got = append(got, c.Kind+" "+c.Person+c.Position+c.Unit+" "+strings.Join(c.Before, ",")+" → "+strings.Join(c.After, ","))
	}
	want := []string{
		"left guo-jijun  → ",
		"position huang-haiqing cloud-vp → cloud-china-president",
		"title huang-haiqing Vice President, Alibaba Cloud → President, Alibaba Cloud China",
		"unit huang-haiqing alibaba-cloud → cloud-china",
		"manager huang-haiqing  → cai-yinghua",
		"manager huo-jia ren-geng → cai-yinghua",
		"left ren-geng  → ",
		"unit-created architects  → ",
		"unit-closed china-architects  → ",
		"unit-closed solution-architects  → ",
		"position-closed cloud-vp  → ",
		"reports-to industry-solutions-gm cloud-china-president → global-sales-president",
		"position-vacated sales-ecosystem-vp guo-jijun → ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A change has before and after both, [] for an empty side, or neither: a script reading
	// huang-haiqing's "before" managers finds [], and a leaving has no sides.
	raw := p.ok("diff", "--from", "2022-04-01", "--to", "2022-04-13", "--format", "json")
	var sides struct{ Changes []map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(raw), &sides); err != nil {
		t.Fatal(err)
	}
	for _, c := range sides.Changes {
		_, before := c["before"]
		_, after := c["after"]
		if before != after {
			t.Errorf("a change with one side: %s", c["kind"])
		}
	}
	if !strings.Contains(raw, "\"kind\": \"manager\",\n      \"person\": \"huang-haiqing\",\n      \"before\": [],") {
		t.Errorf("huang-haiqing's manager change has no empty before:\n%s", raw)
	}
	// Dates the wrong way round give the change going back, and a note says so.
	code, out, errOut := p.run("", "diff", "--from", "2022-04-13", "--to", "2022-04-01")
	if code != 0 || !strings.Contains(out, "joined") || !strings.Contains(errOut, "--from 2022-04-13 is after --to 2022-04-01") {
		t.Errorf("diff going back: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestExampleKnownAt checks that, as known on 2022-04-12, Ren Geng still holds the presidency
// on 2022-04-13: the reshuffle was recorded on the 13th.
func TestExampleKnownAt(t *testing.T) {
	p := withExample(t)
	var president positionJSON
	p.json(&president, "show", "cloud-china-president", "--at", "2022-04-13", "--known-at", "2022-04-12")
	if len(president.Holders) != 1 || president.Holders[0].ID != "ren-geng" {
		t.Errorf("known at 2022-04-12, cloud-china-president on 2022-04-13 is held by %+v", president.Holders)
	}
	chart := p.ok("chart", "--at", "2022-04-13", "--known-at", "2022-04-12")
	if !strings.Contains(chart, "President, Alibaba Cloud China — Ren Geng") {
		t.Errorf("chart known at 2022-04-12:\n%s", chart)
	}
	// The history and the log as known on the 12th end before the reshuffle.
	if h := p.ok("history", "huang-haiqing", "--known-at", "2022-04-12"); strings.Contains(h, "cloud-china-president") || !strings.Contains(h, "cloud-vp") {
		t.Errorf("history known at 2022-04-12:\n%s", h)
	}
	if then, now := p.ok("log", "--known-at", "2022-04-12"), p.ok("log"); strings.Contains(then, "ren-geng leaves") || !strings.Contains(now, "ren-geng leaves") {
		t.Errorf("the log known at 2022-04-12:\n%s", then)
	}
	if code, _, errOut := p.run("", "history", "huang-haiqing", "--known-at", "yesterday"); code != 2 || !strings.Contains(errOut, "--known-at") {
		t.Errorf("a bad --known-at: exit %d, %s", code, errOut)
	}
}

// TestExampleHistory checks that Huang Haiqing's history shows both his positions, with dates
// and sources.
func TestExampleHistory(t *testing.T) {
	p := withExample(t)
	var h struct {
		ID     string
		Events []struct {
			Verb, Effective, Recorded, Source, Summary string
		}
	}
	p.json(&h, "history", "huang-haiqing")
	var assigned []string
	for _, e := range h.Events {
		if e.Source == "" || e.Effective == "" || e.Recorded == "" {
			t.Errorf("event without date or source: %+v", e)
		}
		if e.Verb == "assign" {
			assigned = append(assigned, e.Effective+" "+e.Summary)
		}
	}
	want := []string{
		"2022-03-01 huang-haiqing takes position cloud-vp",
		"2022-04-12 huang-haiqing takes position cloud-china-president",
	}
	if !slices.Equal(assigned, want) {
		t.Errorf("Huang Haiqing's assignments: %v", assigned)
	}
	text := p.ok("history", "huang-haiqing")
	if !strings.Contains(text, "source: Pandaily, 2022-04-13") || !strings.Contains(text, "recorded 2022-04-13T09:00:00Z") {
		t.Errorf("history text lacks the source or recorded time:\n%s", text)
	}
}

// TestExampleChartCSV checks the chart's csv: the export's rows of the people in the tree.
func TestExampleChartCSV(t *testing.T) {
	p := withExample(t)
	out := p.ok("chart", "--at", "2022-04-13", "--root", "global-sales-president", "--format", "csv")
	want := `employee_id,name,title,manager_id,department,location
cai-yinghua,Cai Yinghua,"President, Alibaba Cloud Global Sales",,Alibaba Cloud Global Sales,
huo-jia,Huo Jia,"General Manager, Intelligent General Industry Solutions",cai-yinghua,Intelligent General Industry Solutions,
huang-haiqing,Huang Haiqing,"President, Alibaba Cloud China",cai-yinghua,Alibaba Cloud China,
`
	if out != want {
		t.Errorf("chart csv:\n%s\nwant:\n%s", out, want)
	}
}

// TestShowTextTellsKinds: show's text tells what its JSON does of kinds and heads: a unit's
// kind, a position's kind, and the units a position heads. (Found by a consistency review:
// the text left them out.)
func TestShowTextTellsKinds(t *testing.T) {
	p := withExample(t)
	if code, _, errOut := p.run("effective: 2022-05-01\nchanges:\n  - create-position: {id: ceo-assistant, title: Assistant, unit: global-sales, reports-to: global-sales-president, kind: assistant}\n", "apply", "-"); code != 0 {
		t.Fatal(errOut)
	}
	for id, want := range map[string]string{
		"sales-ecosystem":        "Sales and Ecosystem Growth (sales-ecosystem), unit (division), open\n",
		"global-sales-president": "\n  heads: Alibaba Cloud Global Sales (global-sales)\n",
		"ceo-assistant":          "Assistant (ceo-assistant), position (assistant), open\n",
	} {
		if out := p.ok("show", id, "--at", "2022-05-01"); !strings.Contains(out, want) {
			t.Errorf("show %s:\n%s\nwant it to hold %q", id, out, want)
		}
	}
}

package plans

import (
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// MaxSpan is the span of control above which check warns.
const MaxSpan = 12

// shape is what the warnings compare of an org on one date.
type shape struct {
	nodes    map[string]orgledger.ChartNode
	children map[string]int
	depth    int
	managers map[string]string // person to their manager's id, for every active person
	heads    map[string]string // unit to its head position, "" when it has none
}

func shapeOf(pv *ledger.Preview, day orgledger.Date) shape {
	q := ledger.Query{At: day}
	nodes, _ := pv.Chart(q, ledger.ChartOptions{Depth: -1})
	s := shape{nodes: map[string]orgledger.ChartNode{}, children: map[string]int{}, managers: map[string]string{}, heads: map[string]string{}}
	level := map[string]int{}
	for _, n := range nodes { // depth-first: a parent comes before its children
		s.nodes[n.ID] = n
		level[n.ID] = 1
		if n.ParentID != nil {
			s.children[*n.ParentID]++
			level[n.ID] = level[*n.ParentID] + 1
		}
		s.depth = max(s.depth, level[n.ID])
	}
	for _, e := range pv.Employees(q) {
		s.managers[e.ID] = e.ManagerID
	}
	for _, u := range pv.Units(q) {
		s.heads[u.ID] = ""
		if u.Head != nil {
			s.heads[u.ID] = u.Head.ID
		}
	}
	return s
}

// warnings compares the org on day without the plan and with it.
func warnings(pv *ledger.Preview, day orgledger.Date) []Warning {
	before, after := shapeOf(pv.Without(), day), shapeOf(pv, day)
	out := []Warning{}
	out = append(out, vacancies(before, after)...)
	out = append(out, orphans(before, after)...)
	out = append(out, spans(before, after)...)
	if after.depth > before.depth {
		out = append(out, Warning{Kind: "layers", Before: before.depth, After: after.depth,
			Message: fmt.Sprintf("the chart gets deeper: %d layers, from %d", after.depth, before.depth)})
	}
	return append(out, headless(before, after)...)
}

func vacancies(before, after shape) []Warning {
	var out []Warning
	for _, id := range sortedKeys(after.nodes) {
		if n := after.nodes[id]; n.Vacant {
			if b, ok := before.nodes[id]; ok && !b.Vacant { // a new opening is meant to be vacant
				out = append(out, Warning{Kind: "vacancy", Position: id, Message: fmt.Sprintf("position %s (%s) is vacant", id, n.Title)})
			}
		}
	}
	return out
}

func orphans(before, after shape) []Warning {
	var out []Warning
	for _, id := range sortedKeys(after.managers) {
		if after.managers[id] == "" {
			if m, ok := before.managers[id]; ok && m != "" {
				out = append(out, Warning{Kind: "no-manager", Person: id, Message: fmt.Sprintf("%s has no manager (was %s)", id, m)})
			}
		}
	}
	return out
}

func spans(before, after shape) []Warning {
	var out []Warning
	for _, id := range sortedKeys(after.children) {
		if n := after.children[id]; n > MaxSpan && n > before.children[id] {
			out = append(out, Warning{Kind: "span", Position: id, Before: before.children[id], After: n,
				Message: fmt.Sprintf("position %s has %d direct reports (was %d), more than %d", id, n, before.children[id], MaxSpan)})
		}
	}
	return out
}

func headless(before, after shape) []Warning {
	var out []Warning
	for _, id := range sortedKeys(after.heads) {
		if after.heads[id] == "" && before.heads[id] != "" {
			out = append(out, Warning{Kind: "no-head", Unit: id, Message: fmt.Sprintf("unit %s has no head (was %s)", id, before.heads[id])})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

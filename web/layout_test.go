package web

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// chartOf makes a chart of positions from "id:parent" pairs, in depth-first order; a kind
// follows a second colon ("a:ceo:assistant").
func chartOf(pairs ...string) []orgledger.ChartNode {
	out := make([]orgledger.ChartNode, len(pairs))
	for i, p := range pairs {
		parts := append(strings.Split(p, ":"), "", "")
		out[i] = orgledger.ChartNode{ID: parts[0], Title: "T " + parts[0], Kind: parts[2], Unit: orgledger.Ref{ID: "u", Name: "U"}}
		if parent := parts[1]; parent != "" {
			out[i].ParentID = &parent
		}
	}
	return out
}

// TestTree checks parents, levels and children read from a chart in depth-first order, with
// a parent outside the chart drawn as a root.
func TestTree(t *testing.T) {
	tr := newTree(chartOf("ceo:", "a:ceo", "a1:a", "a2:a", "b:ceo", "b1:b", "x:", "orphan:gone"))
	wantParent := []int32{-1, 0, 1, 1, 0, 4, -1, -1}
	wantLevel := []int32{0, 1, 2, 2, 1, 2, 0, 0}
	for i := range wantParent {
		if tr.parent[i] != wantParent[i] || tr.level[i] != wantLevel[i] {
			t.Errorf("node %d: parent %d level %d, want %d %d", i, tr.parent[i], tr.level[i], wantParent[i], wantLevel[i])
		}
	}
	if got := fmt.Sprint(tr.children(0), tr.children(1), tr.roots); got != "[1 4] [2 3] [0 6 7]" {
		t.Errorf("children and roots: %s", got)
	}
}

// TestPlace checks which boxes a view shows, and the kinds of their connectors.
func TestPlace(t *testing.T) {
	pairs := []string{"ceo:", "asst:ceo:assistant", "a:ceo", "b:ceo"}
	for i := range 9 {
		pairs = append(pairs, fmt.Sprintf("b%d:b", i)) // more than StackAfter leaves: a stack
	}
	tr := newTree(chartOf(pairs...))
	all, err := tr.place(viewParams{depth: -1, given: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Shown != len(pairs) || all.Edge[1] != edgeAssistant || all.Edge[2] != edgeReport || all.Edge[4] != edgeStacked {
		t.Errorf("every level: shown %d, edges %v", all.Shown, all.Edge)
	}
	top, _ := tr.place(viewParams{depth: 1, given: true})
	if top.Shown != 4 || top.X[4] != -1 || top.Y[4] != -1 {
		t.Errorf("one level below the root: shown %d, b0 at %d,%d", top.Shown, top.X[4], top.Y[4])
	}
	flipped, _ := tr.place(viewParams{depth: 1, given: true, toggle: []string{"b", "unknown"}})
	if flipped.Shown != len(pairs) {
		t.Errorf("b opened: shown %d", flipped.Shown)
	}
	closed, _ := tr.place(viewParams{depth: -1, given: true, toggle: []string{"ceo"}})
	if closed.Shown != 1 {
		t.Errorf("the root closed: shown %d", closed.Shown)
	}
}

// TestDefaultDepth checks that a small chart opens whole, and a large one the levels that
// hold at most defaultShown positions.
func TestDefaultDepth(t *testing.T) {
	if d := newTree(chartOf("ceo:", "a:ceo")).defaultDepth(); d != -1 {
		t.Errorf("a small chart opens %d levels", d)
	}
	pairs := []string{"ceo:"}
	for i := range 40 {
		pairs = append(pairs, fmt.Sprintf("m%d:ceo", i))
		for j := range 50 {
			pairs = append(pairs, fmt.Sprintf("m%d-%d:m%d", i, j, i))
		}
	}
	if d := newTree(chartOf(pairs...)).defaultDepth(); d != 1 {
		t.Errorf("2,041 positions in three levels open %d levels, want 1", d)
	}
}

// TestAppendString checks that the hand-written JSON of a string is encoding/json's.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `quo"te`, `back\slash`, "tab\there", "<b>&amp;", "黄海清", "José", "\u2028", "bad \xff utf-8"} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}

// TestSessionLimit checks that sessions past the limit push out the oldest.
func TestSessionLimit(t *testing.T) {
	cfg := Config{MaxSessions: 3}.withDefaults()
	s := newSessions(cfg)
	var ids []string
	for i := range 5 {
		id, _ := s.create(&orgledger.Token{Name: fmt.Sprint("t", i), Role: orgledger.RoleViewer})
		ids = append(ids, id)
	}
	if s.count() != 3 {
		t.Errorf("%d sessions kept", s.count())
	}
	if _, _, ok := s.get(ids[4]); !ok {
		t.Error("the newest session is gone")
	}
}

// TestSessionLimitPerToken checks that logging in again and again with one token pushes out
// only that token's own sessions, never another's.
func TestSessionLimitPerToken(t *testing.T) {
	cfg := Config{MaxSessions: 10, MaxTokenSessions: 4}.withDefaults()
	s := newSessions(cfg)
	admin, _ := s.create(&orgledger.Token{Name: "admin", Role: orgledger.RoleAdmin})
	var viewer []string
	for range 50 {
		id, _ := s.create(&orgledger.Token{Name: "viewer", Role: orgledger.RoleViewer})
		viewer = append(viewer, id)
	}
	if _, _, ok := s.get(admin); !ok {
		t.Error("another token's logins pushed the admin's session out")
	}
	if s.count() != 5 {
		t.Errorf("%d sessions kept, want the admin's and the viewer's last 4", s.count())
	}
	for _, id := range viewer[len(viewer)-4:] {
		if _, _, ok := s.get(id); !ok {
			t.Error("one of the viewer's newest sessions is gone")
		}
	}
}

// TestChartCache checks that the cache builds a chart once, keeps the most recent within its
// count and its budget, and forgets a chart that failed.
func TestChartCache(t *testing.T) {
	c := newChartCache(2, 1000)
	built := 0
	build := func(n int) func() (*chartData, error) {
		return func() (*chartData, error) {
			built++
			return &chartData{tree: &tree{ids: make([]string, n)}}, nil
		}
	}
	key := func(at int) chartKey { return chartKey{at: orgledger.Date(at)} }
	c.get(key(1), build(1))
	c.get(key(1), build(1))
	c.get(key(2), build(1))
	c.get(key(3), build(1)) // pushes out 1
	c.get(key(1), build(1))
	if built != 4 {
		t.Errorf("built %d charts, want 4", built)
	}
	c.get(key(4), build(30)) // 1,200 bytes: over the budget alone, kept alone
	if len(c.entries) != 1 || c.entries[0].key != key(4) {
		t.Errorf("after a large chart the cache keeps %d", len(c.entries))
	}
	if _, err := c.get(key(5), func() (*chartData, error) { return nil, fmt.Errorf("no") }); err == nil || len(c.entries) != 1 {
		t.Errorf("a failed build: %v, %d kept", err, len(c.entries))
	}
}

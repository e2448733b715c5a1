package ledger_test

import (
	"regexp"
	"sort"
	"testing"
)

func TestZZStats(t *testing.T) {
	reasons := map[string]int{}
	verbs := map[string]int{}
	re := regexp.MustCompile(`[pux]\d+|\d+|ghost`)
	backdated, maxPeople, open, commits, withMgr := 0, 0, 0, 0, 0
	for seed := range uint64(100) {
		h := newHarness()
		g := newGenerator(seed, h.m)
		for range historyLen {
			cs := g.changeset(maxChanges)
			why := h.m.try(cs).why
			if why != "" {
				reasons[re.ReplaceAllString(why, "N")]++
			}
			head := h.m.head()
			h.step(cs)
			for _, e := range h.m.events[head:] {
				verbs[string(e.op.Verb())]++
				for _, o := range h.m.events[:head] {
					if o.day > e.day {
						backdated++
						break
					}
				}
			}
		}
		commits += len(h.m.commits)
		o := h.m.orgAt(day0.AddDays(nDays), h.m.head())
		maxPeople = max(maxPeople, len(o.people))
		sn := newSnapshot(o)
		for _, ms := range sn.managers {
			if len(ms) > 0 {
				withMgr++
			}
		}
		for _, p := range o.positions {
			if p.open {
				open++
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range reasons {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for _, x := range l[:min(len(l), 40)] {
		t.Logf("%5d %s", x.v, x.k)
	}
	t.Logf("accepted commits %d, people with managers at end %d", commits, withMgr)
	t.Logf("verbs %v backdated %d maxPeople %d open positions avg %d", verbs, backdated, maxPeople, open/100)
}

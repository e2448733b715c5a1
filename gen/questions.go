package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/orgledger/orgledger"
)

// The questions benchmarks ask of a generated org, picked from its chart on a day.

// SubtreeNear returns the position of the chart whose subtree (itself and every position
// under it) is nearest to size positions, and that size. Ties go to the smaller id.
func SubtreeNear(nodes []orgledger.ChartNode, size int) (string, int) {
	below := make(map[string]int, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- { // children come after their parent
		n := nodes[i]
		below[n.ID]++
		if n.ParentID != nil {
			below[*n.ParentID] += below[n.ID]
		}
	}
	best, got := "", 0
	for id, n := range below {
		if best == "" || abs(n-size) < abs(got-size) || abs(n-size) == abs(got-size) && id < best {
			best, got = id, n
		}
	}
	return best, got
}

func abs(x int) int { return max(x, -x) }

// Changes returns a changeset of n valid changes (n a multiple of 5) effective on the chart's
// day, or a later one: hires into new positions under random positions of the chart, each
// then moved under another random position, and retitles of random positions, each to a title
// of its own. New ids start with prefix, which must be new to the ledger.
func Changes(r *rand.Rand, nodes []orgledger.ChartNode, day orgledger.Date, prefix string, n int) *orgledger.Changeset {
	cs := &orgledger.Changeset{Effective: day, Source: "benchmark", Note: "benchmark changes " + prefix}
	add := func(op orgledger.Op) { cs.Changes = append(cs.Changes, orgledger.Change{Op: op}) }
	pick := func() orgledger.ChartNode { return nodes[r.IntN(len(nodes))] }
	for k := range n / 5 {
		at, id := pick(), fmt.Sprintf("%s-%d", prefix, k)
		add(&orgledger.Hire{ID: id, Name: personName(r.IntN(len(firstNames) * len(lastNames)))})
		add(&orgledger.CreatePosition{ID: "pos-" + id, Title: "Analyst", Unit: at.Unit.ID, ReportsTo: at.ID})
		add(&orgledger.Assign{Person: id, Position: "pos-" + id})
		to := pick()
		for len(nodes) > 1 && to.ID == at.ID { // a line to where it goes already changes nothing, and is refused
			to = pick()
		}
		add(&orgledger.Report{Position: "pos-" + id, To: to.ID})
		// A title of its own (the changeset's prefix is new to the ledger): a position retitled
		// twice, here or in another changeset, is never given the title it has.
		add(&orgledger.Retitle{Position: pick().ID, Title: fmt.Sprintf("Senior Analyst %s.%d", prefix, k)})
	}
	return cs
}

package plans

import (
	"fmt"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// deeper warns of the branches the plan puts further from the top, by the position heading
// each (a layer added above it, or it moved down), the branches with the most positions first
// and at most maxNamed of them named: the chart as a whole need not get deeper for a layer to
// be added above someone. (Found by QA: a layer added in a branch shallower than the deepest
// was not told.)
func deeper(pv *ledger.Preview, q ledger.Query, before, after ledger.Shape) []Warning {
	var out []Warning
	all := after.DeeperThan(before)
	for _, d := range all[:min(len(all), maxNamed)] {
		name := namer{}
		if v, err := pv.Show(d.Position, q); err == nil {
			name[d.Position] = v.(*orgledger.PositionInfo).Title
		}
		what := fmt.Sprintf("position %s is %s deeper", name.one(d.Position), layers(d.After-d.Before))
		if d.Under > 0 {
			what = fmt.Sprintf("position %s and %s under it are %s deeper", name.one(d.Position), somePositions(d.Under), layers(d.After-d.Before))
		}
		out = append(out, Warning{Kind: "deeper", Position: d.Position, Before: d.Before, After: d.After,
			Message: fmt.Sprintf("%s: at level %d, from %d (a position that reports to no one is at level 1)", what, d.After, d.Before)})
	}
	if rest := all[min(len(all), maxNamed):]; len(rest) > 0 {
		n := 0
		for _, d := range rest {
			n += 1 + d.Under
		}
		out = append(out, Warning{Kind: "deeper", After: n,
			Message: fmt.Sprintf("%s more, in %s, are deeper too", positions(n), otherBranches(len(rest)))})
	}
	return out
}

// otherBranches says n other branches.
func otherBranches(n int) string {
	if n == 1 {
		return "one other branch"
	}
	return fmt.Sprintf("%d other branches", n)
}

// layers says n layers.
func layers(n int) string {
	if n == 1 {
		return "a layer"
	}
	return fmt.Sprintf("%d layers", n)
}

// somePositions says n positions, of those under one.
func somePositions(n int) string {
	if n == 1 {
		return "one position"
	}
	return positions(n)
}

// positions says n positions.
func positions(n int) string {
	if n == 1 {
		return "1 position"
	}
	return fmt.Sprintf("%d positions", n)
}

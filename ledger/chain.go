package ledger

import (
	"slices"
	"strings"

	"github.com/orgledger/orgledger"
)

// Chain returns the chain of command above a person or a position on the query's date: the
// position itself (for a person, the first they hold, by id), then each position up the solid
// line to the top, each with its holders, as chart nodes. A person who holds no position has
// an empty chain. An id that is not an active person or open position then is ENOTFOUND.
func (l *Ledger) Chain(id string, q Query) ([]orgledger.ChartNode, error) {
	var out []orgledger.ChartNode
	err := l.read(q, func(v view) error {
		p, err := chainStart(v, id, q)
		if err != nil || p == none {
			out = []orgledger.ChartNode{}
			return err
		}
		out = chainFrom(v, p)
		return nil
	})
	return out, err
}

// chainStart returns the position a chain starts from, none for a person without one.
func chainStart(v view, id string, q Query) (int32, error) {
	r, ok := v.rootRef(id)
	switch {
	case ok && r.kind == kindPosition:
		return r.idx, nil
	case ok && r.kind == kindPerson:
		held := v.positionsOf(r.idx)
		if len(held) == 0 {
			return none, nil
		}
		return slices.MinFunc(held, func(a, b holding) int {
			return strings.Compare(v.s.position(a.position).id, v.s.position(b.position).id)
		}).position, nil
	}
	startsChain := func(id string) bool { r, ok := v.rootRef(id); return ok && r.kind != kindUnit }
	return none, orgledger.Errorf(orgledger.ENOTFOUND, "%s is not an active person or open position on %s%s%s",
		orgledger.ShownID(id), orgledger.Date(v.at.day), knownSuffix(q), didYouMean(id, startsChain))
}

// chainFrom returns p and the positions above it; each node's parent is the next node.
func chainFrom(v view, p int32) []orgledger.ChartNode {
	t := subtree{v: v}
	for q := p; q != none && len(t.items) <= 1<<16; q = v.reportsTo(q) {
		t.items = append(t.items, t.item(q, int32(len(t.items))+1))
	}
	t.items[len(t.items)-1].parent = -1
	return t.nodes()
}

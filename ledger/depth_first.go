package ledger

// depthFirst walks the trees under roots depth first, each node once, a node's children in the
// order children gives them, down to depth levels below the roots (every level when depth is
// negative); the roots are at the given level. visit is given each node and the number it gave
// the node's parent (-1 at a root), and returns the node's own. A walk that would push more
// than limit children in all stops and returns false (no limit when limit is negative).
func depthFirst[N any](roots []N, level, depth, limit int, id func(N) int32,
	visit func(n N, parent int32) int32, children func(n N, out []N) []N) bool {
	type frame struct {
		n      N
		parent int32
		level  int
	}
	var seen map[int32]bool
	if len(roots) > 1 { // one root's tree holds each node once; several may overlap
		seen = make(map[int32]bool)
	}
	stack := make([]frame, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, frame{roots[i], -1, level})
	}
	var kids []N
	pushed := 0
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen != nil {
			if seen[id(f.n)] {
				continue
			}
			seen[id(f.n)] = true
		}
		at := visit(f.n, f.parent)
		if depth >= 0 && f.level >= depth {
			continue
		}
		kids = children(f.n, kids[:0])
		if pushed += len(kids); limit >= 0 && pushed > limit {
			return false
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, frame{kids[i], at, f.level + 1})
		}
	}
	return true
}

package layout

import (
	"fmt"
	"math"
)

// Error is why a tree or its options cannot be laid out. It reports a mistake of the caller
// that built the Tree, never a fault of the data a user typed, so callers usually treat it as
// an internal error.
type Error struct {
	Node   int    // the index of the node at fault, or -1 when the fault is in the Options
	Reason string // what is wrong, in words
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Node < 0 {
		return "layout: " + e.Reason
	}
	return fmt.Sprintf("layout: node %d: %s", e.Node, e.Reason)
}

// Parent markers used while validating; a parent index is never negative.
const (
	isRoot   = -1
	noParent = -2
)

// validate checks that t is a forest of well-sized boxes and returns each node's parent (-1
// for a root).
func validate(t Tree) ([]int32, error) {
	for i, n := range t.Nodes {
		if !size(n.Width) || !size(n.Height) {
			return nil, &Error{Node: i, Reason: fmt.Sprintf("size %v×%v is not finite and non-negative", n.Width, n.Height)}
		}
	}
	parent, err := parents(t)
	if err != nil {
		return nil, err
	}
	return parent, reachable(t, parent)
}

func size(v float64) bool {
	return v >= 0 && !math.IsInf(v, 1) // NaN fails the comparison
}

// parents records each node's one parent, refusing indexes out of range and nodes that are
// listed twice, whether as two roots, a root and a child, or the child of two nodes.
func parents(t Tree) ([]int32, error) {
	n := len(t.Nodes)
	if n > math.MaxInt32 {
		return nil, &Error{Node: -1, Reason: fmt.Sprintf("%d nodes are too many", n)}
	}
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = noParent
	}
	if err := markRoots(parent, t.Roots); err != nil {
		return nil, err
	}
	for p, node := range t.Nodes {
		for _, c := range node.Children {
			if c < 0 || c >= n {
				return nil, &Error{Node: p, Reason: fmt.Sprintf("child index %d out of range [0,%d)", c, n)}
			}
			switch parent[c] {
			case noParent:
				parent[c] = int32(p)
			case isRoot:
				return nil, &Error{Node: c, Reason: fmt.Sprintf("is a root and a child of node %d", p)}
			default:
				return nil, &Error{Node: c, Reason: fmt.Sprintf("has two parents, nodes %d and %d", parent[c], p)}
			}
		}
	}
	return parent, nil
}

func markRoots(parent []int32, roots []int) error {
	for _, r := range roots {
		if r < 0 || r >= len(parent) {
			return &Error{Node: r, Reason: fmt.Sprintf("root index out of range [0,%d)", len(parent))}
		}
		if parent[r] != noParent {
			return &Error{Node: r, Reason: "listed twice in Roots"}
		}
		parent[r] = isRoot
	}
	return nil
}

// reachable checks that every node hangs from a root. Once parents are unique, the only ways
// to fail are a node that is neither a root nor a child, and a cycle; the error names which.
func reachable(t Tree, parent []int32) error {
	seen := make([]bool, len(t.Nodes))
	queue := make([]int, 0, len(t.Nodes))
	queue = append(queue, t.Roots...)
	for head := 0; head < len(queue); head++ {
		seen[queue[head]] = true
		queue = append(queue, t.Nodes[queue[head]].Children...)
	}
	if len(queue) == len(t.Nodes) {
		return nil
	}
	for i, ok := range seen {
		if !ok {
			return unreachable(i, parent)
		}
	}
	return nil // not reached: fewer nodes seen than there are means one was not seen
}

// unreachable explains why node i cannot be reached from a root by climbing its ancestors.
// Climbing len(parent) steps without finding a node that has no parent means the climb has
// gone round a cycle, and the node it stands on is on that cycle; the error names the
// cycle's lowest index, so that it does not depend on where the climb started.
func unreachable(i int, parent []int32) error {
	for range parent {
		if parent[i] == noParent {
			return &Error{Node: i, Reason: "is neither a root nor a child of any node"}
		}
		i = int(parent[i])
	}
	lowest := i
	for j := int(parent[i]); j != i; j = int(parent[j]) {
		lowest = min(lowest, j)
	}
	return &Error{Node: lowest, Reason: "is its own ancestor (the children lists form a cycle)"}
}

package ledger

import "fmt"

// layoutProblem checks a located image: every position reached from the roots down the solid
// lines of the last versions numbers before its subtree, which numbers in one run (depth
// first), and people are numbered in the order their first holding appears going through the
// positions in number order.
func (d *imageData) layoutProblem() string {
	n := len(d.posID)
	parent := make([]int32, n)
	for p := range n {
		parent[p] = none
		if lo, hi := d.posVerAt[p], d.posVerAt[p+1]; hi > lo {
			parent[p] = d.posVer[hi-1].parent
		}
	}
	size := make([]int32, n)
	for p := n - 1; p >= 0; p-- {
		size[p]++
		if q := parent[p]; q != none && q < int32(p) {
			size[q] += size[p]
		}
	}
	for p := range n {
		q := parent[p]
		if q == none || q > int32(p) {
			continue // a root, or a position on a loop of lines, numbered after the walk
		}
		if int32(p)+size[p] > q+size[q] {
			return fmt.Sprintf("position %d (subtree of %d) runs past the subtree of its parent %d (%d)", p, size[p], q, size[q])
		}
	}
	next := int32(0)
	seen := make([]bool, len(d.personID))
	for p := range n {
		for _, v := range d.posVer[d.posVerAt[p]:d.posVerAt[p+1]] {
			for _, h := range d.holds[v.holds[0]:v.holds[1]] {
				if seen[h.to] {
					continue
				}
				if h.to != next {
					return fmt.Sprintf("person %d first held at position %d, numbered after %d people", h.to, p, next)
				}
				seen[h.to] = true
				next++
			}
		}
	}
	return ""
}

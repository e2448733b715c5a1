package ledger

// bucket groups items by key, a number below n, keeping their order within a group: the items
// of key k are out[at[k]:at[k+1]]. It is a counting sort, linear in items and n.
func bucket[T any](n int, items []T, key func(T) int) (at []uint32, out []T) {
	at = make([]uint32, n+1)
	for _, it := range items {
		at[key(it)+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	out = make([]T, len(items))
	next := append([]uint32(nil), at[:n]...)
	for _, it := range items {
		k := key(it)
		out[next[k]] = it
		next[k]++
	}
	return at, out
}

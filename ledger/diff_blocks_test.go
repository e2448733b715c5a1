package ledger

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestDiffBlocks: records with from none to a dozen changes each (more than a block keeps room
// for) and a few with more than a block holds, over both cores, come out of diffRecords and
// sortedChanges each record's together, in id order, whether the records' numbers rise with
// their ids or fall.
func TestDiffBlocks(t *testing.T) {
	const n = 20_000
	count := func(i int32) int {
		if i%997 == 0 {
			return 5000 // more than a block
		}
		return int(i*7) % 13
	}
	diff := func(_ int, i int32, out []orgledger.DiffChange) []orgledger.DiffChange {
		for j := range count(i) {
			out = append(out, orgledger.DiffChange{Person: fmt.Sprint(i), Unit: strconv.Itoa(j)})
		}
		return out
	}
	for _, rising := range []bool{true, false} {
		id := func(i int32) string {
			if !rising {
				i = n - i
			}
			return fmt.Sprintf("r%06d", i)
		}
		var d orgledger.Diff
		sortedChanges(&d, diffRecords(n, diff, id))
		var want []orgledger.DiffChange
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		if !rising {
			slices.Reverse(order)
		}
		for _, i := range order {
			want = diff(0, i, want)
		}
		if !slices.EqualFunc(d.Changes, want, func(a, b orgledger.DiffChange) bool { return a.Person == b.Person && a.Unit == b.Unit }) {
			t.Fatalf("rising %v: %d changes, want %d; first difference at %d", rising, len(d.Changes), len(want), firstDifference(d.Changes, want))
		}
	}
}

func firstDifference(a, b []orgledger.DiffChange) int {
	for i := range min(len(a), len(b)) {
		if a[i].Person != b[i].Person || a[i].Unit != b[i].Unit {
			return i
		}
	}
	return min(len(a), len(b))
}

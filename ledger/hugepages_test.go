package ledger

import (
	"strconv"
	"testing"
	"unsafe"

	"github.com/orgledger/orgledger/internal/hugepages"
)

// TestDecodedRecordsAskForHugePages: the records a checkpoint decodes into, which queries
// reach at random, lie in memory that asks for huge pages.
func TestDecodedRecordsAskForHugePages(t *testing.T) {
	if !hugepages.Available() {
		t.Skip("this kernel gives no transparent huge pages")
	}
	ids := make([]string, 100_000)
	for i := range ids {
		ids[i] = "pos-" + strconv.Itoa(i)
	}
	ps := records(ids, func(p *position, id string) { p.id = id })
	if ok, err := hugepages.Advised(unsafe.Slice(ps[0], len(ps))); err != nil || !ok {
		t.Errorf("the array of %d positions does not ask for huge pages (%v, %v)", len(ps), ok, err)
	}
}

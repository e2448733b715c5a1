package ledger

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
	"unsafe"

	"github.com/orgledger/orgledger/internal/hugepages"
)

// TestDecodedRecordsAskForHugePages: the records a checkpoint decodes into, which queries
// reach at random, lie in memory that asks for huge pages. The advice is on addresses, and
// outlives the array it was given for: an array of this process could land where an earlier
// one was advised, and seem advised without asking. So a new process of this test binary
// decodes the records first thing, before anything else there asked for huge pages.
func TestDecodedRecordsAskForHugePages(t *testing.T) {
	if !hugepages.Available() {
		t.Skip("this kernel gives no transparent huge pages")
	}
	if os.Getenv(hugePagesChild) != "" {
		recordsAskForHugePages(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDecodedRecordsAskForHugePages$", "-test.count=1")
	cmd.Env = append(os.Environ(), hugePagesChild+"=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("in a new process: %v\n%s", err, out)
	}
}

// hugePagesChild is set in the process TestDecodedRecordsAskForHugePages starts.
const hugePagesChild = "ORGLEDGER_HUGE_PAGES_CHILD"

func recordsAskForHugePages(t *testing.T) {
	ids := make([]string, 100_000)
	for i := range ids {
		ids[i] = "pos-" + strconv.Itoa(i)
	}
	ps := records(ids, func(p *position, id string) { p.id = id })
	if ok, err := hugepages.Advised(unsafe.Slice(ps[0], len(ps))); err != nil || !ok {
		t.Errorf("the array of %d positions does not ask for huge pages (%v, %v)", len(ps), ok, err)
	}
}

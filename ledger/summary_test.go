package ledger_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestSummaryOfReplaced checks that an assign with replace names who stepped out, in the
// number they are.
func TestSummaryOfReplaced(t *testing.T) {
	for _, tc := range []struct {
		replaced []string
		want     string
	}{
		{[]string{"a"}, "; a steps out"},
		{[]string{"a", "b"}, "; a, b step out"},
	} {
		e := &orgledger.Event{Op: &orgledger.Assign{Person: "d", Position: "ceo", Replace: true}}
		e.Effects.Replaced = tc.replaced
		if got := ledger.Summary(e); !strings.HasSuffix(got, tc.want) {
			t.Errorf("%v: %q, want it to end %q", tc.replaced, got, tc.want)
		}
	}
}

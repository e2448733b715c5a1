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

// TestSummarySaysWhereAPositionOpens: a position's opening and its move say the unit, by its
// id, though the title names it: they say where the position is, which the rule that names a
// position by its title alone where the title names its unit (orgledger.UnitNotIn) leaves
// alone; that rule is for a position named "Title in Unit".
func TestSummarySaysWhereAPositionOpens(t *testing.T) {
	for _, tc := range []struct {
		op   orgledger.Op
		want string
	}{
		{&orgledger.CreatePosition{ID: "head-eng", Title: "Head of Engineering", Unit: "engineering"},
			"position head-eng (Head of Engineering) opens in engineering"},
		{&orgledger.MovePosition{Position: "head-eng", Unit: "engineering"}, "position head-eng moves to unit engineering"},
	} {
		if got := ledger.Summary(&orgledger.Event{Op: tc.op}); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

// TestSummaryOfAnUpdateOfAPerson: an update of a person says what it sets, a value cleared as
// removed, attributes by name in order. (Found by QA: history said only "li-feifei's details
// change", and an audit could not tell what changed without the diff.)
func TestSummaryOfAnUpdateOfAPerson(t *testing.T) {
	text := func(s string) *string { return &s }
	for _, tc := range []struct {
		op   *orgledger.UpdatePerson
		want string
	}{
		{&orgledger.UpdatePerson{Person: "li", Location: text("Hangzhou")}, "li's details change: location Hangzhou"},
		{&orgledger.UpdatePerson{Person: "li", Name: text("Li Feifei"), Email: text("")}, "li's details change: name Li Feifei, email removed"},
		{&orgledger.UpdatePerson{Person: "li", Attrs: map[string]string{"grade": "P9", "cost_center": ""}}, "li's details change: attribute cost_center removed, attribute grade P9"},
		{&orgledger.UpdatePerson{Person: "li"}, "li's details change"},
	} {
		if got := ledger.Summary(&orgledger.Event{Op: tc.op}); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.op, got, tc.want)
		}
	}
}

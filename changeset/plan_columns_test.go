package changeset_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// TestPlanColumnsRoundTrip checks that a plan's changes and lists come back as they were
// written, empty lists as [] and read back as nil (but for Shared, a plan's view's []).
func TestPlanColumnsRoundTrip(t *testing.T) {
	day := mustDate(t, "2025-03-01")
	p := &orgledger.Plan{Name: "reorg", Effective: day, Shared: []string{"bo", "cy"}, Waiting: []int{1, 3},
		Withdrawn: []orgledger.Withdrawal{{Change: 2, By: "admin"}},
		Changes:   []orgledger.Change{{Op: &orgledger.Hire{ID: "p1", Name: "Ann Lee"}}}}
	c, err := changeset.EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Releasing != "[]" || c.Waiting != "[1,3]" {
		t.Errorf("lists written %+v", c)
	}
	got := &orgledger.Plan{Name: "reorg"}
	if err := changeset.DecodePlan(got, c); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Shared, p.Shared) || !reflect.DeepEqual(got.Waiting, p.Waiting) ||
		!reflect.DeepEqual(got.Withdrawn, p.Withdrawn) || got.Releasing != nil || len(got.Changes) != 1 {
		t.Errorf("read back %+v, want %+v", got, p)
	}

	empty, err := changeset.EncodePlan(&orgledger.Plan{Name: "draft", Effective: day})
	if err != nil {
		t.Fatal(err)
	}
	if empty != (changeset.PlanColumns{Shared: "[]", Waiting: "[]", Releasing: "[]", Withdrawn: "[]"}) {
		t.Errorf("an empty plan written %+v", empty)
	}
	empty.Waiting = "null" // as an earlier writer of a nil list left it
	head := &orgledger.Plan{Name: "draft"}
	if err := changeset.DecodePlan(head, empty); err != nil {
		t.Fatal(err)
	}
	if head.Shared == nil || len(head.Shared) != 0 || head.Waiting != nil || head.Changes != nil {
		t.Errorf("an empty plan read back %+v", head)
	}
}

// TestPlanColumnsNameTheColumn checks that a list that does not decode names its plan and
// column.
func TestPlanColumnsNameTheColumn(t *testing.T) {
	c := changeset.PlanColumns{Shared: "[]", Waiting: "[1,", Releasing: "[]", Withdrawn: "[]"}
	err := changeset.DecodePlan(&orgledger.Plan{Name: "reorg"}, c)
	if err == nil || !strings.Contains(err.Error(), "plan reorg: waiting:") {
		t.Errorf("got %v, want an error naming plan reorg and its waiting column", err)
	}
}

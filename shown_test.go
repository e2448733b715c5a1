package orgledger

import (
	"slices"
	"testing"
)

// TestShownFirst: of the positions a person holds, an export shows one held for good before one
// acted in, then the one held longest, then the first by id.
func TestShownFirst(t *testing.T) {
	jan, feb := Date(19000), Date(19031)
	held := []ShownPosition{
		{ID: "a-acting", Acting: true, Since: jan},
		{ID: "b-newer", Since: feb},
		{ID: "d-older", Since: jan},
		{ID: "c-older", Since: jan},
	}
	slices.SortFunc(held, ShownFirst)
	var got []string
	for _, h := range held {
		got = append(got, h.ID)
	}
	if want := []string{"c-older", "d-older", "b-newer", "a-acting"}; !slices.Equal(got, want) {
		t.Errorf("shown in the order %v, want %v", got, want)
	}
}

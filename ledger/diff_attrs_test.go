package ledger_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestDiffAttrs names only the attributes that changed, before and after, with the diff from
// the frames and the one from the views alike.
func TestDiffAttrs(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01", &orgledger.Hire{ID: "cy", Name: "Cy", Attrs: map[string]string{"a": "1", "b": "2", "c": "3"}})
	apply(t, l, "2022-03-01", &orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"b": "20", "c": "", "d": "4"}})
	want := orgledger.DiffChange{Kind: orgledger.DiffAttrs, Person: "cy", Before: []string{"b=2", "c=3"}, After: []string{"b=20", "d=4"}}
	d, err := l.Diff(date("2022-02-15"), date("2022-03-15"), time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Changes) != 1 || !reflect.DeepEqual(d.Changes[0], want) {
		t.Errorf("diff: %+v, want %+v", d.Changes, want)
	}
	views := ledger.DiffByViews(l, date("2022-02-15"), date("2022-03-15"), ledger.Query{})
	if len(views.Changes) != 1 || !reflect.DeepEqual(views.Changes[0], want) {
		t.Errorf("diff from the views: %+v, want %+v", views.Changes, want)
	}
}

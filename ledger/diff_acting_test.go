package ledger_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestDiffActing: an interim holder made permanent, or a holder made acting, is a change of
// kind acting, with the positions held as acting before and after, from the frames and from
// the views alike; for the one holder of a position and for the second of two. (Found by QA:
// the diff said nothing had changed, where the chart had lost its "(acting)".)
func TestDiffActing(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.Hire{ID: "cy", Name: "Cy"},
		&orgledger.Hire{ID: "di", Name: "Di"},
		&orgledger.Assign{Person: "cy", Position: "cto", Share: true, Acting: true},
		&orgledger.CreatePosition{ID: "cfo", Title: "Chief Financial Officer", Unit: "co", ReportsTo: "ceo"},
		&orgledger.Assign{Person: "di", Position: "cfo", Acting: true})
	apply(t, l, "2022-03-01",
		&orgledger.Unassign{Person: "cy", Position: "cto"},
		&orgledger.Assign{Person: "cy", Position: "cto", Share: true},
		&orgledger.Unassign{Person: "di", Position: "cfo"},
		&orgledger.Assign{Person: "di", Position: "cfo"},
		&orgledger.Unassign{Person: "bob", Position: "cto"},
		&orgledger.Assign{Person: "bob", Position: "cto", Share: true, Acting: true})
	want := []orgledger.DiffChange{
		{Kind: orgledger.DiffActing, Person: "bob", Before: []string{}, After: []string{"cto"}},
		{Kind: orgledger.DiffActing, Person: "cy", Before: []string{"cto"}, After: []string{}},
		{Kind: orgledger.DiffActing, Person: "di", Before: []string{"cfo"}, After: []string{}},
	}
	d, err := l.Diff(date("2022-02-15"), date("2022-03-15"), time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Changes, want) {
		t.Errorf("diff:\n%+v\nwant\n%+v", d.Changes, want)
	}
	if views := ledger.DiffByViews(l, date("2022-02-15"), date("2022-03-15"), ledger.Query{}); !reflect.DeepEqual(views.Changes, want) {
		t.Errorf("diff from the views:\n%+v\nwant\n%+v", views.Changes, want)
	}
}

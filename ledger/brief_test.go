package ledger_test

import (
	"reflect"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestBrief checks that Brief names what Show shows, on the date asked, and says nothing of
// an id not there then.
func TestBrief(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-06-01", &orgledger.Leave{Person: "bob", Reason: "resigned"},
		&orgledger.Retitle{Position: "cto", Title: "Technology Chief"})
	for _, tc := range []struct {
		id, day string
		want    ledger.Brief
		ok      bool
	}{
		{"ann", "2022-03-01", ledger.Brief{Name: "Ann", Positions: []string{"ceo"}}, true},
		{"bob", "2022-03-01", ledger.Brief{Name: "Bob", Positions: []string{"cto"}}, true},
		{"bob", "2022-07-01", ledger.Brief{Name: "Bob"}, true}, // left, as Show shows him
		{"cto", "2022-03-01", ledger.Brief{Name: "Chief Technology Officer", Unit: "Company"}, true},
		{"cto", "2022-07-01", ledger.Brief{Name: "Technology Chief", Unit: "Company"}, true},
		{"co", "2022-03-01", ledger.Brief{Name: "Company"}, true},
		{"nobody", "2022-03-01", ledger.Brief{}, false},
		{"ann", "2021-12-31", ledger.Brief{}, false},
	} {
		got, ok := l.Brief(tc.id, ledger.Query{At: date(tc.day)})
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s on %s: %+v, %v; want %+v, %v", tc.id, tc.day, got, ok, tc.want, tc.ok)
		}
	}
}

package orgledger_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestIDsCoverEveryIDField checks that CreatedID and ReferencedIDs give every field of every
// verb that holds ids: a verb or field added without them would, say, let the ledger blame a
// change for an id that a refused change would have created, or a plan miss a clash.
func TestIDsCoverEveryIDField(t *testing.T) {
	notIDs := []string{"Name", "Title", "Email", "Location", "Reason", "Kind"}
	for _, verb := range orgledger.Verbs {
		op := orgledger.NewOp(verb)
		v := reflect.ValueOf(op).Elem()
		var want []string
		for i := range v.NumField() {
			f, name := v.Field(i), v.Type().Field(i).Name
			switch {
			case slices.Contains(notIDs, name):
			case f.Kind() == reflect.String:
				f.SetString("f-" + name)
				want = append(want, "f-"+name)
			case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
				f.Set(reflect.ValueOf([]string{"f-" + name}))
				want = append(want, "f-"+name)
			}
		}
		got := append(orgledger.ReferencedIDs(op), orgledger.CreatedID(op))
		for _, id := range want {
			if !slices.Contains(got, id) {
				t.Errorf("%s: the field %s is not among the ids %v", verb, id[2:], got)
			}
		}
	}
}

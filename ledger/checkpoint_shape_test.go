package ledger

import (
	"reflect"
	"slices"
	"testing"
)

// TestCheckpointKnowsTheIndex fails when a type of the index gains, loses or renames a field:
// the checkpoint codec (checkpoint_index.go, checkpoint_records.go) must then code it, and
// checkpointVersion must change, or ledgers opened from a checkpoint would lack it.
func TestCheckpointKnowsTheIndex(t *testing.T) {
	known := map[reflect.Type][]string{
		reflect.TypeFor[index]():        {"people", "units", "positions", "ids", "strs", "strIdx", "evs", "merges", "replaced", "commits", "maxLine", "maxParent", "posUnordered", "frames"},
		reflect.TypeFor[person]():       {"id", "created", "active", "name", "email", "location", "attrs", "positions", "events"},
		reflect.TypeFor[unit]():         {"id", "created", "open", "name", "kind", "parent", "head", "units", "positions", "events"},
		reflect.TypeFor[position]():     {"id", "created", "open", "title", "unit", "reportsTo", "kind", "dotted", "holders", "reports", "dottedFrom", "heads", "events"},
		reflect.TypeFor[entry]():        {"day", "seq", "gone", "val"},
		reflect.TypeFor[evMeta]():       {"day", "verb", "flags", "commit", "gone", "a", "b", "c"},
		reflect.TypeFor[commitMeta]():   {"id", "recorded", "first", "imported"},
		reflect.TypeFor[mergeEffects](): {"units", "positions", "children"},
		reflect.TypeFor[attrTimeline](): {"key", "tl"},
		reflect.TypeFor[lineTimeline](): {"to", "tl"},
		reflect.TypeFor[holdTimeline](): {"person", "tl"},
		reflect.TypeFor[point]():        {"day", "seq"},
	}
	for typ, want := range known {
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s has fields %v; the checkpoint codes %v: code the new fields, and change checkpointVersion",
				typ.Name(), got, want)
		}
	}
}

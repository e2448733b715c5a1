package orgledger

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestHistoryEventJSON: an event as the answers write it reads back the same, its change of its
// verb's type; an unknown verb is refused naming it.
func TestHistoryEventJSON(t *testing.T) {
	day, _ := ParseDate("2022-05-01")
	e := HistoryEvent{Event: 7, Commit: 2, Verb: VerbAssign, Effective: day, Recorded: "2022-06-01T12:00:00Z", Actor: "admin",
		Note: "took effect when ann left", Plan: "p@ann", Summary: "bob takes position cto",
		Change: &Assign{Person: "bob", Position: "cto", Replace: true}, Effects: &Effects{Replaced: []string{"cy"}}}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back HistoryEvent
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, e) {
		t.Errorf("%s reads back as %+v, %v", b, back, err)
	}
	if err := json.Unmarshal([]byte(`{"event":3,"verb":"promote","change":{}}`), &back); err == nil {
		t.Error("an event of an unknown verb was read")
	}
}

package orgledger

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEmployeeJSONHasEveryKey: an export's rows in JSON have every key, "" where a row has no
// value, as its CSV has every column on every row. (Found by QA: one row had no start_date
// key where the others had one.)
func TestEmployeeJSONHasEveryKey(t *testing.T) {
	b, err := json.Marshal(Employee{ID: "e1", Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"employee_id":"e1"`, `"title":""`, `"manager_id":""`, `"email":""`, `"start_date":""`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("%s lacks %s", b, key)
		}
	}
}

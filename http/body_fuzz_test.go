package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// FuzzBodyError: whatever a JSON body holds, the error of one that does not decode is a
// refusal (invalid) with a message, never a panic; one that is not JSON says where it stops
// being JSON by a line and column that are in the body.
func FuzzBodyError(f *testing.F) {
	for _, seed := range []string{"", " \n", "not json", `{"name": 5}`, `{"name": "p", "colour": 1}`, "{\n\"name\": \"p\",\n\"effective\": 2027-02-01}",
		`{"name": "p"`, `{"effective": "2027-02-30"}`, `[1, 2]`, `{"with": [true]}`, "\xff"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var body struct {
			Name      string         `json:"name"`
			Effective orgledger.Date `json:"effective"`
			With      []string       `json:"with"`
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err := dec.Decode(&body)
		if err == nil {
			return
		}
		told := bodyError(data, &body, err)
		msg := orgledger.ErrorMessage(told)
		if orgledger.ErrorCode(told) != orgledger.EINVALID || msg == "" {
			t.Fatalf("%q: %v (%s), want a refusal that says why", data, told, orgledger.ErrorCode(told))
		}
		if _, place, ok := strings.Cut(msg, "at line "); ok {
			var line, col int
			if _, err := fmt.Sscanf(place, "%d, column %d", &line, &col); err != nil {
				t.Fatalf("%q: %s: no line and column", data, msg)
			}
			lines := bytes.Split(data, []byte("\n"))
			if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
				t.Fatalf("%q: %s: not a place in the body", data, msg)
			}
		}
	})
}

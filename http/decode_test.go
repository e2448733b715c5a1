package http_test

import (
	"strings"
	"testing"
	"time"
)

// TestLargeBodiesDecodedAFewAtATime: while every place for decoding a large body is taken, a
// changeset waits, and so does an HRIS export, dry run or not, which a hundred thousand rows
// make a few hundred megabytes until answered (noted in an earlier session: imports held no
// place); each is answered once a place is free.
func TestLargeBodiesDecodedAFewAtATime(t *testing.T) {
	for _, tc := range []struct {
		name, path, ctype, body string
		want                    int
	}{
		{"changeset", "/api/v1/changesets", "application/yaml", "effective: 2022-06-01\nchanges:\n  - hire: {id: waited, name: Waited}\n", 201},
		{"import, dry run", "/api/v1/imports?at=2029-01-01&dry_run=true&allow_mass_leaving=true", "text/csv", "employee_id,name,title,manager_id\nw-ceo,Waited CEO,CEO,\n", 200},
		{"import", "/api/v1/imports?at=2029-01-01&allow_mass_leaving=true", "text/csv", "employee_id,name,title,manager_id\nw-ceo,Waited CEO,CEO,\n", 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := MustOpenServer(t)
			release := ts.API.HoldDecoding()
			status := make(chan int, 1)
			go func() { status <- ts.Do("POST", tc.path, "admin", tc.body, "Content-Type", tc.ctype).Status }()
			select {
			case got := <-status:
				t.Fatalf("answered while every place was taken: %d", got)
			case <-time.After(100 * time.Millisecond):
			}
			release()
			if got := <-status; got != tc.want {
				t.Errorf("once a place is free: %d, want %d", got, tc.want)
			}
		})
	}
}

// TestChangesetSentAsJSON: a changeset body sent as application/json is read as JSON: one that
// is not JSON is refused where it stops being JSON, a string field given a boolean names the
// field, and the same text sent as YAML is read as YAML, leniently. (Found by QA: both were
// accepted as JSON, the boolean recorded as the title "true".)
func TestChangesetSentAsJSON(t *testing.T) {
	ts := MustOpenServer(t)
	const path = "/api/v1/changesets?dry_run=true"
	for body, want := range map[string]string{
		`{"effective": "2022-06-01", "changes": [{"hire": {"id": "j-1", "name": true}}]}`: `"line":1,"change":1,"verb":"hire","field":"name","reason":"must be a string, not the boolean true"`,
		"{effective: 2022-06-01, changes: [{hire: {id: j-1, name: J}}]}":                  `"line":1,"reason":"the text is not valid JSON: invalid character 'e' looking for beginning of object key string (column 2)"`,
	} {
		r := ts.Do("POST", path, "admin", body, "Content-Type", "application/json")
		if r.Status != 422 || !strings.Contains(string(r.Body), want) {
			t.Errorf("%s as JSON: %d %s\nwant 422 with %s", body, r.Status, r.Body, want)
		}
		if r := ts.Do("POST", path, "admin", body, "Content-Type", "application/yaml"); r.Status != 200 {
			t.Errorf("%s as YAML: %d %s", body, r.Status, r.Body)
		}
	}
	if r := ts.Do("GET", "/api/v1/people/j-1", "viewer", ""); r.Status != 404 {
		t.Errorf("a refused or dry-run changeset wrote j-1: %d %s", r.Status, r.Body)
	}
}

package http_test

import (
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

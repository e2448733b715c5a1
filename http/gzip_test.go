package http_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestLargeAnswersAreGzipped checks that a large answer (an export of hundreds of people, as
// JSON and as CSV) is gzipped for a client that reads gzip, and reads back as the answer
// sent to one that does not; that a small one is not; and that a CSV export is offered as a
// file to download.
func TestLargeAnswersAreGzipped(t *testing.T) {
	ts := MustOpenServer(t)
	var cs strings.Builder
	cs.WriteString("effective: 2022-04-20\nchanges:\n")
	for i := range 1500 {
		fmt.Fprintf(&cs, "  - hire: {id: gz-%04d, name: Person Number %04d, email: person.%04d@example.com}\n", i, i, i)
	}
	if r := ts.Do("POST", "/api/v1/changesets", "admin", cs.String(), "Content-Type", "application/yaml"); r.Status != 201 {
		t.Fatalf("the hires: %d %s", r.Status, r.Body)
	}
	for _, path := range []string{"/api/v1/export?at=2022-04-20&format=json", "/api/v1/export?at=2022-04-20"} {
		plain := ts.Do("GET", path, "viewer", "")
		zipped := ts.Do("GET", path, "viewer", "", "Accept-Encoding", "gzip")
		if plain.Status != 200 || zipped.Status != 200 || plain.Header.Get("Content-Encoding") != "" || zipped.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %d and %d, Content-Encoding %q and %q", path, plain.Status, zipped.Status, plain.Header.Get("Content-Encoding"), zipped.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped.Body))
		if err != nil {
			t.Fatal(err)
		}
		if body, err := io.ReadAll(zr); err != nil || !bytes.Equal(body, plain.Body) || len(plain.Body) < 64<<10 {
			t.Errorf("%s: the gzipped answer reads back as %d bytes (%v), the plain one is %d", path, len(body), err, len(plain.Body))
		}
		if !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Vary is %q", path, zipped.Header.Get("Vary"))
		}
	}
	if r := ts.Do("GET", "/api/v1/export?at=2022-04-20", "viewer", ""); r.Header.Get("Content-Disposition") != `attachment; filename="org-2022-04-20.csv"` {
		t.Errorf("the CSV export's Content-Disposition is %q", r.Header.Get("Content-Disposition"))
	}
	if r := ts.Do("GET", "/api/v1/people/huo-jia", "viewer", "", "Accept-Encoding", "gzip"); r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a small answer is %s", r.Header.Get("Content-Encoding"))
	}
}

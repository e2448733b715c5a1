package hris_test

import (
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// TestGuardedLocationReadsBack: a location the ledger keeps (free text may hold line breaks)
// that starts with a CR is guarded on export ("'\r\n…"), and encoding/csv and foldCRLF turn
// the CRLF into "\n": a guard before a line break is taken off too, so that the import of the
// ledger's own export records no ' that nobody typed. (Found by a review.)
func TestGuardedLocationReadsBack(t *testing.T) {
	for _, loc := range []string{"\r\nHQ", "\r\n=1+1"} {
		out := writeCSV(t, []orgledger.Employee{{ID: "E1", Name: "Ann", Title: "CEO", Department: "Exec", Location: loc}})
		f, err := hris.Read("export.csv", []byte(out), hris.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Rows[0].Location; got != "" && got[0] == '\'' {
			t.Errorf("location %q exported as %q reads back as %q, with the guard's '", loc, out, got)
		}
	}
}

package hris_test

import (
	"testing"

	"github.com/orgledger/orgledger/hris"
)

// TestNamesWrittenTwoWaysAreOneName checks that a month whose export writes "é" as "e" and a
// combining accent (as some systems do) records nothing where the month before wrote it as
// one character: the department is not renamed, nor the person, nor their title.
func TestNamesWrittenTwoWaysAreOneName(t *testing.T) {
	const composed = "employee_id,name,title,manager_id,department,location\n" +
		"1,Ren\u00e9e Dupr\u00e9,Directeur g\u00e9n\u00e9ral,,Caf\u00e9,Montr\u00e9al\n" +
		"2,Zo\u00eb Ay,Barista,1,Caf\u00e9,Montr\u00e9al\n"
	const decomposed = "employee_id,name,title,manager_id,department,location\n" +
		"1,Rene\u0301e Dupre\u0301,Directeur ge\u0301ne\u0301ral,,Cafe\u0301,Montre\u0301al\n" +
		"2,Zoe\u0308 Ay,Barista,1,Cafe\u0301,Montre\u0301al\n"
	l := openLedger(t)
	importFile(t, l, readString(t, "january.csv", composed), "2024-01-31", false)
	res := importFile(t, l, readString(t, "february.csv", decomposed), "2024-02-29", false)
	if n := len(res.Commit.Events); n != 0 {
		t.Errorf("the same names written decomposed recorded %d events, want none", n)
	}
	f := readString(t, "february.csv", decomposed)
	if got, want := f.Rows[0].Department, "Caf\u00e9"; got != want {
		t.Errorf("department read as %q, want the composed %q", got, want)
	}
}

func readString(tb testing.TB, name, data string) *hris.File {
	tb.Helper()
	f, err := hris.Read(name, []byte(data), hris.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

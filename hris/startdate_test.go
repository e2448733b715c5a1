package hris_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// TestStartDateCheckedOnItsRow: a start date the ledger refuses (a control character, a
// bidirectional override, longer than 1000 characters) is refused by the reader on the row's
// line, as every other field is since checkFields, not let through to the ledger.
func TestStartDateCheckedOnItsRow(t *testing.T) {
	for _, start := range []string{"2024-01-02\x1b[31m", "2024-01-02\u202e", strings.Repeat("9", 1001)} {
		data := "employee_id,name,title,manager_id,department,start_date\nE1,Amara,CEO,,Exec," + start + "\n"
		f, err := hris.Read("people.csv", []byte(data), hris.Options{})
		if err == nil {
			_, ierr := hris.Import(context.Background(), openLedger(t), f, date("2024-01-31"), hris.ImportOptions{Actor: "test"})
			var got []string
			for _, p := range orgledger.ErrorProblems(ierr) {
				got = append(got, p.String())
			}
			t.Errorf("start date %.20q: Read accepted the file; the import then answered %v %q", start, ierr, got)
		}
	}
}

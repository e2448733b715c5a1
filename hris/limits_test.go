package hris

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestRowLimit refuses a file with more rows than the limit (MaxRows, here lowered to 3),
// naming the first row past it.
func TestRowLimit(t *testing.T) {
	data := "employee_id,name,title,manager_id\nE1,Ann,CEO,\nE2,Bob,CTO,E1\nE3,Cy,Dev,E2\nE4,Di,Dev,E2\n"
	_, err := Read("big.csv", []byte(data), Options{maxRows: 3})
	ps := orgledger.ErrorProblems(err)
	if len(ps) != 1 || ps[0].Line != 5 || !strings.Contains(ps[0].Reason, "more than 3 rows") {
		t.Fatalf("got %v, want the fifth line named as past 3 rows", err)
	}
	if _, err := Read("ok.csv", []byte(data[:strings.LastIndex(data[:len(data)-1], "\n")+1]), Options{maxRows: 3}); err != nil {
		t.Errorf("three rows: %v", err)
	}
}

// TestProblemsPastTheLimit lists the first problems and counts the rest.
func TestProblemsPastTheLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee_id,name,title,manager_id\n")
	for range maxProblems + 7 {
		b.WriteString("E1,Ann\n") // two fields of four
	}
	ps := orgledger.ErrorProblems(func() error { _, err := Read("bad.csv", []byte(b.String()), Options{}); return err }())
	if len(ps) != maxProblems+1 || ps[maxProblems].Reason != "7 more problems are not listed; fix these first" {
		t.Fatalf("%d problems, the last %+v", len(ps), ps[len(ps)-1])
	}
}

// TestQuoteProblemsPastTheLimit: a file whose every row has a stray quote lists the first
// problems, each placed, and counts the rest without placing them (placing one reads the file
// from its start, so placing them all took hours for a large file; BenchmarkReadStrayQuotes).
func TestQuoteProblemsPastTheLimit(t *testing.T) {
	data := "employee_id,name,title,manager_id\n" + strings.Repeat("E\"1,Ann,CEO,\n", maxProblems+7)
	ps := orgledger.ErrorProblems(func() error { _, err := Read("bad.csv", []byte(data), Options{}); return err }())
	if len(ps) != maxProblems+1 || ps[maxProblems].Reason != "7 more problems are not listed; fix these first" {
		t.Fatalf("%d problems, the last %+v", len(ps), ps[len(ps)-1])
	}
	if ps[0].Line != 2 || !strings.Contains(ps[0].Reason, "character 2") {
		t.Errorf("the first problem is not placed: %+v", ps[0])
	}
}

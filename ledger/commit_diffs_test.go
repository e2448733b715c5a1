package ledger_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestCommitDiffsPerDate checks that a changeset taking effect on several dates says, on each,
// what it changes on that date: someone hired in August and placed in September joins on the
// first date and is placed on the second, in a dry run and once recorded; a change already in
// the ledger on the second date is not the changeset's.
func TestCommitDiffsPerDate(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-03-01", &orgledger.CreatePosition{ID: "eng", Title: "Engineer", Unit: "co", ReportsTo: "cto"})
	apply(t, l, "2022-09-01", &orgledger.Retitle{Position: "cto", Title: "Technology Chief"})
	cs := changeset("2022-08-01", &orgledger.Hire{ID: "cy", Name: "Cy"}, &orgledger.Assign{Person: "cy", Position: "eng"})
	cs.Changes[1].Effective = date("2022-09-01")
	want := []string{
		"2022-08-01: joined cy",
		"2022-09-01: manager cy: [] → [bob]; position cy: [] → [eng]; position-filled eng: [] → [cy]; title cy: [] → [Engineer]; unit cy: [] → [co]",
	}
	dry, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := diffLines(dry.Diffs); !slices.Equal(got, want) {
		t.Errorf("dry run:\n%q\nwant\n%q", got, want)
	}
	res, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := diffLines(l.CommitDiffs(res.Commit)); !slices.Equal(got, want) {
		t.Errorf("recorded:\n%q\nwant\n%q", got, want)
	}
}

// TestCommitDiffsWithRetraction checks that a changeset of several dates that retracts an
// event shows the retraction on the date it matters, comparing the org without the whole
// changeset on each date, and what an earlier date showed only there. (Found by QA: cy's
// hire was told on both dates, as a retitle retracted in May was in June.)
func TestCommitDiffsWithRetraction(t *testing.T) {
	l := base(t)
	late := apply(t, l, "2022-09-01", &orgledger.Retitle{Position: "cto", Title: "Technology Chief"})
	paris := "Paris"
	cs := changeset("2022-08-01", &orgledger.Hire{ID: "cy", Name: "Cy"},
		&orgledger.Retract{Event: late.Commit.Events[0].Seq, Reason: "entered by mistake"},
		&orgledger.UpdatePerson{Person: "bob", Location: &paris})
	cs.Changes[1].Effective, cs.Changes[2].Effective = date("2022-09-01"), date("2022-10-01")
	res, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2022-08-01: joined cy",
		"2022-09-01: position-retitled cto: [Technology Chief] → [Chief Technology Officer]; title bob: [Technology Chief] → [Chief Technology Officer]",
		"2022-10-01: location bob: [] → [Paris]", // not the hire nor the retitle again (found by a review: the third date told the hire again)
	}
	if got := diffLines(res.Diffs); !slices.Equal(got, want) {
		t.Errorf("dry run:\n%q\nwant\n%q", got, want)
	}
}

// diffLines writes each diff on a line: its date, then its changes, sorted.
func diffLines(ds []orgledger.Diff) []string {
	var out []string
	for _, d := range ds {
		var cs []string
		for _, c := range d.Changes {
			s := fmt.Sprintf("%s %s%s%s", c.Kind, c.Person, c.Position, c.Unit)
			if c.Before != nil {
				s += fmt.Sprintf(": %v → %v", c.Before, c.After)
			}
			cs = append(cs, s)
		}
		slices.Sort(cs)
		line := d.To.String() + ":"
		for i, c := range cs {
			if i > 0 {
				line += ";"
			}
			line += " " + c
		}
		out = append(out, line)
	}
	return out
}

package ledger_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestChangeThatChangesNothing: a changeset written by hand whose changes find the org already
// so on their dates is refused, saying what is so; one that changes something besides is
// recorded, those told; a plan's changes, worked out from the ledger, are not refused so.
func TestChangeThatChangesNothing(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-01-01", &orgledger.CreateUnit{ID: "eng", Name: "Engineering", Parent: "co"},
		&orgledger.CreateUnit{ID: "ops", Name: "Operations"}, &orgledger.SetHead{Unit: "co", Position: "ceo"})
	ann, nyc := "Ann", "NYC"
	apply(t, l, "2022-01-02", &orgledger.UpdatePerson{Person: "ann", Location: &nyc, Attrs: map[string]string{"level": "9"}})
	for _, c := range []struct {
		op   orgledger.Op
		want string
	}{
		{&orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"}, `changes nothing: position cto is titled "Chief Technology Officer" on 2022-02-01 already`},
		{&orgledger.Report{Position: "cto", To: "ceo"}, "changes nothing: position cto reports to position ceo on 2022-02-01 already"},
		{&orgledger.Report{Position: "ceo"}, "changes nothing: position ceo reports to no one on 2022-02-01 already"},
		{&orgledger.MovePosition{Position: "cto", Unit: "co"}, "changes nothing: position cto is in unit co on 2022-02-01 already"},
		{&orgledger.RenameUnit{Unit: "eng", Name: "Engineering"}, `changes nothing: unit eng is named "Engineering" on 2022-02-01 already`},
		{&orgledger.MoveUnit{Unit: "eng", Parent: "co"}, "changes nothing: unit eng is under unit co on 2022-02-01 already"},
		{&orgledger.MoveUnit{Unit: "ops"}, "changes nothing: unit ops is a top unit on 2022-02-01 already"},
		{&orgledger.SetHead{Unit: "co", Position: "ceo"}, "changes nothing: position ceo heads unit co on 2022-02-01 already"},
		{&orgledger.UpdatePerson{Person: "bob", Email: new(string)}, "changes nothing: person bob has no email on 2022-02-01 already"},
		{&orgledger.UpdatePerson{Person: "ann", Name: &ann, Location: &nyc, Attrs: map[string]string{"level": "9", "team": ""}},
			`changes nothing: person ann has the name "Ann", the location "NYC", the attribute level "9", no attribute team on 2022-02-01 already`},
	} {
		p := refuse(t, l, "2022-02-01", c.op)
		if len(p) != 1 || p[0].Change != 1 || p[0].Reason != c.want {
			t.Errorf("%s: %+v, want one problem: %s", c.op.Verb(), p, c.want)
		}
	}
	// An update that changes one of its fields stands; so does a change the changeset makes a
	// change by an earlier one of its own. A changeset that changes something besides is
	// recorded whole (a sync that sets every row, a few as they were), its changes that change
	// nothing told (found by a review: one row as it was refused the whole sync).
	boston := "Boston"
	if res := apply(t, l, "2022-02-01", &orgledger.UpdatePerson{Person: "ann", Name: &ann, Location: &boston}); len(res.Unchanged) != 0 {
		t.Errorf("an update of a field told as changing nothing: %+v", res.Unchanged)
	}
	apply(t, l, "2022-02-02", &orgledger.Retitle{Position: "cto", Title: "CTO"}, &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	cs := changeset("2022-02-03", &orgledger.Retitle{Position: "cto", Title: "CTO"}, &orgledger.Retitle{Position: "cto", Title: "CTO"},
		&orgledger.UpdatePerson{Person: "ann", Location: &boston})
	res, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	told := res.UnchangedWarnings(cs, nil)
	if len(res.Commit.Events) != 3 || len(told) != 2 || !strings.Contains(told[0], "change 2 (retitle)") || !strings.Contains(told[1], "change 3 (update-person)") ||
		!strings.Contains(told[0], `changes nothing: position cto is titled "CTO" on 2022-02-03 already`) {
		t.Errorf("a changeset that changes something besides: %d events, told %q", len(res.Commit.Events), told)
	}
	// Before a later change the value is still the earlier one: a backdated retitle to it
	// changes nothing there, whatever follows.
	wantReason(t, refuse(t, l, "2022-02-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"}),
		`is titled "Chief Technology Officer" on 2022-02-01 already`)
	// A file of such changes applied twice is refused the second time as applied before.
	apply(t, l, "2022-04-01", &orgledger.Retitle{Position: "cto", Title: "Head of Technology"})
	wantReason(t, refuse(t, l, "2022-04-01", &orgledger.Retitle{Position: "cto", Title: "Head of Technology"}), "the changeset was applied before")
	cs = changeset("2022-03-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test", Plan: "reorg@ann"}); err != nil {
		t.Errorf("a plan's change that finds the org so already: %v", err)
	}
}

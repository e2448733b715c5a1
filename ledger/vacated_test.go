package ledger_test

import (
	"context"
	"slices"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// leaveSummaries returns the summaries of the leave events in the history of id.
func leaveSummaries(t *testing.T, l *ledger.Ledger, id string) []string {
	t.Helper()
	var out []string
	for _, e := range historyOf(t, l, id, "") {
		if e.Verb == orgledger.VerbLeave {
			out = append(out, e.Summary)
		}
	}
	return out
}

// TestLeaveVacatesAsKnownNow records a leave, then backdated before it an assignment to b and
// an unassignment from a: history and log tell the leave as vacating b, not a, and list it
// under b and no longer under a.
func TestLeaveVacatesAsKnownNow(t *testing.T) {
	l, _ := mustOpen(t)
	apply(t, l, "2022-01-01",
		&orgledger.CreateUnit{ID: "u", Name: "U"},
		&orgledger.CreatePosition{ID: "a", Title: "A", Unit: "u"},
		&orgledger.CreatePosition{ID: "b", Title: "B", Unit: "u"},
		&orgledger.Hire{ID: "p", Name: "P"},
		&orgledger.Assign{Person: "p", Position: "a"})
	leave := apply(t, l, "2022-03-01", &orgledger.Leave{Person: "p"})
	if got := leave.Commit.Events[0].Effects.Vacated; !slices.Equal(got, []string{"a"}) {
		t.Fatalf("recorded leave vacates %v, want [a]", got)
	}
	if got, want := leaveSummaries(t, l, "a"), []string{"p leaves; vacates a"}; !slices.Equal(got, want) {
		t.Fatalf("history of a before the backdated changes: %q, want %q", got, want)
	}

	apply(t, l, "2022-02-01",
		&orgledger.Assign{Person: "p", Position: "b"},
		&orgledger.Unassign{Person: "p", Position: "a"})

	want := []string{"p leaves; vacates b"}
	for _, id := range []string{"p", "b"} {
		if got := leaveSummaries(t, l, id); !slices.Equal(got, want) {
			t.Errorf("history of %s: leaves %q, want %q", id, got, want)
		}
	}
	if got := leaveSummaries(t, l, "a"); len(got) != 0 {
		t.Errorf("history of a still lists the leave, which no longer vacates it: %q", got)
	}
	lg, err := l.Log(context.Background(), ledger.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lg.Events {
		if e.Verb == orgledger.VerbLeave && (e.Summary != want[0] || !slices.Equal(e.Effects.Vacated, []string{"b"})) {
			t.Errorf("log: leave %q with effects %v, want %q and [b]", e.Summary, e.Effects.Vacated, want[0])
		}
	}
}

// TestRetractedLeaveKeepsItsEffects: a retracted leave vacates nothing now, and history lists
// it as it was recorded, with its retraction.
func TestRetractedLeaveKeepsItsEffects(t *testing.T) {
	l, _ := mustOpen(t)
	apply(t, l, "2022-01-01",
		&orgledger.CreateUnit{ID: "u", Name: "U"},
		&orgledger.CreatePosition{ID: "a", Title: "A", Unit: "u"},
		&orgledger.Hire{ID: "p", Name: "P"},
		&orgledger.Assign{Person: "p", Position: "a"})
	leave := apply(t, l, "2022-03-01", &orgledger.Leave{Person: "p"})
	apply(t, l, "2022-03-01", &orgledger.Retract{Event: leave.Commit.Events[0].Seq, Reason: "typo"})
	h, err := l.History(context.Background(), "a", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range h.Events {
		if e.Verb == orgledger.VerbLeave {
			found = true
			if e.RetractedBy == 0 || e.Summary != "p leaves; vacates a" {
				t.Errorf("retracted leave in a's history: %q retracted by %d", e.Summary, e.RetractedBy)
			}
		}
	}
	if !found {
		t.Error("the retracted leave is missing from a's history")
	}
}

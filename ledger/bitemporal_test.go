package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

func at(day string, hour int) time.Time {
	return date(day).Time().Add(time.Duration(hour) * time.Hour)
}

// TestBitemporal checks the org on a date as known at a time, with a backdated correction and a
// retraction recorded after the facts they correct.
func TestBitemporal(t *testing.T) {
	l, _ := mustOpen(t)
	recordAt(t, l, at("2022-01-10", 9), "2022-01-01",
		&orgledger.CreateUnit{ID: "co", Name: "Company"},
		&orgledger.CreatePosition{ID: "cto", Title: "Chief Technology Officer", Unit: "co"},
	)
	v2 := recordAt(t, l, at("2022-02-10", 9), "2022-02-01", &orgledger.Retitle{Position: "cto", Title: "CTO v2"})
	recordAt(t, l, at("2022-03-10", 9), "2022-01-15", &orgledger.Retitle{Position: "cto", Title: "Backdated"})
	recordAt(t, l, at("2022-04-10", 9), "2022-04-10", &orgledger.Retract{Event: v2, Reason: "announced but never made"})

	for _, tc := range []struct {
		at, known string // known: a date meaning its end, or "" for now
		want      string // the title, or "" for not found
	}{
		{"2022-01-05", "2022-01-09", ""},
		{"2021-12-31", "", ""},
		{"2022-01-20", "2022-01-31", "Chief Technology Officer"},
		{"2022-01-20", "2022-03-31", "Backdated"},
		{"2022-02-15", "2022-02-28", "CTO v2"},
		{"2022-02-15", "2022-03-31", "CTO v2"}, // the February retitle is later in effective time
		{"2022-02-15", "2022-04-30", "Backdated"},
		{"2022-02-15", "", "Backdated"},
		{"2022-01-14", "", "Chief Technology Officer"},
	} {
		q := ledger.Query{At: date(tc.at)}
		if tc.known != "" {
			q.KnownAt = date(tc.known).EndOfDay()
		}
		v, err := l.Show("cto", q)
		got := ""
		if err == nil {
			got = v.(*orgledger.PositionInfo).Title
		} else if orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("cto on %s known at %s: title %q, want %q", tc.at, tc.known, got, tc.want)
		}
	}
}

// TestHistoryAndLog checks that history lists every event touching an id, in effective order,
// with the retraction marked, and that log keeps recorded order.
func TestHistoryAndLog(t *testing.T) {
	l := base(t)
	ctx := context.Background()
	res := apply(t, l, "2022-03-01", &orgledger.Retitle{Position: "cto", Title: "Typo"})
	apply(t, l, "2022-02-01", &orgledger.Retitle{Position: "cto", Title: "CTO"})
	apply(t, l, "2022-03-02", &orgledger.Retract{Event: res.Commit.Events[0].Seq, Reason: "typo"})
	h, err := l.History(ctx, "cto", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var verbs []string
	var days []orgledger.Date
	for _, e := range h.Events {
		verbs = append(verbs, string(e.Verb))
		days = append(days, e.Effective)
	}
	want := []string{"create-position", "assign", "retitle", "retitle", "retract"}
	if len(verbs) != len(want) {
		t.Fatalf("history verbs = %v, want %v", verbs, want)
	}
	for i := range want {
		if verbs[i] != want[i] {
			t.Fatalf("history verbs = %v, want %v", verbs, want)
		}
	}
	if days[2] != date("2022-02-01") || h.Events[3].RetractedBy == 0 {
		t.Errorf("history = %+v", h.Events)
	}
	lg, err := l.Log(ctx, ledger.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range lg.Events {
		if e.Event != int64(i+1) {
			t.Fatalf("log is not in recorded order: %v at %d", e.Event, i)
		}
	}
	if _, err := l.History(ctx, "nobody", ledger.HistoryOptions{}); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		t.Errorf("history of an unknown id: %v", err)
	}
}

// TestDiff checks the kinds of a diff on a small reorganization.
func TestDiff(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-02-01",
		&orgledger.CreatePosition{ID: "dev", Title: "Developer", Unit: "co", ReportsTo: "cto"},
		&orgledger.Hire{ID: "cy", Name: "Cy"},
		&orgledger.Assign{Person: "cy", Position: "dev"},
	)
	apply(t, l, "2022-03-01",
		&orgledger.Leave{Person: "bob"},
		&orgledger.Report{Position: "dev", To: "ceo"},
		&orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.CreateUnit{ID: "eng", Name: "Engineering", Parent: "co"},
		&orgledger.MovePosition{Position: "dev", Unit: "eng"},
		&orgledger.Retitle{Position: "dev", Title: "Engineer"},
	)
	d, err := l.Diff(date("2022-02-15"), date("2022-03-15"), time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range d.Changes {
		got[string(c.Kind)+" "+c.Person+c.Unit+c.Position] = true
	}
	for _, w := range []string{"left bob", "joined dee", "manager cy", "title cy", "unit cy",
		"unit-created eng", "reports-to dev", "position-vacated cto", "position-retitled dev", "position-moved dev"} {
		if !got[w] {
			t.Errorf("diff lacks %q: %+v", w, d.Changes)
		}
	}
	if len(d.Changes) != 10 {
		t.Errorf("diff has %d changes, want 10: %+v", len(d.Changes), d.Changes)
	}
}

// TestKnownAfterAnEvent: a query as known once the ledger held an event, and none after it,
// sees what was recorded up to it and not what came after, whatever the recorded times (here
// all one, which KnownAt cannot tell apart).
func TestKnownAfterAnEvent(t *testing.T) {
	l := base(t)
	head, _ := l.Head()
	apply(t, l, "2022-01-01", &orgledger.Retitle{Position: "cto", Title: "CTO"})
	for after, want := range map[int64]string{head: "Chief Technology Officer", head + 1: "CTO", 0: "CTO"} {
		info, err := l.Show("cto", ledger.Query{At: date("2022-02-01"), KnownAfter: after})
		if err != nil {
			t.Fatal(err)
		}
		if got := info.(*orgledger.PositionInfo).Title; got != want {
			t.Errorf("cto as known after event %d: %q, want %q", after, got, want)
		}
	}
}

package ledger_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestHistoryAsKnown checks history and log as the ledger knew them at a time: the events
// recorded by then, a retraction only when it was recorded by then, and a leaving vacating what
// its person held as known then (a backdated assignment recorded later adds to it now).
func TestHistoryAsKnown(t *testing.T) {
	l, _ := mustOpen(t)
	ctx := context.Background()
	record := func(recorded time.Time, day string, ops ...orgledger.Op) int64 {
		t.Helper()
		cs := changeset(day, ops...)
		cs.Recorded = recorded
		res, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Commit.Events[0].Seq
	}
	record(at("2022-01-02", 9), "2022-01-01", &orgledger.CreateUnit{ID: "co", Name: "Company"},
		&orgledger.CreatePosition{ID: "cto", Title: "CTO", Unit: "co"}, &orgledger.Hire{ID: "bob", Name: "Bob"},
		&orgledger.Assign{Person: "bob", Position: "cto"})
	retitle := record(at("2022-02-02", 9), "2022-02-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	leave := record(at("2022-03-02", 9), "2022-06-01", &orgledger.Leave{Person: "bob", Reason: "resigned"})
	record(at("2022-04-02", 9), "2022-03-01", &orgledger.CreatePosition{ID: "lab", Title: "Lab Lead", Unit: "co"},
		&orgledger.Assign{Person: "bob", Position: "lab"})
	record(at("2022-04-20", 9), "2022-04-20", &orgledger.Retract{Event: retitle, Reason: "never made"})

	history := func(id, known string) map[int64]orgledger.HistoryEvent {
		t.Helper()
		opt := ledger.HistoryOptions{}
		if known != "" {
			opt.KnownAt = at(known, 23)
		}
		h, err := l.History(ctx, id, opt)
		if err != nil {
			t.Fatalf("history of %s as known at %q: %v", id, known, err)
		}
		out := map[int64]orgledger.HistoryEvent{}
		for _, e := range h.Events {
			out[e.Event] = e
		}
		return out
	}
	if then, now := history("bob", "2022-03-02"), history("bob", ""); len(then) != 3 || len(now) != 4 ||
		!slices.Equal(then[leave].Effects.Vacated, []string{"cto"}) || !slices.Equal(now[leave].Effects.Vacated, []string{"cto", "lab"}) {
		t.Errorf("bob's history then: %+v\nnow: %+v", then, now)
	}
	if then, now := history("cto", "2022-04-02"), history("cto", ""); then[retitle].RetractedBy != 0 || now[retitle].RetractedBy == 0 {
		t.Errorf("the retitle as known before its retraction: %+v; now: %+v", then[retitle], now[retitle])
	}
	if _, err := l.History(ctx, "lab", ledger.HistoryOptions{KnownAt: at("2022-03-02", 23)}); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		t.Errorf("the history of a position recorded later, as known before: %v", err)
	}
	lg, err := l.Log(ctx, ledger.LogOptions{KnownAt: at("2022-04-02", 23)})
	if err != nil || len(lg.Events) != 8 || lg.Events[4].Event != retitle || lg.Events[4].RetractedBy != 0 || lg.Events[5].Event != leave {
		t.Fatalf("the log as known on 2022-04-02: %v, %+v", err, lg)
	}
	if ev := lg.Events[5]; !slices.Equal(ev.Effects.Vacated, []string{"cto", "lab"}) {
		t.Errorf("the leave in that log: %+v", ev)
	}
	lg, err = l.Log(ctx, ledger.LogOptions{KnownAt: at("2022-03-02", 23)})
	if err != nil || len(lg.Events) != 6 || !slices.Equal(lg.Events[5].Effects.Vacated, []string{"cto"}) {
		t.Errorf("the log as known on 2022-03-02: %v, %+v", err, lg)
	}
	if now, _ := l.Log(ctx, ledger.LogOptions{}); len(now.Events) != 9 || now.Events[4].RetractedBy == 0 {
		t.Errorf("the log now: %+v", now)
	}
}

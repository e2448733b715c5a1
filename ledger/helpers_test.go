package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"strings"
)

// fixedClock is a Clock that tells the time it is set to.
type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

// mustOpen returns a ledger on an empty memory store whose clock says 2022-05-01.
func mustOpen(tb testing.TB) (*ledger.Ledger, *fixedClock) {
	tb.Helper()
	clock := &fixedClock{t: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)}
	l, err := ledger.Open(context.Background(), memory.New(), clock)
	if err != nil {
		tb.Fatal(err)
	}
	return l, clock
}

// openOn returns a second ledger on store (the first's, or one wrapping it): another process.
func openOn(tb testing.TB, store orgledger.Store, clock orgledger.Clock) *ledger.Ledger {
	tb.Helper()
	l, err := ledger.Open(context.Background(), store, clock)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func date(s string) orgledger.Date {
	d, err := orgledger.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// apply applies changes effective on day, failing the test on refusal.
func apply(tb testing.TB, l *ledger.Ledger, day string, ops ...orgledger.Op) *ledger.Result {
	tb.Helper()
	res, err := l.Apply(context.Background(), changeset(day, ops...), ledger.ApplyOptions{Actor: "test"})
	if err != nil {
		tb.Fatalf("apply on %s: %v", day, err)
	}
	return res
}

// recordAt applies changes effective on day as recorded at a time, failing the test on
// refusal, and returns the seq of the first.
func recordAt(tb testing.TB, l *ledger.Ledger, recorded time.Time, day string, ops ...orgledger.Op) int64 {
	tb.Helper()
	cs := changeset(day, ops...)
	cs.Recorded = recorded
	res, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Commit.Events[0].Seq
}

// refuse applies changes that must be refused, and returns the problems.
func refuse(tb testing.TB, l *ledger.Ledger, day string, ops ...orgledger.Op) []orgledger.Problem {
	tb.Helper()
	head, _ := l.Head()
	_, err := l.Apply(context.Background(), changeset(day, ops...), ledger.ApplyOptions{Actor: "test"})
	if orgledger.ErrorCode(err) != orgledger.EINVALID {
		tb.Fatalf("apply on %s: want refusal, got %v", day, err)
	}
	if after, _ := l.Head(); after != head {
		tb.Fatalf("refused changeset moved the head from %d to %d", head, after)
	}
	return orgledger.ErrorProblems(err)
}

func changeset(day string, ops ...orgledger.Op) *orgledger.Changeset {
	cs := &orgledger.Changeset{File: "test.yaml", Effective: date(day)}
	for i, op := range ops {
		cs.Changes = append(cs.Changes, orgledger.Change{Op: op, Line: 10 + i})
	}
	return cs
}

// show returns what Show says of id on day, as known now.
func show(tb testing.TB, l *ledger.Ledger, id, day string) any {
	tb.Helper()
	v, err := l.Show(id, ledger.Query{At: date(day)})
	if err != nil {
		tb.Fatalf("show %s on %s: %v", id, day, err)
	}
	return v
}

func person(tb testing.TB, l *ledger.Ledger, id, day string) *orgledger.PersonInfo {
	tb.Helper()
	return show(tb, l, id, day).(*orgledger.PersonInfo)
}

func position(tb testing.TB, l *ledger.Ledger, id, day string) *orgledger.PositionInfo {
	tb.Helper()
	return show(tb, l, id, day).(*orgledger.PositionInfo)
}

func unit(tb testing.TB, l *ledger.Ledger, id, day string) *orgledger.UnitInfo {
	tb.Helper()
	return show(tb, l, id, day).(*orgledger.UnitInfo)
}

func ids(refs []orgledger.Ref) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

func holderIDs(hs []orgledger.Holder) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// base builds a small org on 2022-01-01: unit co with positions ceo and cto (cto reports to
// ceo), people ann (ceo) and bob (cto).
func base(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	l, _ := mustOpen(tb)
	apply(tb, l, "2022-01-01",
		&orgledger.CreateUnit{ID: "co", Name: "Company", Kind: "company"},
		&orgledger.CreatePosition{ID: "ceo", Title: "Chief Executive", Unit: "co"},
		&orgledger.CreatePosition{ID: "cto", Title: "Chief Technology Officer", Unit: "co", ReportsTo: "ceo"},
		&orgledger.Hire{ID: "ann", Name: "Ann"},
		&orgledger.Hire{ID: "bob", Name: "Bob"},
		&orgledger.Assign{Person: "ann", Position: "ceo"},
		&orgledger.Assign{Person: "bob", Position: "cto"},
	)
	return l
}

type ledgerQuery = ledger.Query

// wantReason fails unless one of the problems has a reason containing want.
func wantReason(tb testing.TB, ps []orgledger.Problem, want string) {
	tb.Helper()
	for _, p := range ps {
		if strings.Contains(p.Reason, want) {
			return
		}
	}
	tb.Errorf("no problem says %q; got %v", want, ps)
}

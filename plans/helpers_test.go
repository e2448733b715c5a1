package plans_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var (
	ctx     = context.Background()
	admin   = plans.Caller{Name: "root", Role: orgledger.RoleAdmin}
	ann     = plans.Caller{Name: "ann", Role: orgledger.RolePlanner}
	bob     = plans.Caller{Name: "bob", Role: orgledger.RolePlanner}
	viewer  = plans.Caller{Name: "vic", Role: orgledger.RoleViewer}
	clockAt = fixedClock{time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)}
)

func date(s string) orgledger.Date {
	d, err := orgledger.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// service returns plans on a ledger holding a small org on 2022-01-01: unit co with ceo (ann
// holds it) and cto (bob) under ceo, eng (vacant) under cto, and people ann, bob, cy (no
// position).
func service(tb testing.TB) *plans.Service {
	tb.Helper()
	return serviceOn(tb, memory.New())
}

// serviceOn is service with its ledger on store.
func serviceOn(tb testing.TB, store orgledger.Store) *plans.Service {
	tb.Helper()
	s := &plans.Service{Ledger: ledgerOn(tb, store), Store: memory.NewPlans(), Clock: clockAt}
	record(tb, s, "2022-01-01",
		&orgledger.CreateUnit{ID: "co", Name: "Company"},
		&orgledger.CreatePosition{ID: "ceo", Title: "CEO", Unit: "co"},
		&orgledger.CreatePosition{ID: "cto", Title: "CTO", Unit: "co", ReportsTo: "ceo"},
		&orgledger.CreatePosition{ID: "eng", Title: "Engineer", Unit: "co", ReportsTo: "cto"},
		&orgledger.SetHead{Unit: "co", Position: "ceo"},
		&orgledger.Hire{ID: "ann", Name: "Ann"}, &orgledger.Hire{ID: "bob", Name: "Bob"}, &orgledger.Hire{ID: "cy", Name: "Cy"},
		&orgledger.Assign{Person: "ann", Position: "ceo"}, &orgledger.Assign{Person: "bob", Position: "cto"},
	)
	return s
}

// ledgerOn opens a ledger on store at the tests' clock: a process's own ledger, on a store
// others may share.
func ledgerOn(tb testing.TB, store orgledger.Store) *ledger.Ledger {
	tb.Helper()
	l, err := ledger.Open(ctx, store, clockAt)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func changes(ops ...orgledger.Op) []orgledger.Change {
	out := make([]orgledger.Change, len(ops))
	for i, op := range ops {
		out[i] = orgledger.Change{Op: op}
	}
	return out
}

// record applies changes to the ledger directly, as an admin would outside any plan.
func record(tb testing.TB, s *plans.Service, day string, ops ...orgledger.Op) *orgledger.Commit {
	tb.Helper()
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date(day), Changes: changes(ops...)}, ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		tb.Fatal(err)
	}
	return res.Commit
}

func create(tb testing.TB, s *plans.Service, c plans.Caller, name, day string, ops ...orgledger.Op) {
	tb.Helper()
	if _, err := s.Create(ctx, c, name, date(day), changes(ops...)); err != nil {
		tb.Fatal(err)
	}
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := orgledger.ErrorCode(err); got != code {
		tb.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// warningsOf returns the warnings of the kind that plan check of the named plan gives c.
func warningsOf(tb testing.TB, s *plans.Service, c plans.Caller, name, kind string) []plans.Warning {
	tb.Helper()
	r, err := s.Check(ctx, c, name)
	if err != nil {
		tb.Fatal(err)
	}
	var out []plans.Warning
	for _, w := range r.Warnings {
		if w.Kind == kind {
			out = append(out, w)
		}
	}
	return out
}

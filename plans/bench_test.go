package plans_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
	"github.com/orgledger/orgledger/sqlite"
)

// reorgPlan builds a synthetic org (ORGLEDGER_BENCH_PEOPLE people, 2,000 by default; the
// figures in BENCHMARKS.md are at 100,000) and drafts a reorganization of changes changes on
// it: half of the positions it touches move under their manager's manager, the other half are
// retitled.
func reorgPlan(b *testing.B, changes int) *plans.Service {
	people := 2000
	if n, err := strconv.Atoi(os.Getenv("ORGLEDGER_BENCH_PEOPLE")); err == nil {
		people = n
	}
	clock := fixedClock{time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	l, err := ledger.Open(ctx, memory.New(), clock)
	if err != nil {
		b.Fatal(err)
	}
	if err := gen.Into(ctx, l, gen.Options{People: people, Years: 1, Seed: 1}, nil); err != nil {
		b.Fatal(err)
	}
	day := date("2025-01-15")
	nodes, err := l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Depth: -1})
	if err != nil {
		b.Fatal(err)
	}
	parent := map[string]string{}
	for _, n := range nodes {
		if n.ParentID != nil {
			parent[n.ID] = *n.ParentID
		}
	}
	var ops []orgledger.Change
	for _, n := range nodes {
		if len(ops) == changes {
			break
		}
		if gp := parent[parent[n.ID]]; gp != "" && len(ops)%2 == 0 {
			ops = append(ops, orgledger.Change{Op: &orgledger.Report{Position: n.ID, To: gp}})
		} else if len(ops)%2 == 1 {
			ops = append(ops, orgledger.Change{Op: &orgledger.Retitle{Position: n.ID, Title: n.Title + " (new)"}})
		}
	}
	s := &plans.Service{Ledger: l, Store: memory.NewPlans(), Clock: clock}
	if _, err := s.Create(ctx, admin, "reorg", day, ops); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d people, %d positions, %d changes", people, len(nodes), len(ops))
	return s
}

// BenchmarkPlanDiff5000 measures plan diff of a 5,000-change reorganization.
func BenchmarkPlanDiff5000(b *testing.B) {
	s := reorgPlan(b, 5000)
	for b.Loop() {
		if _, err := s.Diff(ctx, admin, "reorg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanCheck5000 measures plan check of a 5,000-change reorganization.
func BenchmarkPlanCheck5000(b *testing.B) {
	s := reorgPlan(b, 5000)
	for b.Loop() {
		if r, err := s.Check(ctx, admin, "reorg"); err != nil || !r.OK {
			b.Fatal(err, r)
		}
	}
}

// BenchmarkCheckBesideWaiting measures plan check of a 2,000-change reorganization (reorgPlan)
// beside another applied plan whose changes, one for each person, wait for a leaving: the
// check compares each of its changes with those that wait only where they claim one thing.
func BenchmarkCheckBesideWaiting(b *testing.B) {
	s := reorgPlan(b, 2000)
	people, err := s.Ledger.Chart(ledger.Query{At: date("2025-01-15")}, ledger.ChartOptions{Depth: -1})
	if err != nil {
		b.Fatal(err)
	}
	var later []orgledger.Change
	for _, n := range people {
		for _, h := range n.Holders {
			later = append(later, orgledger.Change{Op: &orgledger.UpdatePerson{Person: h.ID, Location: new("Elsewhere")}})
		}
	}
	for i := range later {
		later[i].When = &orgledger.When{Leaves: people[0].Holders[0].ID}
	}
	if _, err := s.Create(ctx, admin, "later", date("2025-01-15"), later[1:]); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "later"); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d changes waiting", len(later)-1)
	for b.Loop() {
		if r, err := s.Check(ctx, admin, "reorg"); err != nil || !r.OK {
			b.Fatal(err, r)
		}
	}
}

// BenchmarkViewInBusyUnit measures the view of an applied plan that opened a position in a
// unit where 20,000 more were opened since (an HRIS department imported as one unit, its
// hires each a position in it): the view reads the events that recorded the plan's changes.
func BenchmarkViewInBusyUnit(b *testing.B) {
	store, err := sqlite.OpenStore(ctx, filepath.Join(b.TempDir(), "org.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	s := serviceOn(b, store)
	create(b, s, admin, "lead", "2022-02-01",
		&orgledger.CreatePosition{ID: "lead", Title: "Lead", Unit: "co", ReportsTo: "ceo"},
		&orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	if _, err := s.Apply(ctx, admin, "lead"); err != nil {
		b.Fatal(err)
	}
	var ops []orgledger.Op
	for i := range 20000 {
		ops = append(ops, &orgledger.CreatePosition{ID: fmt.Sprintf("dev-%05d", i), Title: "Developer", Unit: "co", ReportsTo: "lead"})
	}
	record(b, s, "2022-03-01", ops...)
	p, err := s.Get(ctx, admin, "lead")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.View(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// amongDrafts returns plans on SQLite where 500 plans of 20 changes each are drafted.
func amongDrafts(b *testing.B) *plans.Service {
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "org.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s := serviceOn(b, sqlite.NewStore(db))
	s.Store = sqlite.NewPlanStore(db)
	var draft []orgledger.Change
	for i := range 20 {
		draft = append(draft, orgledger.Change{Op: &orgledger.Retitle{Position: "eng", Title: fmt.Sprintf("Engineer %d", i)}})
	}
	for i := range 500 {
		if _, err := s.Create(ctx, ann, fmt.Sprintf("draft-%03d", i), date("2022-07-01"), draft); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkCheckAmongDrafts measures plan check of a one-change plan among 500 drafted plans
// (amongDrafts): the check reads the plans pending (applied, with changes waiting for a
// leaving), not the drafts.
func BenchmarkCheckAmongDrafts(b *testing.B) {
	s := amongDrafts(b)
	create(b, s, bob, "mine", "2022-07-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	for b.Loop() {
		if r, err := s.Check(ctx, bob, "mine"); err != nil || !r.OK {
			b.Fatal(err, r)
		}
	}
}

// BenchmarkLeavingAmongDrafts measures what follows a commit recording a leaving among 500
// drafted plans (amongDrafts): the plans a leaving may release are read, not the drafts.
func BenchmarkLeavingAmongDrafts(b *testing.B) {
	s := amongDrafts(b)
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "cy"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := s.AfterCommit(ctx, res.Commit); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSettleAmongDrafts measures a settle among 500 drafted plans (amongDrafts) with
// nothing to settle: Settle (a server as it starts, a command once it has written) reads the
// plans applied, SettlePending (a running server every --settle-every) the plans pending;
// neither reads a draft.
func BenchmarkSettleAmongDrafts(b *testing.B) {
	s := amongDrafts(b)
	for name, settle := range map[string]func(context.Context, string) error{"settle": s.Settle, "pending": s.SettlePending} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := settle(ctx, "admin"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVisibilityAmongDrafts measures which plans a planner may see, among 500 drafted
// plans (amongDrafts): what every answer naming plans (the log, a history) and its ETag ask.
func BenchmarkVisibilityAmongDrafts(b *testing.B) {
	s := amongDrafts(b)
	for b.Loop() {
		if _, err := s.Visibility(ctx, bob); err != nil {
			b.Fatal(err)
		}
	}
}

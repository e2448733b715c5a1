package plans_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

func exampleFile(tb testing.TB, name string) *orgledger.Changeset {
	tb.Helper()
	path := "../examples/alibaba-cloud-2022/" + name
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	cs, err := changeset.Decode(path, data)
	if err != nil {
		tb.Fatal(err)
	}
	return cs
}

// TestAlibabaStoryAsPlan drafts the April 2022 reshuffle as a plan on the March baseline, with
// Huang Haiqing's appointment waiting for Ren Geng's leaving, shares, checks and applies it,
// and ends in the same org as the example's changesets.
func TestAlibabaStoryAsPlan(t *testing.T) {
	direct := openExample(t, "01-leadership-2022-03.yaml", "02-reshuffle-2022-04-12.yaml")
	s := &plans.Service{Ledger: openExample(t, "01-leadership-2022-03.yaml"), Store: memory.NewPlans(), Clock: clockAt}

	reshuffle := exampleFile(t, "02-reshuffle-2022-04-12.yaml")
	changes, err := plans.ChangesOf(reshuffle)
	if err != nil {
		t.Fatal(err)
	}
	for i, ch := range changes {
		if a, ok := ch.Op.(*orgledger.Assign); ok && a.Person == "huang-haiqing" && a.Position == "cloud-china-president" {
			changes[i].When = &orgledger.When{Leaves: "ren-geng"} // "will take over once Ren has departed"
		}
	}
	cai := plans.Caller{Name: "cai-office", Role: orgledger.RolePlanner}
	if _, err := s.Create(ctx, cai, "cloud-reshuffle", reshuffle.Effective, changes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Share(ctx, cai, "cloud-reshuffle", "hr-partner"); err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(ctx, plans.Caller{Name: "hr-partner", Role: orgledger.RolePlanner}, "cloud-reshuffle")
	if err != nil || !report.OK {
		t.Fatalf("check: %+v %v", report, err)
	}
	if !hasWarning(report, "vacancy", "sales-ecosystem-vp") {
		t.Errorf("check does not warn of the vacancy Guo Jijun leaves: %+v", report.Warnings)
	}
	applied, err := s.Apply(ctx, admin, "cloud-reshuffle")
	if err != nil {
		t.Fatal(err)
	}
	if len(applied.Waiting) != 0 || applied.Events != len(reshuffle.Changes) {
		t.Errorf("applied = %+v", applied)
	}
	for _, day := range []string{"2022-04-01", "2022-04-12", "2022-04-13"} {
		if a, b := snapshot(t, direct, day), snapshot(t, s.Ledger, day); a != b {
			t.Errorf("on %s the plan's org differs from the example's:\n%s\n%s", day, a, b)
		}
	}
}

func openExample(tb testing.TB, files ...string) *ledger.Ledger {
	tb.Helper()
	l := ledgerOn(tb, memory.New())
	for _, f := range files {
		if _, err := l.Apply(ctx, exampleFile(tb, f), ledger.ApplyOptions{Actor: "example"}); err != nil {
			tb.Fatal(err)
		}
	}
	return l
}

// snapshot is the chart and the people of a ledger on a day, as JSON.
func snapshot(tb testing.TB, l *ledger.Ledger, day string) string {
	tb.Helper()
	q := ledger.Query{At: date(day)}
	nodes, err := l.Chart(q, ledger.ChartOptions{Depth: -1})
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := json.Marshal(struct {
		Chart  []orgledger.ChartNode
		People []orgledger.Employee
		Units  []orgledger.UnitInfo
	}{nodes, l.Employees(q), l.Units(q)})
	return string(b)
}

func hasWarning(r *plans.Report, kind, subject string) bool {
	for _, w := range r.Warnings {
		if w.Kind == kind && w.Position+w.Person+w.Unit == subject {
			return true
		}
	}
	return false
}

package hris_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
)

// TestCorrectedExportTakesBackAPlansRelease: an export that lost di records di's leaving,
// which releases a plan's change (cy's position retitled); the corrected export of that date
// takes di's leaving back, and in the same commit the change it released, which waits again,
// as a retraction from a file or the API does (plans.Service.WithTakeBacks): no moment in
// which the change stands without the leaving it waited for.
func TestCorrectedExportTakesBackAPlansRelease(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, func(cy orgledger.HeldPosition) []orgledger.Op {
		return []orgledger.Op{&orgledger.Retitle{Position: cy.ID, Title: "Dev Lead and Dev"}}
	})
	admin := plans.Caller{Name: "root", Role: orgledger.RoleAdmin}
	imported := func(name, data string) *orgledger.Commit {
		res, err := hris.Import(ctx, l, readCSV(t, name, data), date("2024-02-29"), hris.ImportOptions{Actor: "test", WithTakeBacks: svc.WithTakeBacks})
		if err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
		if err := svc.AfterCommit(ctx, res.Commit); err != nil {
			t.Fatal(err)
		}
		return res.Commit
	}
	imported("feb-bad.csv", withoutDi)
	if p, _ := svc.Get(ctx, admin, "cover@ann"); len(p.Unreleased()) != 0 {
		t.Fatalf("di's leaving released nothing: %+v", p)
	}
	released, _ := l.Head()
	corrected := imported("feb.csv", fourPeople)
	if p, _ := svc.Get(ctx, admin, "cover@ann"); len(p.Unreleased()) != 1 {
		t.Errorf("the change di's leaving released does not wait again: %+v", p)
	}
	if head, _ := l.Head(); head != corrected.Events[len(corrected.Events)-1].Seq {
		t.Errorf("the take-back was recorded after the import's commit, as another: head %d", head)
	}
	took := false
	for _, e := range corrected.Events {
		if r, ok := e.Op.(*orgledger.Retract); ok && r.Event == released {
			took = true
		}
	}
	if !took {
		t.Errorf("the corrected import's commit does not take back the released change (event %d): %v", released, corrected.Events)
	}
}

// TestCorrectedExportWithoutAHireAPlanReleased: di's leaving, recorded by an export that lost
// her, released two changes of ann's plan: nu hired, and a position vp opened, which dee, hired
// by hand, holds from March. The corrected export lists di and not nu: the import takes back
// di's leaving and nu's hire with it, planned on the org without nu (not to record nu leaving,
// an unknown person once the hire is taken back), and keeps vp in force, which dee needs.
// (Found by a review: the import was refused with "unknown person nu".)
func TestCorrectedExportWithoutAHireAPlanReleased(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, func(cy orgledger.HeldPosition) []orgledger.Op {
		return []orgledger.Op{&orgledger.Hire{ID: "nu", Name: "Nu Ng"},
			&orgledger.CreatePosition{ID: "vp", Title: "VP", Unit: cy.Unit.ID, ReportsTo: cy.ID}}
	})
	imported := func(name, data string) error {
		res, err := hris.Import(ctx, l, readCSV(t, name, data), date("2024-02-29"), hris.ImportOptions{Actor: "test", WithTakeBacks: svc.WithTakeBacks})
		if err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
		return svc.AfterCommit(ctx, res.Commit)
	}
	if err := imported("feb-bad.csv", withoutDi); err != nil {
		t.Fatal(err)
	}
	hand := &orgledger.Changeset{Effective: date("2024-03-15"), Changes: []orgledger.Change{
		{Op: &orgledger.Hire{ID: "dee", Name: "Dee"}}, {Op: &orgledger.Assign{Person: "dee", Position: "vp"}}}}
	if _, err := l.Apply(ctx, hand, ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := imported("feb.csv", fourPeople); !strings.Contains(orgledger.ErrorMessage(err), "change 2 took effect when di left") ||
		!strings.Contains(orgledger.ErrorMessage(err), "stay in force") {
		t.Errorf("after the corrected export: %v, want a warning that change 2 (vp) stays in force", err)
	}
	if _, err := l.Show("nu", ledger.Query{At: date("2024-02-29")}); err == nil {
		t.Errorf("nu is known on 2024-02-29, after the corrected export took back the leaving that hired nu")
	}
	if _, err := l.Show("vp", ledger.Query{At: date("2024-02-29")}); err != nil {
		t.Errorf("vp, which dee holds later, was taken back: %v", err)
	}
}

// TestImportWhosePlansCannotBeRead: what an import takes back of plans cannot be worked out
// (the plans cannot be read): the import fails with that error, writing nothing, and does not
// panic on the changeset it was not given.
func TestImportWhosePlansCannotBeRead(t *testing.T) {
	l := openLedger(t)
	importFile(t, l, readCSV(t, "jan.csv", fourPeople), "2024-01-31", false)
	head, _ := l.Head()
	unreadable := errors.New("plans unreadable")
	_, err := hris.Import(context.Background(), l, readCSV(t, "feb.csv", fourPeople), date("2024-02-29"), hris.ImportOptions{Actor: "test",
		WithTakeBacks: func(context.Context, *orgledger.Changeset) (*orgledger.Changeset, []int, error) {
			return nil, nil, unreadable
		}})
	if !errors.Is(err, unreadable) {
		t.Errorf("the import: %v, want the plans' error", err)
	}
	if after, _ := l.Head(); after != head {
		t.Errorf("the import wrote events %d to %d", head+1, after)
	}
}

// TestLateExportUnderAReleasedHire: the March export, without di, records di's leaving, which
// hires nu for ann's plan; a late February export (one title changed) records March again on
// top of it, and the plan's hire with it, as the plan's: not as an import of nu, which would
// leave the plan's change waiting for good, its id taken. (Found by a review: planning the
// late export on the org without the release, as a corrected export's is, made nu's hire an
// imported event.)
func TestLateExportUnderAReleasedHire(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, hiresNu)
	admin := plans.Caller{Name: "root", Role: orgledger.RoleAdmin}
	imported := importsWithPlans(t, l, svc)
	imported("mar.csv", withoutDi, "2024-03-31")
	imported("feb.csv", strings.Replace(fourPeople, "Dev Lead", "Lead Developer", 1), "2024-02-29")
	if p, err := svc.Get(ctx, admin, "cover@ann"); err != nil || len(p.Unreleased()) != 0 {
		t.Errorf("the plan's hire waits after the late export: %v %+v", err, p)
	}
	if _, err := l.Show("nu", ledger.Query{At: date("2024-03-31")}); err != nil {
		t.Errorf("nu is not hired on 2024-03-31: %v", err)
	}
	h, err := l.History(ctx, "nu", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h.Events {
		if e.Verb == orgledger.VerbHire && e.RetractedBy == 0 && e.Plan == "" {
			t.Errorf("nu's hire in force is event %d, of no plan (commit %d)", e.Event, e.Commit)
		}
	}
}

// TestLateExportKeepsAReleasedHireStanding: the March export, without di, records di's
// leaving, which hires nu for ann's plan; a late February export (one title changed) records
// March again, di's leaving with it, on the same day: the hire it released stays in force, in
// the import's one commit, not taken back and hired again by the plan in a commit after it,
// between which the org on 2024-03-31 lacked nu and the import told "left nu". (Found by a
// review.)
func TestLateExportKeepsAReleasedHireStanding(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, hiresNu)
	imported := importsWithPlans(t, l, svc)
	imported("mar.csv", withoutDi, "2024-03-31")
	hired, _ := l.Head() // the plan's release of nu's hire, the last event
	before := exportAt(t, l, "2024-03-31")
	res, err := hris.Import(ctx, l, readCSV(t, "feb.csv", strings.Replace(fourPeople, "Dev Lead", "Lead Developer", 1)), date("2024-02-29"),
		hris.ImportOptions{Actor: "test", WithTakeBacks: svc.WithTakeBacks})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Commit.Events {
		if r, ok := e.Op.(*orgledger.Retract); ok && r.Event == hired {
			t.Errorf("the late export takes back nu's hire (event %d), which di's leaving recorded again on its day released", hired)
		}
	}
	if got := exportAt(t, l, "2024-03-31"); got != before {
		t.Errorf("after the late export's commit, the org on 2024-03-31 exports\n%s\nnot as before\n%s", got, before)
	}
	if err := svc.AfterCommit(ctx, res.Commit); err != nil {
		t.Error(err)
	}
	if head, _ := l.Head(); head != res.Commit.Events[len(res.Commit.Events)-1].Seq {
		t.Errorf("plans recorded events up to %d after the import's commit", head)
	}
	if p, err := svc.Get(ctx, plans.Caller{Name: "root", Role: orgledger.RoleAdmin}, "cover@ann"); err != nil || len(p.Unreleased()) != 0 {
		t.Errorf("the plan's hire waits after the late export: %v %+v", err, p)
	}
}

// TestCorrectedExportListingAHireAPlanReleased: di's leaving, recorded by an export that lost
// her, released ann's plan: nu hired into a new position under cy. The corrected export lists
// di, and nu too: the import takes back di's leaving and what it released, and records nu as
// the file has them, so that the org on the date is the file. (Found by a review: nu's hire
// was taken back with the leaving, and the import said nothing of the org left without nu.)
func TestCorrectedExportListingAHireAPlanReleased(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, func(cy orgledger.HeldPosition) []orgledger.Op {
		return []orgledger.Op{&orgledger.Hire{ID: "nu", Name: "Nu Ng", Location: "Berlin"},
			&orgledger.CreatePosition{ID: "pos-nu", Title: "Dev", Unit: cy.Unit.ID, ReportsTo: cy.ID},
			&orgledger.Assign{Person: "nu", Position: "pos-nu"}}
	})
	imported := func(name, data string) {
		t.Helper()
		res, err := hris.Import(ctx, l, readCSV(t, name, data), date("2024-02-29"), hris.ImportOptions{Actor: "test", WithTakeBacks: svc.WithTakeBacks})
		if err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
		svc.AfterCommit(ctx, res.Commit) // the plan's changes wait again: nothing to release
	}
	imported("feb-bad.csv", withoutDi)
	withNu := fourPeople + "nu,Nu Ng,Dev,cy,Eng,Berlin\n"
	imported("feb.csv", withNu)
	var got bytes.Buffer
	if err := hris.WriteCSV(&got, l.Employees(ledger.Query{At: date("2024-02-29")})); err != nil {
		t.Fatal(err)
	}
	want, err := hris.Read("feb.csv", []byte(withNu), hris.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.String(), "nu,Nu Ng,Dev,cy,Eng,Berlin") || len(l.Employees(ledger.Query{At: date("2024-02-29")})) != len(want.Rows) {
		t.Errorf("the org on 2024-02-29 after the corrected export is not the file:\n%s", got.String())
	}
}

// TestCorrectedExportInPlaceOfAReleasingImport: an export that lost di, and listed zz a month
// early, records di's leaving, which hires nu for ann's plan, and zz's hire. The corrected
// export of that date takes both back in place, as it would without the plan: zz's hire is
// taken back, not followed by zz leaving the same day, so that zz can be hired in March; and
// nu's hire, taken back with di's leaving, waits for it again, to be hired as the plan's when
// di leaves in April. (Found by a review: the plan's release counted as an event recorded by
// hand on the date, and the correction was planned on top: zz left, and could never be hired.)
func TestCorrectedExportInPlaceOfAReleasingImport(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, hiresNu)
	admin := plans.Caller{Name: "root", Role: orgledger.RoleAdmin}
	imported := importsWithPlans(t, l, svc)
	imported("feb-bad.csv", withoutDi+zzRow, "2024-02-29")
	imported("feb.csv", fourPeople, "2024-02-29")
	if got := exportAt(t, l, "2024-02-29"); got != fourPeople {
		t.Errorf("the org on 2024-02-29 exports\n%s\nnot the corrected file", got)
	}
	if h, err := l.History(ctx, "zz", ledger.HistoryOptions{}); err == nil {
		for _, e := range h.Events {
			if e.Verb == orgledger.VerbLeave && e.RetractedBy == 0 {
				t.Errorf("the corrected export recorded zz leaving (event %d) rather than taking the hire back", e.Event)
			}
		}
	}
	if p, err := svc.Get(ctx, admin, "cover@ann"); err != nil || len(p.Unreleased()) != 1 {
		t.Errorf("nu's hire does not wait again for di's leaving: %v %+v", err, p)
	}
	imported("mar.csv", fourPeople+zzRow, "2024-03-31")
	imported("apr.csv", withoutDi+zzRow, "2024-04-30")
	if p, err := svc.Get(ctx, admin, "cover@ann"); err != nil || len(p.Unreleased()) != 0 {
		t.Errorf("di's leaving in April did not release nu's hire: %v %+v", err, p)
	}
	h, err := l.History(ctx, "nu", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hired := false
	for _, e := range h.Events {
		if e.Verb == orgledger.VerbHire && e.RetractedBy == 0 {
			hired = e.Plan == "cover@ann" && e.Effective == date("2024-04-30")
		}
	}
	if !hired {
		t.Errorf("nu's hire in force is not the plan's, on 2024-04-30: %+v", h.Events)
	}
}

// TestCorrectedExportInPlaceKeepsWhatItRecordsAgain: the first export of the date, which lost
// di (releasing ann's plan) and listed zz early, also retitled bob; the corrected export keeps
// bob's new title. Recorded in place of the first, with the plan's release taken back, it
// leaves bob's retitling standing rather than taking it back and recording it again, as it
// would without the plan.
func TestCorrectedExportInPlaceKeepsWhatItRecordsAgain(t *testing.T) {
	ctx := context.Background()
	l, svc := januaryWithPlan(t, hiresNu)
	imported := func(name, data string) *orgledger.Commit {
		t.Helper()
		res, err := hris.Import(ctx, l, readCSV(t, name, data), date("2024-02-29"), hris.ImportOptions{Actor: "test", WithTakeBacks: svc.WithTakeBacks})
		if err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
		if err := svc.AfterCommit(ctx, res.Commit); err != nil {
			t.Errorf("after the import of %s: %v", name, err)
		}
		return res.Commit
	}
	director := strings.Replace(fourPeople, "Eng Manager", "Eng Director", 1)
	imported("feb-bad.csv", strings.Replace(director, "di,Di Fox,Dev,cy,Eng,Berlin\n", "", 1)+"zz,Zed Zee,Dev,cy,Eng,Berlin\n")
	corrected := imported("feb.csv", director)
	if got := exportAt(t, l, "2024-02-29"); got != director {
		t.Errorf("the org on 2024-02-29 exports\n%s\nnot the corrected file", got)
	}
	for _, e := range corrected.Events {
		if e.Op.Verb() == orgledger.VerbRetitle || e.Op.Verb() == orgledger.VerbLeave {
			t.Errorf("the corrected export recorded %s %v; it should keep bob's title and take zz's hire back", e.Op.Verb(), e.Op)
		}
	}
}

// januaryWithPlan opens a ledger holding the January export of fourPeople and ann's plan
// cover, applied: the changes changesFor makes of cy's position, each waiting for di's leaving.
func januaryWithPlan(t *testing.T, changesFor func(cy orgledger.HeldPosition) []orgledger.Op) (*ledger.Ledger, *plans.Service) {
	t.Helper()
	return januaryOfWithPlan(t, fourPeople, changesFor)
}

// januaryOfWithPlan is januaryWithPlan with jan, which lists di and cy, as January's export.
func januaryOfWithPlan(t *testing.T, jan string, changesFor func(cy orgledger.HeldPosition) []orgledger.Op) (*ledger.Ledger, *plans.Service) {
	t.Helper()
	ctx := context.Background()
	l := openLedger(t)
	svc := &plans.Service{Ledger: l, Store: memory.NewPlans(), Clock: l.Clock()}
	importFile(t, l, readCSV(t, "jan.csv", jan), "2024-01-31", false)
	info, err := l.Show("cy", ledger.Query{At: date("2024-01-31")})
	if err != nil {
		t.Fatal(err)
	}
	var chs []orgledger.Change
	for _, op := range changesFor(info.(*orgledger.PersonInfo).Positions[0]) {
		chs = append(chs, orgledger.Change{Op: op, When: &orgledger.When{Leaves: "di"}})
	}
	if _, err := svc.Create(ctx, plans.Caller{Name: "ann", Role: orgledger.RolePlanner}, "cover", date("2024-02-01"), chs); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Apply(ctx, plans.Caller{Name: "root", Role: orgledger.RoleAdmin}, "cover@ann"); err != nil {
		t.Fatal(err)
	}
	return l, svc
}

// importsWithPlans returns an import of a file as of a day into l, taking back what it must of
// svc's plans, knowing what they released (plans.Service.ReleasesOf), and releasing what it may
// after (plans.Service.AfterCommit), as the command line does, and returns its commit; a
// refused import ends the test.
func importsWithPlans(t *testing.T, l *ledger.Ledger, svc *plans.Service) func(name, data, day string) *orgledger.Commit {
	return func(name, data, day string) *orgledger.Commit {
		t.Helper()
		ctx := context.Background()
		res, err := hris.Import(ctx, l, readCSV(t, name, data), date(day), hris.ImportOptions{Actor: "test",
			WithTakeBacks: svc.WithTakeBacks, Released: svc.ReleasesOf})
		if err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
		if err := svc.AfterCommit(ctx, res.Commit); err != nil {
			t.Errorf("after the import of %s: %v", name, err)
		}
		return res.Commit
	}
}

// hiresNu is a plan's one change: nu hired.
func hiresNu(orgledger.HeldPosition) []orgledger.Op {
	return []orgledger.Op{&orgledger.Hire{ID: "nu", Name: "Nu Ng"}}
}

// zzRow lists zz, whom the first export of February lists a month early (withoutDi: di, whose
// leaving releases ann's plan cover, left out).
const zzRow = "zz,Zed Zee,Dev,cy,Eng,Berlin\n"

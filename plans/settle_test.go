package plans_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// TestSettleAfterAStoppedRelease: the process that recorded bob's leaving stopped before it
// released the change of an applied plan that waited for it. The next write, which records no
// leaving, releases it.
func TestSettleAfterAStoppedRelease(t *testing.T) {
	s := appliedSuccession(t)
	leave := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})}
	if _, err := s.Ledger.Apply(ctx, leave, ledger.ApplyOptions{Actor: "hr-system"}); err != nil { // and stops
		t.Fatal(err)
	}
	record(t, s, "2022-08-02", &orgledger.Hire{ID: "dee", Name: "Dee"})
	if p, _ := s.Get(ctx, admin, "p"); len(p.Waiting) != 0 || len(p.Releasing) != 0 {
		t.Errorf("the plan still waits on changes %v (claims %v)", p.Waiting, p.Releasing)
	}
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "cy" {
		t.Errorf("cto on 2022-08-01 is held by %q, want cy, by the plan", holder)
	}
}

// TestSettleAfterAStoppedReleaseAndAShare: a write to the plan after the leaving (a share)
// does not keep the next write from releasing what the stopped process left. (Found by a
// review of the first Settle, which released only leavings recorded after the plan's last
// write.)
func TestSettleAfterAStoppedReleaseAndAShare(t *testing.T) {
	s := appliedSuccession(t)
	leave := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})}
	if _, err := s.Ledger.Apply(ctx, leave, ledger.ApplyOptions{Actor: "hr-system"}); err != nil { // and stops
		t.Fatal(err)
	}
	if p, err := s.Get(ctx, admin, "p"); err != nil || len(p.Waiting) != 1 {
		t.Fatalf("the plan before the next write: %+v %v", p, err)
	}
	if v := s.View(mustGet(t, s, "p")); !v.Changes[0].LeavingRecorded {
		t.Errorf("the change left waiting is not shown with its leaving recorded: %+v", v.Changes[0])
	}
	if _, err := s.Share(ctx, admin, "p", "bob"); err != nil {
		t.Fatal(err)
	}
	record(t, s, "2022-08-02", &orgledger.Hire{ID: "dee", Name: "Dee"})
	if holder := holderOf(t, s, "cto", "2022-08-01"); holder != "cy" {
		t.Errorf("cto on 2022-08-01 is held by %q, want cy, by the plan", holder)
	}
}

func mustGet(t *testing.T, s *plans.Service, name string) *orgledger.Plan {
	t.Helper()
	p, err := s.Get(ctx, admin, name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSettleLeavesARefusedReleaseWaiting: a release the ledger refused (cy left before bob)
// waits for the next leaving; writes that record none do not try it again, nor warn of it.
func TestSettleLeavesARefusedReleaseWaiting(t *testing.T) {
	s := appliedSuccession(t)
	record(t, s, "2022-07-01", &orgledger.Leave{Person: "cy"})
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("the refused release: %v", err)
	}
	res, err = s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-02"), Changes: changes(&orgledger.Hire{ID: "dee", Name: "Dee"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		t.Errorf("a write after the refused release: %v", err)
	}
	if p, _ := s.Get(ctx, admin, "p"); len(p.Waiting) != 1 {
		t.Errorf("the plan waits on %v, want the refused change", p.Waiting)
	}
}

// appliedSuccession returns plans with plan p applied: cy takes cto
// once bob leaves.
func appliedSuccession(t *testing.T) *plans.Service {
	t.Helper()
	s := service(t)
	forBob := orgledger.Change{Op: &orgledger.Assign{Person: "cy", Position: "cto"}, When: &orgledger.When{Leaves: "bob"}}
	if _, err := s.Create(ctx, ann, "p", date("2022-09-01"), []orgledger.Change{forBob}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	return s
}

// holderOf returns who holds a position on a day, "" for nobody.
func holderOf(t *testing.T, s *plans.Service, position, day string) string {
	t.Helper()
	info, err := s.Ledger.Show(position, ledger.Query{At: date(day)})
	if err != nil {
		t.Fatal(err)
	}
	if hs := info.(*orgledger.PositionInfo).Holders; len(hs) > 0 {
		return hs[0].ID
	}
	return ""
}

// TestSettleAfterAStoppedTakeBack: bob's leaving released the plan's change, then was
// retracted by a process that stopped before taking the change back. The next write takes it
// back, and the change waits again.
func TestSettleAfterAStoppedTakeBack(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "CTO (interim)")
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	wantUnreleased(t, s)
	retract := &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(
		&orgledger.Retract{Event: res.Events[0].Seq, Reason: "recorded by mistake"})}
	if _, err := s.Ledger.Apply(ctx, retract, ledger.ApplyOptions{Actor: "hr-system"}); err != nil { // and stops
		t.Fatal(err)
	}
	record(t, s, "2022-08-02", &orgledger.Hire{ID: "zoe", Name: "Zoe"})
	wantUnreleased(t, s, 2)
	info, err := s.Ledger.Show("cto", ledger.Query{At: date("2022-08-15")})
	if err != nil {
		t.Fatal(err)
	}
	if title := info.(*orgledger.PositionInfo).Title; title != "CTO" {
		t.Errorf("cto after the write: %q, want the released change taken back", title)
	}
}

// TestSettleLeavesARefusedTakeBackInForce: the change bob's leaving released opened a
// position that someone was assigned to since; when the leaving is retracted the ledger
// refuses to take the change back, and says so once; later writes leave it in force quietly.
func TestSettleLeavesARefusedTakeBackInForce(t *testing.T) {
	s := service(t)
	opens := changes(&orgledger.CreatePosition{ID: "lead", Title: "Lead", Unit: "co"})
	opens[0].When = &orgledger.When{Leaves: "bob"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), opens); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	left := record(t, s, "2022-08-01", &orgledger.Leave{Person: "bob"})
	record(t, s, "2022-09-01", &orgledger.Assign{Person: "cy", Position: "lead"})
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(
		&orgledger.Retract{Event: left.Events[0].Seq, Reason: "recorded by mistake"})}, ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err == nil || !strings.Contains(err.Error(), "taking them back was refused") {
		t.Fatalf("the retraction's AfterCommit: %v", err)
	}
	res, err = s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-10-01"), Changes: changes(&orgledger.Hire{ID: "zoe", Name: "Zoe"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		t.Errorf("a later write: %v", err)
	}
	if holder := holderOf(t, s, "lead", "2022-09-15"); holder != "cy" {
		t.Errorf("lead on 2022-09-15 is held by %q, want cy: the change stays in force", holder)
	}
}

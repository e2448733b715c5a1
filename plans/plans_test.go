package plans_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// TestPrivacy checks that a plan is visible to its owner, the names it is shared with and
// admins, and does not exist for anyone else, through every operation.
func TestPrivacy(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	for _, tc := range []struct {
		name string
		call func(plans.Caller) error
	}{
		{"get", func(c plans.Caller) error { _, err := s.Get(ctx, c, "reorg"); return err }},
		{"diff", func(c plans.Caller) error { _, err := s.Diff(ctx, c, "reorg"); return err }},
		{"check", func(c plans.Caller) error { _, err := s.Check(ctx, c, "reorg"); return err }},
		{"impact", func(c plans.Caller) error { _, err := s.Impact(ctx, c, "reorg"); return err }},
		{"add", func(c plans.Caller) error { _, err := s.Add(ctx, c, "reorg", nil); return err }},
		{"share", func(c plans.Caller) error { _, err := s.Share(ctx, c, "reorg", "dee"); return err }},
		{"unshare", func(c plans.Caller) error { _, err := s.Unshare(ctx, c, "reorg", "dee"); return err }},
		{"drop", func(c plans.Caller) error { return s.Drop(ctx, c, "reorg") }},
		{"apply", func(c plans.Caller) error { _, err := s.Apply(ctx, c, "reorg"); return err }},
	} {
		for _, c := range []plans.Caller{bob, viewer} {
			wantCode(t, tc.call(c), orgledger.ENOTFOUND)
		}
	}
	if list, _ := s.List(ctx, bob); len(list) != 0 {
		t.Errorf("bob lists %d plans", len(list))
	}
	if list, _ := s.List(ctx, admin); len(list) != 1 {
		t.Errorf("an admin lists %d plans", len(list))
	}
	if _, err := s.Share(ctx, ann, "reorg", "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Diff(ctx, bob, "reorg"); err != nil {
		t.Errorf("bob cannot diff the plan shared with him: %v", err)
	}
	wantCode(t, s.Drop(ctx, bob, "reorg"), orgledger.EFORBIDDEN)
	_, err := s.Apply(ctx, ann, "reorg")
	wantCode(t, err, orgledger.EFORBIDDEN)
	if _, err := s.Create(ctx, viewer, "mine", date("2022-07-01"), nil); orgledger.ErrorCode(err) != orgledger.EFORBIDDEN {
		t.Errorf("a viewer made a plan: %v", err)
	}
	if ws, _ := s.WaitingFor(ctx, viewer, "cy"); ws != nil {
		t.Errorf("a viewer sees waiting changes")
	}
	// A viewer is answered before any plan is read: the time an answer takes tells nothing of
	// whether a plan of the name exists, or how many there are.
	s.Store = unread{t: t, PlanStore: s.Store}
	for _, name := range []string{"reorg", "none"} {
		_, err := s.Get(ctx, viewer, name)
		wantCode(t, err, orgledger.ENOTFOUND)
	}
	if list, err := s.List(ctx, viewer); err != nil || list == nil || len(list) != 0 {
		t.Errorf("a viewer lists %v, %v", list, err)
	}
}

// unread is a plan store that no read may reach.
type unread struct {
	orgledger.PlanStore
	t *testing.T
}

func (u unread) PlansNamed(ctx context.Context, name string) ([]*orgledger.Plan, error) {
	u.t.Errorf("the plans named %s were read", name)
	return u.PlanStore.PlansNamed(ctx, name)
}

func (u unread) PlanOwned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	u.t.Errorf("the plan %s@%s was read", name, owner)
	return u.PlanStore.PlanOwned(ctx, name, owner)
}

func (u unread) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	u.t.Error("every plan was read")
	return u.PlanStore.Plans(ctx)
}

func (u unread) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	u.t.Error("the pending plans were read")
	return u.PlanStore.PendingPlans(ctx)
}

func (u unread) AppliedPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	u.t.Error("the applied plans were read")
	return u.PlanStore.AppliedPlans(ctx)
}

func (u unread) PlanHeads(ctx context.Context) ([]*orgledger.Plan, error) {
	u.t.Error("the heads of every plan were read")
	return u.PlanStore.PlanHeads(ctx)
}

// TestDiffAndApply checks that a plan is invisible to the ledger until applied, and then
// recorded with its name.
func TestDiffAndApply(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	d, err := s.Diff(ctx, ann, "reorg")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range d.Changes {
		kinds = append(kinds, string(c.Kind)+" "+c.Person+c.Position)
	}
	if got := strings.Join(kinds, ", "); got != "position cy, title cy, unit cy, manager cy, position-filled eng" {
		t.Errorf("diff = %s", got)
	}
	if _, err := s.Ledger.Show("eng", ledger.Query{At: date("2022-07-01")}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Ledger.Show("eng", ledger.Query{At: date("2022-07-01")}); !v.(*orgledger.PositionInfo).Vacant {
		t.Errorf("the draft shows in the ledger")
	}
	applied, err := s.Apply(ctx, admin, "reorg")
	if err != nil {
		t.Fatal(err)
	}
	if applied.Events != 1 || applied.Commit.Events[0].Plan != "reorg@ann" || applied.Plan.Status != orgledger.PlanApplied {
		t.Errorf("applied = %+v", applied)
	}
	if _, err := s.Apply(ctx, admin, "reorg"); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Errorf("a plan applied twice: %v", err)
	}
}

// TestClashes checks each kind of clash with changes recorded since the plan was drafted: check
// names it as an error, and apply refuses the plan for it.
func TestClashes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		plan   []orgledger.Op
		since  []orgledger.Op
		reason string
	}{
		{"same position filled differently",
			[]orgledger.Op{&orgledger.Assign{Person: "cy", Position: "eng"}},
			[]orgledger.Op{&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "dee", Position: "eng"}},
			"position eng: holders: event"},
		{"same person moved elsewhere",
			[]orgledger.Op{&orgledger.Unassign{Person: "bob", Position: "cto"}, &orgledger.Assign{Person: "bob", Position: "eng"}},
			[]orgledger.Op{&orgledger.Unassign{Person: "bob", Position: "cto"}, &orgledger.Assign{Person: "bob", Position: "ceo", Share: true}},
			"person bob: positions: event"},
		{"something it relies on closed",
			[]orgledger.Op{&orgledger.Assign{Person: "cy", Position: "eng"}},
			[]orgledger.Op{&orgledger.ClosePosition{Position: "eng"}},
			"position eng is not open"},
		{"a cycle only the two together make",
			[]orgledger.Op{&orgledger.Report{Position: "a", To: "b"}},
			[]orgledger.Op{&orgledger.Report{Position: "b", To: "a"}},
			"would make a cycle"},
		// A merge moves whatever is in the units it closes: what was put in one since the plan
		// was drafted would move unseen. (Found by a planner's review.)
		{"a position put in a unit it merges",
			[]orgledger.Op{&orgledger.MergeUnits{Units: []string{"lab"}, Into: "co"}},
			[]orgledger.Op{&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "lab", ReportsTo: "ceo"}},
			"unit lab: what is in it: event"},
		{"a position moved into a unit it merges",
			[]orgledger.Op{&orgledger.MergeUnits{Units: []string{"lab"}, Into: "co"}},
			[]orgledger.Op{&orgledger.MovePosition{Position: "a", Unit: "lab"}},
			"unit lab: what is in it: event"},
		{"a unit put under a unit it merges",
			[]orgledger.Op{&orgledger.MergeUnits{Units: []string{"lab"}, Into: "co"}},
			[]orgledger.Op{&orgledger.CreateUnit{ID: "sub", Name: "Sub", Parent: "lab"}},
			"unit lab: what is in it: event"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := service(t)
			record(t, s, "2022-01-01", &orgledger.CreatePosition{ID: "a", Title: "A", Unit: "co", ReportsTo: "ceo"},
				&orgledger.CreatePosition{ID: "b", Title: "B", Unit: "co", ReportsTo: "ceo"},
				&orgledger.CreateUnit{ID: "lab", Name: "Lab", Parent: "co"})
			create(t, s, ann, "reorg", "2022-07-01", tc.plan...)
			record(t, s, "2022-06-15", tc.since...)
			report, err := s.Check(ctx, ann, "reorg")
			if err != nil || report.OK || !strings.Contains(fmt.Sprint(report.Errors), tc.reason) {
				t.Errorf("check: %+v %v, want an error saying %q", report, err, tc.reason)
			}
			_, err = s.Apply(ctx, admin, "reorg")
			wantCode(t, err, orgledger.ECONFLICT)
			if !strings.Contains(orgledger.ErrorMessage(err), tc.reason) {
				t.Errorf("refusal does not say %q:\n%s", tc.reason, orgledger.ErrorMessage(err))
			}
			if p, _ := s.Get(ctx, admin, "reorg"); p.Status != orgledger.PlanDraft {
				t.Errorf("a refused plan is %s", p.Status)
			}
		})
	}
}

// TestChangedOnALaterDayIsNoClash: an event recorded since the draft that changes what the
// plan changes from a later day than the plan's does not clash, as the plan's change does not
// set it back: check warns of it and apply records the plan, whose title then holds until the
// event's day. On the plan's own day it clashes, and so does another plan's change from a
// later day, as two plans that change one thing differently do. (Reported by QA in an earlier session: a retitle by
// hand three months later kept the plan from applying.)
func TestChangedOnALaterDayIsNoClash(t *testing.T) {
	for _, tc := range []struct {
		name, hand  string
		clash, plan bool
	}{
		{"by hand, later", "2022-10-01", false, false},
		{"by hand, on its day", "2022-07-01", true, false},
		{"by another plan, later", "2022-10-01", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := service(t)
			create(t, s, ann, "retitle", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Software Engineer"})
			var hand int64
			if tc.plan {
				create(t, s, bob, "later", tc.hand, &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"})
				if _, err := s.Apply(ctx, admin, "later@bob"); err != nil {
					t.Fatal(err)
				}
			} else {
				hand = record(t, s, tc.hand, &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"}).Events[0].Seq
			}
			report, err := s.Check(ctx, ann, "retitle")
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Apply(ctx, admin, "retitle")
			if tc.clash {
				wantCode(t, err, orgledger.ECONFLICT)
				if report.OK || !strings.Contains(fmt.Sprint(report.Errors), "position eng: title: event") {
					t.Errorf("check: %+v", report)
				}
				return
			}
			want := fmt.Sprintf("change 1: position eng: title: event %d (position eng is retitled Staff Engineer, effective 2022-10-01), recorded since the plan was drafted by hr-system at", hand)
			if !report.OK || !slices.ContainsFunc(report.Warnings, func(w plans.Warning) bool {
				return w.Kind == "changed-later" && w.Change == 1 && strings.HasPrefix(w.Message, want) && strings.HasSuffix(w.Message, "from a later day than the change's (2022-07-01): applied, the plan's change holds until then")
			}) {
				t.Errorf("check: %+v, want OK with a changed-later warning", report)
			}
			if err != nil {
				t.Fatalf("apply: %v", err)
			}
			for day, title := range map[string]string{"2022-08-01": "Software Engineer", "2022-10-01": "Staff Engineer"} {
				info, err := s.Ledger.Show("eng", ledger.Query{At: date(day)})
				if err != nil || info.(*orgledger.PositionInfo).Title != title {
					t.Errorf("eng on %s: %+v %v, want %s", day, info, err, title)
				}
			}
		})
	}
}

// TestALaterChangeTakenBackIsNoClash: a retraction recorded since the draft of a change by hand
// from a later day than the plan's is no clash either; check says that the plan's change then
// holds on through that day. (Found by a review: it said the plan's change held until then.)
func TestALaterChangeTakenBackIsNoClash(t *testing.T) {
	s := service(t)
	later := record(t, s, "2022-10-01", &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"}).Events[0].Seq
	create(t, s, ann, "retitle", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Software Engineer"})
	record(t, s, "2022-06-15", &orgledger.Retract{Event: later, Reason: "entered by mistake"})
	report, err := s.Check(ctx, ann, "retitle")
	if err != nil || !report.OK || !slices.ContainsFunc(report.Warnings, func(w plans.Warning) bool {
		return w.Kind == "changed-later" && strings.Contains(w.Message, "takes back a change of it from a later day than the change's (2022-07-01): applied, the plan's change holds on through that day")
	}) {
		t.Errorf("check: %+v %v", report, err)
	}
}

// TestPersonFieldsClashOneByOne: an update of a person clashes with one recorded since the
// draft only on a field both set, to different values: a location recorded by hand (or by an
// HRIS import) does not keep a plan that sets the email from applying. (Found by QA: any two
// updates of one person clashed, whatever their fields.)
func TestPersonFieldsClashOneByOne(t *testing.T) {
	text := func(s string) *string { return &s }
	for _, tc := range []struct {
		name        string
		plan, since *orgledger.UpdatePerson
		clash       string
	}{
		{"another field", &orgledger.UpdatePerson{Person: "cy", Email: text("cy@example.com")},
			&orgledger.UpdatePerson{Person: "cy", Location: text("Paris")}, ""},
		{"another attribute", &orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"cost_center": "42"}},
			&orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"grade": "7"}}, ""},
		{"the same value", &orgledger.UpdatePerson{Person: "cy", Name: text("Cy Young"), Email: text("cy@example.com")},
			&orgledger.UpdatePerson{Person: "cy", Name: text("Cy Young")}, ""},
		{"the same field", &orgledger.UpdatePerson{Person: "cy", Name: text("Cy Young"), Email: text("cy@example.com")},
			&orgledger.UpdatePerson{Person: "cy", Name: text("Cy Young"), Email: text("young@example.com")}, "person cy: email: event"},
		{"the same attribute", &orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"grade": "6"}},
			&orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"grade": "7"}}, "person cy: attrs.grade: event"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := service(t)
			create(t, s, ann, "contact", "2022-07-01", tc.plan)
			record(t, s, "2022-06-15", tc.since)
			report, err := s.Check(ctx, ann, "contact")
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Apply(ctx, admin, "contact")
			if tc.clash == "" {
				if !report.OK || err != nil {
					t.Errorf("check %+v, apply %v: want no clash", report, err)
				}
				return
			}
			wantCode(t, err, orgledger.ECONFLICT)
			if report.OK || !strings.Contains(fmt.Sprint(report.Errors), tc.clash) {
				t.Errorf("check: %+v, want an error saying %q", report, tc.clash)
			}
		})
	}
}

// TestTwoPlansClash checks that the second of two plans that fill one position differently is
// refused, naming the first.
func TestTwoPlansClash(t *testing.T) {
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	create(t, s, ann, "first", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	create(t, s, bob, "second", "2022-07-01", &orgledger.Assign{Person: "dee", Position: "eng"})
	if _, err := s.Apply(ctx, admin, "first"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, admin, "second")
	wantCode(t, err, orgledger.ECONFLICT)
	if !strings.Contains(orgledger.ErrorMessage(err), "by plan first@ann") {
		t.Errorf("refusal does not name the first plan:\n%s", orgledger.ErrorMessage(err))
	}
}

// TestTwoPlansMakingTheSameChangeAgree: two plans drafted on one base that retitle cto alike,
// as a change recorded by hand since may, agree: the second applies after the first, as a
// retitle to another title would not. (Found by QA: refused as a clash, where the same two
// plans waiting for a leaving both applied.)
func TestTwoPlansMakingTheSameChangeAgree(t *testing.T) {
	s := service(t)
	create(t, s, ann, "first", "2022-07-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	create(t, s, bob, "second", "2022-07-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	create(t, s, bob, "third", "2022-07-01", &orgledger.Retitle{Position: "cto", Title: "Technology Chief"})
	if _, err := s.Apply(ctx, admin, "first"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "second@bob"); err != nil {
		t.Errorf("the same retitle in a second plan: %v", err)
	}
	_, err := s.Apply(ctx, admin, "third@bob")
	wantCode(t, err, orgledger.ECONFLICT)
}

// TestMergeClashesWithWhatARetractionPutBack: a retraction since the draft puts position x
// back in lab, where no event since names it as put in; merging lab would move it unseen, so
// the plan clashes, and the clash says what lab holds now and held then. (Found by a review.)
func TestMergeClashesWithWhatARetractionPutBack(t *testing.T) {
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.CreateUnit{ID: "lab", Name: "Lab", Parent: "co"},
		&orgledger.CreateUnit{ID: "ops", Name: "Ops", Parent: "co"},
		&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "lab", ReportsTo: "ceo"})
	moved := record(t, s, "2022-02-01", &orgledger.MovePosition{Position: "x", Unit: "ops"}).Events[0].Seq
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.MergeUnits{Units: []string{"lab"}, Into: "co"})
	record(t, s, "2022-06-15", &orgledger.Retract{Event: moved, Reason: "x stayed in lab"})
	report, err := s.Check(ctx, ann, "reorg")
	if err != nil || report.OK || !strings.Contains(fmt.Sprint(report.Errors), "unit lab: what is in it on 2022-07-01 changed since the plan was drafted (position x, where it held nothing)") {
		t.Errorf("check: %+v %v", report, err)
	}
	_, err = s.Apply(ctx, admin, "reorg")
	wantCode(t, err, orgledger.ECONFLICT)
	if p, _ := s.Get(ctx, admin, "reorg"); p.Status != orgledger.PlanDraft {
		t.Errorf("a refused plan is %s", p.Status)
	}
}

// TestRetractionSinceDraftingClashes: a retraction recorded since the plan was drafted changes
// back what the event it retracts changed; a plan that changes the same thing clashes with it,
// as with a change recorded by hand. (Found by a planners' review: the plan applied over it.)
func TestRetractionSinceDraftingClashes(t *testing.T) {
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.CreatePosition{ID: "ops", Title: "Ops", Unit: "co", ReportsTo: "ceo"})
	moved := record(t, s, "2022-02-01", &orgledger.Report{Position: "eng", To: "ops"}).Events[0].Seq
	create(t, s, ann, "reline", "2022-07-01", &orgledger.Report{Position: "eng", To: "ceo"})
	record(t, s, "2022-06-15", &orgledger.Retract{Event: moved, Reason: "eng never moved"})
	_, err := s.Apply(ctx, admin, "reline")
	wantCode(t, err, orgledger.ECONFLICT)
	if !strings.Contains(orgledger.ErrorMessage(err)+fmt.Sprint(orgledger.ErrorProblems(err)), "is retracted") {
		t.Errorf("the clash: %v %+v", err, orgledger.ErrorProblems(err))
	}
}

// TestRebase checks that changes recorded since the plan was drafted that touch nothing it
// changes let it apply.
func TestRebase(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"},
		&orgledger.Retitle{Position: "eng", Title: "Software Engineer"})
	create(t, s, bob, "grow", "2022-07-01", &orgledger.CreatePosition{ID: "qa", Title: "QA", Unit: "co", ReportsTo: "cto"})
	record(t, s, "2022-06-15", &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.CreatePosition{ID: "ops", Title: "Ops", Unit: "co", ReportsTo: "cto"},
		&orgledger.Assign{Person: "dee", Position: "ops"}, &orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})
	applied, err := s.Apply(ctx, admin, "reorg")
	if err != nil {
		t.Fatalf("a plan over unrelated changes was refused: %v", err)
	}
	// A position put in a unit does not clash with another put in it since.
	if _, err := s.Apply(ctx, admin, "grow"); err != nil {
		t.Fatalf("a plan that opens a position in a unit another was opened in since: %v", err)
	}
	if applied.Events != 2 {
		t.Errorf("recorded %d events", applied.Events)
	}
}

// TestViewerNeverSeesAPlan checks that sharing a plan with a viewer's name shows it nothing,
// where the service does not know the name as a token's.
func TestViewerNeverSeesAPlan(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	if _, err := s.Share(ctx, ann, "reorg", viewer.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, viewer, "reorg"); orgledger.ErrorCode(err) != orgledger.ENOTFOUND {
		t.Errorf("a viewer sees the plan shared with their name: %v", err)
	}
	if list, _ := s.List(ctx, viewer); len(list) != 0 {
		t.Errorf("a viewer lists %d plans", len(list))
	}
}

// TestShareWithAViewerIsRefused checks that where the service knows the tokens, a share with
// a viewer's token is refused and leaves the plan as it was, and so is one with a name no valid
// token has (a misspelt share would give the plan to whoever is later given that name), while
// a planner's and an admin's tokens are shared with. A planner is told the same of every name
// refused, a plan owner's without a token too, so that sharing tells them nothing of the tokens
// and plans they may not see; an admin is told why, and may share with the owner of a plan (a
// local user's --owner name).
func TestShareWithAViewerIsRefused(t *testing.T) {
	s := service(t)
	s.Tokens = tokenRoles{viewer.Name: orgledger.RoleViewer, "pat": orgledger.RolePlanner, "ada": orgledger.RoleAdmin}
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	create(t, s, bob, "bobs", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	for _, name := range []string{viewer.Name, "later", bob.Name} {
		_, err := s.Share(ctx, ann, "reorg", name)
		if says := name + " is not the name of a planner's or an admin's token"; orgledger.ErrorCode(err) != orgledger.EINVALID || !strings.HasPrefix(orgledger.ErrorMessage(err), says) {
			t.Errorf("a planner's share with %s: %v, want it refused, saying %q", name, err, says)
		}
	}
	for name, says := range map[string]string{viewer.Name: "is a viewer's", "later": "no valid token is named later"} {
		_, err := s.Share(ctx, admin, "reorg@ann", name)
		if orgledger.ErrorCode(err) != orgledger.EINVALID || !strings.Contains(orgledger.ErrorMessage(err), says) {
			t.Errorf("an admin's share with %s: %v, want it refused, saying %q", name, err, says)
		}
	}
	for _, name := range []string{"pat", "ada"} {
		if _, err := s.Share(ctx, ann, "reorg", name); err != nil {
			t.Errorf("a share with %s: %v", name, err)
		}
	}
	if _, err := s.Share(ctx, admin, "reorg@ann", bob.Name); err != nil {
		t.Errorf("an admin's share with a plan's owner: %v", err)
	}
	p, err := s.Get(ctx, ann, "reorg")
	if want := []string{"ada", bob.Name, "pat"}; err != nil || !slices.Equal(p.Shared, want) {
		t.Errorf("shared with %v (%v), want %v", p.Shared, err, want)
	}
}

// TestUnshare checks that a share taken back hides the plan from that name again, keeping what
// its holder added; that only the owner and admins may take one back; and that a name the plan
// is not shared with is refused, naming those it is.
func TestUnshare(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	for _, name := range []string{"bob", "dee"} {
		if _, err := s.Share(ctx, ann, "reorg", name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Add(ctx, bob, "reorg", changes(&orgledger.Retitle{Position: "cto", Title: "Chief Technology Officer"})); err != nil {
		t.Fatal(err)
	}
	_, err := s.Unshare(ctx, bob, "reorg", "bob")
	wantCode(t, err, orgledger.EFORBIDDEN)
	p, err := s.Unshare(ctx, ann, "reorg", "bob")
	if err != nil || !slices.Equal(p.Shared, []string{"dee"}) {
		t.Fatalf("unshared: %v, shared with %v", err, p.Shared)
	}
	_, err = s.Get(ctx, bob, "reorg")
	wantCode(t, err, orgledger.ENOTFOUND)
	if list, _ := s.List(ctx, bob); len(list) != 0 {
		t.Errorf("bob lists %d plans after the share was taken back", len(list))
	}
	if p, err := s.Get(ctx, ann, "reorg"); err != nil || len(p.Changes) != 2 || !slices.Equal(p.Shared, []string{"dee"}) {
		t.Errorf("the plan after the unshare: %v, %d changes, shared with %v", err, len(p.Changes), p.Shared)
	}
	_, err = s.Unshare(ctx, ann, "reorg", "bbo")
	if says := "plan reorg is not shared with bbo; it is shared with dee"; orgledger.ErrorCode(err) != orgledger.EINVALID || orgledger.ErrorMessage(err) != says {
		t.Errorf("a misspelt unshare: %v, want %q", err, says)
	}
	if p, err := s.Unshare(ctx, admin, "reorg@ann", "dee"); err != nil || len(p.Shared) != 0 {
		t.Errorf("an admin's unshare: %v, shared with %v", err, p.Shared)
	}
	_, err = s.Unshare(ctx, ann, "reorg", "dee")
	if says := "it is shared with no one"; !strings.HasSuffix(orgledger.ErrorMessage(err), says) {
		t.Errorf("an unshare of a plan shared with no one: %v, want it to end %q", err, says)
	}
}

// tokenRoles is a TokenStore that knows each token's name and role, and nothing else.
type tokenRoles map[string]orgledger.Role

func (r tokenRoles) Tokens(context.Context) ([]*orgledger.Token, error) {
	var out []*orgledger.Token
	for name, role := range r {
		out = append(out, &orgledger.Token{Name: name, Role: role})
	}
	return out, nil
}

func (tokenRoles) CreateToken(context.Context, *orgledger.Token) error  { return nil }
func (tokenRoles) RevokeToken(context.Context, string, time.Time) error { return nil }
func (tokenRoles) TouchToken(context.Context, string, time.Time) error  { return nil }

// TestNamesAreTheOwners: a plan's name is its owner's. Making a plan under a name another
// owner's hidden plan has tells nothing of it; a name alone is the caller's own plan, else the
// only one they see; NAME@OWNER says which where they see several.
func TestNamesAreTheOwners(t *testing.T) {
	s := service(t)
	create(t, s, ann, "q3", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"})
	create(t, s, bob, "q3", "2022-08-01", &orgledger.Retitle{Position: "eng", Title: "Principal Engineer"})
	if _, err := s.Create(ctx, ann, "q3", date("2022-07-01"), nil); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Errorf("ann's second q3: %v, want a conflict", err)
	}
	owner := func(c plans.Caller, ref string) string {
		p, err := s.Get(ctx, c, ref)
		if err != nil {
			return orgledger.ErrorCode(err)
		}
		return p.Owner
	}
	for _, tc := range []struct {
		who  plans.Caller
		ref  string
		want string
	}{
		{ann, "q3", "ann"}, {bob, "q3", "bob"}, {ann, "q3@bob", orgledger.ENOTFOUND},
		{admin, "q3", orgledger.ECONFLICT}, {admin, "q3@bob", "bob"}, {admin, "q3@cy", orgledger.ENOTFOUND},
	} {
		if got := owner(tc.who, tc.ref); got != tc.want {
			t.Errorf("%s asks for %s: %s, want %s", tc.who.Name, tc.ref, got, tc.want)
		}
	}
	if _, err := s.Share(ctx, bob, "q3", "ann"); err != nil {
		t.Fatal(err)
	}
	if got, shared := owner(ann, "q3"), owner(ann, "q3@bob"); got != "ann" || shared != "bob" {
		t.Errorf("with bob's q3 shared: ann's q3 is %s's, q3@bob %s's", got, shared)
	}
	if list, _ := s.List(ctx, ann); len(list) != 2 {
		t.Errorf("ann lists %d plans, want her own and the one shared with her", len(list))
	}
	if _, err := s.Apply(ctx, admin, "q3@bob"); err != nil {
		t.Fatal(err)
	}
	if got := owner(admin, "q3@ann"); got != "ann" {
		t.Errorf("after bob's q3 was applied, ann's: %s", got)
	}
	if p, _ := s.Get(ctx, ann, "q3"); p == nil || p.Status != orgledger.PlanDraft {
		t.Errorf("applying bob's q3 touched ann's: %+v", p)
	}
	// A dropped plan's name is free: the name alone is the one plan not dropped. (Found by QA:
	// still "plans named q3 are owned by ann, bob".)
	create(t, s, bob, "q4", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Staff Engineer"})
	create(t, s, ann, "q4", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Principal Engineer"})
	if got := owner(admin, "q4"); got != orgledger.ECONFLICT {
		t.Errorf("two q4s, neither dropped: %s, want a conflict", got)
	}
	if err := s.Drop(ctx, bob, "q4"); err != nil {
		t.Fatal(err)
	}
	if got := owner(admin, "q4"); got != "ann" {
		t.Errorf("bob's q4 dropped, q4 is %s's, want ann's", got)
	}
}

// TestDiffShowsAttributes: a plan that sets a person's attributes shows them changed in its
// diff, which compares the ledger with a preview's copies of its records.
func TestDiffShowsAttributes(t *testing.T) {
	s := service(t)
	create(t, s, ann, "attrs", "2022-07-01", &orgledger.UpdatePerson{Person: "cy", Attrs: map[string]string{"start_date": "2022-01-03"}})
	d, err := s.Diff(ctx, ann, "attrs")
	if err != nil {
		t.Fatal(err)
	}
	want := orgledger.DiffChange{Kind: orgledger.DiffAttrs, Person: "cy", Before: []string{}, After: []string{"start_date=2022-01-03"}}
	if len(d.Changes) != 1 || !reflect.DeepEqual(d.Changes[0], want) {
		t.Errorf("the plan's diff: %+v, want %+v", d.Changes, want)
	}
}

// TestPlanChangesProvenance refuses a change whose note holds a control character, as the
// ledger would when the plan is applied.
func TestPlanChangesProvenance(t *testing.T) {
	s := service(t)
	chs := changes(&orgledger.Hire{ID: "dee", Name: "Dee"})
	chs[0].Note = "a\x00b"
	_, err := s.Create(ctx, ann, "bad", date("2022-07-01"), chs)
	if ps := orgledger.ErrorProblems(err); orgledger.ErrorCode(err) != orgledger.EINVALID || len(ps) != 1 || ps[0].Field != "note" {
		t.Errorf("a plan with a NUL in a note: %v", err)
	}
}

// TestNameOfADroppedPlan checks that a name whose plan was dropped is refused saying so.
func TestNameOfADroppedPlan(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	if err := s.Drop(ctx, ann, "reorg"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Create(ctx, ann, "reorg", date("2022-08-01"), nil)
	wantCode(t, err, orgledger.ECONFLICT)
	if msg := orgledger.ErrorMessage(err); !strings.Contains(msg, "dropped") {
		t.Errorf("the refusal does not say the plan was dropped: %s", msg)
	}
}

// unreadablePlans is a plan store that cannot list its plans.
type unreadablePlans struct{ orgledger.PlanStore }

func (unreadablePlans) Plans(context.Context) ([]*orgledger.Plan, error) {
	return nil, errors.New("database down")
}

func (unreadablePlans) PlanHeads(context.Context) ([]*orgledger.Plan, error) {
	return nil, errors.New("database down")
}

// TestHidePlansWhenUnreadable: when the plans cannot be read, the events of every plan are
// shown without it to all but admins, and the caller is told why.
func TestHidePlansWhenUnreadable(t *testing.T) {
	s := service(t)
	s.Store = unreadablePlans{s.Store}
	events := []orgledger.HistoryEvent{{Event: 1, Plan: "p@ann"}, {Event: 2}, {Event: 3, Plan: "q@bob"}}
	if err := s.HidePlans(ctx, ann, events); err == nil || events[0].Plan != "" || events[2].Plan != "" {
		t.Errorf("a planner, the plans unreadable: %v, %+v", err, events)
	}
	shown := []orgledger.HistoryEvent{{Event: 1, Plan: "p@ann"}}
	if err := s.HidePlans(ctx, admin, shown); err != nil || shown[0].Plan != "p@ann" {
		t.Errorf("an admin: %v, %+v", err, shown)
	}
}

// TestEmptyPlanNotApplied: a plan without changes is not applied (applied, it would record
// nothing and could not be added to), and check says so; it stays a draft, to add to. (Found
// by QA: its apply said "recorded nothing yet".)
func TestEmptyPlanNotApplied(t *testing.T) {
	s := service(t)
	create(t, s, ann, "empty", "2022-07-01")
	r, err := s.Check(ctx, ann, "empty")
	if err != nil || r.OK || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Reason, "plan empty@ann has no changes") {
		t.Errorf("check: %+v %v", r, err)
	}
	_, err = s.Apply(ctx, admin, "empty@ann")
	wantCode(t, err, orgledger.EINVALID)
	if p := mustGet(t, s, "empty@ann"); p.Status != orgledger.PlanDraft {
		t.Errorf("the empty plan is %s", p.Status)
	}
}

// TestAnotherPlannersPlanIsNeverDecoded: what a plan changes is read only for a caller who may
// see it. A planner who names, lists or asks what waits in another planner's hidden plan is
// answered from the plans' heads, so that the time taken tells nothing of that plan, nor of
// its size (found by QA: a hidden plan of 2,000 changes answered 404 in 66 ms, a plan that is
// not there in 2.6 ms).
func TestAnotherPlannersPlanIsNeverDecoded(t *testing.T) {
	s := service(t)
	create(t, s, ann, "reorg", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"})
	create(t, s, bob, "mine", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	s.Store = undecoded{t: t, PlanStore: s.Store, hidden: "ann"}
	for _, ref := range []string{"reorg", "reorg@ann", "none"} {
		_, err := s.Get(ctx, bob, ref)
		wantCode(t, err, orgledger.ENOTFOUND)
	}
	if list, err := s.List(ctx, bob); err != nil || len(list) != 1 || list[0].Name != "mine" || len(list[0].Changes) != 1 {
		t.Errorf("bob lists %+v, %v", list, err)
	}
	if _, err := s.WaitingFor(ctx, bob, "cy"); err != nil {
		t.Error(err)
	}
	if p, err := s.Get(ctx, bob, "mine"); err != nil || len(p.Changes) != 1 {
		t.Errorf("bob's own plan: %+v, %v", p, err)
	}
}

// undecoded is a plan store that no read of the hidden owner's plans with their changes may
// reach: only their heads may be read.
type undecoded struct {
	orgledger.PlanStore
	t      *testing.T
	hidden string
}

func (u undecoded) PlanOwned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	if owner == u.hidden {
		u.t.Errorf("%s's plan %s was read", owner, name)
	}
	return u.PlanStore.PlanOwned(ctx, name, owner)
}

func (u undecoded) PlansNamed(ctx context.Context, name string) ([]*orgledger.Plan, error) {
	u.t.Errorf("the plans named %s were read, of every owner", name)
	return u.PlanStore.PlansNamed(ctx, name)
}

func (u undecoded) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	u.t.Error("every plan was read")
	return u.PlanStore.Plans(ctx)
}

// TestRefusedApplyNamesEachConflict: a plan that clashes with one applied since it was drafted,
// and that the ledger would also refuse for another reason (a cycle the two plans draw
// together), is refused naming both, as check names them, where the apply named the clash
// alone and the admin who mended it met a second refusal (found by QA).
func TestRefusedApplyNamesEachConflict(t *testing.T) {
	s := service(t)
	record(t, s, "2022-01-01", &orgledger.Hire{ID: "dee", Name: "Dee"},
		&orgledger.CreatePosition{ID: "a", Title: "A", Unit: "co", ReportsTo: "ceo"},
		&orgledger.CreatePosition{ID: "b", Title: "B", Unit: "co", ReportsTo: "ceo"})
	create(t, s, ann, "x", "2022-07-01", &orgledger.Assign{Person: "cy", Position: "eng"}, &orgledger.Report{Position: "a", To: "b"})
	create(t, s, bob, "y", "2022-07-01", &orgledger.Assign{Person: "dee", Position: "eng"}, &orgledger.Report{Position: "b", To: "a"})
	if _, err := s.Apply(ctx, admin, "x"); err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(ctx, admin, "y")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Apply(ctx, admin, "y")
	wantCode(t, err, orgledger.ECONFLICT)
	var reasons []string
	for _, p := range orgledger.ErrorProblems(err) {
		reasons = append(reasons, p.Reason)
	}
	all := strings.Join(reasons, "\n")
	if !strings.Contains(all, "cycle") || !strings.Contains(all, "eng") || len(reasons) != len(report.Errors) {
		t.Errorf("the refused apply names\n%s\nwhere check names %+v", all, report.Errors)
	}
}

// TestAppliedChangesEachHaveTheirEvent: plan show gives each change of an applied plan the
// event that recorded it, one change an event, a change made twice too, in the order recorded.
func TestAppliedChangesEachHaveTheirEvent(t *testing.T) {
	s := service(t)
	create(t, s, ann, "twice", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Engineer II"},
		&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Retitle{Position: "eng", Title: "Engineer II"})
	a, err := s.Apply(ctx, admin, "twice")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Get(ctx, admin, "twice")
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.View(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	first := a.Commit.Events[0].Seq
	for i, ch := range v.Changes {
		if ch.Event != first+int64(i) {
			t.Errorf("change %d is told recorded as event %d, want %d", i+1, ch.Event, first+int64(i))
		}
	}
}

// TestAChangeAddedLaterIsDraftedOnTheLedgerThen: a change added to a plan after an event was
// recorded is drafted on that event, and does not clash with it, while a change of the plan
// drafted before it does; where the apply refused the later change too, and the plan could
// only be drafted anew (found by QA).
func TestAChangeAddedLaterIsDraftedOnTheLedgerThen(t *testing.T) {
	s := service(t)
	create(t, s, ann, "late", "2022-07-01", &orgledger.Retitle{Position: "cto", Title: "Chief Technologist"})
	create(t, s, ann, "early", "2022-07-01", &orgledger.Retitle{Position: "eng", Title: "Engineer I"})
	record(t, s, "2022-03-01", &orgledger.Retitle{Position: "eng", Title: "Hand-set"})
	if _, err := s.Add(ctx, ann, "late", changes(&orgledger.Retitle{Position: "eng", Title: "Engineer II"})); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, admin, "late"); err != nil {
		t.Fatalf("the plan whose change was added after the hand-set title: %v", err)
	}
	if info, err := s.Ledger.Show("eng", ledger.Query{At: date("2022-07-01")}); err != nil || info.(*orgledger.PositionInfo).Title != "Engineer II" {
		t.Errorf("eng on the plan's day: %+v, %v", info, err)
	}
	_, err := s.Apply(ctx, admin, "early")
	wantCode(t, err, orgledger.ECONFLICT)
}

// TestNoPlansListsEmpty: with no plan stored, every role lists none as an empty list, which
// JSON writes [], not null.
func TestNoPlansListsEmpty(t *testing.T) {
	s := service(t)
	s.Store = planStores["sqlite"](t) // which reads no rows as a nil slice
	for _, c := range []plans.Caller{admin, ann, viewer} {
		if list, err := s.List(ctx, c); err != nil || list == nil || len(list) != 0 {
			t.Errorf("%s lists %#v, %v", c.Name, list, err)
		}
	}
}

package plans_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/plans"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
	"github.com/orgledger/orgledger/sqlite"
)

// planStores are the plan stores of every backend, each new and empty.
var planStores = map[string]func(testing.TB) orgledger.PlanStore{
	"memory": func(testing.TB) orgledger.PlanStore { return memory.NewPlans() },
	"sqlite": func(tb testing.TB) orgledger.PlanStore {
		db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "org.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { db.Close() })
		return sqlite.NewPlanStore(db)
	},
	"postgres": func(tb testing.TB) orgledger.PlanStore {
		db, err := postgres.Open(ctx, pgtest.URL(tb))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { db.Close() })
		return postgres.NewPlanStore(db)
	},
}

// beforeMark is a plan store that calls meanwhile once, just before the first write of a plan
// as applied: an apply's mark, or a release's claim of waiting changes.
type beforeMark struct {
	orgledger.PlanStore
	meanwhile func()
}

func (s *beforeMark) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if p.Status == orgledger.PlanApplied && s.meanwhile != nil {
		meanwhile := s.meanwhile
		s.meanwhile = nil
		meanwhile()
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// TestAddWhileApplyRecords is the race of two servers on one database: while one applies a
// plan, its changes appended to the ledger and the plan not yet marked, another adds a change
// to it. That add may not be acknowledged, since the apply does not record the change: the
// other server, its ledger caught up with the apply's commit (whether it had its own ledger or
// shared the applying one), finds the plan applied, which is no draft to add to. The plan ends
// applied with the changes recorded. Before the plan was claimed, the add was answered as
// done and the apply's mark then wrote the changes it had read over it: the added hire was
// neither recorded nor in the plan.
func TestAddWhileApplyRecords(t *testing.T) {
	for name, open := range planStores {
		t.Run(name, func(t *testing.T) {
			s, separate, caughtUp := twoServers(t, open(t))
			var added, addedLater error
			plain := s.Store
			s.Store = &beforeMark{PlanStore: plain, meanwhile: func() {
				_, added = separate.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "eve", Name: "Eve"}))
				_, addedLater = caughtUp.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "fay", Name: "Fay"}))
			}}
			a, applied := s.Apply(ctx, admin, "p")
			p, err := s.Get(ctx, admin, "p")
			if err != nil {
				t.Fatal(err)
			}
			for id, err := range map[string]error{"eve": added, "fay": addedLater} {
				_, unrecorded := s.Ledger.Show(id, ledger.Query{At: date("2022-07-01")})
				if err == nil && unrecorded != nil && p.Status != orgledger.PlanDraft {
					t.Errorf("the add of %s was acknowledged, and %s is neither recorded nor left to apply: the plan is %s with %d changes", id, id, p.Status, len(p.Changes))
				}
			}
			if applied != nil {
				t.Fatal(applied)
			}
			wantConflict(t, "an add while the plan is being applied", added, "applied, not a draft")
			wantConflict(t, "an add while the plan is being applied, its commit known", addedLater, "applied, not a draft")
			if p.Status != orgledger.PlanApplied || p.Commit != a.Commit.ID || len(p.Changes) != 1 {
				t.Errorf("after the apply the plan is %s, commit %d (recorded %d), %d changes", p.Status, p.Commit, a.Commit.ID, len(p.Changes))
			}
			if _, err := s.Ledger.Show("dee", ledger.Query{At: date("2022-07-01")}); err != nil {
				t.Errorf("the plan's hire: %v", err)
			}
		})
	}
}

// TestDropOrShareWhileApplyRecords: a drop from another server while a plan's changes are
// being recorded is refused: that server, catching up with the ledger, finds the plan's
// commit and settles the plan as applied, which is no draft to drop (a dropped plan with its
// changes recorded would be one the ledger says was applied). A share of the applied plan
// stands, and the apply's own mark keeps it.
func TestDropOrShareWhileApplyRecords(t *testing.T) {
	for name, open := range planStores {
		t.Run(name, func(t *testing.T) {
			s, separate, _ := twoServers(t, open(t))
			var dropped, shared error
			plain := s.Store
			s.Store = &beforeMark{PlanStore: plain, meanwhile: func() {
				dropped = separate.Drop(ctx, ann, "p")
				_, shared = separate.Share(ctx, ann, "p", "bob")
			}}
			a, err := s.Apply(ctx, admin, "p")
			if err != nil {
				t.Fatal(err)
			}
			wantConflict(t, "a drop while the plan is being applied", dropped, "applied, not a draft")
			if shared != nil {
				t.Errorf("a share of the plan once its commit is found: %v", shared)
			}
			if p, _ := s.Get(ctx, admin, "p"); p.Status != orgledger.PlanApplied || p.Commit != a.Commit.ID || !slices.Equal(p.Shared, []string{"bob"}) {
				t.Errorf("after the apply the plan is %s, commit %d, shared with %v", p.Status, p.Commit, p.Shared)
			}
		})
	}
}

// twoServers returns plans on the plan store given, with ann's plan p to hire dee, and two
// other servers' plans on the same stores: one with a ledger of its own, which knows what the
// first records once it catches up, and one that shares the first's ledger.
func twoServers(tb testing.TB, store orgledger.PlanStore) (s, separate, caughtUp *plans.Service) {
	tb.Helper()
	s = service(tb)
	s.Store = store
	create(tb, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	return s, &plans.Service{Ledger: ledgerOn(tb, s.Ledger.Store()), Store: store, Clock: clockAt}, &plans.Service{Ledger: s.Ledger, Store: store, Clock: clockAt}
}

func wantConflict(tb testing.TB, what string, err error, saying string) {
	tb.Helper()
	if orgledger.ErrorCode(err) != orgledger.ECONFLICT || !strings.Contains(orgledger.ErrorMessage(err), saying) {
		tb.Errorf("%s: %v, want a conflict saying %q", what, err, saying)
	}
}

// failingMark is a plan store that fails the write marking a plan applied, as a process that
// stopped after recording the plan's changes would have left it.
type failingMark struct{ orgledger.PlanStore }

func (s failingMark) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	if p.Status == orgledger.PlanApplied {
		return orgledger.Errorf(orgledger.EINTERNAL, "the process stopped")
	}
	return s.PlanStore.UpdatePlan(ctx, p)
}

// TestApplyStoppedAfterRecording: an apply that recorded the plan's changes and stopped before
// marking it leaves it applying; the next write of it finds the commit marked with the plan in
// the ledger, marks the plan applied as that commit, and is refused as on any applied plan:
// the plan is neither changed nor recorded again.
func TestApplyStoppedAfterRecording(t *testing.T) {
	s := service(t)
	create(t, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "dee", Position: "eng"})
	plain := s.Store
	s.Store = failingMark{plain}
	if _, err := s.Apply(ctx, admin, "p"); err == nil {
		t.Fatal("the apply whose mark failed succeeded")
	}
	s.Store = plain
	if p, _ := s.Get(ctx, ann, "p"); p.Status != orgledger.PlanApplying {
		t.Fatalf("a plan recorded and not marked is %s, want %s", p.Status, orgledger.PlanApplying)
	}
	if _, err := s.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "eve", Name: "Eve"})); orgledger.ErrorCode(err) != orgledger.ECONFLICT || !strings.Contains(orgledger.ErrorMessage(err), "applied, not a draft") {
		t.Errorf("an add to a plan recorded: %v, want a conflict, the plan applied", err)
	}
	h, err := s.Ledger.History(ctx, "dee", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Get(ctx, ann, "p")
	if p.Status != orgledger.PlanApplied || p.Commit == 0 || p.Commit != h.Events[0].Commit || len(p.Changes) != 2 {
		t.Errorf("the plan settled as %s, commit %d (dee hired in %d), %d changes", p.Status, p.Commit, h.Events[0].Commit, len(p.Changes))
	}
	if _, err := s.Apply(ctx, admin, "p"); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Errorf("applying the plan again: %v, want a conflict", err)
	}
	if h2, _ := s.Ledger.History(ctx, "dee", ledger.HistoryOptions{}); len(h2.Events) != len(h.Events) {
		t.Errorf("dee's history grew from %d events to %d", len(h.Events), len(h2.Events))
	}
}

// TestApplyStoppedBeforeRecording: a plan claimed by an apply that stopped before it recorded
// anything is being applied, for as long as that apply could still append; after that the
// claim is abandoned, and the plan is a draft again, to add to and apply. The conflict names
// the plan by its name alone to its owner, and as NAME@OWNER to an admin.
func TestApplyStoppedBeforeRecording(t *testing.T) {
	s := service(t)
	create(t, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	p, _ := s.Get(ctx, ann, "p")
	p.Status, p.Updated = orgledger.PlanApplying, clockAt.t // the claim of a process that stopped then
	if err := s.Store.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, try := range []struct {
		do   func() error
		want string
	}{
		{func() error {
			_, err := s.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "eve", Name: "Eve"}))
			return err
		}, "plan p is being applied"},
		{func() error { _, err := s.Apply(ctx, admin, "p"); return err }, "plan p@ann is being applied"},
		{func() error { return s.Drop(ctx, ann, "p") }, "plan p is being applied"},
	} {
		if err := try.do(); orgledger.ErrorCode(err) != orgledger.ECONFLICT || !strings.HasPrefix(orgledger.ErrorMessage(err), try.want) ||
			!strings.Contains(orgledger.ErrorMessage(err), "(if the process applying it stopped, it is a draft again from 2022-06-01T00:10:00Z, unless its changes were recorded)") {
			t.Errorf("a write of a plan being applied: %v, want a conflict saying %s, and when the claim lapses", err, try.want)
		}
	}
	later := &plans.Service{Ledger: s.Ledger, Store: s.Store, Clock: fixedClock{clockAt.t.Add(11 * time.Minute)}}
	if _, err := later.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "eve", Name: "Eve"})); err != nil {
		t.Fatalf("an add once the claim is abandoned: %v", err)
	}
	if _, err := later.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"dee", "eve"} {
		if _, err := s.Ledger.Show(id, ledger.Query{At: date("2022-07-01")}); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

// TestSettleAnApplyThatStopped: a server that starts settles what an apply left claimed: a
// plan recorded and not marked is marked applied at once; one claimed and not recorded stays
// applying while that apply could still append, and is a draft again after.
func TestSettleAnApplyThatStopped(t *testing.T) {
	s := service(t)
	create(t, s, ann, "recorded", "2022-07-01", &orgledger.Hire{ID: "dee", Name: "Dee"})
	create(t, s, ann, "claimed", "2022-07-01", &orgledger.Hire{ID: "eve", Name: "Eve"})
	plain := s.Store
	s.Store = failingMark{plain}
	if _, err := s.Apply(ctx, admin, "recorded"); err == nil {
		t.Fatal("the apply whose mark failed succeeded")
	}
	s.Store = plain
	p, _ := s.Get(ctx, ann, "claimed")
	p.Status, p.Updated = orgledger.PlanApplying, clockAt.t // the claim of a process that stopped then
	if err := s.Store.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	status := func(name string) orgledger.PlanStatus { p, _ := s.Get(ctx, ann, name); return p.Status }
	if err := s.Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	if status("recorded") != orgledger.PlanApplied || status("claimed") != orgledger.PlanApplying {
		t.Errorf("after a start within the lease: %s and %s, want applied and applying", status("recorded"), status("claimed"))
	}
	if err := afterTheLease(s).Settle(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	if status("claimed") != orgledger.PlanDraft {
		t.Errorf("after a start past the lease: %s, want a draft", status("claimed"))
	}
}

// TestRefusedApplyLeavesADraft: an apply the ledger refuses records nothing and leaves the
// plan a draft, as it was.
func TestRefusedApplyLeavesADraft(t *testing.T) {
	s := service(t)
	create(t, s, ann, "p", "2022-07-01", &orgledger.Hire{ID: "bob", Name: "Bob again"})
	if _, err := s.Apply(ctx, admin, "p"); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Fatalf("an apply the ledger refuses: %v", err)
	}
	if p, _ := s.Get(ctx, ann, "p"); p.Status != orgledger.PlanDraft || len(p.Waiting) != 0 {
		t.Errorf("after a refused apply the plan is %s, waiting on %v", p.Status, p.Waiting)
	}
	if _, err := s.Add(ctx, ann, "p", changes(&orgledger.Hire{ID: "eve", Name: "Eve"})); err != nil {
		t.Errorf("an add after a refused apply: %v", err)
	}
}

// TestLeavingRecordedWhileApplying: a change of a plan waits for bob's leaving, and the
// leaving is recorded, by another server, while the plan is being applied. That server's
// AfterCommit finds the plan not yet applied and leaves it; the apply, once it has marked the
// plan, records the change all the same, instead of leaving it waiting for a leaving that is
// already in the ledger.
func TestLeavingRecordedWhileApplying(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	s.Store = &beforeMark{PlanStore: s.Store, meanwhile: otherServerRecordsBobLeaving(t, s)}
	a, err := s.Apply(ctx, admin, "p")
	if err != nil || a.Unreleased != "" {
		t.Fatal(err, a.Unreleased)
	}
	if len(a.Waiting) != 0 || len(a.Plan.Waiting) != 0 {
		t.Errorf("after the apply, changes %v still wait, for a leaving already recorded", a.Waiting)
	}
	wantHolder(t, s, "cto", "2022-08-02", "cy")
}

// wantHolder checks, on the ledger caught up with every server's commits, who holds position
// on day.
func wantHolder(t *testing.T, s *plans.Service, position, day, holder string) {
	t.Helper()
	if err := s.Ledger.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	info, err := s.Ledger.Show(position, ledger.Query{At: date(day)})
	if err != nil {
		t.Fatal(err)
	}
	if pos := info.(*orgledger.PositionInfo); len(pos.Holders) != 1 || pos.Holders[0].ID != holder {
		t.Errorf("%s on %s: %+v, want %s", position, day, pos.Holders, holder)
	}
}

// planWaitingForBob makes plan p: hire dee, and cy takes the cto's position once bob leaves.
func planWaitingForBob(t *testing.T, s *plans.Service) {
	t.Helper()
	waiting := changes(&orgledger.Hire{ID: "dee", Name: "Dee"}, &orgledger.Assign{Person: "cy", Position: "cto"})
	waiting[1].When = &orgledger.When{Leaves: "bob"}
	if _, err := s.Create(ctx, ann, "p", date("2022-07-01"), waiting); err != nil {
		t.Fatal(err)
	}
}

// bobLeaves records bob's leaving on the ledger given, and runs the AfterCommit of the plans
// service on it, as the server that recorded it would.
func bobLeaves(t *testing.T, l *ledger.Ledger, s *plans.Service) {
	t.Helper()
	if err := l.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := l.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "bob"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		t.Fatal(err)
	}
}

// otherServerRecordsBobLeaving returns what another server on s's stores does when bob
// leaves: it records the leaving in its own ledger and runs its plans' AfterCommit.
func otherServerRecordsBobLeaving(t *testing.T, s *plans.Service) func() {
	t.Helper()
	other := ledgerOn(t, s.Ledger.Store())
	otherServer := &plans.Service{Ledger: other, Store: s.Store, Clock: clockAt}
	return func() { bobLeaves(t, other, otherServer) }
}

// TestLeavingWhilePlanLeftApplying: an apply records the plan and stops before marking it;
// bob's leaving, which a change of the plan waits for, is recorded meanwhile. That leaving's
// AfterCommit settles the plan as applied and records the waiting change, which nothing else
// would ever record.
func TestLeavingWhilePlanLeftApplying(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	plain := s.Store
	s.Store = failingMark{plain}
	if _, err := s.Apply(ctx, admin, "p"); err == nil {
		t.Fatal("the apply whose mark failed succeeded")
	}
	s.Store = plain
	bobLeaves(t, s.Ledger, s)
	if p, _ := s.Get(ctx, admin, "p"); p.Status != orgledger.PlanApplied || len(p.Waiting) != 0 {
		t.Errorf("the plan is %s with %v waiting, want applied with nothing waiting", p.Status, p.Waiting)
	}
	wantHolder(t, s, "cto", "2022-08-02", "cy")
}

// afterMark is a plan store that calls then once, just after the write that marks a plan
// applied.
type afterMark struct {
	orgledger.PlanStore
	then func()
}

func (s *afterMark) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	err := s.PlanStore.UpdatePlan(ctx, p)
	if p.Status == orgledger.PlanApplied && s.then != nil {
		then := s.then
		s.then = nil
		then()
	}
	return err
}

// TestLeavingJustAfterTheMark: bob's leaving is recorded by another server just after the
// apply marked the plan, and that server's AfterCommit records the waiting change. The apply's
// own late release then finds nothing left to do: it succeeds, records nothing twice, and
// says nothing went unreleased.
func TestLeavingJustAfterTheMark(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	s.Store = &afterMark{PlanStore: s.Store, then: otherServerRecordsBobLeaving(t, s)}
	a, err := s.Apply(ctx, admin, "p")
	if err != nil || a.Unreleased != "" || len(a.Waiting) != 0 {
		t.Fatalf("apply: %v, unreleased %q, waiting %v", err, a.Unreleased, a.Waiting)
	}
	wantHolder(t, s, "cto", "2022-08-02", "cy")
	if h, _ := s.Ledger.History(ctx, "cy", ledger.HistoryOptions{}); len(h.Events) != 2 {
		t.Errorf("cy's history: %d events, want the hire and the cto's position once", len(h.Events))
	}
}

// TestReleasedOnce: two servers release the changes waiting for one leaving at the same time.
// The change, a retitle the ledger would accept twice, is recorded once: each server claims
// what it records before recording it, and the second finds nothing left to claim.
func TestReleasedOnce(t *testing.T) {
	s := service(t)
	res := retitleWhenBobLeaves(t, s, "Chief Technology Officer")
	other := &plans.Service{Ledger: s.Ledger, Store: s.Store, Clock: clockAt}
	plain := s.Store
	s.Store = &beforeMark{PlanStore: plain, meanwhile: func() {
		if err := other.AfterCommit(ctx, res); err != nil {
			t.Error(err)
		}
	}}
	if err := s.AfterCommit(ctx, res); err != nil {
		t.Fatal(err)
	}
	h, err := s.Ledger.History(ctx, "cto", ledger.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	retitles := 0
	for _, e := range h.Events {
		if e.Verb == orgledger.VerbRetitle {
			retitles++
		}
	}
	if retitles != 1 {
		t.Errorf("the waiting retitle was recorded %d times", retitles)
	}
	if p, err := s.Get(ctx, admin, "p"); err != nil || len(p.Waiting) != 0 {
		t.Errorf("still waiting: %v %v", p, err)
	}
}

// TestUnrelatedLeavingWritesNoPlan: a leaving that frees none of an applied plan's waiting
// changes leaves the plan unwritten, its revision and updated time as they were.
func TestUnrelatedLeavingWritesNoPlan(t *testing.T) {
	s := service(t)
	planWaitingForBob(t, s)
	if _, err := s.Apply(ctx, admin, "p"); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(ctx, admin, "p")
	res, err := s.Ledger.Apply(ctx, &orgledger.Changeset{Effective: date("2022-08-01"), Changes: changes(&orgledger.Leave{Person: "cy"})},
		ledger.ApplyOptions{Actor: "hr-system"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AfterCommit(ctx, res.Commit); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.Get(ctx, admin, "p"); after.Revision != before.Revision || !after.Updated.Equal(before.Updated) {
		t.Errorf("an unrelated leaving wrote the plan: revision %d to %d", before.Revision, after.Revision)
	}
}

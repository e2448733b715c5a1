package http_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// TestAppliedPlanNamesStayThePlans: once a plan is applied, its events are in the ledger for
// every planner to read, but the plan's name and owner only for those who may see the plan:
// its owner, those it is shared with, and admins. Another planner finds the events without
// the plan, in the log, the history and a clash with a plan of their own.
func TestAppliedPlanNamesStayThePlans(t *testing.T) {
	ts := MustOpenServer(t)
	planSetup(ts)
	// The two plans rename huo-jia differently: the same name in both would agree, and not clash.
	for _, p := range []struct{ owner, name, rename string }{{"other", "hush", "Huo Jia Renamed"}, {"planner", "mine", "Huo Jia Named Otherwise"}} {
		if r := ts.Do("POST", "/api/v1/plans", p.owner, `{"name": "`+p.name+`", "effective": "2022-11-01"}`, "Content-Type", "application/json"); r.Status != 201 {
			t.Fatalf("plan %s: %d %s", p.name, r.Status, r.Body)
		}
		change := "changes:\n  - update-person: {person: huo-jia, name: " + p.rename + "}\n"
		if r := ts.Do("POST", "/api/v1/plans/"+p.name+"/changes", p.owner, change, "Content-Type", "application/yaml"); r.Status != 200 {
			t.Fatalf("plan %s: %d %s", p.name, r.Status, r.Body)
		}
	}
	if r := ts.Do("POST", "/api/v1/plans/hush@other/apply", "admin", ""); r.Status != 200 {
		t.Fatalf("apply hush: %d %s", r.Status, r.Body)
	}
	for _, who := range []string{"admin", "other", "planner"} {
		shows := who != "planner"
		for _, path := range []string{"/api/v1/log?limit=10000", "/api/v1/history/huo-jia"} {
			r := ts.Do("GET", path, who, "")
			if r.Status != 200 || !strings.Contains(string(r.Body), "Huo Jia Renamed") {
				t.Fatalf("%s as %s: %d %.300s", path, who, r.Status, r.Body)
			}
			if got := strings.Contains(string(r.Body), "hush@other"); got != shows {
				t.Errorf("%s as %s names the plan: %v, want %v", path, who, got, shows)
			}
		}
	}
	r := ts.Do("GET", "/api/v1/plans/mine/check", "planner", "")
	if body := string(r.Body); r.Status != 200 || !strings.Contains(body, "changed it since the plan was drafted, by admin") || strings.Contains(body, "hush") {
		t.Errorf("the clash, to a planner who may not see the plan it is with: %d %.400s", r.Status, body)
	}
}

// TestPlanNamesMoveTheETag: a share of an applied plan changes what a planner's log names
// without a write to the ledger; the log's ETag changes with it, so that a client holding the
// answer from before does not keep it.
func TestPlanNamesMoveTheETag(t *testing.T) {
	ts := MustOpenServer(t)
	planSetup(ts)
	if r := ts.Do("POST", "/api/v1/plans", "other", `{"name": "hush", "effective": "2022-11-01"}`, "Content-Type", "application/json"); r.Status != 201 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if r := ts.Do("POST", "/api/v1/plans/hush/changes", "other", "changes:\n  - update-person: {person: huo-jia, name: Huo Jia Renamed}\n", "Content-Type", "application/yaml"); r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if r := ts.Do("POST", "/api/v1/plans/hush@other/apply", "admin", ""); r.Status != 200 {
		t.Fatalf("apply: %d %s", r.Status, r.Body)
	}
	before := ts.Do("GET", "/api/v1/log?limit=10000", "planner", "")
	if strings.Contains(string(before.Body), "hush@other") {
		t.Fatal("the log names a plan not shared with the planner")
	}
	if r := ts.Do("POST", "/api/v1/plans/hush@other/share", "other", `{"with": "planner"}`, "Content-Type", "application/json"); r.Status != 200 {
		t.Fatalf("share: %d %s", r.Status, r.Body)
	}
	after := ts.Do("GET", "/api/v1/log?limit=10000", "planner", "", "If-None-Match", before.Header.Get("ETag"))
	if after.Status != 200 || !strings.Contains(string(after.Body), "hush@other") {
		t.Errorf("the log once the plan is shared, asked with the ETag from before: %d, names it: %v", after.Status, strings.Contains(string(after.Body), "hush@other"))
	}
}

// flakyPlans is a plan store whose listing fails from the call failOn counts to on.
type flakyPlans struct {
	orgledger.PlanStore
	calls, failOn atomic.Int32
}

func (f *flakyPlans) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	if err := f.blip(); err != nil {
		return nil, err
	}
	return f.PlanStore.Plans(ctx)
}

func (f *flakyPlans) AppliedPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	if err := f.blip(); err != nil {
		return nil, err
	}
	return f.PlanStore.AppliedPlans(ctx)
}

func (f *flakyPlans) PlanHeads(ctx context.Context) ([]*orgledger.Plan, error) {
	if err := f.blip(); err != nil {
		return nil, err
	}
	return f.PlanStore.PlanHeads(ctx)
}

// blip counts a listing and fails it from the call failOn counts to on.
func (f *flakyPlans) blip() error {
	if n := f.failOn.Load(); n > 0 && f.calls.Add(1) >= n {
		return errors.New("plan store blip")
	}
	return nil
}

// TestLogWithoutPlanNamesNotKept: a log whose plan names were left out because the plans could
// not be read goes out without a tag and not to be stored, so that the client does not keep it
// as the current answer.
func TestLogWithoutPlanNamesNotKept(t *testing.T) {
	var fp *flakyPlans
	ts := MustOpenServer(t, func(c *orghttp.Config) { fp = &flakyPlans{PlanStore: c.Plans}; c.Plans = fp })
	planSetup(ts)
	if r := ts.Do("POST", "/api/v1/plans/secret-plan@planner/apply", "admin", ""); r.Status != 200 {
		t.Fatalf("apply: %d %s", r.Status, r.Body)
	}
	fp.failOn.Store(fp.calls.Load() + 1) // the plans cannot be read from now on
	bad := ts.Do("GET", "/api/v1/log?limit=10000", "planner", "")
	if bad.Status != 200 || strings.Contains(string(bad.Body), "secret-plan@planner") {
		t.Fatalf("the log, the plans unreadable: %d, names the plan: %v", bad.Status, strings.Contains(string(bad.Body), "secret-plan@planner"))
	}
	if tag, cc := bad.Header.Get("ETag"), bad.Header.Get("Cache-Control"); tag != "" || cc != "no-store" {
		t.Errorf("ETag %q, Cache-Control %q: want none, and no-store", tag, cc)
	}
}

// TestRefusalsNameThePlanToItsReaders: planner and other each draft a plan p that the ledger
// refuses (it puts someone unknown in a position), other's shared with planner. Its check
// places the problem in "plan p" for its owner, as typed, and in "plan p@other" for the
// planner it is shared with and for an admin, who see two plans of that name; the admin's
// apply names it p@other too. "plan p" did not say whose. (Found by a review.)
func TestRefusalsNameThePlanToItsReaders(t *testing.T) {
	ts := MustOpenServer(t)
	ts.MustCreateToken("other", orgledger.RolePlanner)
	for _, owner := range []string{"other", "planner"} {
		if r := ts.Do("POST", "/api/v1/plans", owner, `{"name": "p", "effective": "2022-11-01"}`, "Content-Type", "application/json"); r.Status != 201 {
			t.Fatalf("plan p of %s: %d %s", owner, r.Status, r.Body)
		}
		body := "changes:\n  - assign: {person: zz-nobody, position: cloud-china-president, replace: true}\n"
		if r := ts.Do("POST", "/api/v1/plans/p/changes", owner, body, "Content-Type", "application/yaml"); r.Status != 200 {
			t.Fatalf("plan p of %s: %d %s", owner, r.Status, r.Body)
		}
	}
	if r := ts.Do("POST", "/api/v1/plans/p/share", "other", `{"with": "planner"}`, "Content-Type", "application/json"); r.Status != 200 {
		t.Fatalf("share: %d %s", r.Status, r.Body)
	}
	for _, c := range []struct{ who, ref, want string }{
		{"other", "p", `"file":"plan p"`}, {"planner", "p", `"file":"plan p"`},
		{"planner", "p@other", `"file":"plan p@other"`}, {"admin", "p@other", `"file":"plan p@other"`},
	} {
		r := ts.Do("GET", "/api/v1/plans/"+c.ref+"/check", c.who, "")
		if body := string(r.Body); r.Status != 200 || !strings.Contains(body, c.want) {
			t.Errorf("the check of %s by %s: %d %s, want %s", c.ref, c.who, r.Status, r.Body, c.want)
		}
	}
	r := ts.Do("POST", "/api/v1/plans/p@other/apply", "admin", "")
	if body := string(r.Body); r.Status/100 != 4 || !strings.Contains(body, "plan p@other is refused") || strings.Contains(body, `plan p"`) || strings.Contains(body, "plan p:") {
		t.Errorf("the apply of p@other: %d %s", r.Status, body)
	}
}

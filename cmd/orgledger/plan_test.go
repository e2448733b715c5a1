package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestPlanStory drafts the reshuffle as a plan on the March baseline, with Huang Haiqing's
// appointment waiting for Ren Geng's leaving, previews, checks, shares and applies it.
func TestPlanStory(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", exampleFiles[0])
	succession := filepath.Join(t.TempDir(), "succession.yaml")
	os.WriteFile(succession, []byte(`changes:
  - assign: {person: huang-haiqing, position: cloud-china-president}
    when: {leaves: ren-geng}
`), 0o644)
	reshuffle := strings.Replace(mustRead(t, exampleFiles[1]),
		"  - assign: {person: huang-haiqing, position: cloud-china-president}\n    note: Takes over as President of Alibaba Cloud China once Ren has departed.\n", "", 1)
	rest := filepath.Join(t.TempDir(), "reshuffle.yaml")
	os.WriteFile(rest, []byte(reshuffle), 0o644)

	out := p.ok("plan", "create", "reshuffle", "--effective", "2022-04-12", "--owner", "cai-office", rest, succession)
	if !strings.Contains(out, "plan reshuffle drafted with 9 changes") {
		t.Fatalf("create:\n%s", out)
	}
	if show := p.ok("plan", "show", "reshuffle"); !strings.Contains(show, "owned by cai-office") || !strings.Contains(show, "when ren-geng leaves") {
		t.Errorf("show:\n%s", show)
	}
	diff := p.ok("plan", "diff", "reshuffle")
	if !strings.Contains(diff, "manager           huo-jia (Huo Jia): ren-geng (Ren Geng) → cai-yinghua (Cai Yinghua)") || !strings.Contains(diff, "position          huang-haiqing (Huang Haiqing): cloud-vp (Vice President, Alibaba Cloud) → cloud-china-president (President, Alibaba Cloud China)") ||
		strings.Contains(diff, "after the plan's date") {
		t.Errorf("diff:\n%s", diff)
	}
	if check := p.ok("plan", "check", "reshuffle"); !strings.Contains(check, "warning: position sales-ecosystem-vp") {
		t.Errorf("check:\n%s", check)
	}
	if code, _, errOut := p.run("", "plan", "share", "reshuffle", "--with", "hr-partner"); code != 1 || !strings.Contains(errOut, "no valid token is named hr-partner") {
		t.Errorf("a share with a name no token has: exit %d, %s", code, errOut)
	}
	p.ok("token", "create", "--name", "hr-partner", "--role", "planner")
	if out := p.ok("plan", "share", "reshuffle", "--with", "hr-partner"); out != "plan reshuffle is now shared with hr-partner\n" { // found by QA: "; it is shared with hr-partner" again
		t.Errorf("a first share: %q", out)
	}
	p.ok("token", "create", "--name", "cfo-office", "--role", "planner")
	if out := p.ok("plan", "share", "reshuffle", "--with", "cfo-office"); out != "plan reshuffle is now shared with cfo-office; also with hr-partner\n" {
		t.Errorf("a second share: %q", out)
	}
	if out := p.ok("plan", "share", "reshuffle", "--with", "cfo-office"); !strings.HasPrefix(out, "plan reshuffle is already shared with cfo-office;") {
		t.Errorf("a share again: %q", out)
	}
	if out := p.ok("plan", "unshare", "reshuffle", "--with", "cfo-office"); out != "plan reshuffle is no longer shared with cfo-office; it is shared with hr-partner\n" {
		t.Errorf("unshare: %q", out)
	}
	// Told what it did, and the owner is no one to share with. (Found by QA: "shared with
	// (none)" after an unshare, and after a share with the owner.)
	if code, _, errOut := p.run("", "plan", "share", "reshuffle", "--with", "cai-office"); code != 1 || !strings.Contains(errOut, "cai-office owns plan reshuffle, and sees it: a plan is shared with others") {
		t.Errorf("a share with the plan's owner: exit %d, %s", code, errOut)
	}
	if code, _, errOut := p.run("", "plan", "unshare", "reshuffle", "--with", "cfo-office"); code != 1 || !strings.Contains(errOut, "plan reshuffle is not shared with cfo-office; it is shared with hr-partner") {
		t.Errorf("an unshare of a name the plan is not shared with: exit %d, %s", code, errOut)
	}
	if out := p.ok("plan", "unshare", "reshuffle", "--with", "hr-partner"); out != "plan reshuffle is no longer shared with hr-partner; it is shared with no one\n" {
		t.Errorf("the last unshare: %q", out) // found by a review: not tested
	}
	if list := p.ok("plan", "list"); !strings.Contains(list, "reshuffle") || !strings.Contains(list, "draft") {
		t.Errorf("list:\n%s", list)
	}
	if chart := p.ok("chart", "--at", "2022-04-13"); !strings.Contains(chart, "Ren Geng") {
		t.Errorf("the draft shows in the chart:\n%s", chart)
	}
	if out := p.ok("plan", "apply", "reshuffle"); !strings.Contains(out, "recorded 9 events") {
		t.Errorf("apply:\n%s", out)
	}
	direct := withExample(t)
	for _, day := range []string{"2022-04-01", "2022-04-13"} {
		if a, b := direct.ok("export", "--at", day), p.ok("export", "--at", day); a != b {
			t.Errorf("on %s the plan's org differs:\n%s\n%s", day, a, b)
		}
	}
	if h := p.ok("history", "huang-haiqing", "--format", "json"); !strings.Contains(h, `"plan": "reshuffle@cai-office"`) {
		t.Errorf("history does not mark the plan:\n%s", h)
	}
}

// TestPlanWaitsForLeaving applies a plan whose change waits, then records the leaving.
func TestPlanWaitsForLeaving(t *testing.T) {
	p := withExample(t)
	// li-feifei holds alibaba-vp already; the plan waits, so it is not refused yet.
	// It names whose leaving. (Found by a first-hour review: "waits for a leaving".)
	if out := p.successionPlan("assign: {person: li-feifei, position: alibaba-vp}"); !strings.Contains(out, "change 1 waits for the leaving of huo-jia, not yet recorded") {
		t.Fatalf("apply:\n%s", out)
	}
	if h := p.ok("history", "li-feifei"); !strings.Contains(h, "waiting in plan succession") {
		t.Errorf("history does not show the waiting change:\n%s", h)
	}
	if h := p.ok("history", "li-feifei", "--known-at", "2022-04-12"); strings.Contains(h, "waiting in plan") {
		t.Errorf("a history as known before shows what waits now:\n%s", h)
	}
	if list := p.ok("plan", "list"); !strings.Contains(list, "applied") || !strings.Contains(list, "(1 waiting for a leaving)") {
		t.Errorf("plan list does not say a change waits:\n%s", list)
	}
	leave := filepath.Join(t.TempDir(), "leave.yaml")
	os.WriteFile(leave, []byte("effective: 2022-05-20\nchanges:\n  - unassign: {person: li-feifei, position: alibaba-vp}\n  - leave: {person: huo-jia}\n"), 0o644)
	// A dry run says what the leaving would release besides, which its diff does not show.
	if code, _, errOut := p.run("", "apply", "--dry-run", leave); code != 0 ||
		!strings.Contains(errOut, "once recorded, huo-jia's leaving would also release change 1 of plan succession@tester, if the ledger takes it and nothing set by hand since the plan was drafted holds it back: li-feifei takes position alibaba-vp once huo-jia leaves (not in the diff)") {
		t.Errorf("dry run of the leaving: exit %d, %q", code, errOut)
	}
	// The apply says what the plan released after its own commit, which it recorded too.
	// It names the plan. (Found by a review: "plans recorded event 41" named none.)
	if code, _, errOut := p.run("", "apply", leave); code != 0 || !strings.Contains(errOut, "orgledger: plan succession@tester recorded event ") {
		t.Errorf("apply of the leaving: exit %d, %q", code, errOut)
	}
	if h := p.ok("history", "li-feifei"); strings.Contains(h, "waiting in plan") || !strings.Contains(h, "li-feifei takes position alibaba-vp") {
		t.Errorf("after the leaving, history:\n%s", h)
	}
}

// TestPlanCheckFails checks that plan check exits 1 on errors and names the change.
func TestPlanCheckFails(t *testing.T) {
	p := withExample(t)
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("changes:\n  - assign: {person: li-feifei, position: cloud-china-president}\n"), 0o644)
	p.ok("plan", "create", "bad", "--effective", "2022-06-01", file)
	code, out, errOut := p.run("", "plan", "check", "bad")
	if code != 1 || !strings.Contains(out, "error: ") || !strings.Contains(out, "change 1 (assign): position cloud-china-president is filled") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, _ := p.run("", "plan", "show", "nope"); code != 1 {
		t.Errorf("show of an unknown plan: exit %d", code)
	}
}

func mustRead(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestPlanOnAnEmptyLedger checks that a plan drafted before anything was recorded says so.
func TestPlanOnAnEmptyLedger(t *testing.T) {
	p := newProgram(t)
	p.ok("plan", "create", "first", "--effective", "2022-01-01")
	if out := p.ok("plan", "show", "first"); !strings.Contains(out, "drafted on an empty ledger") {
		t.Errorf("plan show:\n%s", out)
	}
}

// TestPlanFileDateGivesWay drafts a plan from a file with an effective date of its own: the
// plan's date wins, and create says so, where it used to drop the file's date without a word.
func TestPlanFileDateGivesWay(t *testing.T) {
	p := withExample(t)
	file := filepath.Join(t.TempDir(), "retitle.yaml")
	os.WriteFile(file, []byte("effective: 2022-06-01\nchanges:\n  - retitle: {position: alibaba-vp, title: Vice President}\n"), 0o644)
	code, out, errOut := p.run("", "plan", "create", "later", "--effective", "2022-05-01", file)
	if code != 0 || !strings.Contains(out, "effective 2022-05-01") ||
		!strings.Contains(errOut, "retitle.yaml: its effective date, 2022-06-01, gives way to the plan's, 2022-05-01") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := p.run("", "plan", "create", "same", "--effective", "2022-06-01", file); code != 0 || errOut != "" {
		t.Errorf("a file of the plan's own date: exit %d, %q", code, errOut)
	}
	backfill := filepath.Join(t.TempDir(), "backfill.yaml")
	os.WriteFile(backfill, []byte("effective: 2022-06-01\nrecorded: 2022-05-20T09:00:00Z\nchanges:\n  - retitle: {position: alibaba-vp, title: VP}\n"), 0o644)
	if code, _, errOut := p.run("", "plan", "create", "backfill", "--effective", "2022-06-01", backfill); code != 0 ||
		!strings.Contains(errOut, "backfill.yaml: its recorded time, 2022-05-20T09:00:00Z, is not kept") {
		t.Errorf("a file with a recorded time: exit %d, %q", code, errOut)
	}
}

// TestPlanDiffTellsChangesAfterItsDate: plan diff shows the org on the plan's date, and says
// which changes take effect after it, by an effective of their own, and so are not in it.
// (Found by QA: the diff said only that it had no changes of the kinds a diff shows.)
func TestPlanDiffTellsChangesAfterItsDate(t *testing.T) {
	p := withExample(t)
	p.planOf("later", "2022-05-01", "  - retitle: {position: alibaba-vp, title: Vice President}\n    effective: 2022-06-01\n")
	if out := p.ok("plan", "diff", "later"); !strings.Contains(out, "no changes of the kinds a diff shows") ||
		!strings.Contains(out, "(change 1 takes effect after the plan's date, 2022-05-01, and so is not in this diff)") {
		t.Errorf("plan diff:\n%s", out)
	}
}

// TestPlanRefusalNamesFileAndLine: a plan drafted from two files is refused as apply refuses
// a file: each problem told by its file, the line of the field at fault, and the change's
// number in its file; a file's note once, at its line; the person a change waits for is an
// id. (Found by a bad-input review: the file was not named, changes were numbered across the
// files, every problem was at its change's line, a file's note was told once a change, and
// when: {leaves: ...} took any text, escape sequences too.)
func TestPlanRefusalNamesFileAndLine(t *testing.T) {
	p := withExample(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.yaml"), filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("changes:\n  - hire: {id: n1, name: N}\n  - hire: {id: n3, name: M}\n"), 0o644)
	os.WriteFile(bad, []byte("note: \"a\\rb\"\nchanges:\n  - merge-units: {units: [cloud-china, cloud-china], into: global-sales}\n"+
		"  - hire:\n      id: n2\n      name: \"x\\ry\"\n    when: {leaves: \"a\\e[31m\"}\n"), 0o644)
	code, _, errOut := p.run("", "plan", "create", "q", "--effective", "2022-06-01", good, bad)
	for _, want := range []string{
		bad + ":1: note: holds a carriage return",
		bad + ":3: change 1 (merge-units): units: lists cloud-china twice",
		bad + ":6: change 2 (hire): name: holds a control character",
		bad + ":7: change 2 (hire): when.leaves: id \"a\\x1b[31m\" has U+001B",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("plan create: exit %d, stderr\n%s\nwant a line holding %q", code, errOut, want)
		}
	}
	if n := strings.Count(errOut, "note:"); n != 1 {
		t.Errorf("the file's note is told %d times, want once:\n%s", n, errOut)
	}
}

// TestPlanApplyJSON checks plan apply --format json: what the API answers for an apply, the
// plan named by its reference, as history and check name it (found by QA: by its name alone,
// which two owners' plans may share).
func TestPlanApplyJSON(t *testing.T) {
	p := withExample(t)
	file := filepath.Join(t.TempDir(), "retitle.yaml")
	os.WriteFile(file, []byte("changes:\n  - retitle: {position: alibaba-vp, title: Vice President}\n"), 0o644)
	p.ok("plan", "create", "retitle", "--effective", "2022-05-01", file)
	var got struct {
		Plan    string `json:"plan"`
		Events  int    `json:"events"`
		Waiting []int  `json:"waiting"`
	}
	for _, what := range []string{"check", "impact"} {
		if out := p.ok("plan", what, "retitle", "--format", "json"); !strings.Contains(out, `"plan": "retitle@tester"`) {
			t.Errorf("plan %s --format json names the plan otherwise than by its reference:\n%s", what, out)
		}
	}
	if err := json.Unmarshal([]byte(p.ok("plan", "apply", "retitle", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Plan != "retitle@tester" || got.Events != 1 || got.Waiting == nil || len(got.Waiting) != 0 {
		t.Errorf("apply --format json = %+v", got)
	}
	// A plan the ledger refuses is told on standard output too, as apply and import tell a
	// refused file. (Found by a bad-input review: nothing was printed there.)
	os.WriteFile(file, []byte("changes:\n  - retitle: {position: alibaba-vp, title: VP}\n  - leave: {person: nobody-such}\n"), 0o644)
	p.ok("plan", "create", "broken", "--effective", "2022-05-01", file)
	code, out, _ := p.run("", "plan", "apply", "broken", "--format", "json")
	var refused struct {
		Plan    string
		Refused struct{ Errors []orgledger.Problem }
	}
	if err := json.Unmarshal([]byte(out), &refused); err != nil || code != 1 || refused.Plan != "broken@tester" || len(refused.Refused.Errors) == 0 {
		t.Errorf("a refused plan apply --format json: exit %d, %v, %s", code, err, out)
	}
}

// TestPlanOwnerFromAnUnfitUserName checks that a plan is not made for a local user name that
// no token could have: the command names the problem and asks for --owner, and writes nothing.
func TestPlanOwnerFromAnUnfitUserName(t *testing.T) {
	p := withExample(t)
	p.user = "jane@corp"
	code, _, errOut := p.run("", "plan", "create", "zz1", "--effective", "2023-05-01")
	if code != exitUsage || !strings.Contains(errOut, "the local user name cannot own a plan") || !strings.Contains(errOut, "--owner") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if list := p.ok("plan", "list"); strings.Contains(list, "zz1") {
		t.Errorf("the plan was made: %s", list)
	}
}

// TestPlanShowsARefusedRelease: a change the ledger refused when its leaving came is shown as
// waiting with its leaving recorded, not as waiting for a leaving to be recorded, and why.
func TestPlanShowsARefusedRelease(t *testing.T) {
	p := withExample(t)
	p.successionPlan("assign: {person: li-feifei, position: alibaba-vp}")
	// li-feifei holds alibaba-vp, so the release is refused when huo-jia leaves.
	if code, _, errOut := p.run("effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n", "apply", "-"); code != 0 || !strings.Contains(errOut, "warning") {
		t.Fatalf("the leaving: exit %d, %q", code, errOut)
	}
	out := p.ok("plan", "show", "succession")
	if !strings.Contains(out, "waiting: huo-jia's leaving is recorded, but this change is held back: the ledger refuses it: ") ||
		!strings.Contains(out, "li-feifei") {
		t.Errorf("plan show:\n%s", out)
	}
	var v struct {
		Changes []struct {
			Waiting         bool   `json:"waiting"`
			LeavingRecorded bool   `json:"leaving_recorded"`
			Held            string `json:"held"`
		} `json:"changes"`
	}
	p.json(&v, "plan", "show", "succession")
	if len(v.Changes) != 1 || !v.Changes[0].Waiting || !v.Changes[0].LeavingRecorded || !strings.HasPrefix(v.Changes[0].Held, "the ledger refuses it: ") {
		t.Errorf("plan show --format json: %+v", v)
	}
}

// TestCommandSettlesAStoppedRelease: huo-jia's leaving was recorded by a process that stopped
// before it released the plan's change waiting for it; the next command that writes releases
// it.
func TestCommandSettlesAStoppedRelease(t *testing.T) {
	p := withExample(t)
	p.successionPlan("retitle: {position: alibaba-vp, title: Acting VP}")
	store, err := sqlite.OpenStore(context.Background(), p.db)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Open(context.Background(), store, fixedClock{time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	leave := &orgledger.Changeset{Effective: mustDate(t, "2022-05-20"), Changes: []orgledger.Change{{Op: &orgledger.Leave{Person: "huo-jia"}}}}
	if _, err := l.Apply(context.Background(), leave, ledger.ApplyOptions{Actor: "stopped"}); err != nil { // no AfterCommit
		t.Fatal(err)
	}
	store.Close()
	if out := p.ok("show", "alibaba-vp", "--at", "2022-05-21"); strings.Contains(out, "Acting VP") {
		t.Fatalf("released before any command wrote:\n%s", out)
	}
	if code, _, errOut := p.run("effective: 2022-05-21\nchanges:\n  - hire: {id: zoe, name: Zoe}\n", "apply", "-"); code != 0 || !strings.Contains(errOut, "orgledger: plan succession@tester recorded event ") {
		t.Errorf("the next write: exit %d, %q", code, errOut)
	}
	if out := p.ok("show", "alibaba-vp", "--at", "2022-05-21"); !strings.Contains(out, "Acting VP") {
		t.Errorf("after the next write, alibaba-vp:\n%s", out)
	}
}

func mustDate(t *testing.T, s string) orgledger.Date {
	t.Helper()
	d, err := orgledger.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRetractALeavingThatReleasedASuccessor: huo-jia's leaving releases a plan's change putting
// li-feifei in huo-jia's position; retracting the leaving from a file takes that change back
// in the same commit, and it waits again, where the retraction was refused (the position would
// be held twice). (Found by a planner's review, through the command line.)
func TestRetractALeavingThatReleasedASuccessor(t *testing.T) {
	p := withExample(t)
	leaving := p.huoJiaReleases("assign: {person: li-feifei, position: industry-solutions-gm}", "leave")
	code, out, errOut := p.run(fmt.Sprintf("changes:\n  - retract: {event: %d, reason: recorded by mistake}\n", leaving), "apply", "-")
	if code != 0 || !strings.Contains(out, "recorded 2 events") {
		t.Fatalf("the leaving's retraction: exit %d\n%s%s", code, out, errOut)
	}
	if show := p.ok("plan", "show", "succession"); !strings.Contains(show, "waiting: takes effect when huo-jia leaves") {
		t.Errorf("the released change does not wait again:\n%s", show)
	}
	if out := p.ok("show", "industry-solutions-gm", "--at", "2022-05-21"); !strings.Contains(out, "Huo Jia") {
		t.Errorf("huo-jia's position after the retraction:\n%s", out)
	}
}

// huoJiaReleases applies the succession plan with the change given, waiting for huo-jia's
// leaving, records the leaving on 2022-05-20, which releases it, and returns the last event of
// the verb given.
func (p *program) huoJiaReleases(change, verb string) int64 {
	p.tb.Helper()
	p.successionPlan(change)
	if code, _, errOut := p.run("effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n", "apply", "-"); code != 0 {
		p.tb.Fatalf("the leaving: exit %d %s", code, errOut)
	}
	seq := int64(0)
	for _, e := range p.loggedEvents() {
		if e.Verb == verb {
			seq = e.Event
		}
	}
	return seq
}

// TestPlanShowsAReleaseRetractedByHand: huo-jia's leaving releases the plan's retitle, whose
// event is then retracted by hand; plan show tells it taken back by that retraction, not in
// force. (Found by a review: it was shown as "when huo-jia leaves", as if in force.)
func TestPlanShowsAReleaseRetractedByHand(t *testing.T) {
	p := withExample(t)
	released := p.huoJiaReleases("retitle: {position: alibaba-vp, title: Acting VP}", "retitle")
	if code, _, errOut := p.run(fmt.Sprintf("changes:\n  - retract: {event: %d, reason: the title stays}\n", released), "apply", "-"); code != 0 {
		t.Fatalf("the retraction: exit %d %s", code, errOut)
	}
	logged := p.loggedEvents()
	retraction := logged[len(logged)-1].Event
	want := fmt.Sprintf("      taken back: huo-jia's leaving released it as event %d, which event %d retracted; it does not wait again\n", released, retraction)
	if show := p.ok("plan", "show", "succession"); !strings.Contains(show, want) || strings.Contains(show, "when huo-jia leaves") {
		t.Errorf("plan show:\n%s\nwant the line\n%s", show, want)
	}
	type events struct{ Event, By int64 }
	var v struct {
		Changes []struct {
			Waiting   bool    `json:"waiting"`
			Retracted *events `json:"retracted"`
		} `json:"changes"`
	}
	p.json(&v, "plan", "show", "succession")
	if len(v.Changes) != 1 || v.Changes[0].Waiting || v.Changes[0].Retracted == nil || *v.Changes[0].Retracted != (events{released, retraction}) {
		t.Errorf("plan show --format json: %+v, want change 1 retracted %d by %d", v, released, retraction)
	}
}

// TestPlanShowsAnAppliedChangeRetractedByHand: plan pc's retitle, recorded as it is applied, is
// retracted by hand; plan show tells it taken back by that retraction.
func TestPlanShowsAnAppliedChangeRetractedByHand(t *testing.T) {
	p := withExample(t)
	p.planOf("pc", "2022-06-01", "  - retitle: {position: alibaba-vp, title: Acting VP}\n")
	p.ok("plan", "apply", "pc")
	events := p.loggedEvents()
	retitled := events[len(events)-1].Event
	p.ok("apply", writeTemp(t, "back.yaml", fmt.Sprintf("changes:\n  - retract: {event: %d, reason: the title stays}\n", retitled)))
	want := fmt.Sprintf("      taken back: recorded as event %d, which event %d retracted\n", retitled, retitled+1)
	if show := p.ok("plan", "show", "pc"); !strings.Contains(show, want) {
		t.Errorf("plan show:\n%s\nwant the line\n%s", show, want)
	}
}

// TestPlanProblemsNameNoStoredLine: a plan's change refused by the ledger is told by its number
// and field, not by a line of the text the store keeps the plan in.
func TestPlanProblemsNameNoStoredLine(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", exampleFiles[0])
	p.planOf("pc", "2022-06-01", "  - retitle:\n      position: cloud-china-president\n      title: P\n  - assign:\n      position: cloud-china-president\n      person: nobody\n")
	_, out, _ := p.run("", "plan", "check", "pc", "--format", "json")
	var report struct{ Errors []orgledger.Problem }
	if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Errors) != 1 || report.Errors[0].Line != 0 ||
		report.Errors[0].Change != 2 || report.Errors[0].Field != "person" {
		t.Errorf("plan check: %v %+v", err, report)
	}
}

// planOf creates plan name, effective on day, of the changes given as a changeset's list, with
// the other arguments of plan create.
func (p *program) planOf(name, day, changes string, args ...string) {
	p.tb.Helper()
	file := filepath.Join(p.tb.TempDir(), name+".yaml")
	if err := os.WriteFile(file, []byte("changes:\n"+changes), 0o644); err != nil {
		p.tb.Fatal(err)
	}
	p.ok(append([]string{"plan", "create", name, "--effective", day, file}, args...)...)
}

// successionPlan creates plan succession, effective 2022-06-01, of one change that waits for
// huo-jia's leaving, applies it and returns what apply printed.
func (p *program) successionPlan(change string) string {
	p.tb.Helper()
	file := filepath.Join(p.tb.TempDir(), "succession.yaml")
	if err := os.WriteFile(file, []byte("changes:\n  - "+change+"\n    when: {leaves: huo-jia}\n"), 0o644); err != nil {
		p.tb.Fatal(err)
	}
	p.ok("plan", "create", "succession", "--effective", "2022-06-01", file)
	return p.ok("plan", "apply", "succession")
}

// TestPlanApplyRecordsTheUser: a plan applied with --owner naming whose it is records its
// events as the local user's, who ran the command; the owner is the plan's, and the log shows
// the actor to whoever may not see the plan.
func TestPlanApplyRecordsTheUser(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", exampleFiles[0])
	p.planOf("retitle", "2022-06-01", "  - retitle: {position: cloud-china-president, title: President}\n", "--owner", "leader")
	p.ok("plan", "apply", "retitle", "--owner", "leader")
	var log struct {
		Events []struct {
			Actor, Plan string
		} `json:"events"`
	}
	p.json(&log, "log")
	last := log.Events[len(log.Events)-1]
	if last.Plan != "retitle@leader" || last.Actor != "tester" {
		t.Errorf("the plan's event is recorded as %+v, want the plan retitle@leader and the actor tester", last)
	}
}

// TestPlanAppliedOnAnotherDay: a plan's check warns that its date is past, and its apply says
// what applying it before or after its day does. (Found by a planner's review: both passed
// without a word.)
func TestPlanAppliedOnAnotherDay(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", exampleFiles[0])
	p.planOf("late", "2022-05-01", "  - retitle: {position: cloud-china-president, title: President}\n") // the tests' today is 2022-06-01
	if check := p.ok("plan", "check", "late"); !strings.Contains(check, "the plan takes effect on 2022-05-01, 31 days ago") {
		t.Errorf("check of a backdated plan:\n%s", check)
	}
	if _, _, errOut := p.run("", "plan", "apply", "late"); !strings.Contains(errOut, "plan late took effect on 2022-05-01, 31 days ago") {
		t.Errorf("apply of a backdated plan:\n%s", errOut)
	}
	p.planOf("early", "2022-07-01", "  - retitle: {position: cloud-china-president, title: Chief}\n")
	if check := p.ok("plan", "check", "early"); strings.Contains(check, "ago") {
		t.Errorf("check of a plan for a later day:\n%s", check)
	}
	if _, _, errOut := p.run("", "plan", "apply", "early"); !strings.Contains(errOut, "plan early takes effect on 2022-07-01, in 30 days: every planner reads its changes from now on") {
		t.Errorf("apply of a plan before its day:\n%s", errOut)
	}
}

// TestPlanEventsAreThePlans: what afterCommit says plans recorded is told from the commits the
// plans service noted (plans.Recording), by plan in the order they first recorded, an event
// of no plan left out, whoever's name they are in: a release is recorded in the name of the
// plan's applier, or of the leaver, not of the command's user (found by QA).
func TestPlanEventsAreThePlans(t *testing.T) {
	ev := func(seq int64, plan string) orgledger.Event { return orgledger.Event{Seq: seq, Plan: plan} }
	commits := []*orgledger.Commit{{Events: []orgledger.Event{ev(2, "reorg@me"), ev(3, "")}}, {Events: []orgledger.Event{ev(4, "x@other"), ev(5, "reorg@me")}}}
	want := []planRecorded{{plan: "reorg@me", seqs: []int64{2, 5}}, {plan: "x@other", seqs: []int64{4}}}
	if got := byPlan(commits); !reflect.DeepEqual(got, want) {
		t.Errorf("byPlan: %v, want %v", got, want)
	}
}

// TestPlanRemove: plan remove takes changes out of a draft by the numbers plan show gives
// them, and refuses a number the plan has no change of, naming it, and an applied plan.
func TestPlanRemove(t *testing.T) {
	p := withExample(t)
	p.planOf("arch", "2022-07-01", "  - hire: {id: a1, name: A One}\n  - hire: {id: a2, name: A Two}\n  - hire: {id: a3, name: A Three}\n")
	if out := p.ok("plan", "remove", "arch", "1", "3"); out != "plan arch now has 1 change\n" {
		t.Errorf("remove: %q", out)
	}
	if show := p.ok("plan", "show", "arch"); !strings.Contains(show, " 1. a2 (A Two) is hired") || strings.Contains(show, "a1") || strings.Contains(show, "a3") {
		t.Errorf("show after the removal:\n%s", show)
	}
	if code, _, errOut := p.run("", "plan", "remove", "arch", "2"); code != 1 || !strings.Contains(errOut, "plan arch has no change 2: it has 1 change") {
		t.Errorf("remove change 2 of 1: exit %d, %s", code, errOut)
	}
	if code, _, errOut := p.run("", "plan", "remove", "arch", "x"); code != 2 || !strings.Contains(errOut, `"x" is not the number of a change`) {
		t.Errorf("remove change x: exit %d, %s", code, errOut)
	}
	for _, cmd := range []string{"remove", "withdraw"} { // cobra reads -1 as a flag
		if code, _, errOut := p.run("", "plan", cmd, "arch", "-1"); code != 2 || !strings.Contains(errOut, `"-1" is not the number of a change`) {
			t.Errorf("%s change -1: exit %d, %s", cmd, code, errOut)
		}
	}
	p.ok("plan", "apply", "arch")
	if code, _, errOut := p.run("", "plan", "remove", "arch", "1"); code != 1 || !strings.Contains(errOut, "plan arch cannot be removed: the plan is applied") {
		t.Errorf("remove from an applied plan: exit %d, %s", code, errOut)
	}
}

// TestDryRunOfALeavingsRetraction: a dry run of the retraction of a leaving that released a
// plan's change says the change would be taken back, to wait again, as the write does; and a
// dry run of several files decides it with the files before applied: a file that retracts
// the released change first leaves nothing to take back. (Found by a review: the dry run
// said nothing, and decided against the ledger as it is.)
func TestDryRunOfALeavingsRetraction(t *testing.T) {
	p := withExample(t)
	p.successionPlan("assign: {person: li-feifei, position: industry-solutions-gm}")
	p.ok("apply", writeTemp(t, "leave.yaml", "effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n"))
	events := p.loggedEvents()
	leaving, released := events[len(events)-2].Event, events[len(events)-1].Event
	if events[len(events)-2].Verb != "leave" {
		t.Fatalf("the log ends %+v, want the leaving and its release", events[len(events)-2:])
	}
	retraction := writeTemp(t, "fix.yaml", fmt.Sprintf("changes:\n  - retract: {event: %d, reason: recorded by mistake}\n", leaving))
	code, out, errOut := p.run("", "apply", "--dry-run", retraction)
	if code != 0 || !strings.Contains(out, "would record 2 events") || !strings.Contains(errOut, "change 1 of plan succession") || !strings.Contains(errOut, "would wait again for huo-jia's leaving") {
		t.Errorf("the dry run of the leaving's retraction: exit %d\n%s%s", code, out, errOut)
	}
	var dry struct {
		Applied []struct {
			TakenBack []string `json:"taken_back"`
		}
	}
	if p.json(&dry, "apply", "--dry-run", retraction); len(dry.Applied) != 1 || len(dry.Applied[0].TakenBack) != 1 ||
		!strings.HasPrefix(dry.Applied[0].TakenBack[0], "change 1 of plan succession") {
		t.Errorf("the JSON dry run of the leaving's retraction: %+v", dry)
	}
	byHand := writeTemp(t, "byhand.yaml", fmt.Sprintf("changes:\n  - retract: {event: %d, reason: not yet}\n", released))
	code, out, errOut = p.run("", "apply", "--dry-run", byHand, retraction)
	if code != 0 || !strings.Contains(out, "fix.yaml: would record 1 event") || strings.Contains(errOut, "would wait again") {
		t.Errorf("the dry run of the release's retraction, then the leaving's: exit %d\n%s%s", code, out, errOut)
	}
}

// loggedEvent is an event of log's JSON: its number and verb.
type loggedEvent struct {
	Event int64
	Verb  string
}

// loggedEvents returns the ledger's events, as log's JSON gives them.
func (p *program) loggedEvents() []loggedEvent {
	var log struct {
		Events []loggedEvent `json:"events"`
	}
	p.json(&log, "log")
	return log.Events
}

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestDryRunOfSeveralFilesReleases: a dry run of a leaving, then of a file that takes
// li-feifei out of the position the leaving releases to her by a plan, checks the second as
// the write would: with the plan's change released once the leaving is recorded, and says so,
// naming the event the release would be; a later file retracting the leaving takes the
// release back with it; neither writes anything, to the ledger or the plan; and the write of
// the same files does what it told. (Found by a review: the dry run checked the later files
// against the org without the release, refused the first and took nothing back in the second.)
func TestDryRunOfSeveralFilesReleases(t *testing.T) {
	p := withExample(t)
	p.successionPlan("assign: {person: li-feifei, position: industry-solutions-gm}")
	leave := writeTemp(t, "leave.yaml", "effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n")
	out := writeTemp(t, "out.yaml", "effective: 2022-06-01\nchanges:\n  - unassign: {person: li-feifei, position: industry-solutions-gm}\n")
	logBefore, planBefore := p.ok("log", "--format", "json"), p.ok("plan", "show", "succession", "--format", "json")
	head := int64(len(p.loggedEvents()))
	release := fmt.Sprintf("leave.yaml: once recorded, plan succession@tester would record event %d after it: li-feifei takes position industry-solutions-gm (not in the diff)", head+2)
	code, stdout, errOut := p.run("", "apply", "--dry-run", leave, out)
	if code != 0 || !strings.Contains(stdout, "out.yaml: would record 1 event") || !strings.Contains(errOut, release) {
		t.Errorf("the dry run of the leaving, then the unassign: exit %d\n%s%s\nwant the unassign checked with the release, told as %q", code, stdout, errOut, release)
	}
	// The leaving's retraction in a later file takes back what the leaving released, as the
	// write of the files would: with the leaving's retraction, the release's, in its commit.
	fix := writeTemp(t, "fix.yaml", fmt.Sprintf("changes:\n  - retract: {event: %d, reason: recorded by mistake}\n", head+1))
	code, stdout, errOut = p.run("", "apply", "--dry-run", leave, fix)
	if code != 0 || !strings.Contains(stdout, "fix.yaml: would record 2 events") || !strings.Contains(errOut, "would wait again for huo-jia's leaving") {
		t.Errorf("the dry run of the leaving, then its retraction: exit %d\n%s%s", code, stdout, errOut)
	}
	if p.ok("log", "--format", "json") != logBefore || p.ok("plan", "show", "succession", "--format", "json") != planBefore {
		t.Fatal("the dry runs wrote to the ledger or the plan")
	}
	code, _, errOut = p.run("", "apply", leave, out)
	events := p.loggedEvents()
	if code != 0 || len(events) != int(head)+3 || events[head+1].Verb != "assign" || events[head+1].Event != head+2 {
		t.Errorf("the write of the files: exit %d, %s; the log ends %+v, want the leaving, its release as event %d, the unassign", code, errOut, events[head:], head+2)
	}
}

// TestPlanWithdraw: a change of an applied plan waiting for huo-jia's leaving is withdrawn;
// plan show says so, the position's history no longer shows it waiting, and the leaving records
// nothing of it. Withdrawing it again is refused, naming why.
func TestPlanWithdraw(t *testing.T) {
	p := withExample(t)
	p.successionPlan("retitle: {position: industry-solutions-gm, title: Acting GM}")
	if out := p.ok("plan", "withdraw", "succession", "1"); !strings.Contains(out, "plan succession: 1 change withdrawn; 0 changes still waiting") {
		t.Fatalf("withdraw:\n%s", out)
	}
	if show := p.ok("plan", "show", "succession"); !strings.Contains(show, "withdrawn by tester at ") || !strings.Contains(show, "it waited for huo-jia's leaving, which records nothing of it") {
		t.Errorf("plan show after the withdrawal:\n%s", show)
	}
	if list := p.ok("plan", "list"); !strings.Contains(list, "(1 withdrawn)") || strings.Contains(list, "waiting for a leaving") {
		t.Errorf("plan list after the withdrawal:\n%s", list)
	}
	if list := p.ok("plan", "list", "--format", "json"); !strings.Contains(list, `"waiting": 0,`) || !strings.Contains(list, `"withdrawn": 1,`) {
		t.Errorf("plan list's JSON after the withdrawal:\n%s", list)
	}
	if h := p.ok("history", "industry-solutions-gm"); strings.Contains(h, "waiting in plan") {
		t.Errorf("history shows the withdrawn change waiting:\n%s", h)
	}
	if code, _, errOut := p.run("", "plan", "withdraw", "succession", "1"); code == 0 || !strings.Contains(errOut, "change 1 was withdrawn by tester") {
		t.Errorf("a second withdrawal: exit %d, %q", code, errOut)
	}
	leave := filepath.Join(t.TempDir(), "leave.yaml")
	os.WriteFile(leave, []byte("effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n"), 0o644)
	if code, _, errOut := p.run("", "apply", leave); code != 0 || strings.Contains(errOut, "recorded event") {
		t.Errorf("apply of the leaving: exit %d, %q", code, errOut)
	}
	if show := p.ok("show", "industry-solutions-gm", "--at", "2022-06-01"); strings.Contains(show, "Acting GM") {
		t.Errorf("after the leaving, the withdrawn retitle is in force:\n%s", show)
	}
}

// TestPlanWithdrawReleasesWhatItFreed: the ledger refuses the close of a held position waiting
// with a retitle for huo-jia's leaving, and holds back both when it comes; withdrawing the close
// records the retitle at once, and says so.
func TestPlanWithdrawReleasesWhatItFreed(t *testing.T) {
	p := refusedSuccession(t)
	var log struct{ Events []struct{ Event int64 } }
	p.json(&log, "log")
	next := log.Events[len(log.Events)-1].Event + 1
	out := p.ok("plan", "withdraw", "succession", "2")
	if want := fmt.Sprintf("plan succession: 1 change withdrawn; 0 changes still waiting\nplan succession: recorded change 1, which the withdrawal freed, as event %d\n", next); out != want {
		t.Fatalf("withdraw:\n%s\nwant %q", out, want)
	}
	if show := p.ok("show", "industry-solutions-gm", "--at", "2022-06-01"); !strings.Contains(show, "Acting GM") {
		t.Errorf("after the withdrawal, the retitle is not in force:\n%s", show)
	}
	if show := p.ok("plan", "show", "succession"); !strings.Contains(show, fmt.Sprintf("released when huo-jia left, as event %d", next)) {
		t.Errorf("plan show does not name the retitle's event:\n%s", show)
	}
}

// refusedSuccession is the example with plan succession applied, whose retitle of
// industry-solutions-gm and close of cloud-china-president (held) wait for huo-jia's leaving,
// and that leaving recorded: the ledger refuses the close, and holds back both.
func refusedSuccession(t *testing.T) *program {
	t.Helper()
	p := withExample(t)
	p.successionPlan("retitle: {position: industry-solutions-gm, title: Acting GM}\n    when: {leaves: huo-jia}\n  - close-position: {position: cloud-china-president}")
	leave := filepath.Join(t.TempDir(), "leave.yaml")
	os.WriteFile(leave, []byte("effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n"), 0o644)
	if code, _, errOut := p.run("", "apply", leave); code != 0 || !strings.Contains(errOut, "change 2 (close-position)") {
		t.Fatalf("apply of the leaving: exit %d, %q; want the close refused", code, errOut)
	}
	return p
}

// TestPlanWithdrawFreesNothing: the close of a held position and a retitle wait for
// huo-jia's leaving, which the ledger refuses when it comes; withdrawing the retitle records
// nothing, and says the close still waits.
func TestPlanWithdrawFreesNothing(t *testing.T) {
	p := refusedSuccession(t)
	code, out, errOut := p.run("", "plan", "withdraw", "succession", "1")
	if code != 0 || out != "plan succession: 1 change withdrawn; 1 change still waiting\n" ||
		!strings.Contains(errOut, "plan succession: change 2 still waiting, the leaving recorded: plan show says why") {
		t.Errorf("withdraw: exit %d, %q, %q", code, out, errOut)
	}
}

// TestChangesNumbered: what a withdrawal released is named as plan show numbers it.
func TestChangesNumbered(t *testing.T) {
	for _, tc := range []struct {
		numbers []int
		want    string
	}{{nil, "its changes"}, {[]int{3}, "change 3"}, {[]int{2, 4, 10}, "changes 2, 4, 10"}} {
		if got := changesNumbered(tc.numbers); got != tc.want {
			t.Errorf("changesNumbered(%v) = %q, want %q", tc.numbers, got, tc.want)
		}
	}
}

// TestDryRunWhosePlansCannotBeRead: a dry run of a leaving whose plans cannot be read (a plan
// stored broken) answers all the same, and its JSON says what could not be told, as the API's
// warnings do, so that a script does not read "releases nothing" into an answer without
// "released". (Found by a review: only stderr said so.)
func TestDryRunWhosePlansCannotBeRead(t *testing.T) {
	p := withExample(t)
	p.successionPlan("assign: {person: li-feifei, position: industry-solutions-gm}")
	execSQL(t, p.db, `UPDATE plans SET withdrawn = '[' WHERE name = 'succession'`)
	var dry struct {
		Applied []struct {
			Released, Warnings []string
		}
	}
	p.json(&dry, "apply", "--dry-run", writeTemp(t, "leave.yaml", "effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n"))
	if len(dry.Applied) != 1 || len(dry.Applied[0].Released) != 0 || len(dry.Applied[0].Warnings) != 1 ||
		!strings.Contains(dry.Applied[0].Warnings[0], "would release of plans could not be told") {
		t.Errorf("the dry run with its plans unreadable: %+v", dry)
	}
}

// TestPlanShowsTheDayAChangeKeptInForceTookEffect: a change released by a leaving whose
// retraction could not take it back (a later event needs it) stays in force, and plan show
// gives the day its event took effect, the leaving's, where it gave the plan's (found by QA).
func TestPlanShowsTheDayAChangeKeptInForceTookEffect(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", writeTemp(t, "base.yaml", `effective: 2024-01-01
changes:
  - create-unit: {id: co, name: Co}
  - create-position: {id: ceo, title: CEO, unit: co}
  - create-position: {id: cto, title: CTO, unit: co, reports-to: ceo}
  - create-position: {id: dev, title: Dev, unit: co, reports-to: cto}
  - hire: {id: carol, name: Carol}
  - assign: {person: carol, position: dev}
`))
	p.ok("plan", "create", "w", "--effective", "2024-06-01", writeTemp(t, "w.yaml", "changes:\n  - report: {position: dev, to: ceo}\n    when: {leaves: carol}\n"))
	p.ok("plan", "apply", "w")
	p.ok("apply", writeTemp(t, "leave.yaml", "effective: 2024-09-01\nchanges:\n  - leave: {person: carol}\n"),
		writeTemp(t, "cycle.yaml", "effective: 2024-10-01\nchanges:\n  - report: {position: cto, to: dev}\n"))
	var before struct{ Changes []struct{ Effective string } }
	p.json(&before, "plan", "show", "w")
	p.run("", "apply", writeTemp(t, "fix.yaml", "changes:\n  - retract: {event: 7, reason: mistake}\n"))
	var after struct {
		Changes []struct {
			Effective string
			Event     int64
		}
	}
	p.json(&after, "plan", "show", "w")
	if len(before.Changes) != 1 || before.Changes[0].Effective != "2024-09-01" || len(after.Changes) != 1 ||
		after.Changes[0].Event == 0 || after.Changes[0].Effective != "2024-09-01" {
		t.Errorf("plan show before the retraction %+v, after %+v; want the change in force, effective 2024-09-01", before, after)
	}
}

// TestPlanApplyTellsChainedReleases: a plan whose leaving releases a change of its own that is
// a leaving in turn, which releases another, records that last in a commit of its own after
// the apply's: apply tells it, as a command that records a leaving tells what plans record
// after it. (Found by QA: apply said "recorded 4 events (9–12)", and nothing of event 13.)
func TestPlanApplyTellsChainedReleases(t *testing.T) {
	p := newProgram(t)
	dir := t.TempDir()
	base, plan := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "plan.yaml")
	os.WriteFile(base, []byte(`effective: 2026-01-01
changes:
  - create-unit: {id: co, name: Company}
  - create-position: {id: ceo, title: CEO, unit: co}
  - create-position: {id: eng1, title: Engineer, unit: co, reports-to: ceo}
  - hire: {id: alice, name: Alice}
  - hire: {id: dan, name: Dan}
  - hire: {id: frank, name: Frank}
  - assign: {person: alice, position: ceo}
  - assign: {person: dan, position: eng1}
`), 0o644)
	os.WriteFile(plan, []byte(`changes:
  - hire: {id: g, name: G}
  - leave: {person: g}
    effective: 2026-03-01
  - leave: {person: dan}
    when: {leaves: g}
  - assign: {person: frank, position: eng1}
    when: {leaves: dan}
`), 0o644)
	p.ok("apply", base)
	p.ok("plan", "create", "w", "--effective", "2026-02-01", plan)
	code, out, errOut := p.run("", "plan", "apply", "w")
	if code != 0 || !strings.Contains(out, "recorded 3 events (9–11)") || !strings.Contains(errOut, "plan w@tester recorded event 12 after it") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestPlanApplyTellsWhenViewersReadIt: a plan applied before its day is read by viewers from
// that day; one with a change of an earlier day of its own, from that change's day, now when
// that is past. (Found by QA: apply said "viewers from that day" of a change they read at once.)
func TestPlanApplyTellsWhenViewersReadIt(t *testing.T) {
	p := withExample(t)
	early := "  - retitle: {position: alibaba-vp, title: Vice President}\n    effective: 2022-05-01\n  - retitle: {position: cloud-china-president, title: President}\n"
	p.planOf("early", "2022-09-01", early)
	if code, _, errOut := p.run("", "plan", "apply", "early"); code != 0 ||
		!strings.Contains(errOut, "takes effect on 2022-09-01, in 92 days: every planner reads its changes from now on, and viewers each from the day it takes effect, the first on 2022-05-01, which they read now") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	p.planOf("later", "2022-09-01", early)
	p.ok("plan", "remove", "later", "1")
	if code, _, errOut := p.run("", "plan", "apply", "later"); code != 0 || !strings.Contains(errOut, "and viewers from that day\n") {
		t.Errorf("exit %d, %s", code, errOut)
	}
}

// TestHistoryTellsADraftsChangeApart: a change of a draft that would wait for a leaving waits
// for nothing until the plan is applied; history says it is a draft's, and its JSON gives
// applied false. (Found by QA: it was told as waiting, as an applied plan's is.)
func TestHistoryTellsADraftsChangeApart(t *testing.T) {
	p := withExample(t)
	p.planOf("draft-wait", "2022-09-01", "  - retitle: {position: alibaba-vp, title: Vice President}\n    when: {leaves: huo-jia}\n")
	if h := p.ok("history", "huo-jia"); !strings.Contains(h, "drafted, not applied, in plan draft-wait@tester (change 1): position alibaba-vp is retitled Vice President once huo-jia leaves") ||
		strings.Contains(h, "waiting in plan") {
		t.Errorf("history:\n%s", h)
	}
	if h := p.ok("history", "huo-jia", "--format", "json"); !strings.Contains(h, `"applied": false`) {
		t.Errorf("history JSON:\n%s", h)
	}
}

// TestPlanTextOfSmallCases checks what the plan commands print in cases QA found them unclear
// in: a plan with no changes (plan diff told a diff that leaves changes out; plan show said
// nothing), a unit a plan creates (plan impact gave its span and depth from 0 as for any
// other), names longer than the list's columns (the row pushed out of line), and plan list
// --owner (every plan listed).
func TestPlanTextOfSmallCases(t *testing.T) {
	p := newProgram(t)
	p.ok(append([]string{"apply"}, exampleFiles...)...)
	p.ok("plan", "create", "empty", "--effective", "2022-06-01")
	if out := p.ok("plan", "diff", "empty"); out != "plan empty@tester has no changes\n" {
		t.Errorf("plan diff of an empty plan: %q", out)
	}
	if out := p.ok("plan", "show", "empty"); !strings.HasSuffix(out, "  (no changes)\n") {
		t.Errorf("plan show of an empty plan:\n%s", out)
	}
	p.ok("plan", "create", "a-plan-with-a-name-longer-than-the-column", "--effective", "2022-06-01", writeTemp(t, "u.yaml",
		"changes:\n  - create-unit: {id: newu, name: New, parent: alibaba-cloud}\n  - move-position: {position: industry-solutions-gm, unit: newu}\n"))
	if out := p.ok("plan", "impact", "a-plan-with-a-name-longer-than-the-column"); !strings.Contains(out, "  newu                span 0 → 0, depth 0 → 1 (created by the plan)\n") {
		t.Errorf("plan impact:\n%s", out)
	}
	list := strings.Split(p.ok("plan", "list"), "\n")
	if len(list) != 3 || strings.Index(list[0], "draft") != strings.Index(list[1], "draft") {
		t.Errorf("plan list, out of line:\n%s", strings.Join(list, "\n"))
	}
	// --owner lists that owner's plans (found by QA: every plan was listed).
	p.ok("plan", "create", "bobs", "--effective", "2022-06-01", "--owner", "bob")
	if out := p.ok("plan", "list", "--owner", "bob"); !strings.HasPrefix(out, "bobs ") || strings.Count(out, "\n") != 1 {
		t.Errorf("plan list --owner bob:\n%s", out)
	}
	if out := p.ok("plan", "list"); strings.Count(out, "\n") != 3 {
		t.Errorf("plan list:\n%s", out)
	}
}

package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/orgledger/orgledger/postgres/pgtest"
)

// janOfThree is an export of January: ann heads the org, bob reports to her, cy to bob;
// withoutBob is an export that lost bob, cy reporting to ann.
const (
	janOfThree = "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\nbob,Bob,CTO,ann,Exec\ncy,Cy,Dev,bob,Exec\n"
	withoutBob = "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\ncy,Cy,Dev,ann,Exec\n"
)

// coverApplied imports January and applies ann's plan cover, which hires nu once bob leaves.
func coverApplied(t *testing.T, p *program) {
	t.Helper()
	p.ok("import", writeTemp(t, "jan.csv", janOfThree), "--at", "2024-01-31")
	p.ok("plan", "create", "cover", "--owner", "ann", "--effective", "2024-02-01",
		writeTemp(t, "cover.yaml", "changes:\n  - hire: {id: nu, name: Nu}\n    when: {leaves: bob}\n"))
	p.ok("plan", "apply", "cover", "--owner", "ann")
}

// hireOnceBobLeaves imports January, applies ann's plan cover, which hires nu once bob
// leaves, and imports an export of February that lost bob: his leaving releases nu's hire.
func hireOnceBobLeaves(t *testing.T, p *program) {
	t.Helper()
	coverApplied(t, p)
	p.ok("import", writeTemp(t, "feb-lost.csv", withoutBob), "--at", "2024-02-29")
	p.ok("show", "nu", "--at", "2024-02-29")
}

// TestCorrectedExportWithoutAReleasedHire: the corrected export of February lists bob, and not
// nu, whom ann's plan hired once bob left: the import takes bob's leaving back, and with it
// nu's hire, which waits again for his leaving, so the org on that date is what the file says;
// its dry run tells so.
// (Found by a review: the import was refused with "unknown person nu", planned on the org with
// nu in it, to record nu leaving, whose hire it took back.)
func TestCorrectedExportWithoutAReleasedHire(t *testing.T) {
	p := newProgram(t)
	hireOnceBobLeaves(t, p)
	feb := writeTemp(t, "feb.csv", janOfThree)
	if code, _, errOut := p.run("", "import", feb, "--at", "2024-02-29", "--dry-run"); code != 0 ||
		!strings.Contains(errOut, "change 1 of plan cover@ann (nu (Nu) is hired), released by bob's leaving") || !strings.Contains(errOut, "would be taken back") {
		t.Errorf("the dry run of the corrected export: exit %d, stderr\n%s", code, errOut)
	}
	p.ok("import", feb, "--at", "2024-02-29")
	if code, _, _ := p.run("", "show", "nu", "--at", "2024-02-29"); code != 1 {
		t.Errorf("nu, whose hire bob's leaving released, is still known on 2024-02-29: exit %d", code)
	}
	if list := p.ok("plan", "list", "--owner", "ann"); !strings.Contains(list, "(1 waiting for a leaving)") {
		t.Errorf("nu's hire does not wait again for bob's leaving:\n%s", list)
	}
	p.ok("import", writeTemp(t, "mar.csv", withoutBob), "--at", "2024-03-31")
	p.ok("show", "nu", "--at", "2024-03-31") // bob's leaving in March hires nu
}

// TestCorrectedExportStillWithoutALeaverNorTheirRelease: the corrected export of February
// still leaves bob out, and nu too, whom his leaving hired by ann's plan: bob's leaving stands,
// and so nu's hire, and nu leaves on that date, as the file says.
func TestCorrectedExportStillWithoutALeaverNorTheirRelease(t *testing.T) {
	p := newProgram(t)
	hireOnceBobLeaves(t, p)
	p.ok("import", writeTemp(t, "feb.csv", "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\ncy,Cy,Lead Dev,ann,Exec\n"), "--at", "2024-02-29")
	if out := p.ok("export", "--at", "2024-02-29"); strings.Contains(out, "nu,") || !strings.Contains(out, "Lead Dev") {
		t.Errorf("the export of 2024-02-29 after the corrected one:\n%s", out)
	}
}

// TestImportTakeBackRefusalNamesThePlan: the corrected export of February lists bob, so his
// leaving is taken back, and with it nu's hire, which it released of ann's plan cover; but nu
// was moved to Berlin in March, which needs that hire, so the import is refused, and the
// refusal says whose plan's change it could not take back, as NAME@OWNER, as apply's does,
// and what to do.
// (Found by a review: "retract event N" did not say it was a plan's change, nor which plan.)
func TestImportTakeBackRefusalNamesThePlan(t *testing.T) {
	p := newProgram(t)
	hireOnceBobLeaves(t, p)
	p.ok("apply", writeTemp(t, "berlin.yaml", "effective: 2024-03-15\nchanges:\n  - update-person: {person: nu, location: Berlin}\n"))
	before := p.ok("log", "--format", "json")
	code, _, errOut := p.run("", "import", writeTemp(t, "feb.csv", janOfThree), "--at", "2024-02-29")
	if code != 1 || !strings.Contains(errOut, "a change of plan cover@ann that the leaving this retracts released: ") || !strings.Contains(errOut, "to take it back, retract first what needs it") {
		t.Errorf("the corrected export: exit %d, stderr\n%s\nwant a refusal naming plan cover@ann", code, errOut)
	}
	if after := p.ok("log", "--format", "json"); after != before {
		t.Errorf("the refused import wrote to the ledger")
	}
}

// TestLateExportUnderAReleasedHireTellsWhatItDoes: March's export, without bob, records his
// leaving, which hires nu for ann's plan; a late February export (cy retitled) records March
// again, bob's leaving on the same day with it. nu's hire stays in force: neither the dry run
// nor the import tells nu leaving, or the plan's change waiting again, and no plan records
// anything after the import. (Found by a review: both told "left nu" and "would wait again",
// and the plan hired nu again in a second commit.)
func TestLateExportUnderAReleasedHireTellsWhatItDoes(t *testing.T) {
	p := newProgram(t)
	coverApplied(t, p)
	p.ok("import", writeTemp(t, "mar.csv", withoutBob), "--at", "2024-03-31")
	feb := writeTemp(t, "feb.csv", strings.Replace(janOfThree, "cy,Cy,Dev", "cy,Cy,Lead Dev", 1))
	for _, args := range [][]string{{"--dry-run"}, nil} {
		code, out, errOut := p.run("", append([]string{"import", feb, "--at", "2024-02-29"}, args...)...)
		if code != 0 || strings.Contains(out, "nu (Nu)") || strings.Contains(errOut, "wait again") || strings.Contains(errOut, "plan cover@ann recorded") {
			t.Errorf("the late export %v: exit %d, stdout\n%s\nstderr\n%s\nwant nothing of nu or the plan", args, code, out, errOut)
		}
	}
	if out := p.ok("export", "--at", "2024-03-31"); !strings.Contains(out, "nu,Nu") {
		t.Errorf("nu is not in the org on 2024-03-31:\n%s", out)
	}
	if out := p.ok("export", "--at", "2024-02-29"); !strings.Contains(out, "cy,Cy,Lead Dev") {
		t.Errorf("the late export was not recorded: cy is not Lead Dev on 2024-02-29:\n%s", out)
	}
}

// TestCorrectedExportMovingALeavingTellsTheReleaseAgain: bob's leaving, recorded by a February
// export that lost him, hired nu for ann's plan; March's export lists neither. The corrected
// export of February lists bob, and records March again, bob leaving there now: its dry run
// tells that nu's hire would be taken back and released again on 2024-03-31, as the write
// then does, not that it would wait again. (Found by a review. That the release then stands
// on 2024-03-31, whose file does not list nu, is not fixed.)
func TestCorrectedExportMovingALeavingTellsTheReleaseAgain(t *testing.T) {
	p := newProgram(t)
	hireOnceBobLeaves(t, p)
	p.ok("import", writeTemp(t, "mar.csv", withoutBob), "--at", "2024-03-31")
	code, _, errOut := p.run("", "import", writeTemp(t, "feb.csv", janOfThree), "--at", "2024-02-29", "--dry-run")
	if code != 0 || !strings.Contains(errOut, "(nu (Nu) is hired), released by bob's leaving (event 12) as event 14, would be taken back, and released again after it, effective 2024-03-31") ||
		strings.Contains(errOut, "wait again") {
		t.Errorf("the dry run of the corrected export: exit %d, stderr\n%s", code, errOut)
	}
}

// nuRetractedByHand imports January, applies ann's plan cover, which hires nu once bob leaves,
// imports March without bob (bob's leaving event 12, nu's hire event 14), and retracts nu's
// hire by hand.
func nuRetractedByHand(t *testing.T, p *program) {
	t.Helper()
	coverApplied(t, p)
	p.ok("import", writeTemp(t, "mar.csv", withoutBob), "--at", "2024-03-31")
	if out := p.ok("log", "--after", "11"); !strings.Contains(out, "#12 ") || !strings.Contains(out, "bob leaves") || !strings.Contains(out, "#14 ") || !strings.Contains(out, "nu (Nu) is hired") {
		t.Fatalf("the log after March:\n%s", out)
	}
	p.ok("apply", writeTemp(t, "byhand.yaml", "changes:\n  - retract: {event: 14, reason: nu is not coming}\n"))
}

// TestHandRetractedHireStaysTakenBack: nu's hire, which bob's leaving released, retracted by
// hand stays retracted when a commit retracts bob's leaving and records it again on its day,
// or a late export records it on another: neither the dry run nor the write tells of the plan,
// and nu is not in the org. (Found by a review: the plan hired nu again after the commit, "plan
// cover@ann recorded event 20 after it", the dry run silent.)
func TestHandRetractedHireStaysTakenBack(t *testing.T) {
	for name, args := range map[string][]string{
		"again on its day": {"apply", "effective: 2024-03-31\nchanges:\n  - retract: {event: 13, reason: again}\n  - retract: {event: 12, reason: again}\n" +
			"  - leave: {person: bob, reason: resigned}\n  - close-position: {position: pos-bob}\n"},
		"late export": {"import", withoutBob, "--at", "2024-02-29"},
	} {
		t.Run(name, func(t *testing.T) {
			p := newProgram(t)
			nuRetractedByHand(t, p)
			args[1] = writeTemp(t, "file", args[1])
			for _, dry := range [][]string{{"--dry-run"}, nil} {
				code, out, errOut := p.run("", append(args, dry...)...)
				if code != 0 || strings.Contains(out, "nu (Nu)") || strings.Contains(errOut, "cover@ann") {
					t.Errorf("%v: exit %d, stdout\n%s\nstderr\n%s\nwant nothing of nu or the plan", dry, code, out, errOut)
				}
			}
			for _, day := range []string{"2024-02-29", "2024-03-31"} {
				if out := p.ok("export", "--at", day); strings.Contains(out, "nu,Nu") {
					t.Errorf("nu is in the org on %s:\n%s", day, out)
				}
			}
			if out := p.ok("history", "bob"); strings.Count(out, "bob leaves") < 2 {
				t.Errorf("the %s did not record bob's leaving anew:\n%s", name, out)
			}
		})
	}
}

// TestCorrectedExportKeepingALeaverTakesBackAnEarlyHire: February's export lost bob (who did
// leave), which hired nu for ann's plan, and listed zz a month early; the corrected export
// still leaves bob out, and zz and nu too. The command line gives the import what plans
// released, so that the plan's hire does not make the correction planned on top: zz's hire is
// taken back rather than zz recorded leaving, as its dry run tells too, and March's export
// hires zz; nu, whom the file does not list, leaves on that date. (Found by a review: zz left
// the day it was hired, and March's export was refused.)
func TestCorrectedExportKeepingALeaverTakesBackAnEarlyHire(t *testing.T) {
	p := newProgram(t)
	coverApplied(t, p)
	p.ok("import", writeTemp(t, "feb-bad.csv", withoutBob+"zz,Zed,Dev,cy,Exec\n"), "--at", "2024-02-29")
	feb := writeTemp(t, "feb.csv", withoutBob)
	var told []string
	for _, args := range [][]string{{"--dry-run"}, nil} {
		code, out, errOut := p.run("", append([]string{"import", feb, "--at", "2024-02-29"}, args...)...)
		if code != 0 || !strings.Contains(out, "zz (Zed)") || !strings.Contains(out, "nu (Nu)") {
			t.Errorf("the corrected export %v: exit %d, stdout\n%s\nstderr\n%s", args, code, out, errOut)
		}
		told = append(told, strings.Replace(out, "would record", "recorded", 1))
	}
	if told[0] != told[1] {
		t.Errorf("the dry run told\n%s\nthe import\n%s", told[0], told[1])
	}
	if out := p.ok("log", "--format", "json"); strings.Contains(out, "zz leaves") || !strings.Contains(out, "nu leaves") {
		t.Errorf("the corrected export recorded zz leaving, or not nu:\n%s", out)
	}
	if out := p.ok("export", "--at", "2024-02-29"); strings.Contains(out, "zz,") || strings.Contains(out, "nu,") {
		t.Errorf("the export of 2024-02-29 after the corrected one:\n%s", out)
	}
	p.ok("import", writeTemp(t, "mar.csv", withoutBob+"zz,Zed,Dev,cy,Exec\n"), "--at", "2024-03-31")
	p.ok("show", "zz", "--at", "2024-03-31")
}

// TestCorrectedExportKeepingALeaverWithAReport: as
// TestCorrectedExportKeepingALeaverTakesBackAnEarlyHire, but bob manages dee, whom
// February's exports move under ann as bob leaves: the corrected export keeps bob's position
// closed on that date, dee moved away from it, and diff from January says so, rather than
// leaving it open and vacant with dee reporting to it, which exports the same file. On SQLite
// and PostgreSQL. (Found by a review: the closing was taken back and never recorded again.)
func TestCorrectedExportKeepingALeaverWithAReport(t *testing.T) {
	for name, db := range map[string]func() string{
		"sqlite":   func() string { return newProgram(t).db },
		"postgres": func() string { return pgtest.URL(t) },
	} {
		t.Run(name, func(t *testing.T) {
			p := &program{tb: t, db: db()}
			const h = "employee_id,name,title,manager_id,department\n"
			p.ok("import", writeTemp(t, "jan.csv", h+"ann,Ann,CEO,,Exec\nbob,Bob,Lead,ann,Exec\ncy,Cy,Dev,ann,Exec\ndee,Dee,Dev,bob,Exec\n"), "--at", "2024-01-31")
			p.ok("plan", "create", "cover", "--owner", "ann", "--effective", "2024-02-01",
				writeTemp(t, "cover.yaml", "changes:\n  - hire: {id: nu, name: Nu}\n    when: {leaves: bob}\n"))
			p.ok("plan", "apply", "cover", "--owner", "ann")
			lost := h + "ann,Ann,CEO,,Exec\ncy,Cy,Dev,ann,Exec\ndee,Dee,Dev,ann,Exec\n"
			p.ok("import", writeTemp(t, "feb-bad.csv", lost+"zz,Zed,Dev,cy,Exec\n"), "--at", "2024-02-29")
			p.ok("import", writeTemp(t, "feb.csv", lost), "--at", "2024-02-29")
			if show := p.ok("show", "pos-bob", "--at", "2024-02-29"); !strings.Contains(show, "closed") {
				t.Errorf("pos-bob is not closed on 2024-02-29 after the correction:\n%s", show)
			}
			if diff := p.ok("diff", "--from", "2024-01-31", "--to", "2024-02-29"); !regexp.MustCompile(`position-closed +pos-bob`).MatchString(diff) {
				t.Errorf("the diff from January does not say pos-bob closed:\n%s", diff)
			}
			if out := p.ok("export", "--at", "2024-02-29"); !strings.Contains(out, "dee,Dee,Dev,ann,Exec") || strings.Contains(out, "zz,") || strings.Contains(out, "nu,") {
				t.Errorf("the export of 2024-02-29 after the corrected one:\n%s", out)
			}
		})
	}
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orgledger/orgledger/postgres/pgtest"
)

// TestDryRunOfSeveralFilesCopiesOneMoment: a dry run of several files works on copies of the
// ledger and the plans as they stood at one moment. Another process that applies a plan
// between the two copies (a hire, and a change that waits for huo-jia's leaving) has the dry
// run copy both again, and it tells what a dry run after that apply tells: the leaving
// releases the plan's change after the plan's hire. (Found by a review: the copy of the plans
// had the plan applied and the copy of the ledger lacked its commit, so the release was told
// as an event the hire had taken.) On PostgreSQL too, where the other process may be a server.
func TestDryRunOfSeveralFilesCopiesOneMoment(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { dryRunCopiesOneMoment(t, withExample(t)) })
	t.Run("postgres", func(t *testing.T) {
		p := &program{tb: t, db: pgtest.URL(t)}
		p.ok(append([]string{"apply"}, exampleFiles...)...)
		dryRunCopiesOneMoment(t, p)
	})
}

func dryRunCopiesOneMoment(t *testing.T, p *program) {
	p.planOf("succession", "2022-06-01", "  - hire: {id: zz, name: Zz}\n"+
		"  - assign: {person: li-feifei, position: industry-solutions-gm}\n    when: {leaves: huo-jia}\n")
	head := len(p.loggedEvents())
	leave := writeTemp(t, "leave.yaml", "effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n")
	out := writeTemp(t, "out.yaml", "effective: 2022-06-01\nchanges:\n  - unassign: {person: li-feifei, position: industry-solutions-gm}\n")
	copies := 0
	p.ledgerCopied = func() {
		if copies++; copies == 1 {
			p.ok("plan", "apply", "succession")
		}
	}
	code, stdout, errOut := p.run("", "apply", "--dry-run", leave, out)
	release := fmt.Sprintf("leave.yaml: once recorded, plan succession@tester would record event %d after it", head+3)
	if code != 0 || !strings.Contains(stdout, "out.yaml: would record 1 event") || !strings.Contains(errOut, release) {
		t.Errorf("the dry run with the plan applied meanwhile: exit %d\n%s%s\nwant the release told as %q", code, stdout, errOut, release)
	}
	if copies != 2 {
		t.Errorf("the ledger was copied %d times, want twice: once more after the plan was applied", copies)
	}
	p.ledgerCopied = nil
	if code2, stdout2, errOut2 := p.run("", "apply", "--dry-run", leave, out); code2 != code || stdout2 != stdout || errOut2 != errOut {
		t.Errorf("the dry run with the plan applied meanwhile told:\nexit %d\n%s%s\nand one after it:\nexit %d\n%s%s", code, stdout, errOut, code2, stdout2, errOut2)
	}
}

// TestDryRunOfSeveralFilesWhileTheLedgerKeepsMoving: a dry run of several files whose copies
// of the ledger and the plans another process writes between, every time, gives up after a
// few tries, saying so, rather than check the files against copies that do not agree.
func TestDryRunOfSeveralFilesWhileTheLedgerKeepsMoving(t *testing.T) {
	p := withExample(t)
	a := writeTemp(t, "a.yaml", "effective: 2022-06-01\nchanges:\n  - hire: {id: a, name: A}\n")
	b := writeTemp(t, "b.yaml", "effective: 2022-06-01\nchanges:\n  - hire: {id: b, name: B}\n")
	writes := 0
	p.ledgerCopied = func() {
		writes++
		hire := fmt.Sprintf("effective: 2022-05-01\nchanges:\n  - hire: {id: z%d, name: Z}\n", writes)
		if code, _, errOut := p.run(hire, "apply", "-"); code != 0 {
			t.Errorf("write %d meanwhile: exit %d, %s", writes, code, errOut)
		}
	}
	code, out, errOut := p.run("", "apply", "--dry-run", a, b)
	if code != 1 || out != "" || !strings.Contains(errOut, "recorded in the ledger while the dry run copied it and the plans") || writes != maxCopyAttempts {
		t.Errorf("exit %d after %d writes\n%s%s", code, writes, out, errOut)
	}
}

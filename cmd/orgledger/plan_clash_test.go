package main

import (
	"strings"
	"testing"
)

// TestPlansWaitingForOneLeavingClash is QA's case from the command line: two plans of two
// owners move eng to different units once bob leaves. The first applies; the second's apply is
// refused naming the first (exit 1), and bob's leaving then moves eng to u1 only.
func TestPlansWaitingForOneLeavingClash(t *testing.T) {
	p := newProgram(t)
	p.ok("apply", writeTemp(t, "base.yaml", `effective: 2022-01-01
changes:
  - create-unit: {id: co, name: Company}
  - create-unit: {id: u1, name: U1, parent: co}
  - create-unit: {id: u2, name: U2, parent: co}
  - create-position: {id: ceo, title: CEO, unit: co}
  - create-position: {id: cto, title: CTO, unit: co, reports-to: ceo}
  - create-position: {id: eng, title: Engineer, unit: co, reports-to: cto}
  - hire: {id: alice, name: Alice}
  - hire: {id: bob, name: Bob}
  - assign: {person: alice, position: ceo}
  - assign: {person: bob, position: cto}
`))
	for owner, unit := range map[string]string{"o1": "u1", "o2": "u2"} {
		p.ok("plan", "create", "p"+unit, "--owner", owner, "--effective", "2022-06-01",
			writeTemp(t, unit+".yaml", "changes:\n  - move-position: {position: eng, unit: "+unit+"}\n    when: {leaves: bob}\n"))
	}
	p.ok("plan", "apply", "pu1", "--owner", "o1")
	code, _, errOut := p.run("", "plan", "apply", "pu2", "--owner", "o2")
	if code != 1 || !strings.Contains(errOut, "change 1 of plan pu1@o1 (position eng moves to unit u1), applied, changes it once bob leaves") {
		t.Errorf("the second apply: exit %d\n%s", code, errOut)
	}
	// Refused, the answer names the plan as an apply's answer does, NAME@OWNER (found by QA:
	// the name as given).
	if code, out, _ := p.run("", "plan", "apply", "pu2", "--format", "json"); code != 1 || !strings.Contains(out, `"plan": "pu2@o2"`) {
		t.Errorf("the second apply, in JSON: exit %d\n%s", code, out)
	}
	p.ok("apply", writeTemp(t, "leaves.yaml", "effective: 2022-09-01\nchanges:\n  - leave: {person: bob}\n"))
	if out := p.ok("show", "eng", "--at", "2022-09-02"); !strings.Contains(out, "unit: U1 (u1)") {
		t.Errorf("eng once bob left:\n%s", out)
	}
}

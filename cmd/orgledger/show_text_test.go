package main

import (
	"strings"
	"testing"
)

// TestShowNamesAPersonsPositionsWithoutRepeatingTheUnit: show of a person names a position
// whose title names its unit by its title alone, with the unit's id to show it by, as the web
// compare does; a title that does not name its unit is followed by it. (Found by a review: "in
// Intelligent General Industry Solutions" followed "General Manager, Intelligent General
// Industry Solutions".)
func TestShowNamesAPersonsPositionsWithoutRepeatingTheUnit(t *testing.T) {
	p := withExample(t)
	for _, tc := range []struct{ person, want string }{
		{"huo-jia", "\n  position: General Manager, Intelligent General Industry Solutions (industry-solutions-gm), unit industry-solutions\n"},
		{"li-feifei", "\n  position: Vice President, Alibaba Group (alibaba-vp) in Alibaba Cloud (alibaba-cloud)\n"},
	} {
		if out := p.ok("show", tc.person, "--at", "2022-04-13"); !strings.Contains(out, tc.want) {
			t.Errorf("show %s does not say %q:\n%s", tc.person, strings.TrimSpace(tc.want), out)
		}
	}
}

// TestShowClosedPosition: a closed position is no vacancy: show says no one holds it, and its
// JSON is not vacant; a position heading no unit lists no heads, [] as every list of show.
// (Found by QA: "held by: vacant" and "vacant": true, and no "heads" key at all.)
func TestShowClosedPosition(t *testing.T) {
	p := withExample(t)
	close := writeTemp(t, "close.yaml", "effective: 2022-05-01\nchanges:\n  - create-position: {id: temp, title: Temp, unit: alibaba-cloud}\n  - close-position: {position: temp}\n    effective: 2022-05-02\n")
	p.ok("apply", close)
	if out := p.ok("show", "temp", "--at", "2022-05-02"); !strings.Contains(out, ", closed\n") || !strings.Contains(out, "\n  held by: no one\n") {
		t.Errorf("show of a closed position:\n%s", out)
	}
	for day, want := range map[string]string{"2022-05-01": `"vacant": true`, "2022-05-02": `"vacant": false`} {
		if out := p.ok("show", "temp", "--at", day, "--format", "json"); !strings.Contains(out, want) || !strings.Contains(out, `"heads": []`) {
			t.Errorf("show temp --at %s --format json, want %s and no heads:\n%s", day, want, out)
		}
	}
}

// TestShowPersonWithoutPosition: a person who holds no position is said to, as a unit without
// positions and a person without reports are. (Found by QA: nothing was said.)
func TestShowPersonWithoutPosition(t *testing.T) {
	p := withExample(t)
	p.ok("apply", writeTemp(t, "hire.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: newcomer, name: New Comer}\n"))
	if out := p.ok("show", "newcomer", "--at", "2022-05-01"); !strings.Contains(out, "\n  positions: none\n") {
		t.Errorf("show of a person without a position:\n%s", out)
	}
}

// TestEmptyIDIsAUsageError: show and history of an empty id, as a script's unset variable
// gives it, are usage errors (exit 2), as chart --root "" is. (Found by QA: exit 1, "is not a
// person".)
func TestEmptyIDIsAUsageError(t *testing.T) {
	p := withExample(t)
	for _, cmd := range []string{"show", "history"} {
		if code, _, errOut := p.run("", cmd, ""); code != 2 || !strings.Contains(errOut, "the id is empty") {
			t.Errorf("%s \"\": exit %d, %s", cmd, code, errOut)
		}
	}
}

// TestShowAttributesUnderTheirHeading: a person's attributes are shown under a heading of their
// own, so that one named as a field of show's is not read as that field. (Found by QA: an
// attribute "managers" printed as "managers: Alice (alice)" beside the true "managers: none".)
func TestShowAttributesUnderTheirHeading(t *testing.T) {
	p := withExample(t)
	p.ok("apply", writeTemp(t, "hire.yaml", "effective: 2022-05-01\nchanges:\n"+
		"  - hire: {id: spoof, name: Spoof, attrs: {managers: \"Li Feifei (li-feifei)\", grade: \"7\"}}\n"))
	want := "\n  attributes:\n    grade: 7\n    managers: Li Feifei (li-feifei)\n  positions: none\n  managers: none\n"
	if out := p.ok("show", "spoof", "--at", "2022-05-01"); !strings.Contains(out, want) {
		t.Errorf("show of a person with attributes, want %q:\n%s", want, out)
	}
}

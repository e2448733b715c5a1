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

package orgledger_test

import (
	"testing"

	"github.com/orgledger/orgledger"
)

// TestUnitNotIn: a title that names its unit, as a whole word or words in any case, leaves the
// unit out; one that does not, or names it only inside a longer word, keeps it.
func TestUnitNotIn(t *testing.T) {
	for _, tc := range []struct{ title, unit, want string }{
		{"Head of Engineering", "Engineering", ""},
		{"engineering manager", "Engineering", ""},
		{"General Manager, Intelligent General Industry Solutions", "Intelligent General Industry Solutions", ""},
		{"Lead, Data Platform Tools", "Data Platform", ""},
		{"Head of Engineering", "", ""},
		{"Engineering Manager", "Platform", "Platform"},
		{"Reengineering Lead", "Engineering", "Engineering"},
		{"Data Platforms Lead", "Data Platform", "Data Platform"},
		{"Vice President, Alibaba Group", "Alibaba Cloud", "Alibaba Cloud"},
		{"Café Lead", "Caf", "Caf"},
		{"خوش\u200cنویس ارشد", "خوش", "خوش"}, // a non-joiner inside a Persian word: "calligrapher" does not name the unit
		{"क्\u200dष Lead", "क्", "क्"},       // a joiner inside a Devanagari cluster
		{"Senior خوش", "خوش", ""},
	} {
		if got := orgledger.UnitNotIn(tc.title, tc.unit); got != tc.want {
			t.Errorf("UnitNotIn(%q, %q) = %q, want %q", tc.title, tc.unit, got, tc.want)
		}
	}
}

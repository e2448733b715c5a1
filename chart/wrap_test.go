package chart

import (
	"strings"
	"testing"
)

// TestWrapBreaksLongWords: a word wider than the line is broken where it must be, so that no
// line runs out of its box, and the lines hold the text in order; words that fit still break
// only at spaces. (Found by an output review: a 200-character title ran over its neighbours.)
func TestWrapBreaksLongWords(t *testing.T) {
	for _, tc := range []struct {
		s     string
		limit float64
	}{
		{strings.Repeat("Chief", 40), 30},
		{"Head of " + strings.Repeat("Rechtsabteilungsleitung", 3) + " and more", 24},
		{"首席科学家兼人工智能实验室主任和数据平台负责人", 8},
		{"Vice President, Engineering", 12},
		{"x", 0.5},
	} {
		lines := wrap(tc.s, tc.limit, runes)
		for _, l := range lines {
			if runes(l) > tc.limit && runes(l) > 1 {
				t.Errorf("%q wrapped at %v: line %q is %v wide", tc.s, tc.limit, l, runes(l))
			}
		}
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(tc.s, " ", "") {
			t.Errorf("%q wrapped at %v lost text: %q", tc.s, tc.limit, lines)
		}
	}
	if got := wrap("Vice President, Engineering", 16, runes); strings.Join(got, "|") != "Vice President,|Engineering" {
		t.Errorf("a title whose words fit: %q", got)
	}
}

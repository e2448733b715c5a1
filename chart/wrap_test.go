package chart

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
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
		lines := wrap(tc.s, tc.limit, columns)
		for _, l := range lines {
			if columns(l) > tc.limit && columns(l) > 1 {
				t.Errorf("%q wrapped at %v: line %q is %v wide", tc.s, tc.limit, l, columns(l))
			}
		}
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(tc.s, " ", "") {
			t.Errorf("%q wrapped at %v lost text: %q", tc.s, tc.limit, lines)
		}
	}
	if got := wrap("Vice President, Engineering", 16, columns); strings.Join(got, "|") != "Vice President,|Engineering" {
		t.Errorf("a title whose words fit: %q", got)
	}
}

// TestWrapKeepsCharactersWhole: a word broken where it must be breaks between what a reader
// sees as characters, never inside one: a flag's two letters, an emoji joined from several, a
// Devanagari conjunct or vowel sign, a letter and its combining accent. (Found by QA: a row of
// flags broken after half a flag showed other flags, and a line began with a vowel sign.)
func TestWrapKeepsCharactersWhole(t *testing.T) {
	for _, word := range []string{
		"🇩🇪🇫🇷🇮🇹🇪🇸🇵🇹🇳🇱🇧🇪🇦🇹🇨🇭🇸🇪🇳🇴🇩🇰🇫🇮🇮🇪🇵🇱🇨🇿🇬🇷",
		strings.Repeat("👩\u200d💻", 23),
		"मुख्यकार्यकारीअधिकारीप्रौद्योगिकीविभाग",
		strings.Repeat("Re\u0301dacteur", 6),
	} {
		for _, limit := range []float64{3, 5, 8, 9, 13} {
			lines := wrap(word, limit, columns)
			if strings.Join(lines, "") != word {
				t.Errorf("%q at %v: lines %q do not hold the word", word, limit, lines)
			}
			for _, l := range lines {
				if n := uniseg.GraphemeClusterCount(l); float64(n) > limit {
					t.Errorf("%q at %v: line %q is %d characters", word, limit, l, n)
				}
				if first, _, _, _ := uniseg.FirstGraphemeClusterInString(l, -1); first != "" && !startsCluster(word, l) {
					t.Errorf("%q at %v: line %q begins inside a character", word, limit, l)
				}
			}
		}
	}
}

// startsCluster reports whether line, a part of word, begins where one of word's grapheme
// clusters begins.
func startsCluster(word, line string) bool {
	at := strings.Index(word, line)
	for state, rest, pos := -1, word, 0; ; {
		if pos == at {
			return true
		}
		if rest == "" || pos > at {
			return false
		}
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(c)
	}
}

// TestWrapKeepsNoBreakSpaces: a no-break space joins what it stands between, and the spaces
// between words on one line are the title's own (an ideographic space stays one). (Found by
// QA: "100 000 EUR" broke at its no-break spaces, and "山田　太郎" was drawn with a plain space.)
func TestWrapKeepsNoBreakSpaces(t *testing.T) {
	if got := wrap("Budget 100\u00a0000\u00a0EUR", 12, columns); strings.Join(got, "|") != "Budget|100\u00a0000\u00a0EUR" {
		t.Errorf("a title with no-break spaces: %q", got)
	}
	if got := wrap("山田\u3000太郎", 10, columns); len(got) != 1 || got[0] != "山田\u3000太郎" {
		t.Errorf("a name with an ideographic space: %q", got)
	}
	if got := wrap("山田\u3000太郎", 5, columns); strings.Join(got, "|") != "山田|太郎" {
		t.Errorf("a name with an ideographic space, broken: %q", got)
	}
}

// TestDOTWrapsWideTitles: DOT measures a title in columns, a wide East Asian character in two,
// so that a title of ideographs is wrapped as a Latin one as wide would be. (Found by QA: 23
// ideographs stayed on one line, twice the width of a wrapped Latin title.)
func TestDOTWrapsWideTitles(t *testing.T) {
	if got := wrap(strings.Repeat("首席科学家", 5), dotTitleWidth, columns); len(got) != 2 {
		t.Errorf("25 ideographs wrapped into %d lines, want 2: %q", len(got), got)
	}
	if got := columns("Zoe\u0308 \U0001f469\u200d\U0001f4bb"); got != 6 {
		t.Errorf("a name with a combining accent and a joined emoji is %v columns, want 6", got)
	}
}

// BenchmarkWrap wraps titles as DOT and SVG do: ASCII ones, accented ones and one in a script
// written without spaces, which is broken between its characters.
func BenchmarkWrap(b *testing.B) {
	titles := []string{"Vice President, Global Engineering and Infrastructure Operations", "Senior Software Engineer II",
		"Directeur général adjoint des opérations", "首席科学家兼人工智能实验室主任和数据平台负责人"}
	for b.Loop() {
		for _, t := range titles {
			wrap(t, dotTitleWidth, columns)
			wrap(t, 120, measure(11, true))
		}
	}
}

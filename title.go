package orgledger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnitNotIn is unit, the name of a position's unit, or "" when the position's title names it:
// the unit's name is in the title as a whole word or words, in any case ("Head of
// Engineering" names Engineering, "Reengineering Lead" does not). Where a position is named
// with its unit, "Title in Unit", the unit follows the title only when it tells something:
// "Head of Engineering", not "Head of Engineering in Engineering". What says where a position
// is (a summary's "opens in", a position's own unit) names the unit all the same.
func UnitNotIn(title, unit string) string {
	if unit == "" || hasWords(strings.ToLower(title), strings.ToLower(unit)) {
		return ""
	}
	return unit
}

// hasWords reports whether words is in text with no letter, digit or mark right before or
// after it.
func hasWords(text, words string) bool {
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], words)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after, _ := utf8.DecodeRuneInString(text[j+len(words):])
		if !inWord(before) && !inWord(after) {
			return true
		}
		_, n := utf8.DecodeRuneInString(text[j:])
		i = j + n
	}
	return false
}

// inWord reports whether r is part of a word (utf8.RuneError, for the text's ends, is not): a
// letter, digit or mark, or a joiner or non-joiner, which the scripts that use them write inside
// words (Persian's non-joiner, a virama's joiner).
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u200c' || r == '\u200d'
}

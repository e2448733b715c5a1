package orgledger

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Invisible characters are those Unicode tells a renderer to show as nothing
// (Default_Ignorable_Code_Point: format characters such as the zero-width space, the word
// joiner and the byte order mark; the Hangul fillers; variation selectors; tags), the
// interlinear annotation marks, which hide the text between them, and the blank braille cell,
// which shows as a space without being one. Inside a name one makes two names that read the
// same differ in the ledger ("Ann" and "An\u200bn"), and a name of them alone reads as empty;
// tags spell hidden ASCII text.
//
// Names and text refuse them, but for what real names and words use them for:
//   - the left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C), which a
//     name in Arabic or Hebrew beside Latin text may need;
//   - a zero-width non-joiner or joiner (U+200C, U+200D) and the Mongolian vowel separator
//     (U+180E) between two characters that show: Persian writes the non-joiner inside words and
//     names (خوش‌نویس), Indic scripts choose a letter's form with either (Sinhala's ශ්‍රී), and
//     emoji join with the joiner (👩‍💻);
//   - a variation selector (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian's U+180B–U+180D and
//     U+180F) right after a character that shows: an emoji's presentation, the variant of a
//     kanji a Japanese name is written with, a Mongolian letter's form;
//   - tags (U+E0020–U+E007E, then the cancel tag U+E007F) right after U+1F3F4, as the flags of
//     Scotland, Wales and England are written.
//
// A combining mark (an accent, a vowel sign) belongs on the character before it: one at the
// start, or after a space or a line break, has none, and is refused too.

// checkInvisible returns a Problem when v holds an invisible character or a combining mark
// where real text does not.
func checkInvisible(field, v string) *Problem {
	if why := invisibleProblem(v); why != "" {
		return &Problem{Field: field, Reason: why}
	}
	return nil
}

// invisibleProblem returns why v holds an invisible character or a combining mark where real
// text does not, naming the first such character by code point and place; "" when it holds none.
func invisibleProblem(v string) string {
	if isASCII(v) {
		return ""
	}
	rs := []rune(v)
	for i, r := range rs {
		prev, next := runeAt(rs, i-1), runeAt(rs, i+1)
		if unicode.Is(unicode.M, r) && (i == 0 || unicode.IsSpace(prev)) {
			return fmt.Sprintf("has a combining mark, %U, at character %d with no character before it to sit on (it starts the text or follows a space)", r, i+1)
		}
		if invisible(r) && !invisibleInPlace(prev, r, next) {
			return fmt.Sprintf("holds an invisible character, %U%s, at character %d%s", r, invisibleName(r), i+1, invisibleRule(r))
		}
	}
	return ""
}

// isASCII reports whether s is ASCII alone, which holds no invisible character or mark.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runeAt returns rs[i], or -1 outside rs.
func runeAt(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return -1
	}
	return rs[i]
}

// invisible reports whether r is an invisible character: one that is default-ignorable in
// Unicode, an interlinear annotation mark, or the blank braille cell.
func invisible(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0x2800, 0xFFF9 <= r && r <= 0xFFFB:
		return true
	case unicode.Is(unicode.Prepended_Concatenation_Mark, r), 0x13430 <= r && r <= 0x1343F:
		// Format characters that show: an Arabic number sign, Egyptian hieroglyphs' layout.
		return false
	}
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// invisibleInPlace reports whether the invisible character r, between prev and next (-1 at
// either end), is where real names and words use it.
func invisibleInPlace(prev, r, next rune) bool {
	switch {
	case r == 0x200E || r == 0x200F || r == 0x061C: // the directional marks
		return true
	case r == 0x200C || r == 0x200D || r == 0x180E: // the joiners and the Mongolian vowel separator
		return (shows(prev) || unicode.Is(unicode.Variation_Selector, prev) || prev == 0xE007F) && shows(next)
	case unicode.Is(unicode.Variation_Selector, r):
		return shows(prev)
	case isTag(r):
		return (prev == 0x1F3F4 || isTag(prev)) && (isTag(next) || next == 0xE007F)
	case r == 0xE007F: // the cancel tag ends a flag's tags
		return isTag(prev)
	}
	return false
}

// shows reports whether r is a character that shows on screen: not a space or a line break,
// nor an invisible character, nor outside the text (-1).
func shows(r rune) bool {
	return r >= 0 && !unicode.IsSpace(r) && !unicode.IsControl(r) && !invisible(r)
}

// isTag reports whether r is one of the tags that spell a flag's region (U+E0020–U+E007E).
func isTag(r rune) bool { return 0xE0020 <= r && r <= 0xE007E }

// invisibleName returns the name of the invisible characters people meet most, after a
// space, or "".
func invisibleName(r rune) string {
	switch r {
	case 0x00AD:
		return " SOFT HYPHEN"
	case 0x034F:
		return " COMBINING GRAPHEME JOINER"
	case 0x115F, 0x1160, 0x3164, 0xFFA0:
		return " (a HANGUL FILLER)"
	case 0x200B:
		return " ZERO WIDTH SPACE"
	case 0x200C:
		return " ZERO WIDTH NON-JOINER"
	case 0x200D:
		return " ZERO WIDTH JOINER"
	case 0x2060:
		return " WORD JOINER"
	case 0x2800:
		return " BRAILLE PATTERN BLANK"
	case 0xFEFF:
		return " ZERO WIDTH NO-BREAK SPACE (a byte order mark)"
	}
	return ""
}

// invisibleRule says where an invisible character r may be, when it may be anywhere.
func invisibleRule(r rune) string {
	switch {
	case r == 0x200C || r == 0x200D || r == 0x180E:
		return ": a joiner belongs between two characters that show (in Persian or Indic names, or emoji), not at either end or next to a space"
	case unicode.Is(unicode.Variation_Selector, r):
		return ": a variation selector belongs right after the character it selects a form of"
	case isTag(r) || r == 0xE007F:
		return ": tags spell hidden text, and belong only in a flag's emoji (after U+1F3F4)"
	}
	return ", which shows as nothing: two names that read the same would differ in the ledger"
}

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
//   - a zero-width non-joiner or joiner (U+200C, U+200D) inside a word of a script that uses
//     one: Persian writes the non-joiner inside words and names (خوش‌نویس), Indic scripts choose
//     a letter's form with either (Sinhala's ශ්‍රී), and older Malayalam ends a word in a chillu
//     written as a virama and a joiner (അരുണ്‍); and the joiner between the parts of an emoji
//     (👩‍💻). Between Latin letters they would only make two names that read the same;
//   - a variation selector (U+FE00–U+FE0F), one a character, right after an emoji, a kanji,
//     a symbol past ASCII, © or ®, or a keycap's digit (then U+20E3): an emoji's presentation,
//     a CJK or math symbol's form; one of U+E0100–U+E01EF after a kanji, the variant a Japanese
//     name is written with; Mongolian's selectors and vowel separator after a Mongolian letter;
//   - the tags of the flags of England, Scotland and Wales (U+1F3F4, gbeng, gbsct or gbwls as
//     tags, then the cancel tag U+E007F), the subdivision flags Unicode recommends; tags that
//     spell anything else are hidden text, even in a flag's shape.
//
// Names and text refuse Unicode's noncharacters too (U+FFFE, U+FFFF, U+FDD0 to U+FDEF, and the
// last two of every plane), which it keeps for a program's own use: an XML file may not hold
// them, and Graphviz writes them into SVG that does not parse.
//
// A combining mark (an accent, a vowel sign) belongs on the character before it: one at the
// start, or after a space or a line break (invisible characters between or not), has none,
// and is refused too; so are more than ten
// stacked on one character (marks.go), as "Zalgo" text piles them.

// checkInvisible returns a Problem when v holds an invisible character or a combining mark
// where real text does not: with no character to sit on, or stacked on one past the most real
// writing stacks (marks.go).
func checkInvisible(field, v string) *Problem {
	why := invisibleProblem(v)
	if why == "" {
		why = stackProblem(v)
	}
	if why != "" {
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
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if end := flagTagsEnd(rs, i); end > i {
			i = end // the flag of England, Scotland or Wales: its tags spell its region
			continue
		}
		if unicode.Is(unicode.M, r) && baseless(rs, i) {
			return fmt.Sprintf("has a combining mark, %U, at character %d with no character before it to sit on (it starts the text or follows a space, invisible characters aside)", r, i+1)
		}
		if invisible(r) && !invisibleInPlace(rs, i) {
			return fmt.Sprintf("holds an invisible character, %U%s, at character %d%s", r, invisibleName(r), i+1, invisibleRule(r))
		}
		if noncharacter(r) {
			return fmt.Sprintf("holds a noncharacter, %U, at character %d: Unicode keeps it for programs' own use, never for text (an XML file, an SVG, may not hold it)", r, i+1)
		}
	}
	return ""
}

// noncharacter reports whether r is one of Unicode's 66 noncharacters: U+FDD0 to U+FDEF, and
// the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...).
func noncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// baseless reports whether the combining mark rs[i] has no character to sit on: it starts the
// text or follows a space, but for invisible characters between (a directional mark, which
// may be anywhere, takes no mark).
func baseless(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && invisible(rs[j]) {
		j--
	}
	return j < 0 || unicode.IsSpace(rs[j])
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

// invisibleInPlace reports whether the invisible character rs[i] is where real names and
// words use it. A flag's tags are read before (flagTagsEnd); tags anywhere else are not.
func invisibleInPlace(rs []rune, i int) bool {
	r, prev, next := rs[i], runeAt(rs, i-1), runeAt(rs, i+1)
	switch {
	case r == 0x200E || r == 0x200F || r == 0x061C: // the directional marks
		return true
	case r == 0x200C || r == 0x200D:
		return joinerInPlace(rs, i)
	case r == 0x180E || 0x180B <= r && r <= 0x180F: // Mongolian's vowel separator and selectors
		return unicode.Is(unicode.Mongolian, prev) && unicode.IsLetter(prev)
	case 0xFE00 <= r && r <= 0xFE0F:
		return selectable(prev, next)
	case 0xE0100 <= r && r <= 0xE01EF: // the variant of a kanji
		return unicode.Is(unicode.Han, prev)
	}
	return false
}

// selectable reports whether a variation selector after prev, before next, selects a form of
// it: an emoji's or a symbol's presentation, a CJK character's variant, or a keycap's digit
// (then U+20E3). One selector a character; none after other ASCII.
func selectable(prev, next rune) bool {
	switch {
	case prev == '#' || prev == '*' || '0' <= prev && prev <= '9':
		return next == 0x20E3
	case prev < 0x2000:
		return prev == 0xA9 || prev == 0xAE // © and ®, which have emoji forms
	}
	return emojiBase(prev) || unicode.In(prev, unicode.Han, unicode.Sm) || emojiVariationBases[prev]
}

// emojiVariationBases are the characters with an emoji form that are neither symbols nor CJK:
// ‼ ⁉ ℹ 〰 〽.
var emojiVariationBases = map[rune]bool{0x203C: true, 0x2049: true, 0x2139: true, 0x3030: true, 0x303D: true}

// joinerInPlace reports whether the zero-width joiner or non-joiner rs[i] is where a script or
// an emoji uses one: inside a word of a script that joins its letters or forms conjuncts
// (between two of its letters, the marks on the first passed over; or after a virama or vowel
// sign, before another letter, a space or the end, as a Malayalam chillu ends a word), or, for
// the joiner, between two parts of an emoji.
func joinerInPlace(rs []rune, i int) bool {
	prev, next := runeAt(rs, i-1), runeAt(rs, i+1)
	base := prev
	for j := i - 1; j > 0 && unicode.Is(unicode.M, base); j-- {
		base = rs[j-1]
	}
	switch {
	case !joiningScript(base):
		return rs[i] == 0x200D && (emojiBase(prev) || 0x1F3FB <= prev && prev <= 0x1F3FF || prev == 0xFE0F) && emojiBase(next)
	case unicode.Is(unicode.M, prev):
		return next < 0 || unicode.IsSpace(next) || joiningScript(next)
	}
	return joiningScript(next)
}

// joiningScripts are the scripts whose writers put a joiner or a non-joiner inside words: the
// Arabic and Syriac families, whose letters join, and the Brahmic scripts, whose conjuncts a
// joiner or non-joiner shapes.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Thaana, unicode.Mandaic, unicode.Mongolian, unicode.Adlam,
	unicode.Hanifi_Rohingya, unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Tibetan, unicode.Myanmar,
	unicode.Khmer, unicode.Tai_Tham, unicode.Balinese, unicode.Javanese, unicode.Sundanese, unicode.Limbu,
	unicode.Meetei_Mayek, unicode.Chakma,
}

func joiningScript(r rune) bool { return r >= 0 && unicode.In(r, joiningScripts...) }

// emojiBase reports whether r is a pictograph or another symbol an emoji is made of, past
// Latin-1 (where © and ® are the only ones, and a joiner between them joins nothing).
func emojiBase(r rune) bool { return r >= 0x2000 && unicode.Is(unicode.So, r) }

// flagTagsEnd returns, when rs[i] is a black flag (U+1F3F4) followed by the tags of one of
// the subdivisions whose flags Unicode recommends for general use (England, Scotland, Wales:
// gbeng, gbsct, gbwls, then the cancel tag U+E007F), the place of the cancel tag; else i. Tags
// spelling anything else are hidden text, even in a flag's shape.
func flagTagsEnd(rs []rune, i int) int {
	if rs[i] != 0x1F3F4 || i+6 >= len(rs) || rs[i+6] != 0xE007F {
		return i
	}
	var region []byte
	for _, t := range rs[i+1 : i+6] {
		if t < 0xE0020 || t > 0xE007E {
			return i
		}
		region = append(region, byte(t-0xE0000))
	}
	switch string(region) {
	case "gbeng", "gbsct", "gbwls":
		return i + 6
	}
	return i
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
		return ": a joiner belongs inside words of a script that uses one (Persian, the Indic scripts) or between the parts of an emoji"
	case unicode.Is(unicode.Variation_Selector, r):
		return ": a variation selector belongs right after the emoji, kanji or symbol it selects a form of"
	case isTag(r) || r == 0xE007F:
		return ": tags spell hidden text, and belong only in the flags of England, Scotland and Wales (U+1F3F4, their tags, U+E007F)"
	}
	return ", which shows as nothing: two names that read the same would differ in the ledger"
}

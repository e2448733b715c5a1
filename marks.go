package orgledger

import (
	"fmt"
	"unicode"
)

// maxStackedMarks is the most combining marks names and text stack on one character.
//
// A nonspacing or enclosing mark (Unicode's general categories Mn and Me: an accent, a vowel
// sign above or below, a Tibetan subjoined letter) is drawn over, under or around the character
// before it, and the marks after one character pile up on it. Real writing piles few. Counted
// decomposed (NFD), as a name may arrive, Vietnamese puts two on a vowel (ễ, ợ), as Yoruba (ọ̀)
// and Navajo (ą́) do; IPA three (ɑ̰̃́); Arabic three (a shadda, a vowel, a dagger alif); Thai two;
// Burmese four (ညှို့); a pointed and cantillated Hebrew letter six at most (a dagesh, a shin's
// dot, a vowel, a meteg, two accents); Tibetan three in its own words (བསྒྲུབས: two subjoined
// letters and a vowel, all Mn) and eight in the tallest Sanskrit stacks its fonts draw (the
// Kālacakra monogram, ཧྐྵྨླྺྼྻྂ). "Zalgo" text piles tens of marks on a letter, which spill over
// the lines above and below and bury the text around them. Ten accepts the tallest real stack
// with two to spare, and the everyday heavy ones (Hebrew, Burmese) with four or more.
//
// Unicode sets no limit for readers: its Stream-Safe Text Format (UAX #15) allows 30
// non-starters in a row, to bound the buffers of normalization. Its canonical combining class
// would not serve to count with either: Tibetan's subjoined letters, Thai's vowels above and
// Indic vowel signs are Mn of class 0, and stack all the same. UTS #39 suggests refusing more
// than four Mn or Me in a row in identifiers, which names in Hebrew or Tibetan may exceed.
//
// A stack goes on past what takes no place of its own (a directional mark, which is accepted
// anywhere; a variation selector), which renderers pass over to put the marks after it on the
// character before, and past a spacing mark (Mc, as most Indic vowel signs are), which starts
// no cluster of its own: "Z", six accents, a left-to-right mark and six accents more is one
// stack of twelve. Neither is counted.
const maxStackedMarks = 10

// stackProblem returns why v stacks more than maxStackedMarks combining marks on one
// character, naming the character, the first and last of its marks and their places; "" when
// none does. Marks with no character before them are invisibleProblem's to refuse, first.
func stackProblem(v string) string {
	if isASCII(v) {
		return ""
	}
	var s stack
	at := 0
	for _, r := range v {
		at++
		switch {
		case stacks(r):
			s.add(r, at)
		case unicode.Is(unicode.M, r) || invisible(r):
			// A spacing mark or an invisible character: the stack goes on past it.
		default:
			if s.marks > maxStackedMarks {
				return s.problem()
			}
			s = stack{base: r, at: at}
		}
	}
	if s.marks > maxStackedMarks {
		return s.problem()
	}
	return ""
}

// stacks reports whether r is a combining mark that a stack counts: nonspacing or enclosing,
// and visible (a variation selector is Mn too).
func stacks(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) && !invisible(r)
}

// stack is the combining marks on one character: the character and its place, how many, and
// the first and last with their places (places count characters from 1).
type stack struct {
	base            rune
	at, marks       int
	first, last     rune
	firstAt, lastAt int
}

func (s *stack) add(r rune, at int) {
	if s.marks == 0 {
		s.first, s.firstAt = r, at
	}
	s.marks++
	s.last, s.lastAt = r, at
}

func (s *stack) problem() string {
	return fmt.Sprintf("has %d combining marks stacked on %U at character %d, from %U at character %d to %U at character %d: "+
		"a character carries at most %d (the tallest stacks of real writing, Tibetan's, have 8), and more spill over the lines around it",
		s.marks, s.base, s.at, s.first, s.firstAt, s.last, s.lastAt, maxStackedMarks)
}

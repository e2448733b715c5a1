package chart

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// wrap breaks s into as few lines no longer than limit as it can, by measure, at spaces, and
// then evens them out: it finds the narrowest width that needs no more lines, so that a title
// breaks into two halves rather than a full line and a word left over. A single word longer
// than limit is broken where it must be (see pieces).
func wrap(s string, limit float64, measure func(string) float64) []string {
	ws := words(s)
	lines := greedy(ws, limit, measure)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, limit // wrapping at hi takes len(lines) lines; find the least such width
	for range 24 {
		mid := (lo + hi) / 2
		if len(greedy(ws, mid, measure)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(ws, hi, measure)
}

// greedy fills each line with as many words as fit within limit. Words on one line keep the
// spaces that were between them (an ideographic space stays one); a line breaks at spaces only.
func greedy(ws []word, limit float64, measure func(string) float64) []string {
	var lines []string
	cur := ""
	for k := range ws {
		w := &ws[k]
		for i, piece := range w.pieces(limit, measure) {
			sep := w.space
			if i > 0 {
				sep = "" // the pieces of one word join with nothing between them
			}
			switch {
			case cur == "":
				cur = piece
			case measure(cur+sep+piece) <= limit:
				cur += sep + piece
			default:
				lines = append(lines, cur)
				cur = piece
			}
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// word is a run of text a line may not break in, and the spaces before it; with, once pieces
// has needed them, its width and, for a word wider than a line, where each of its characters
// ends and the width of the word up to there (the measures of a wrap add up, character by
// character, so that a word is measured once however many widths wrap tries).
type word struct {
	space, text string
	width       float64
	measured    bool
	ends        []int
	upTo        []float64
}

// words splits s at its runs of spaces that a line may break at: every space but the
// no-break ones (U+00A0, U+2007, U+202F), which stay inside their word, as "100 000 EUR" does.
// A run of spaces is kept as it is, but for one holding a line break or a tab: one space.
func words(s string) []word {
	var out []word
	for s != "" {
		text := strings.IndexFunc(s, func(r rune) bool { return !breaks(r) })
		if text < 0 {
			break // spaces at the end
		}
		end := strings.IndexFunc(s[text:], breaks)
		if end < 0 {
			end = len(s) - text
		}
		space := s[:text]
		if strings.ContainsFunc(space, unicode.IsControl) {
			space = " " // a line break or a tab between words is a space on one line
		}
		out = append(out, word{space: space, text: s[text : text+end]})
		s = s[text+end:]
	}
	return out
}

// breaks reports whether a line may break at r, a space that is not a no-break space.
func breaks(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
}

// pieces returns a word whole when it fits within limit, else broken into the longest runs of
// its characters that fit (one character at least): a long compound, or a title in a script
// written without spaces, would otherwise run out of its box. A character is what a reader
// sees as one (a grapheme cluster): a letter with its accents, a flag, an emoji joined from
// several, a syllable of an Indic script, which is never broken.
func (w *word) pieces(limit float64, measure func(string) float64) []string {
	if !w.measured {
		w.width, w.measured = measure(w.text), true
	}
	if w.width <= limit {
		return []string{w.text}
	}
	if w.ends == nil {
		w.ends = clusterEnds(w.text)
		w.upTo = make([]float64, len(w.ends))
		from, sum := 0, 0.0
		for k, end := range w.ends {
			sum += measure(w.text[from:end])
			w.upTo[k], from = sum, end
		}
	}
	var out []string
	for start, k, before := 0, 0, 0.0; k < len(w.ends); {
		n := 1 // the longest run from k that fits, one character at least
		for k+n < len(w.ends) && w.upTo[k+n]-before <= limit {
			n++
		}
		end := w.ends[k+n-1]
		out = append(out, w.text[start:end])
		start, k, before = end, k+n, w.upTo[k+n-1]
	}
	return out
}

// clusterEnds returns where each grapheme cluster of s ends.
func clusterEnds(s string) []int {
	var ends []int
	state, rest, at := -1, s, 0
	for rest != "" {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		at += len(cluster)
		ends = append(ends, at)
	}
	return ends
}

// columns measures a line as a terminal shows it, for outputs whose fonts orgledger does not
// know: a character in one column, a wide East Asian one or an emoji in two, a combining mark
// in none (what a reader sees as one character, a grapheme cluster, measured whole).
func columns(s string) float64 {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return float64(uniseg.StringWidth(s))
		}
	}
	return float64(len(s))
}

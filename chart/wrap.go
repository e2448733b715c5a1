package chart

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// wrap breaks s into as few lines no longer than limit as it can, by measure, at spaces, and
// then evens them out: it finds the narrowest width that needs no more lines, so that a title
// breaks into two halves rather than a full line and a word left over. A single word longer
// than limit is broken where it must be (see pieces).
func wrap(s string, limit float64, measure func(string) float64) []string {
	lines := greedy(s, limit, measure)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, limit // wrapping at hi takes len(lines) lines; find the least such width
	for range 24 {
		mid := (lo + hi) / 2
		if len(greedy(s, mid, measure)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(s, hi, measure)
}

// greedy fills each line with as many words as fit within limit.
func greedy(s string, limit float64, measure func(string) float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		for _, piece := range pieces(word, limit, measure) {
			switch {
			case cur == "":
				cur = piece
			case measure(cur+" "+piece) <= limit:
				cur += " " + piece
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

// pieces returns a word whole when it fits within limit, else broken into the longest runs of
// its characters that fit (one character at least): a long compound, or a title in a script
// written without spaces, would otherwise run out of its box.
func pieces(word string, limit float64, measure func(string) float64) []string {
	if measure(word) <= limit {
		return []string{word}
	}
	var ends []int // where each of its characters ends
	for i, r := range word {
		ends = append(ends, i+utf8.RuneLen(r))
	}
	var out []string
	for start, k := 0, 0; k < len(ends); {
		rest := ends[k:]
		// The longest run from start that fits, found by halving: measure grows with the run.
		n := max(1, sort.Search(len(rest), func(j int) bool { return measure(word[start:rest[j]]) > limit }))
		out = append(out, word[start:rest[n-1]])
		start, k = rest[n-1], k+n
	}
	return out
}

// runes measures a line in characters, for outputs whose fonts orgledger does not know.
func runes(s string) float64 { return float64(utf8.RuneCountInString(s)) }

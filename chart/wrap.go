package chart

import (
	"strings"
	"unicode/utf8"
)

// wrap breaks s into as few lines no longer than limit as it can, by measure, at spaces, and
// then evens them out: it finds the narrowest width that needs no more lines, so that a title
// breaks into two halves rather than a full line and a word left over. A single word longer
// than limit has a line of its own.
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
		switch {
		case cur == "":
			cur = word
		case measure(cur+" "+word) <= limit:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// runes measures a line in characters, for outputs whose fonts orgledger does not know.
func runes(s string) float64 { return float64(utf8.RuneCountInString(s)) }

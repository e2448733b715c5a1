package changeset

import (
	"strings"
	"unicode/utf8"
)

// suggest returns ` (did you mean "x"?)` when word is a likely misspelling of one of names,
// and "" otherwise. Case, "_" for "-", and one or two slips of the keyboard count as likely.
func suggest(word string, names []string) string {
	w := strings.ReplaceAll(strings.ToLower(word), "_", "-")
	best, bestDist := "", -1
	for _, n := range names {
		dist := distance(w, n)
		if dist < bestDist || bestDist < 0 {
			best, bestDist = n, dist
		}
	}
	limit := 2
	if utf8.RuneCountInString(w) <= 4 {
		limit = 1
	}
	if best == "" || bestDist > limit || best == word {
		return ""
	}
	return " (did you mean " + quote(best) + "?)"
}

// distance returns the Levenshtein distance between a and b, counting in runes. Words longer
// than a key can sensibly be are not compared, so that a long unknown key costs no time.
func distance(a, b string) int {
	const maxLen = 64
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxLen || len(rb) > maxLen {
		return maxLen
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

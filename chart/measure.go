package chart

import "unicode"

// The SVG measures its text without font files: each character's advance width is taken from
// the metrics of Helvetica, which Arial and Liberation Sans share, in thousandths of an em.
// The drawing asks for those fonts first, so the estimate is close wherever one is installed,
// and the boxes keep some padding for a wider fallback.

// helvetica holds the advance widths of the printable ASCII characters, from ' ' (32) to '~'
// (126), in the regular weight.
var helvetica = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
	334, 260, 334, 584, // { to ~
}

// helveticaBold holds the same in the bold weight.
var helveticaBold = [95]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
	333, 333, 584, 584, 584, 611, 975,
	722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
	333, 278, 333, 584, 556, 333,
	556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
	611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
	389, 280, 389, 584,
}

// textWidth estimates the width of s drawn at size (in pixels), bold or not.
func textWidth(s string, size float64, bold bool) float64 {
	table := &helvetica
	if bold {
		table = &helveticaBold
	}
	var em int
	for _, r := range s {
		em += runeWidth(r, table)
	}
	return float64(em) * size / 1000
}

// runeWidth is the advance of r in thousandths of an em: from the table for ASCII, a full em
// for the wide characters of East Asian scripts and for dashes, nothing for combining marks,
// and the width of a typical letter for the rest.
func runeWidth(r rune, table *[95]uint16) int {
	switch {
	case r >= ' ' && r <= '~':
		return int(table[r-' '])
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return 0
	case r == '—' || r == '…' || wide(r):
		return 1000
	default:
		return 611
	}
}

// wide reports whether r is drawn a full em wide: Hangul, CJK, kana and fullwidth forms.
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
		r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000 && r <= 0x3FFFD
}

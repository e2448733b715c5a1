package ledger

import (
	"slices"
	"strings"
	"unsafe"
)

// idRunes are what an id is made of (orgledger.ValidID), for the misspellings nearID tries;
// capitals only for an id that has one (HRIS ids such as E001), which saves 40% of the tries
// for the others.
const (
	idRunes      = "abcdefghijklmnopqrstuvwxyz0123456789.-_"
	idRunesUpper = idRunes + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// maxSuggestedLen bounds the ids nearID tries misspellings of: each costs a few hundred
// look-ups per character.
const maxSuggestedLen = 64

// nearID returns an id that visible accepts and that id is a likely misspelling of: the same
// in another case or with '_' for '-', or one keystroke away (a character left out, added,
// changed, or two swapped); "" when there is none. It looks the misspellings up rather than
// comparing id with every id of the ledger, so that an unknown id costs the same at a million
// people as at ten. The ids it may name are those visible accepts, so that a suggestion tells
// a caller of nothing they could not look up.
func nearID(id string, visible func(string) bool) string {
	if len(id) > maxSuggestedLen || !isASCII(id) { // ids are ASCII: a keystroke is a byte
		return ""
	}
	var found []string
	try := func(c string) { // c may be a view of a buffer that changes: kept, it is copied
		if c != id && !slices.Contains(found, c) && visible(c) {
			found = append(found, strings.Clone(c))
		}
	}
	for _, c := range []string{id, strings.ToLower(id), strings.ToUpper(id)} {
		try(c)
		try(strings.ReplaceAll(c, "_", "-"))
	}
	if len(found) == 0 {
		oneKeystroke(id, try)
	}
	if len(found) == 0 {
		return ""
	}
	return slices.Min(found)
}

// oneKeystroke calls try with every string one keystroke away from s: a character left out,
// two swapped, one changed, one added. Each is written into one buffer and handed to try as a
// view of it, valid for the call only: a thousand misspellings cost no allocation each.
func oneKeystroke(s string, try func(string)) {
	runes := idRunes
	if strings.ToLower(s) != s {
		runes = idRunesUpper
	}
	buf := make([]byte, 0, len(s)+1)
	view := func(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
	for i := range len(s) {
		buf = append(append(buf[:0], s[:i]...), s[i+1:]...)
		try(view(buf))
		if i+1 < len(s) {
			buf = append(append(append(buf[:0], s[:i]...), s[i+1], s[i]), s[i+2:]...)
			try(view(buf))
		}
		buf = append(buf[:0], s...)
		for j := range len(runes) {
			buf[i] = runes[j]
			try(view(buf))
		}
	}
	for i := range len(s) + 1 {
		buf = append(append(append(buf[:0], s[:i]...), 0), s[i:]...)
		for j := range len(runes) {
			buf[i] = runes[j]
			try(view(buf))
		}
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// didYouMean is the end of a message about an unknown id: " (did you mean x?)", or "".
func didYouMean(id string, visible func(string) bool) string {
	if near := nearID(id, visible); near != "" {
		return " (did you mean " + near + "?)"
	}
	return ""
}

// exists reports whether id names a record that exists at the view's place: one the view's
// questions could be asked about (show answers it).
func (v view) exists(id string) bool {
	r, ok := v.s.lookup(id)
	return ok && v.existsRef(r)
}

// existsRef reports whether the record exists at the view's place.
func (v view) existsRef(r ref) bool {
	switch r.kind {
	case kindPerson:
		return v.existsPerson(r.idx)
	case kindPosition:
		return v.existsPos(r.idx)
	}
	return v.existsUnit(r.idx)
}

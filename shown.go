package orgledger

import (
	"cmp"
	"strings"
)

// ShownPosition is a position a person holds, as an export chooses among several: whether
// they act in it, and the day from which they have held it.
type ShownPosition struct {
	ID     string
	Acting bool
	Since  Date
}

// ShownFirst orders the positions a person holds as an export chooses the one it shows: one
// held for good before one acted in, then the one held longest, then by id.
func ShownFirst(a, b ShownPosition) int {
	switch {
	case a.Acting != b.Acting && !a.Acting:
		return -1
	case a.Acting != b.Acting:
		return 1
	case a.Since != b.Since:
		return cmp.Compare(a.Since, b.Since)
	}
	return strings.Compare(a.ID, b.ID)
}

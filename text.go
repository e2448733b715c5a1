package orgledger

import (
	"bytes"
	"fmt"
	"strings"
)

// IsUTF16 reports whether a file's text is UTF-16 rather than UTF-8: it starts with a byte
// order mark of UTF-16, or, without one, has a NUL in every other byte of its start where the
// other half holds no NUL, as text of mostly ASCII characters in UTF-16 has. A file a user
// saved as "Unicode" on Windows is UTF-16; read as UTF-8 it is refused with a reason that
// does not say so, or (the NULs being valid UTF-8) read as text it is not.
func IsUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return true
	}
	start := data[:min(len(data), 64)&^1]
	if len(start) < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < len(start); i += 2 {
		if start[i] == 0 {
			even++
		}
		if start[i+1] == 0 {
			odd++
		}
	}
	half := len(start) / 2
	return even == half && odd == 0 || odd == half && even == 0
}

// JoinPath joins the ids of a path of lines, a cycle's, say, with arrows; a long one shows its
// first and last pathEnds ids and how many lie between, so that a message stays a line.
func JoinPath(ids []string) string {
	if len(ids) <= 2*pathEnds+1 {
		return strings.Join(ids, " → ")
	}
	return fmt.Sprintf("%s → … %d more … → %s", strings.Join(ids[:pathEnds], " → "), len(ids)-2*pathEnds,
		strings.Join(ids[len(ids)-pathEnds:], " → "))
}

// pathEnds is how many ids of each end of a long path JoinPath shows.
const pathEnds = 5

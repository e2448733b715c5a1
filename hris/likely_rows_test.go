package hris

import (
	"strings"
	"testing"
)

// TestLikelyRows: the rows are sized by the lines that look like rows, never by blank lines
// of separators (a short file of them would take memory for rows it does not have), and never
// past the limit on rows.
func TestLikelyRows(t *testing.T) {
	for _, c := range []struct {
		name, text string
		comma      rune
		named      int
		want       int
	}{
		{"rows", "id,name,title\n1,Ada,CEO\n2,Bob,CFO\r\n3,Cy,\n", ',', 3, 4},
		{"blank lines of separators", "id,name\n1,Ada\n" + strings.Repeat(",,\n\n , \n\"\",\r\n", 1000), ',', 2, 2},
		{"too few separators", "id;name;title\n1;Ada\n2;Bob;CFO", ';', 3, 2},
		{"a quoted line break", "id,name,note\n1,Ada,\"two\nlines\"\n", ',', 3, 2},
		{"limit", strings.Repeat("1,a\n", 100), ',', 2, 11},
	} {
		if got := likelyRows([]byte(c.text), c.comma, c.named, 10); got != c.want {
			t.Errorf("%s: %d likely rows, want %d", c.name, got, c.want)
		}
	}
}

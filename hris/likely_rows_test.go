package hris

import (
	"strings"
	"testing"
	"unsafe"
)

// TestLikelyRows: the rows are sized by the lines that look like rows, never by blank lines
// of separators (a short file of them would take memory for rows it does not have), and never
// past the limit on rows. Each row here is as long as a real export's, past the cap on rows
// of short lines (TestLikelyRowsOfLinesThatAreNoRows).
func TestLikelyRows(t *testing.T) {
	const long = "Augusta Ada King, Countess of Lovelace"
	for _, c := range []struct {
		name, text string
		comma      rune
		named      int
		want       int
	}{
		{"rows", "id,name,title\n1,\"" + long + "\",CEO\n2,Bob " + long + long + ",CFO\r\n3,Cy " + long + ",\n", ',', 3, 4},
		{"blank lines of separators", "id,name\n1," + long[:38] + "\n" + strings.Repeat(",,\n\n , \n\"\",\r\n", 1000), ',', 2, 2},
		{"blank by Unicode spaces", "id,name\n1," + long[:38] + "\n" + strings.Repeat("\u00a0,\u3000,\n", 50), ',', 2, 2},
		{"too few separators", "id;name;title\n1;Ada " + long + "\n2;Bob;" + long, ';', 3, 2},
		{"a quoted line break", "id,name,note\n1,Ada,\"" + long + "\n" + long + "\"\n", ',', 3, 2},
		{"limit", strings.Repeat("1,"+long+"\n", 100), ',', 2, 10},
	} {
		if got := likelyRows([]byte(c.text), c.comma, c.named, 10); got != c.want {
			t.Errorf("%s: %d likely rows, want %d", c.name, got, c.want)
		}
	}
}

// TestLikelyRowsOfLinesThatAreNoRows: a file of short lines that look like rows but are none
// (a stray quote the reader refuses, fields past the header's that are not empty, lines inside
// one quoted value) never has rows sized for more than four times its bytes. (Found by a review:
// at the row limit, 24 MB of such lines sized 672 MB of rows.)
func TestLikelyRowsOfLinesThatAreNoRows(t *testing.T) {
	for name, line := range map[string]string{"stray quote": "x\",,,\n", "extra fields": "x,,,,y\n", "quoted": "a,b,c,d\n"} {
		data := []byte("id,name,title,manager\n\"" + strings.Repeat(line, 100_000) + "\"\n")
		if n := likelyRows(data, ',', 4, MaxRows); n*int(unsafe.Sizeof(Row{})) > 4*len(data) {
			t.Errorf("%s: %d likely rows of %d bytes, for a file of %d bytes", name, n, unsafe.Sizeof(Row{}), len(data))
		}
	}
}

package hris

import (
	"strings"
	"testing"
)

// FuzzFormulaGuard: every value guarded for a spreadsheet reads back as it was, and no guarded
// value starts as a formula.
func FuzzFormulaGuard(f *testing.F) {
	for _, v := range []string{"", "=1+1", "'=1", "''=1", "'t Hart", "-", "+cmd|' /c calc'!A0", "@SUM(A1)", "O'Neil", "'", "''"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		g := guardFormula(v)
		if got := unguardFormula(g); got != v {
			t.Fatalf("%q guarded as %q reads back as %q", v, g, got)
		}
		if g != "" && strings.IndexByte(formulaStarts, g[0]) >= 0 {
			t.Fatalf("%q guarded as %q starts as a formula", v, g)
		}
	})
}

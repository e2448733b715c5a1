package orgledger_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// TestValidID checks ValidID against the pattern PRODUCT.md gives.
func TestValidID(t *testing.T) {
	pattern := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	for _, s := range []string{"", "a", "huo-jia", "E001", "0", "-a", ".a", "a b", "a/b", "ä", "pos-E001.x_y",
		strings.Repeat("a", 64), strings.Repeat("a", 65), "a\n", "a@b", "_a"} {
		if got, want := orgledger.ValidID(s), pattern.MatchString(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	pattern := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	f.Add("huo-jia")
	f.Add("a.b_c-d")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := orgledger.ValidID(s), pattern.MatchString(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	})
}

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

// TestWhyNotAnID: a malformed id is quoted in ASCII (a control character, or a hyphen that is
// not ASCII's, visible as its escape) and its first wrong character named by its code point.
// (Found by an analyst's review: the terminal ran an escape sequence, and a look-alike hyphen
// was invisible in the message.)
func TestWhyNotAnID(t *testing.T) {
	for id, want := range map[string]string{
		"zhang\u2010wei":        `id "zhang\u2010wei" has U+2010 at character 6: ids have only ASCII`,
		"huo\x1b[31mjia":        `id "huo\x1b[31mjia" has U+001B at character 4`,
		"a\nb":                  `id "a\nb" has U+000A at character 2`,
		"-lead":                 `id "-lead" has U+002D at character 1`,
		"josé":                  `id "jos\u00e9" has U+00E9 at character 4`,
		strings.Repeat("x", 70): "is 70 characters long; an id has at most 64",
	} {
		ch := orgledger.Change{Op: &orgledger.Hire{ID: id, Name: "N"}}
		prs := ch.Check()
		if len(prs) != 1 || prs[0].Field != "id" || !strings.Contains(prs[0].Reason, want) {
			t.Errorf("the hire of %q is refused with %+v, want a reason with %q", id, prs, want)
		}
	}
}

// TestWhyNotAnAttributeKey: a malformed attribute key is told as a key, not as an id. (Found
// by QA: "ids have only ASCII letters" for a key.)
func TestWhyNotAnAttributeKey(t *testing.T) {
	for key, want := range map[string]string{
		"start date":            `key "start date" has U+0020 at character 6: keys have only ASCII`,
		strings.Repeat("k", 65): "is 65 characters long; a key has at most 64",
	} {
		ch := orgledger.Change{Op: &orgledger.Hire{ID: "a", Name: "N", Attrs: map[string]string{key: "x"}}}
		prs := ch.Check()
		if len(prs) != 1 || prs[0].Field != "attrs."+key || !strings.Contains(prs[0].Reason, want) {
			t.Errorf("an attribute key %q is refused with %+v, want a reason with %q", key, prs, want)
		}
	}
}

// TestLongIDToldShort: an id far too long is quoted cut short in its refusal, which tells its
// length, not repeated whole. (Found by QA: an id of 7,000,000 characters made a 7 MB message.)
func TestLongIDToldShort(t *testing.T) {
	id := strings.Repeat("a", 1_000_000)
	ch := orgledger.Change{Op: &orgledger.Hire{ID: id, Name: "N"}}
	prs := ch.Check()
	if len(prs) != 1 || len(prs[0].Reason) > 200 || !strings.Contains(prs[0].Reason, "is 1000000 characters long") {
		t.Errorf("the refusal of a long id: %d problems, the first %.300q", len(prs), prs[0].Reason)
	}
	if _, err := orgledger.ParseDate(strings.Repeat("9", 100_000)); err == nil || len(err.Error()) > 200 {
		t.Errorf("the refusal of a long date: %.300v", err)
	}
}

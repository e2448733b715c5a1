package changeset_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// MustDecode decodes src and fails the test on any error.
func MustDecode(tb testing.TB, src string) *orgledger.Changeset {
	tb.Helper()
	cs, err := changeset.Decode("test.yaml", []byte(src))
	if err != nil {
		tb.Fatalf("Decode: %v\ninput:\n%s", err, src)
	}
	return cs
}

// MustRefuse decodes src, checks that it is refused as the package promises and returns the
// problems.
func MustRefuse(tb testing.TB, src string) []orgledger.Problem {
	tb.Helper()
	cs, err := changeset.Decode("test.yaml", []byte(src))
	if err == nil {
		tb.Fatalf("Decode accepted %q: %+v", src, cs)
	}
	var e *orgledger.Error
	if !errors.As(err, &e) {
		tb.Fatalf("Decode returned %T %v, want *orgledger.Error", err, err)
	}
	if e.Code != orgledger.EINVALID {
		tb.Errorf("Code = %q, want %q", e.Code, orgledger.EINVALID)
	}
	if want := "test.yaml: changeset refused; none of it was written"; e.Message != want {
		tb.Errorf("Message = %q, want %q", e.Message, want)
	}
	if len(e.Problems) == 0 {
		tb.Fatal("no problems")
	}
	for _, p := range e.Problems {
		if p.File != "test.yaml" {
			tb.Errorf("problem %q has File %q", p.Reason, p.File)
		}
	}
	return e.Problems
}

// changes returns a changeset with the given list items, one a line, after "  - ".
func changes(items ...string) string {
	var b strings.Builder
	b.WriteString("effective: 2022-04-12\nchanges:\n")
	for _, it := range items {
		b.WriteString("  - " + it + "\n")
	}
	return b.String()
}

// retractions is changes of retractions alone, which take no effective date: a source in its
// place keeps the changes on the same lines.
func retractions(items ...string) string {
	return strings.Replace(changes(items...), "effective: 2022-04-12", "source: HR", 1)
}

func ptr(s string) *string { return &s }

func mustDate(tb testing.TB, s string) orgledger.Date {
	tb.Helper()
	d, err := orgledger.ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func changeLines(cs *orgledger.Changeset) []int {
	var lines []int
	for _, c := range cs.Changes {
		lines = append(lines, c.Line)
	}
	return lines
}

// withoutLines returns a copy of cs without its file name and lines, which differ between two
// spellings of one changeset.
func withoutLines(cs *orgledger.Changeset) *orgledger.Changeset {
	c := *cs
	c.File, c.FieldLines = "", nil
	c.Changes = append([]orgledger.Change(nil), cs.Changes...)
	for i := range c.Changes {
		c.Changes[i].Line, c.Changes[i].FieldLines = 0, nil
	}
	return &c
}

package ledger_test

import (
	"testing"

	"github.com/orgledger/orgledger"
)

// TestEffectiveSpan checks the first and last effective dates of the events after a seq,
// backdated ones too, and the head they run to.
func TestEffectiveSpan(t *testing.T) {
	l := base(t)
	apply(t, l, "2022-09-01", &orgledger.Retitle{Position: "cto", Title: "Technology Chief"})
	apply(t, l, "2021-06-01", &orgledger.Hire{ID: "cy", Name: "Cy"})
	head, _ := l.Head()
	for _, tc := range []struct {
		after       int64
		first, last string
	}{
		{0, "2021-06-01", "2022-09-01"},
		{7, "2021-06-01", "2022-09-01"},
		{8, "2021-06-01", "2021-06-01"},
		{head, "", ""},
		{head + 5, "", ""},
		{-1, "2021-06-01", "2022-09-01"},
	} {
		first, last, h := l.EffectiveSpan(tc.after)
		if dateOrEmpty(first) != tc.first || dateOrEmpty(last) != tc.last || h != head {
			t.Errorf("after %d: %s to %s, head %d; want %s to %s, head %d", tc.after, dateOrEmpty(first), dateOrEmpty(last), h, tc.first, tc.last, head)
		}
	}
}

func dateOrEmpty(d orgledger.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

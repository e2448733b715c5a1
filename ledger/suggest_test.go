package ledger_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestSuggestions checks that an unknown id is answered with the id it likely misspells, one
// keystroke away or in another case, and only with an id the caller could look up: never a
// person hired after the day asked about, nor one after a viewer's horizon.
func TestSuggestions(t *testing.T) {
	l, _ := mustOpen(t)
	apply(t, l, "2022-01-01", &orgledger.Hire{ID: "huo-jia", Name: "Huo Jia"}, &orgledger.Hire{ID: "cai-yinghua", Name: "Cai Yinghua"},
		&orgledger.Hire{ID: "E001", Name: "Amara Okafor"})
	apply(t, l, "2030-01-01", &orgledger.Hire{ID: "zhang-wei", Name: "Zhang Wei"})
	for _, c := range []struct {
		ask, day, want string
	}{
		{"huo-jai", "2022-02-01", "did you mean huo-jia?"},
		{"Huo-Jia", "2022-02-01", "did you mean huo-jia?"},
		{"huo_jia", "2022-02-01", "did you mean huo-jia?"},
		{"cai-yinhua", "2022-02-01", "did you mean cai-yinghua?"},
		{"zhang-wie", "2022-02-01", ""}, // hired later: not there to suggest
		{"zhang-wie", "2030-02-01", "did you mean zhang-wei?"},
		{"nobody-at-all", "2022-02-01", ""},
		{"e001", "2022-02-01", "did you mean E001?"}, // an HRIS id typed in lower case
	} {
		_, err := l.Show(c.ask, ledger.Query{At: date(c.day)})
		msg := orgledger.ErrorMessage(err)
		if c.want == "" && strings.Contains(msg, "did you mean") || c.want != "" && !strings.Contains(msg, c.want) {
			t.Errorf("show %s on %s: %q, want %q", c.ask, c.day, msg, c.want)
		}
	}
	// An id known only after the horizon gets the same hint as one unknown: none would tell a
	// viewer it exists.
	apply(t, l, "2030-01-01", &orgledger.Hire{ID: "huo-jib", Name: "Huo Jib"})
	for _, ask := range []string{"huo-jib", "huo-jic"} {
		_, err := l.Show(ask, ledger.Query{At: date("2022-02-01"), Horizon: date("2022-02-01")})
		if msg := orgledger.ErrorMessage(err); !strings.Contains(msg, "did you mean huo-jia?") {
			t.Errorf("show %s before it exists: %q, want the hint of a visible id", ask, msg)
		}
		_, err = l.History(context.Background(), ask, ledger.HistoryOptions{Horizon: date("2026-01-01")})
		if msg := orgledger.ErrorMessage(err); !strings.Contains(msg, "did you mean huo-jia?") {
			t.Errorf("history of %s after the horizon: %q, want the hint of a visible id", ask, msg)
		}
	}
	_, err := l.History(context.Background(), "zhang-wie", ledger.HistoryOptions{Horizon: date("2026-01-01")})
	if msg := orgledger.ErrorMessage(err); strings.Contains(msg, "did you mean") {
		t.Errorf("history with a horizon before the hire suggests it: %q", msg)
	}
	_, err = l.History(context.Background(), "zhang-wie", ledger.HistoryOptions{})
	if msg := orgledger.ErrorMessage(err); !strings.Contains(msg, "did you mean zhang-wei?") {
		t.Errorf("history without a horizon: %q", msg)
	}
}

// TestRootSuggestions: a chart asked from a misspelled root, from the ledger or from its
// image, and a chain of command asked of a misspelled id, name the id likely meant, among the
// ids a chart or a chain may start from on the day: a closed position is not suggested, nor a
// unit for a chain.
func TestRootSuggestions(t *testing.T) {
	l, _ := mustOpen(t)
	apply(t, l, "2022-01-01", &orgledger.CreateUnit{ID: "cloud", Name: "Cloud"},
		&orgledger.CreatePosition{ID: "cloud-president", Title: "President", Unit: "cloud"},
		&orgledger.CreatePosition{ID: "cloud-vp", Title: "VP", Unit: "cloud", ReportsTo: "cloud-president"},
		&orgledger.Hire{ID: "huo-jia", Name: "Huo Jia"}, &orgledger.Assign{Person: "huo-jia", Position: "cloud-president"})
	apply(t, l, "2022-03-01", &orgledger.ClosePosition{Position: "cloud-vp"})
	im := writeAndOpenImage(t, l)
	on := ledger.Query{At: date("2022-04-01")}
	for _, c := range []struct{ ask, chart, chain string }{
		{"cloud-presidnet", "did you mean cloud-president?", "did you mean cloud-president?"},
		{"huo-jai", "did you mean huo-jia?", "did you mean huo-jia?"},
		{"clound", "did you mean cloud?", ""}, // a chain does not start from a unit
		{"cloud-pv", "", ""},                  // cloud-vp is closed on the day
	} {
		_, fromLedger := l.Chart(on, ledger.ChartOptions{Root: c.ask})
		_, fromImage := im.Chart(on, 0, ledger.ChartOptions{Root: c.ask})
		_, chain := l.Chain(c.ask, on)
		for what, got := range map[string]error{"chart": fromLedger, "chart from the image": fromImage, "chain": chain} {
			want := c.chart
			if what == "chain" {
				want = c.chain
			}
			msg := orgledger.ErrorMessage(got)
			if orgledger.ErrorCode(got) != orgledger.ENOTFOUND || want == "" && strings.Contains(msg, "did you mean") || !strings.Contains(msg, want) {
				t.Errorf("%s of %s: %q, want %q", what, c.ask, msg, want)
			}
		}
	}
}

package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

func TestZZExp(t *testing.T) {
	for _, setup := range []func(*testing.T, *ledger.Ledger) int64{
		func(t *testing.T, l *ledger.Ledger) int64 {
			applyAll(t, l, []string{"2022-01-01", "2022-01-02", "2022-01-03"},
				[]orgledger.Op{&orgledger.Hire{ID: "ann", Name: "Ann"}, &orgledger.Hire{ID: "bob", Name: "Bob"},
					&orgledger.CreateUnit{ID: "u", Name: "U"}, &orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"},
					&orgledger.Assign{Person: "ann", Position: "x"}},
				[]orgledger.Op{&orgledger.Leave{Person: "ann"}},
				[]orgledger.Op{&orgledger.Assign{Person: "bob", Position: "x"}})
			return 6
		},
		func(t *testing.T, l *ledger.Ledger) int64 {
			applyAll(t, l, []string{"2022-01-01", "2022-01-02", "2022-01-03"},
				[]orgledger.Op{&orgledger.CreateUnit{ID: "u", Name: "U"},
					&orgledger.CreatePosition{ID: "boss", Title: "Boss", Unit: "u"},
					&orgledger.CreatePosition{ID: "aide", Title: "Aide", Unit: "u", ReportsTo: "boss"}},
				[]orgledger.Op{&orgledger.ClosePosition{Position: "aide"}},
				[]orgledger.Op{&orgledger.ClosePosition{Position: "boss"}})
			return 4
		},
		func(t *testing.T, l *ledger.Ledger) int64 {
			applyAll(t, l, []string{"2022-01-01", "2022-01-02"},
				[]orgledger.Op{&orgledger.CreateUnit{ID: "u", Name: "U"},
					&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"}},
				[]orgledger.Op{&orgledger.ClosePosition{Position: "x"}, &orgledger.CloseUnit{Unit: "u"}})
			return 3
		},
		func(t *testing.T, l *ledger.Ledger) int64 {
			applyAll(t, l, []string{"2022-01-01", "2022-01-02"},
				[]orgledger.Op{&orgledger.CreateUnit{ID: "a", Name: "A"}, &orgledger.CreateUnit{ID: "b", Name: "B"},
					&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "a"}},
				[]orgledger.Op{&orgledger.ClosePosition{Position: "x"},
					&orgledger.MergeUnits{Units: []string{"a"}, Into: "b"}})
			return 4
		},
	} {
		ctx := context.Background()
		st := memory.New()
		clock := &fixedClock{t: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)}
		l, _ := ledger.Open(ctx, st, clock)
		seq := setup(t, l)
		cs := &orgledger.Changeset{Effective: date("2022-03-01"), Changes: []orgledger.Change{
			{Op: &orgledger.Retract{Event: seq, Reason: "x"}}}}
		_, err := l.Apply(ctx, cs, ledger.ApplyOptions{})
		t.Logf("apply: %v", err)
		_, err = ledger.Open(ctx, st, clock)
		t.Logf("reopen: %v", err)
		for _, id := range []string{"x", "u", "a", "aide", "boss"} {
			info, err := l.Show(id, ledger.Query{At: date("2022-01-05")})
			if err == nil {
				t.Logf("  %s", jsonOf(info))
			}
		}
	}
}

package gen_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/gen"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// clock is after every history's end.
type clock struct{}

func (clock) Now() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }

// TestIntoIsAccepted writes a small history into a ledger, which checks every change, and
// looks at the org it leaves.
func TestIntoIsAccepted(t *testing.T) {
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), clock{})
	if err != nil {
		t.Fatal(err)
	}
	opt := gen.Options{People: 2000, Years: 3, Seed: 7}
	var last gen.Progress
	if err := gen.Into(ctx, l, opt, func(p gen.Progress) { last = p }); err != nil {
		t.Fatal(err)
	}
	if head, _ := l.Head(); head != last.Events || last.Day != last.Days {
		t.Fatalf("head %d, progress %+v", head, last)
	}
	staff := l.Employees(ledger.Query{At: last.Date})
	if n := len(staff); n < 1800 || n > 2200 {
		t.Errorf("%d people at the end, want about 2000", n)
	}
	for _, e := range staff {
		if e.Position != "pos-"+e.ID || e.Department == "" || (e.ManagerID == "" && e.Title != "Chief Executive Officer") {
			t.Fatalf("employee %+v", e)
		}
	}
	first := l.Employees(ledger.Query{At: opt.Start()})
	if len(first) != 2000 {
		t.Errorf("%d people on the first day, want 2000", len(first))
	}
	left := 0
	for _, e := range first {
		if _, err := l.Show(e.ID, ledger.Query{At: last.Date}); err == nil {
			if info, _ := l.Show(e.ID, ledger.Query{At: last.Date}); !info.(*orgledger.PersonInfo).Active {
				left++
			}
		}
	}
	if rate := float64(left) / 2000 / 3; rate < 0.10 || rate > 0.20 {
		t.Errorf("%.1f%% of the first day's people left each year, want about 15%%", rate*100)
	}
}

// TestDeterministic checks that a seed gives the same changesets, and another seed others.
func TestDeterministic(t *testing.T) {
	a, b, c := digest(t, 1), digest(t, 1), digest(t, 2)
	if a != b {
		t.Errorf("the same seed gave two histories")
	}
	if a == c {
		t.Errorf("two seeds gave the same history")
	}
}

func digest(t *testing.T, seed uint64) string {
	g, err := gen.New(gen.Options{People: 500, Years: 2, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for cs := g.Next(); cs != nil; cs = g.Next() {
		b, err := json.Marshal(cs)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestOptions(t *testing.T) {
	if _, err := gen.New(gen.Options{}); err == nil || !strings.Contains(err.Error(), "People") {
		t.Errorf("no people: %v", err)
	}
	if got := (gen.Options{People: 1, Years: 10}).Start().String(); got != "2015-01-01" {
		t.Errorf("start of ten years = %s", got)
	}
}

package ledger_test

// The property test: random histories of changesets (gen_test.go) go to the real ledger and to
// the naive replay-everything model (model_test.go), and after every changeset the two must
// agree on whether it is accepted, on the events and effects it records, and on every
// snapshot: each id's Show, the chart and the diff between consecutive days, on every day of
// the history, as known now and at earlier commits. A disagreement is shrunk to a short history
// (shrink_test.go) before it is reported.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

const (
	historyLen = 30 // changesets per seed
	maxChanges = 8  // changes per changeset
)

// recordedBase is the recorded time of the first changeset; each next one is a minute later,
// so that every commit has its own recorded time and "known at" names exactly one commit.
var recordedBase = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// queryDays are the days every snapshot is compared on: the history's days and one on either
// side.
var queryDays = func() []orgledger.Date {
	var out []orgledger.Date
	for d := -1; d <= nDays; d++ {
		out = append(out, day0.AddDays(d))
	}
	return out
}()

// mismatch is a disagreement between the ledger and the model. kind says what disagreed, so
// that shrinking keeps the same disagreement.
type mismatch struct {
	kind, detail string
}

func mismatchf(kind, format string, args ...any) *mismatch {
	return &mismatch{kind: kind, detail: fmt.Sprintf(format, args...)}
}

// harness drives one history through the ledger and the model side by side.
type harness struct {
	ctx      context.Context
	store    *memory.Store
	clock    *fixedClock
	l        *ledger.Ledger
	m        *model
	tried    []*orgledger.Changeset
	verdicts []string // what became of each changeset tried, for reports
}

func newHarness() *harness {
	// A clock far after every recorded time, so that backfilled Recorded times are accepted.
	h := &harness{ctx: context.Background(), store: memory.New(), m: &model{},
		clock: &fixedClock{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}
	l, err := ledger.Open(h.ctx, h.store, h.clock)
	if err != nil {
		panic(err)
	}
	h.l = l
	return h
}

// step applies cs to the ledger and the model and compares what follows.
func (h *harness) step(cs *orgledger.Changeset) *mismatch {
	cs.Recorded = recordedBase.Add(time.Duration(len(h.tried)+1) * time.Minute)
	h.tried = append(h.tried, cs)
	v := h.m.try(cs)
	res, err := h.l.Apply(h.ctx, cs, ledger.ApplyOptions{Actor: "property"})
	if err == nil {
		h.verdicts = append(h.verdicts, "accepted by the ledger")
	} else {
		h.verdicts = append(h.verdicts, "refused by the ledger")
	}
	if mm := h.compareDecision(v, err); mm != nil || err != nil {
		return mm
	}
	if mm := compareCommit(res.Commit, v.add); mm != nil {
		return mm
	}
	h.m.commit(v.add, cs.Recorded)
	if head, _ := h.l.Head(); head != h.m.head() {
		return mismatchf("head", "the ledger's head is event %d, the model's %d", head, h.m.head())
	}
	return h.checkRecent()
}

// compareDecision compares the model's verdict with the ledger's answer, and checks that a
// refusal wrote nothing.
func (h *harness) compareDecision(v verdict, err error) *mismatch {
	switch {
	case v.why == "" && err != nil:
		return mismatchf("ledger refuses", "the model accepts the changeset; the ledger refuses it:\n%v", err)
	case v.why != "" && err == nil:
		return mismatchf("ledger accepts", "the model refuses the changeset (%s); the ledger accepts it", v.why)
	case err != nil && orgledger.ErrorCode(err) != orgledger.EINVALID:
		return mismatchf("ledger error", "the ledger fails with %s: %v", orgledger.ErrorCode(err), err)
	}
	if head, _ := h.l.Head(); err != nil && head != h.m.head() {
		return mismatchf("head", "a refused changeset moved the head to event %d", head)
	}
	return nil
}

// compareCommit checks the ledger numbered the changes as the model did and recorded the same
// effects.
func compareCommit(c *orgledger.Commit, want []*modelEvent) *mismatch {
	if len(c.Events) != len(want) {
		return mismatchf("commit", "the ledger records %d events, the model %d", len(c.Events), len(want))
	}
	for i, e := range c.Events {
		w := want[i]
		got, exp := eventString(e.Seq, e.Effective, e.Op, e.Effects), eventString(w.seq, w.day, w.op, w.eff)
		if _, ok := w.op.(*orgledger.Retract); ok { // a retraction's own date means nothing
			got = eventString(e.Seq, 0, e.Op, e.Effects)
			exp = eventString(w.seq, 0, w.op, w.eff)
		}
		if got != exp {
			return mismatchf("commit", "event %d of the commit:\nledger: %s\nmodel:  %s", i, got, exp)
		}
	}
	return nil
}

func eventString(seq int64, day orgledger.Date, op orgledger.Op, eff orgledger.Effects) string {
	b, _ := json.Marshal(op)
	// Effects are sets: only their members matter. Sort copies, since the slices are the
	// store's own.
	eff.Replaced, eff.Vacated = slices.Sorted(slices.Values(eff.Replaced)), slices.Sorted(slices.Values(eff.Vacated))
	eff.Positions, eff.Units = slices.Sorted(slices.Values(eff.Positions)), slices.Sorted(slices.Values(eff.Units))
	e, _ := json.Marshal(eff)
	return fmt.Sprintf("#%d %s %s %s effects %s", seq, day, op.Verb(), b, e)
}

// knownAt is a point of transaction time: the time asked for, and the seq of the last event
// the model knows then.
type knownAt struct {
	at    time.Time
	seq   int64
	label string
}

// knownAtCommit is the point when commit k was recorded, or a little later: "known at" takes
// everything recorded at or before the time, and nothing is recorded in the next minute.
func (h *harness) knownAtCommit(k int, later time.Duration) knownAt {
	c := h.m.commits[k]
	return knownAt{at: c.recorded.Add(later), seq: c.last, label: fmt.Sprintf("commit %d (event %d) +%s", k+1, c.last, later)}
}

// checkRecent compares the snapshots after a commit: as known now, as known just before, and
// as known at one commit further back, on every day; and the diffs as known now.
func (h *harness) checkRecent() *mismatch {
	n := len(h.m.commits)
	points := []knownAt{h.knownAtCommit(n-1, 0)}
	if n >= 2 {
		points = append(points, h.knownAtCommit(n-2, 30*time.Second))
	}
	if mid := (n - 1) / 2; mid < n-2 {
		points = append(points, h.knownAtCommit(mid, 0))
	}
	for _, ka := range points {
		if mm := h.checkKnownAt(h.l, ka); mm != nil {
			return mm
		}
	}
	return h.checkDiffs(h.l, points[0])
}

// checkAll compares every snapshot of the history, as known at every commit and before the
// first, when nothing is known.
func (h *harness) checkAll(l *ledger.Ledger) *mismatch {
	if mm := h.checkKnownAt(l, knownAt{at: recordedBase, label: "the start"}); mm != nil {
		return mm
	}
	for k := range h.m.commits {
		ka := h.knownAtCommit(k, 0)
		if mm := firstMismatch(h.checkKnownAt(l, ka), h.checkDiffs(l, ka)); mm != nil {
			return mm
		}
	}
	return nil
}

func firstMismatch(ms ...*mismatch) *mismatch {
	for _, m := range ms {
		if m != nil {
			return m
		}
	}
	return nil
}

// checkKnownAt compares every id and the chart on every day, as known at ka.
func (h *harness) checkKnownAt(l *ledger.Ledger, ka knownAt) *mismatch {
	for _, day := range queryDays {
		q := ledger.Query{At: day, KnownAt: ka.at}
		s := newSnapshot(h.m.orgAt(day, ka.seq))
		where := fmt.Sprintf("on %s as known at %s", day, ka.label)
		for _, id := range allIDs {
			if mm := compareShow(l, s, id, q); mm != nil {
				mm.detail = fmt.Sprintf("%s %s: %s", id, where, mm.detail)
				return mm
			}
		}
		if mm := compareChart(l, s, q); mm != nil {
			mm.detail = where + ": " + mm.detail
			return mm
		}
	}
	return nil
}

func compareShow(l *ledger.Ledger, s *snapshot, id string, q ledger.Query) *mismatch {
	want := s.view(id)
	info, err := l.Show(id, q)
	switch {
	case want == nil && orgledger.ErrorCode(err) == orgledger.ENOTFOUND:
		return nil
	case want == nil:
		return mismatchf("show unknown", "unknown in the model; the ledger shows %s (error %v)", jsonOf(info), err)
	case err != nil:
		return mismatchf("show", "the model shows %+v; the ledger: %v", want, err)
	}
	if got := engineView(info); !reflect.DeepEqual(got, want) {
		return mismatchf("show "+kindOf(want), "\nledger: %+v\nmodel:  %+v", got, want)
	}
	return nil
}

func kindOf(v any) string {
	return strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%T", v), "*ledger_test."), "View")
}

func compareChart(l *ledger.Ledger, s *snapshot, q ledger.Query) *mismatch {
	nodes, err := l.Chart(q, ledger.ChartOptions{Depth: -1})
	if err != nil {
		return mismatchf("chart", "the ledger's chart fails: %v", err)
	}
	got, why := engineChart(nodes)
	if why != "" {
		return mismatchf("chart", "%s", why)
	}
	if want := s.chart(); !reflect.DeepEqual(got, want) {
		return mismatchf("chart", "the chart (position: reports-to | holders | dotted):\nledger: %v\nmodel:  %v", got, want)
	}
	return nil
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// propertySeeds is how many random histories to run: ORGLEDGER_PROPERTY_SEEDS, or a few
// hundred (a few dozen with -short).
func propertySeeds() int {
	if n, err := strconv.Atoi(os.Getenv("ORGLEDGER_PROPERTY_SEEDS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 40
	}
	return 300
}

// runRandomHistory generates and applies a random history, failing t at the first mismatch.
func runRandomHistory(t *testing.T, seed uint64) *harness {
	t.Helper()
	h := newHarness()
	g := newGenerator(seed, h.m)
	for range historyLen {
		if mm := h.step(g.changeset(maxChanges)); mm != nil {
			report(t, seed, h, mm)
		}
	}
	return h
}

func TestPropertyLedgerMatchesModel(t *testing.T) {
	var changesets, accepted, events atomic.Int64
	t.Run("seeds", func(t *testing.T) {
		for seed := range uint64(propertySeeds()) {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				t.Parallel()
				h := runRandomHistory(t, seed)
				if mm := h.checkAll(h.l); mm != nil {
					report(t, seed, h, mm)
				}
				changesets.Add(int64(len(h.tried)))
				accepted.Add(int64(len(h.m.commits)))
				events.Add(h.m.head())
			})
		}
	})
	t.Logf("%d seeds: %d changesets, %d accepted, %d events",
		propertySeeds(), changesets.Load(), accepted.Load(), events.Load())
}

// TestPropertyReopen checks that a ledger opened again on the same store, which replays the
// stored events, answers exactly as the live ledger that validated and committed them.
func TestPropertyReopen(t *testing.T) {
	for seed := range uint64(20) {
		h := runRandomHistory(t, 1000+seed)
		again, err := ledger.Open(h.ctx, h.store, h.clock)
		if err != nil {
			t.Fatalf("seed %d: reopen: %v", 1000+seed, err)
		}
		if diff := compareLedgers(h, h.l, again); diff != "" {
			t.Fatalf("seed %d: the reopened ledger differs from the live one: %s\n\nhistory:\n%s",
				1000+seed, diff, describe(h))
		}
		if mm := h.checkAll(again); mm != nil {
			t.Fatalf("seed %d: the reopened ledger differs from the model: %s: %s", 1000+seed, mm.kind, mm.detail)
		}
	}
}

// compareLedgers compares the JSON of every answer of two ledgers over the whole history.
func compareLedgers(h *harness, a, b *ledger.Ledger) string {
	for k, c := range h.m.commits {
		for _, day := range queryDays {
			q := ledger.Query{At: day, KnownAt: c.recorded}
			for _, id := range allIDs {
				if x, y := showJSON(a, id, q), showJSON(b, id, q); x != y {
					return fmt.Sprintf("%s on %s as known at commit %d:\nlive:     %s\nreopened: %s", id, day, k+1, x, y)
				}
			}
			x, errA := a.Chart(q, ledger.ChartOptions{Depth: -1})
			y, errB := b.Chart(q, ledger.ChartOptions{Depth: -1})
			if jsonOf(x) != jsonOf(y) || (errA == nil) != (errB == nil) {
				return fmt.Sprintf("chart on %s as known at commit %d:\nlive:     %s\nreopened: %s", day, k+1, jsonOf(x), jsonOf(y))
			}
			dx, _ := a.Diff(day.AddDays(-1), day, c.recorded, 0)
			dy, _ := b.Diff(day.AddDays(-1), day, c.recorded, 0)
			if jsonOf(dx) != jsonOf(dy) {
				return fmt.Sprintf("diff to %s as known at commit %d:\nlive:     %s\nreopened: %s", day, k+1, jsonOf(dx), jsonOf(dy))
			}
		}
	}
	return ""
}

func showJSON(l *ledger.Ledger, id string, q ledger.Query) string {
	info, err := l.Show(id, q)
	if err != nil {
		return "error " + orgledger.ErrorCode(err) + ": " + err.Error()
	}
	return jsonOf(info)
}

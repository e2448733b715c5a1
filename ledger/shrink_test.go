package ledger_test

// Shrinking a failing random history to a short one that fails the same way, so that the
// report shows the few changesets that matter.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

// retractTargets maps each retraction of a history to the change it takes back, so that the
// retraction can follow its target when shrinking renumbers the events.
type retractTargets map[orgledger.Op]orgledger.Op

func targetsOf(h *harness) retractTargets {
	out := retractTargets{}
	for _, cs := range h.tried {
		for _, c := range cs.Changes {
			if r, ok := c.Op.(*orgledger.Retract); ok && r.Event >= 1 && r.Event <= h.m.head() {
				out[r] = h.m.events[r.Event-1].op
			}
		}
	}
	return out
}

// runCase replays fixed changesets through a fresh harness and returns the first mismatch.
// A retraction whose target is gone from the history names an event that does not exist.
func runCase(changesets []*orgledger.Changeset, targets retractTargets) (*harness, *mismatch) {
	h := newHarness()
	seqOf := map[orgledger.Op]int64{} // an original change -> its seq in this run
	for _, cs := range changesets {
		c := *cs
		c.Changes = slices.Clone(cs.Changes)
		for i, ch := range c.Changes {
			if t, ok := targets[ch.Op]; ok {
				seq := seqOf[t]
				if seq == 0 {
					seq = h.m.head() + 1000
				}
				c.Changes[i].Op = &orgledger.Retract{Event: seq, Reason: ch.Op.(*orgledger.Retract).Reason}
			}
		}
		head := h.m.head()
		if mm := h.step(&c); mm != nil {
			return h, mm
		}
		for _, e := range h.m.events[head:] {
			i := slices.IndexFunc(c.Changes, func(ch orgledger.Change) bool { return ch.Op == e.op })
			seqOf[cs.Changes[i].Op] = e.seq
		}
	}
	return h, nil
}

// shrink removes changesets, then single changes, while the same kind of mismatch remains.
func shrink(changesets []*orgledger.Changeset, targets retractTargets, kind string) []*orgledger.Changeset {
	fails := func(c []*orgledger.Changeset) bool {
		_, mm := runCase(c, targets)
		return mm != nil && mm.kind == kind
	}
	for progress := true; progress; {
		progress = false
		for i := 0; i < len(changesets); i++ {
			if c := slices.Delete(slices.Clone(changesets), i, i+1); fails(c) {
				changesets, progress = c, true
				i--
			}
		}
		for i := range changesets {
			for j := 0; j < len(changesets[i].Changes) && len(changesets[i].Changes) > 1; j++ {
				c := slices.Clone(changesets)
				cs := *c[i]
				cs.Changes = slices.Delete(slices.Clone(cs.Changes), j, j+1)
				c[i] = &cs
				if fails(c) {
					changesets, progress = c, true
					j--
				}
			}
		}
	}
	return changesets
}

// describe prints a history as it was applied: the changesets, with their changes in file
// order and each accepted event's seq.
func describe(h *harness) string {
	var b strings.Builder
	seqOf := map[orgledger.Op]int64{}
	for _, e := range h.m.events {
		seqOf[e.op] = e.seq
	}
	for i, cs := range h.tried {
		fmt.Fprintf(&b, "changeset %d, effective %s (%s):\n", i+1, cs.Effective, h.verdicts[i])
		for _, c := range cs.Changes {
			at, seq := "", ""
			if c.Effective != 0 {
				at = " @" + c.Effective.String()
			}
			if n := seqOf[c.Op]; n != 0 {
				seq = fmt.Sprintf("#%d ", n)
			}
			fmt.Fprintf(&b, "  - %s%s: %s%s\n", seq, c.Op.Verb(), jsonOf(c.Op), at)
		}
	}
	return b.String()
}

// report shrinks the failing history and fails the test with it.
func report(t *testing.T, seed uint64, h *harness, mm *mismatch) {
	t.Helper()
	targets := targetsOf(h)
	small, smm := runCase(shrink(h.tried, targets, mm.kind), targets)
	if smm == nil { // shrinking keeps the failure; should it not, show the whole history
		small, smm = h, mm
	}
	t.Fatalf("seed %d: %s: %s\n\nshrunk history:\n%s\n(the full history had %d changesets)",
		seed, smm.kind, smm.detail, describe(small), len(h.tried))
}

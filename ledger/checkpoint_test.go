package ledger_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// cpStore is a memory store that keeps one checkpoint, as the SQLite store does.
type cpStore struct {
	*memory.Store
	seq  int64
	data []byte
}

// Append stores a deep copy of the events: the property harness sorts the effects of the
// commits it is handed in place (compareCommit), which must not reorder what was stored.
func (s *cpStore) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	cc := *c
	cc.Events = slices.Clone(c.Events)
	for i := range cc.Events {
		e := &cc.Events[i].Effects
		e.Replaced, e.Vacated, e.Positions = slices.Clone(e.Replaced), slices.Clone(e.Vacated), slices.Clone(e.Positions)
		e.Units = slices.Clone(e.Units)
	}
	return s.Store.Append(ctx, head, &cc)
}

func (s *cpStore) SaveCheckpoint(_ context.Context, seq int64, data []byte) error {
	s.seq, s.data = seq, slices.Clone(data)
	return nil
}

func (s *cpStore) LoadCheckpoint(context.Context) (int64, []byte, error) { return s.seq, s.data, nil }

// TestCheckpointEqualsReplay runs random histories (the property test's), checkpoints the
// ledger after every changeset, and opens the finished ledger again from each checkpoint:
// with the events after it replayed, it must be byte for byte the index that replaying every
// event builds, and answer every question as the live ledger does.
func TestCheckpointEqualsReplay(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(12) {
		h, saved := historyWithCheckpoints(t, 2000+seed)
		full, err := ledger.Open(ctx, h.store, h.clock)
		if err != nil {
			t.Fatal(err)
		}
		want := ledger.IndexBytes(full)
		if !bytes.Equal(want, ledger.IndexBytes(h.l)) {
			t.Fatalf("seed %d: the live index differs from the replayed one", 2000+seed)
		}
		for i, cp := range saved {
			l, err := ledger.Open(ctx, &cpStore{Store: h.store, seq: cp.seq, data: cp.data}, h.clock)
			if err != nil {
				t.Fatalf("seed %d, checkpoint %d: %v", 2000+seed, i, err)
			}
			if st := l.OpenStats(); st.Checkpoint != cp.seq || st.Replayed != full.OpenStats().Replayed-cp.seq {
				t.Fatalf("seed %d, checkpoint %d at event %d was not used: %+v", 2000+seed, i, cp.seq, st)
			}
			if !bytes.Equal(want, ledger.IndexBytes(l)) {
				t.Fatalf("seed %d: opened from the checkpoint at event %d, the index differs from the replayed one", 2000+seed, cp.seq)
			}
			if i == len(saved)/2 {
				if diff := compareLedgers(h, full, l); diff != "" {
					t.Fatalf("seed %d, checkpoint at event %d: %s", 2000+seed, cp.seq, diff)
				}
			}
		}
	}
}

type savedCheckpoint struct {
	seq  int64
	data []byte
}

// historyWithCheckpoints runs a random history, checkpointing after every changeset.
func historyWithCheckpoints(t *testing.T, seed uint64) (*harness, []savedCheckpoint) {
	t.Helper()
	h := newHarness()
	store := &cpStore{Store: h.store}
	l, err := ledger.Open(h.ctx, store, h.clock)
	if err != nil {
		t.Fatal(err)
	}
	h.l = l
	g := newGenerator(seed, h.m)
	var saved []savedCheckpoint
	for range historyLen {
		if mm := h.step(g.changeset(maxChanges)); mm != nil {
			report(t, seed, h, mm)
		}
		if err := h.l.Checkpoint(h.ctx); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, savedCheckpoint{store.seq, store.data})
	}
	return h, saved
}

// TestCheckpointNotTrusted checks that a checkpoint that is damaged, or of another ledger, is
// ignored: the ledger replays its events and says why.
func TestCheckpointNotTrusted(t *testing.T) {
	ctx := context.Background()
	h, saved := historyWithCheckpoints(t, 3000)
	_, other := historyWithCheckpoints(t, 3001)
	last := saved[len(saved)-1]
	damaged := slices.Clone(last.data)
	damaged[len(damaged)/2] ^= 0x40
	for name, cp := range map[string]savedCheckpoint{
		"damaged":          {last.seq, damaged},
		"cut short":        {last.seq, last.data[:len(last.data)/2]},
		"of another":       other[len(other)-1],
		"later than store": {last.seq + 1, last.data},
	} {
		l, err := ledger.Open(ctx, &cpStore{Store: h.store, seq: cp.seq, data: cp.data}, h.clock)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st := l.OpenStats(); st.Checkpoint != 0 || st.Ignored == "" {
			t.Errorf("%s: the checkpoint was used: %+v", name, st)
		}
		if !bytes.Equal(ledger.IndexBytes(l), ledger.IndexBytes(h.l)) {
			t.Errorf("%s: the replayed index differs from the live one", name)
		}
	}
}

var _ orgledger.Checkpointer = (*cpStore)(nil)

// TestLiveIndexEqualsReplayedWithAttrs checks that a change with several attributes leaves the
// live index, which takes in the overlay that validated it, byte for byte the index that
// replaying the change builds: the attributes' strings are numbered in the same order both
// times.
func TestLiveIndexEqualsReplayedWithAttrs(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	l, err := ledger.Open(ctx, store, &fixedClock{t: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]string{"cost-center": "cc-7", "grade": "L5", "badge": "b-19", "shift": "night", "desk": "4F-12"}
	for i, id := range []string{"ann", "bob", "cat"} {
		cs := changeset("2025-01-0"+string(rune('1'+i)), &orgledger.Hire{ID: id, Name: id, Attrs: attrs},
			&orgledger.UpdatePerson{Person: id, Attrs: map[string]string{"grade": "L6", "floor": "4", "team": "core"}})
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	again, err := ledger.Open(ctx, store, &fixedClock{t: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ledger.IndexBytes(l), ledger.IndexBytes(again)) {
		t.Fatal("the live index differs from the one replaying the same events builds")
	}
}

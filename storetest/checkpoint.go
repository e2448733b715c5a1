package storetest

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/orgledger/orgledger"
)

func testCheckpoint(t *testing.T, s orgledger.Checkpointer) {
	if seq, data, err := s.LoadCheckpoint(ctx); err != nil || seq != 0 || data != nil {
		t.Fatalf("no checkpoint: %d %d bytes %v", seq, len(data), err)
	}
	big := bytes.Repeat([]byte{0, 1, 2, 255}, 1<<18)
	for _, cp := range []struct {
		seq  int64
		data []byte
	}{{5, []byte("first")}, {9, big}} {
		if err := s.SaveCheckpoint(ctx, cp.seq, cp.data); err != nil {
			t.Fatal(err)
		}
	}
	seq, data, err := s.LoadCheckpoint(ctx)
	if err != nil || seq != 9 || !bytes.Equal(data, big) {
		t.Fatalf("checkpoint %d, %d bytes, %v", seq, len(data), err)
	}
}

// testCheckpointWhileSaving: a checkpoint loaded while another process saves one is one of
// them, whole, with its own seq: never a seq with another's data, or none.
func testCheckpointWhileSaving(t *testing.T, s orgledger.Checkpointer) {
	if err := s.SaveCheckpoint(ctx, 1, []byte("after 1")); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		for seq := int64(2); !stop.Load(); seq++ {
			if err := s.SaveCheckpoint(ctx, seq, fmt.Appendf(nil, "after %d", seq)); err != nil {
				t.Error(err)
				return
			}
		}
	})
	defer wg.Wait()
	defer stop.Store(true)
	for i := range 300 {
		seq, data, err := s.LoadCheckpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprint("after ", seq); string(data) != want {
			t.Fatalf("load %d: checkpoint %d came with %q", i, seq, data)
		}
	}
}

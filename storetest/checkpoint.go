package storetest

import (
	"bytes"
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

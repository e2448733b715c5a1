package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/orgledger/orgledger/postgres"
)

// TestConcurrentCheckpoints has eight goroutines save checkpoints at once, two at each of four
// seqs, in several rounds: none fails, and one checkpoint stays, the latest.
func TestConcurrentCheckpoints(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := postgres.NewStore(db)
	appendHires(t, s, 100, 100)
	for round := range 5 {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := range 8 {
			seq := int64(round*10 + 1 + i/2)
			wg.Go(func() { errs <- s.SaveCheckpoint(ctx, seq, fmt.Appendf(nil, "after %d", seq)) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		var n, seqs, latest int64
		err := db.Pool().QueryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT seq), MAX(seq) FROM checkpoints`).Scan(&n, &seqs, &latest)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(round*10 + 4); n != 1 || seqs != 1 || latest != want {
			t.Fatalf("round %d left %d parts of %d checkpoints, the last after %d; want one, after %d", round, n, seqs, latest, want)
		}
		if seq, data, err := s.LoadCheckpoint(ctx); err != nil || string(data) != fmt.Sprint("after ", seq) {
			t.Fatalf("round %d: checkpoint %d reads %q, %v", round, seq, data, err)
		}
	}
}

// TestCheckpointNotNewer saves a checkpoint after one the ledger has not reached (so not of
// this ledger), then one at the head twice: each replaces the one before, so that a checkpoint
// the ledger cannot use does not stay.
func TestCheckpointNotNewer(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewStore(mustOpen(t))
	appendHires(t, s, 10, 10)
	for i, save := range []struct {
		seq  int64
		data string
	}{{50, "foreign"}, {10, "old format"}, {10, "new format"}, {5, "older"}} {
		if err := s.SaveCheckpoint(ctx, save.seq, []byte(save.data)); err != nil {
			t.Fatal(err)
		}
		want := save.data
		if i == 3 {
			want = "new format" // a newer checkpoint of this ledger stays
		}
		if _, data, err := s.LoadCheckpoint(ctx); err != nil || string(data) != want {
			t.Fatalf("after saving %q at %d the checkpoint is %q, %v; want %q", save.data, save.seq, data, err, want)
		}
	}
}

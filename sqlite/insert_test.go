package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestAppendRefusesSeqGap: the rows take their seqs from SQLite, one after the last, so a
// commit whose events do not follow the head without a gap is refused, and nothing is written.
func TestAppendRefusesSeqGap(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.OpenStore(ctx, filepath.Join(t.TempDir(), "gap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c := &orgledger.Commit{ID: 1, Recorded: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Actor: "hr", First: 1}
	for i, seq := range []int64{1, 2, 4} {
		c.Events = append(c.Events, orgledger.Event{Seq: seq, Commit: 1, Effective: orgledger.Date(19000 + i),
			Op: &orgledger.Hire{ID: "E" + string(rune('a'+i)), Name: "N"}})
	}
	err = store.Append(ctx, 0, c)
	if err == nil || !strings.Contains(err.Error(), "event 3 of the commit has seq 4, not 3") {
		t.Fatalf("append with a gap: %v", err)
	}
	if head, _, err := store.Head(ctx); err != nil || head != 0 {
		t.Fatalf("head after the refusal: %d, %v", head, err)
	}
}

package ledger

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/memory"
)

type clockAt time.Time

func (c clockAt) Now() time.Time { return time.Time(c) }

// TestAlreadyAppliedBeforeTheRefusal: a changeset refused at a head is not told as applied
// before by a commit recorded after that head (another request's, between the refusal and the
// look, which runs without the write lock): its refusal keeps its own reasons. (Found by a
// review.)
func TestAlreadyAppliedBeforeTheRefusal(t *testing.T) {
	ctx := context.Background()
	l, err := Open(ctx, memory.New(), clockAt(time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	day, _ := orgledger.ParseDate("2022-05-01")
	hire := func() *orgledger.Changeset {
		return &orgledger.Changeset{Effective: day, Changes: []orgledger.Change{{Op: &orgledger.Hire{ID: "ann", Name: "Ann"}}}}
	}
	if _, err := l.Apply(ctx, hire(), ApplyOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	refused := orgledger.Errorf(orgledger.EINVALID, "the refusal's own reasons")
	if err := l.alreadyApplied(ctx, hire(), refused, 0); err != refused {
		t.Errorf("refused at head 0, told of commit 1: %v", err)
	}
	if err := l.alreadyApplied(ctx, hire(), refused, 1); !strings.Contains(err.Error(), "in the ledger already, as commit 1") {
		t.Errorf("refused at head 1: %v", err)
	}
}

package memory_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/storetest"
)

// TestStoreSuite runs the backends' common suite in memory.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(testing.TB) storetest.Backend {
		return storetest.Backend{Store: memory.New(), Plans: memory.NewPlans()}
	})
}

// TestCopyPlans: a copy holds the plans as stored, each at its revision, so that a write of
// one read from the store before is taken; and a write to the copy leaves the store as it was.
func TestCopyPlans(t *testing.T) {
	ctx := context.Background()
	src := memory.NewPlans()
	p := &orgledger.Plan{Name: "p", Owner: "ann", Status: orgledger.PlanApplied, Changes: []orgledger.Change{{Op: &orgledger.Hire{ID: "a", Name: "A"}}}, Waiting: []int{0}}
	if err := src.CreatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := src.UpdatePlan(ctx, p); err != nil { // at revision 1
		t.Fatal(err)
	}
	cp, err := memory.CopyPlans(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	q, err := cp.PlansNamed(ctx, "p")
	if err != nil || len(q) != 1 || q[0].Revision != 1 || q[0].Owner != "ann" || len(q[0].Changes) != 1 {
		t.Fatalf("the copy holds %+v, %v", q, err)
	}
	q[0].Waiting = nil
	if err := cp.UpdatePlan(ctx, q[0]); err != nil {
		t.Fatal(err)
	}
	if stored, _ := src.PlansNamed(ctx, "p"); stored[0].Revision != 1 || len(stored[0].Waiting) != 1 {
		t.Errorf("a write to the copy reached the store: %+v", stored[0])
	}
}

// appendedWhileRead is a store another writer appends a commit to just after its commits are
// read, before its events are.
type appendedWhileRead struct {
	*memory.Store
	next *orgledger.Commit
}

func (s appendedWhileRead) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	if err := s.Store.Commits(ctx, after, fn); err != nil {
		return err
	}
	head, _, _ := s.Store.Head(ctx)
	return s.Store.Append(ctx, head, s.next)
}

// TestCopyIsOfOneMoment: a commit appended between Copy's reading of the commits and of the
// events is left out whole, headers and events alike.
func TestCopyIsOfOneMoment(t *testing.T) {
	ctx := context.Background()
	src := memory.New()
	commit := func(id int64, first int64, ids ...string) *orgledger.Commit {
		c := &orgledger.Commit{ID: id, Actor: "test", First: first}
		for i, p := range ids {
			c.Events = append(c.Events, orgledger.Event{Seq: first + int64(i), Effective: orgledger.DateOf(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)),
				Op: &orgledger.Hire{ID: p, Name: p}})
		}
		return c
	}
	if err := src.Append(ctx, 0, commit(1, 1, "a", "b")); err != nil {
		t.Fatal(err)
	}
	cp, err := memory.Copy(ctx, appendedWhileRead{src, commit(2, 3, "c")})
	if err != nil {
		t.Fatal(err)
	}
	if head, _, _ := src.Head(ctx); head != 3 {
		t.Fatalf("the source's head is %d, want 3: the second commit was not appended", head)
	}
	var commits, events int
	cp.Commits(ctx, 0, func(*orgledger.Commit) error { commits++; return nil })
	cp.Events(ctx, 0, func(*orgledger.Event) error { events++; return nil })
	if commits != 1 || events != 2 {
		t.Errorf("the copy holds %d commits and %d events, want the first commit and its 2 events", commits, events)
	}
}

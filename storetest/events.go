package storetest

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
)

var (
	day      = orgledger.DateOf(time.Date(2022, 4, 12, 0, 0, 0, 0, time.UTC))
	recorded = time.Date(2022, 4, 13, 9, 0, 0, 123456000, time.UTC)
)

// sample is a commit holding one event of every verb, with the fields stores must keep.
func sample(id, first int64) *orgledger.Commit {
	name := "Ren Geng"
	c := &orgledger.Commit{ID: id, Recorded: recorded.Add(time.Duration(id) * time.Second), Actor: "admin",
		Source: "Pandaily, 2022-04-13", Note: "reshuffle", Plan: "", File: "02.yaml", First: first}
	for i, v := range orgledger.Verbs {
		e := orgledger.Event{Seq: first + int64(i), Commit: id, Effective: day, Recorded: c.Recorded, Actor: c.Actor,
			Source: c.Source, Note: c.Note, Op: orgledger.NewOp(v)}
		fill(e.Op, i, &name)
		if v == orgledger.VerbAssign {
			e.Effects = orgledger.Effects{Replaced: []string{"x", "y"}}
			e.Source = "another source" // stored apart from the commit's
		}
		if v == orgledger.VerbLeave {
			e.Effects = orgledger.Effects{Vacated: []string{"p"}}
			e.Note = "他离开了" // not ASCII
		}
		c.Events = append(c.Events, e)
	}
	return c
}

// fill sets every string field of an op to a value of its own, and more.
func fill(op orgledger.Op, i int, name *string) {
	v := reflect.ValueOf(op).Elem()
	for f := 0; f < v.NumField(); f++ {
		switch fv := v.Field(f); fv.Kind() {
		case reflect.String:
			fv.SetString(fmt.Sprintf("f%d-%d", i, f))
		case reflect.Bool:
			fv.SetBool(true)
		case reflect.Int64:
			fv.SetInt(int64(i + 1))
		case reflect.Slice:
			fv.Set(reflect.ValueOf([]string{"a", "b"}))
		case reflect.Map:
			fv.Set(reflect.ValueOf(map[string]string{"level": "L5"}))
		case reflect.Pointer:
			fv.Set(reflect.ValueOf(name))
		}
	}
}

func append1(tb testing.TB, s orgledger.Store, head int64, c *orgledger.Commit) {
	tb.Helper()
	if err := s.Append(ctx, head, c); err != nil {
		tb.Fatalf("append commit %d: %v", c.ID, err)
	}
}

func readAll(tb testing.TB, s orgledger.Store, after int64) []orgledger.Event {
	tb.Helper()
	var out []orgledger.Event
	if err := s.Events(ctx, after, func(e *orgledger.Event) error {
		out = append(out, *e)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return out
}

func testAppendAndRead(t *testing.T, s orgledger.Store) {
	if seq, rec, err := s.Head(ctx); err != nil || seq != 0 || !rec.IsZero() {
		t.Fatalf("empty head: %d %v %v", seq, rec, err)
	}
	c := sample(1, 1)
	append1(t, s, 0, c)
	got := readAll(t, s, 0)
	if !reflect.DeepEqual(got, c.Events) {
		for i := range got {
			if !reflect.DeepEqual(got[i], c.Events[i]) {
				t.Fatalf("event %d reads back as\n%+v\nwant\n%+v", i+1, got[i], c.Events[i])
			}
		}
		t.Fatalf("read %d events, appended %d", len(got), len(c.Events))
	}
	if seq, rec, _ := s.Head(ctx); seq != int64(len(c.Events)) || !rec.Equal(c.Recorded) {
		t.Errorf("head %d at %v", seq, rec)
	}
	if tail := readAll(t, s, 5); len(tail) != len(c.Events)-5 || tail[0].Seq != 6 {
		t.Errorf("events after 5: %d from %d", len(tail), tail[0].Seq)
	}
}

// testLargeCommit appends a commit of more events than a store writes at once, with a few of
// them carrying effects, a source or a note of their own (in a batch of their own, the first
// or the last), after a commit that leaves the head away from zero: every event reads back as
// it went in.
func testLargeCommit(t *testing.T, s orgledger.Store) {
	first := sample(1, 1)
	append1(t, s, 0, first)
	head := int64(len(first.Events))
	c := &orgledger.Commit{ID: 2, Recorded: recorded.Add(time.Hour), Actor: "hr", Source: "export", Note: "",
		File: "big.csv", Import: day, First: head + 1}
	for i := range 1000 {
		e := orgledger.Event{Seq: head + 1 + int64(i), Commit: c.ID, Effective: day.AddDays(i % 3), Recorded: c.Recorded,
			Actor: c.Actor, Source: c.Source, Note: c.Note, Import: c.Import,
			Op: &orgledger.Hire{ID: fmt.Sprintf("E%04d", i), Name: fmt.Sprintf("Person %d", i)}}
		switch i {
		case 0:
			e.Note = "the first"
		case 300:
			e.Effects = orgledger.Effects{Vacated: []string{"p"}}
		case 640:
			e.Source = "a letter"
		case 999:
			e.Note = "the last"
		}
		c.Events = append(c.Events, e)
	}
	append1(t, s, head, c)
	got := readAll(t, s, head)
	if len(got) != len(c.Events) {
		t.Fatalf("read %d events, appended %d", len(got), len(c.Events))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], c.Events[i]) {
			t.Fatalf("event %d reads back as\n%+v\nwant\n%+v", got[i].Seq, got[i], c.Events[i])
		}
	}
}

func testAppendConflict(t *testing.T, s orgledger.Store) {
	append1(t, s, 0, sample(1, 1))
	n := int64(len(orgledger.Verbs))
	if err := s.Append(ctx, n-1, sample(2, n)); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("append on a stale head: %v", err)
	}
	if got := readAll(t, s, 0); int64(len(got)) != n {
		t.Fatalf("the refused append wrote: %d events", len(got))
	}
	append1(t, s, n, sample(2, n+1))
}

// testAppendGap: events numbered with a gap after the head are refused, and nothing is written.
func testAppendGap(t *testing.T, s orgledger.Store) {
	append1(t, s, 0, sample(1, 1))
	n := int64(len(orgledger.Verbs))
	if err := s.Append(ctx, n, sample(2, n+7)); err == nil {
		t.Fatalf("events numbered from %d after head %d were appended", n+7, n)
	}
	if got := readAll(t, s, 0); int64(len(got)) != n {
		t.Fatalf("the refused append wrote: %d events", len(got))
	}
	append1(t, s, n, sample(2, n+1))
}

func testEmptyCommit(t *testing.T, s orgledger.Store) {
	append1(t, s, 0, sample(1, 1))
	n := int64(len(orgledger.Verbs))
	empty := &orgledger.Commit{ID: 2, Recorded: recorded.Add(time.Hour), Actor: "hr", Import: day, File: "jan.csv", First: n + 1}
	append1(t, s, n, empty)
	if err := s.Append(ctx, n, sample(2, n+1)); orgledger.ErrorCode(err) != orgledger.ECONFLICT {
		t.Fatalf("a commit numbered as the empty one it follows: %v", err)
	}
	append1(t, s, n, sample(3, n+1))
	var got []orgledger.Commit
	if err := s.Commits(ctx, 0, func(c *orgledger.Commit) error { got = append(got, *c); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1].Import != day || got[1].First != n+1 || got[2].First != n+1 || got[1].File != "jan.csv" {
		t.Fatalf("commits = %+v", got)
	}
	var after []int64
	s.Commits(ctx, 1, func(c *orgledger.Commit) error { after = append(after, c.ID); return nil })
	if len(after) != 2 || after[0] != 2 {
		t.Errorf("commits after 1: %v", after)
	}
}

func testEventsBySeq(t *testing.T, s orgledger.Store) {
	var head int64
	for id := int64(1); id <= 60; id++ {
		c := sample(id, head+1)
		append1(t, s, head, c)
		head += int64(len(c.Events))
	}
	var seqs []int64
	for q := head + 5; q > 0; q -= 2 {
		seqs = append(seqs, q) // descending, past the head, more than any one query reads
	}
	got, err := s.EventsBySeq(ctx, seqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != int(head+1)/2 || got[0].Seq > got[len(got)-1].Seq {
		t.Fatalf("%d events, in order %v…%v", len(got), got[0].Seq, got[len(got)-1].Seq)
	}
}

// testConcurrentAppends appends from several goroutines at once, each retrying on conflict:
// every commit lands once, with no gap and no seq twice.
func testConcurrentAppends(t *testing.T, s orgledger.Store) {
	const writers, each = 4, 5
	var wg sync.WaitGroup
	var mu sync.Mutex // stands for the ledger's lock on ids: commits are numbered in order
	for w := range writers {
		wg.Go(func() {
			for range each {
				for {
					mu.Lock()
					head, _, err := s.Head(ctx)
					var commits int64
					s.Commits(ctx, 0, func(*orgledger.Commit) error { commits++; return nil })
					mu.Unlock()
					if err != nil {
						t.Error(err)
						return
					}
					c := sample(commits+1, head+1)
					c.Actor = fmt.Sprintf("writer-%d", w)
					err = s.Append(ctx, head, c)
					if orgledger.ErrorCode(err) == orgledger.ECONFLICT {
						continue
					} else if err != nil {
						t.Error(err)
					}
					break
				}
			}
		})
	}
	wg.Wait()
	events := readAll(t, s, 0)
	if len(events) != writers*each*len(orgledger.Verbs) {
		t.Fatalf("%d events", len(events))
	}
	for i, e := range events {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d has seq %d", i+1, e.Seq)
		}
	}
}

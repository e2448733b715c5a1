package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// TestConcurrentWriters has 16 clients post changesets at once, each with a token of its own.
// Pairs of them clash: two hire the same id, or two fill the same vacant position without
// share. Exactly one of each pair is accepted; every accepted changeset is in the log exactly
// once, under its writer's name; every refused one left no trace.
func TestConcurrentWriters(t *testing.T) {
	ts := MustOpenServer(t)
	ts.MustApply("seats.yaml", `effective: 2022-05-01
changes:
  - create-position: {id: seat-0, title: Seat, unit: global-sales, reports-to: global-sales-president}
  - create-position: {id: seat-1, title: Seat, unit: global-sales, reports-to: global-sales-president}
  - create-position: {id: seat-2, title: Seat, unit: global-sales, reports-to: global-sales-president}
`)
	bodies := make([]string, 16)
	for i := range bodies {
		ts.MustCreateToken(fmt.Sprintf("writer-%d", i), orgledger.RoleAdmin)
		bodies[i] = concurrentChangeset(i)
	}
	head, _ := ts.Ledger.Head()
	statuses := make([]int, len(bodies))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, body := range bodies {
		wg.Go(func() {
			req := ts.Request("POST", "/api/v1/changesets", fmt.Sprintf("writer-%d", i), body, "Content-Type", "application/yaml")
			<-start
			statuses[i] = do(t, ts, req).Status
		})
	}
	close(start)
	wg.Wait()

	for pair := 0; pair < 12; pair += 2 {
		if n := count(statuses[pair:pair+2], 201); n != 1 || count(statuses[pair:pair+2], 422) != 1 {
			t.Errorf("clients %d and %d clash; answers %v, want one 201 and one 422", pair, pair+1, statuses[pair:pair+2])
		}
	}
	if n := count(statuses[12:], 201); n != 4 {
		t.Errorf("clients 12 to 15 do not clash; answers %v", statuses[12:])
	}
	checkLog(t, ts, statuses, head)
}

// concurrentChangeset is client i's changeset: two changes, noted with the client's number.
func concurrentChangeset(i int) string {
	head := fmt.Sprintf("effective: 2022-05-10\nnote: client-%d\nchanges:\n", i)
	switch {
	case i < 6: // clients 0 and 1 hire dup-0, 2 and 3 dup-1…
		return head + fmt.Sprintf("  - hire: {id: dup-%d, name: Dup}\n  - hire: {id: solo-%d, name: Solo}\n", i/2, i)
	case i < 12: // clients 6 and 7 fill the vacant seat-0, 8 and 9 seat-1…
		return head + fmt.Sprintf("  - hire: {id: cand-%d, name: Candidate}\n  - assign: {person: cand-%d, position: seat-%d}\n", i, i, (i-6)/2)
	}
	return head + fmt.Sprintf("  - hire: {id: solo-%d, name: Solo}\n  - update-person: {person: solo-%d, location: Hangzhou}\n", i, i)
}

func count(xs []int, v int) int {
	n := 0
	for _, x := range xs {
		if x == v {
			n++
		}
	}
	return n
}

// checkLog checks the ledger after the writers: numbered without gap or repeat, each
// accepted changeset's two events there once under its writer, the refused ones absent, and
// the same when the ledger is read again from the database.
func checkLog(t *testing.T, ts *TestServer, statuses []int, before int64) {
	t.Helper()
	var lg struct {
		Events []struct {
			Event, Commit int64
			Actor, Note   string
		}
	}
	if err := json.Unmarshal(ts.Do("GET", fmt.Sprintf("/api/v1/log?after=%d&limit=10000", before), "admin", "").Body, &lg); err != nil {
		t.Fatal(err)
	}
	type event = struct {
		Event, Commit int64
		Actor, Note   string
	}
	byNote := map[string][]event{}
	for i, e := range lg.Events {
		if e.Event != before+int64(i)+1 {
			t.Fatalf("event %d follows event %d", e.Event, before+int64(i))
		}
		byNote[e.Note] = append(byNote[e.Note], e)
	}
	accepted := 0
	for i, st := range statuses {
		evs := byNote[fmt.Sprintf("client-%d", i)]
		switch {
		case st == 201 && (len(evs) != 2 || evs[0].Actor != fmt.Sprintf("writer-%d", i) || evs[0].Commit != evs[1].Commit):
			t.Errorf("client %d was accepted; its events: %+v", i, evs)
		case st != 201 && len(evs) != 0:
			t.Errorf("client %d was refused (%d) but left events: %+v", i, st, evs)
		}
		accepted += count([]int{st}, 201)
	}
	if len(lg.Events) != 2*accepted {
		t.Errorf("%d events for %d accepted changesets", len(lg.Events), accepted)
	}
	again, err := ledger.Open(context.Background(), sqlite.NewStore(ts.DB), ts.Clock)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := again.Head()
	if served, _ := ts.Ledger.Head(); stored != served || stored != before+int64(len(lg.Events)) {
		t.Errorf("the database's head is %d, the server's %d", stored, served)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestNewDatabaseMadeByAnother checks a first write on a path where another process creates
// the ledger after this one found none: the write is checked again against what the other
// recorded, and refused or recorded after it, never over it.
func TestNewDatabaseMadeByAnother(t *testing.T) {
	ctx := context.Background()
	clock := fixedClock{time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)}
	hire := func(id string) *orgledger.Changeset {
		day, _ := orgledger.ParseDate("2022-02-01")
		return &orgledger.Changeset{File: id + ".yaml", Effective: day,
			Changes: []orgledger.Change{{Op: &orgledger.Hire{ID: id, Name: strings.ToUpper(id)}}}}
	}
	p := newProgram(t)
	n := &newDB{path: p.db}
	l, err := ledger.Open(ctx, newDBStore{n}, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer newDBStore{n}.Close()
	if _, err := os.Stat(p.db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("opening made the database: %v", err)
	}
	if code, _, errOut := p.run("effective: 2022-01-01\nchanges:\n  - hire: {id: ann, name: Ann}\n", "apply", "-"); code != 0 {
		t.Fatalf("the other process: exit %d\n%s", code, errOut)
	}
	if _, err := l.Apply(ctx, hire("ann"), ledger.ApplyOptions{Actor: "test"}); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Errorf("hiring ann again, whom the other process hired: %v, want it refused", err)
	}
	if _, err := l.Apply(ctx, hire("bob"), ledger.ApplyOptions{Actor: "test"}); err != nil {
		t.Fatalf("hiring bob: %v", err)
	}
	if out := p.ok("log"); !strings.Contains(out, "ann") || !strings.Contains(out, "bob") {
		t.Errorf("the log after both:\n%s", out)
	}
}

// TestOpenInterruptedSaysSo: a database whose opening an interrupt stopped is told as stopped,
// not as a file that is no orgledger database. (Found by QA: Ctrl-C during a large apply said
// "cannot open big.db as an orgledger database: ... context canceled".)
func TestOpenInterruptedSaysSo(t *testing.T) {
	path := t.TempDir() + "/org.db"
	stopped, stop := context.WithCancel(context.Background())
	stop()
	for err, want := range map[error]string{
		cannotOpen(stopped, path, fmt.Errorf("open: %w", context.Canceled)): "stopped while opening " + path + ": open: context canceled",
		cannotOpen(stopped, path, errors.New("interrupted (9)")):            "stopped while opening " + path + ": interrupted (9) (context canceled)", // SQLite's own word for it
	} {
		if err.Error() != want || !errors.Is(err, context.Canceled) || orgledger.ErrorCode(err) == orgledger.EINVALID {
			t.Errorf("an interrupted open: %q (code %s), want %q", err, orgledger.ErrorCode(err), want)
		}
	}
}

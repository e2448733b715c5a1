package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// crashBatch is the number of changes in each changeset the child process applies.
const crashBatch = 3000

// TestKilledMidWrite kills a process with SIGKILL while it applies large changesets, again and
// again, and checks after each kill that the reopened ledger holds whole changesets only.
func TestKilledMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 6 {
		killChild(t, path, time.Duration(rng.IntN(400))*time.Millisecond)
		commits := checkWhole(t, path)
		t.Logf("round %d: %d whole changesets after the kill", round, commits)
	}
}

// killChild starts a child that applies changesets to path, lets it write at least one, waits
// a while longer, and kills it.
func killChild(t *testing.T, path string, after time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), "ORGLEDGER_CRASH_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "applied") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child did not apply a changeset: %q %v", lines.Text(), lines.Err())
	}
	go func() {
		for lines.Scan() {
		}
	}()
	time.Sleep(after)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// checkWhole reopens the ledger and checks that every commit has all its events and that the
// ledger replays.
func checkWhole(t *testing.T, path string) int {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rows, err := store.DB().SQL().QueryContext(ctx, `SELECT c.id, COUNT(e.seq) FROM commits c LEFT JOIN events e ON e.commit_id = c.id GROUP BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	commits := 0
	for rows.Next() {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		if n != crashBatch {
			t.Fatalf("commit %d has %d events, want %d: a changeset was half written", id, n, crashBatch)
		}
		commits++
	}
	l, err := ledger.Open(ctx, store, nil)
	if err != nil {
		t.Fatalf("the ledger does not replay after the kill: %v", err)
	}
	if head, _ := l.Head(); head != int64(commits*crashBatch) {
		t.Fatalf("head %d after %d commits of %d", head, commits, crashBatch)
	}
	return commits
}

// TestCrashChild is the child process of TestKilledMidWrite: it applies changesets until it is
// killed. It does nothing when run on its own.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("ORGLEDGER_CRASH_DB")
	if path == "" {
		t.Skip("run by TestKilledMidWrite")
	}
	ctx := context.Background()
	store, err := sqlite.OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Open(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	for {
		head, _ := l.Head()
		cs := &orgledger.Changeset{Effective: orgledger.DateOf(time.Now())}
		for i := range crashBatch {
			cs.Changes = append(cs.Changes, orgledger.Change{Op: &orgledger.Hire{ID: fmt.Sprintf("p%d-%d", head, i), Name: "Person"}})
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "crash"}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("applied", head)
	}
}

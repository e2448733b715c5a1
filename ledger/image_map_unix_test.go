//go:build unix

package ledger_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgledger/orgledger/ledger"
)

// TestImageNotARegularFile: a FIFO where the image goes is refused at once, not waited on for
// a writer that never comes. (Found by a crash-safety review: chart hung, deaf to SIGTERM.)
func TestImageNotARegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.db.image")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ledger.OpenImage(path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a FIFO as the image: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening a FIFO as the image waits for a writer")
	}
}

// TestImageWriteRemovesAbandonedTemporaries: a write of the image removes the temporary files
// that writes killed long ago left beside it, each as large as the image, and leaves one a
// write under way now may be writing. (Found by a crash-safety review: they stayed for good.)
func TestImageWriteRemovesAbandonedTemporaries(t *testing.T) {
	h := runRandomHistory(t, 3)
	path := writeImage(t, h.l)
	old, recent := path+".111.tmp", path+".222.tmp"
	for _, tmp := range []string{old, recent} {
		if err := os.WriteFile(tmp, []byte("half an image"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	if err := h.l.WriteImage(context.Background(), path, "test-ledger"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the abandoned temporary file is still there: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("the recent temporary file was removed: %v", err)
	}
}

package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// imagePath is where the image of a SQLite ledger is kept: next to it, named after it.
func imagePath(db string) string { return db + ".image" }

// hasImage reports whether the database is a file that keeps an image beside it: a SQLite
// file, not a server's URL or an in-memory database.
func hasImage(db string) bool {
	return sqlite.IsPath(db) && !strings.HasPrefix(db, ":memory:") && !strings.HasPrefix(db, "file:")
}

// saveCheckpoint saves the ledger's checkpoint and, for a SQLite file, writes its image, so
// that the next process opens the ledger fast and a one-shot chart need not open it at all.
// The image may be read by whoever may read the database.
func saveCheckpoint(ctx context.Context, l *ledger.Ledger, db string) error {
	if err := l.Checkpoint(ctx); err != nil {
		return err
	}
	return writeImage(ctx, l, db)
}

// writeImage writes the image of a SQLite ledger beside it, with the database's identity, as
// readable as the database is; it does nothing for other ledgers.
func writeImage(ctx context.Context, l *ledger.Ledger, db string) error {
	store, ok := l.Store().(*sqlite.Store)
	if !ok || !hasImage(db) {
		return nil
	}
	id, err := store.Identity(ctx)
	if err != nil {
		return err
	}
	if err := l.WriteImage(ctx, imagePath(db), id); err != nil {
		return err
	}
	if st, err := os.Stat(db); err == nil {
		return os.Chmod(imagePath(db), st.Mode().Perm())
	}
	return nil
}

// imageNoWider takes from the image beside the SQLite database at db the permissions the
// database lacks: the image holds what the ledger holds, and one written while the database
// was readable by others stayed so once the database was made private (found by QA), until
// the next checkpoint wrote it again. A write calls it; it does nothing for other ledgers.
func imageNoWider(db string) {
	if !hasImage(db) {
		return
	}
	st, err := os.Stat(db)
	if err != nil {
		return
	}
	img, err := os.Lstat(imagePath(db))
	if err != nil || !img.Mode().IsRegular() {
		return
	}
	if wider := img.Mode().Perm() &^ st.Mode().Perm(); wider != 0 {
		os.Chmod(imagePath(db), img.Mode().Perm()&^wider)
	}
}

// checkpointError says why a checkpoint or image could not be saved: what the database said
// to its user (a full disk, naming the database), or else the error itself, which names the
// file it could not write. A checkpoint is a cache of the ledger: its failure is a warning.
func checkpointError(err error) string {
	if orgledger.ErrorCode(err) != orgledger.EINTERNAL {
		return orgledger.ErrorMessage(err)
	}
	return err.Error()
}

// checkpointIfBehind saves a checkpoint (and the image) when slowOpen events or more have been
// recorded since the ledger's checkpoint: after a large import or plan, say, so that the next
// process does not replay them all, and one-shot charts are fast again. A failure is only a
// warning: what was recorded is recorded.
func (m *Main) checkpointIfBehind(ctx context.Context, l *ledger.Ledger, db string) {
	imageNoWider(db)
	head, _ := l.Head()
	if head-l.OpenStats().Checkpoint < cmp.Or(m.checkpointEvery, slowOpen) {
		return
	}
	if err := saveCheckpoint(ctx, l, db); err != nil {
		fmt.Fprintf(m.Stderr, "orgledger: warning: cannot save a checkpoint: %s\n", printable(checkpointError(err)))
	}
}

// chartFromImage answers a chart from the ledger's image when there is one built at the
// ledger's head and the format needs nothing but the chart: the chart, or the error that its
// root is not there on the day. It returns ledger.ErrNotAnswered when the ledger must answer
// instead. The head is read from the database while the image answers, and the answer is
// dropped if the two differ.
func (m *Main) chartFromImage(ctx context.Context, g *globalConfig, c *chartConfig, q ledger.Query) ([]orgledger.ChartNode, error) {
	path := m.dbPath(g)
	if c.needsLedger() || !hasImage(path) {
		return nil, ledger.ErrNotAnswered
	}
	im, err := ledger.OpenImage(imagePath(path))
	if err != nil {
		return nil, ledger.ErrNotAnswered
	}
	defer im.Close()
	heads := make(chan storeHead, 1)
	go func() { heads <- readHead(ctx, path) }()
	nodes, err := im.Chart(q, orgledger.DateOf(m.Clock.Now().Local()), ledger.ChartOptions{Root: c.root, Depth: c.depth})
	if h := <-heads; h.err != nil || !im.Fresh(h.ImageHead) {
		return nil, ledger.ErrNotAnswered
	}
	return nodes, err
}

// storeHead is where a ledger stands (ledger.ImageHead), or why it could not be read.
type storeHead struct {
	ledger.ImageHead
	err error
}

// readHead reads the head of the SQLite ledger at path, which must exist, without writing to
// it: the image is used only if the head is read.
func readHead(ctx context.Context, path string) storeHead {
	if _, err := os.Stat(path); err != nil {
		return storeHead{err: err}
	}
	db, err := sqlite.OpenReadOnly(path)
	if err != nil {
		return storeHead{err: err}
	}
	defer db.Close()
	var h storeHead
	store := sqlite.NewStore(db)
	if h.Ledger, h.err = store.Identity(ctx); h.err != nil { // an older file or a newer one is read by the ledger
		return h
	}
	if h.Seq, h.Recorded, h.err = store.Head(ctx); h.err == nil {
		h.Digest, h.err = ledger.HeadDigest(ctx, store, h.Seq)
	}
	return h
}

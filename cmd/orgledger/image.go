package main

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// imagePath is where the image of a SQLite ledger is kept: next to it, named after it.
func imagePath(db string) string { return db + ".image" }

// saveCheckpoint saves the ledger's checkpoint and, for a SQLite file, writes its image, so
// that the next process opens the ledger fast and a one-shot chart need not open it at all.
func saveCheckpoint(ctx context.Context, l *ledger.Ledger, db string) error {
	if err := l.Checkpoint(ctx); err != nil {
		return err
	}
	if !sqlite.IsPath(db) {
		return nil
	}
	return l.WriteImage(imagePath(db))
}

// chartFromImage answers a chart from the ledger's image when there is one built at the
// ledger's head and the format needs nothing but the chart; false means ask the ledger.
func (m *Main) chartFromImage(ctx context.Context, g *globalConfig, c *chartConfig, q ledger.Query) ([]orgledger.ChartNode, bool) {
	path := m.dbPath(g)
	if c.format.value == "svg" || c.format.value == "csv" || !sqlite.IsPath(path) {
		return nil, false
	}
	im, err := ledger.OpenImage(imagePath(path))
	if err != nil {
		return nil, false
	}
	defer im.Close()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, false
	}
	defer db.Close()
	head, recorded, err := sqlite.NewStore(db).Head(ctx)
	if err != nil || !im.Fresh(head, recorded) {
		return nil, false
	}
	return im.Chart(q, orgledger.DateOf(m.Clock.Now().Local()), ledger.ChartOptions{Root: c.root, Depth: c.depth})
}

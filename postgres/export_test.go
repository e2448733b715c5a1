package postgres

import (
	"context"
	"net"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// SetEventBatch makes Events read n events in one query, so that tests cross batches with few.
func SetEventBatch(s *Store, n int) { s.batch = n }

// OpenCounting is Open, but adds to read every byte any of the database's connections reads
// from the server, so that a test can tell how much a call made the server send.
func OpenCounting(ctx context.Context, dbURL string, read *atomic.Int64) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, err
	}
	dial := cfg.ConnConfig.DialFunc
	cfg.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{Conn: conn, read: read}, nil
	}
	return openConfig(ctx, dbURL, cfg, true)
}

// countingConn counts the bytes read from its connection.
type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// SetAppendWait makes the store's appends wait d for one another.
func SetAppendWait(s *Store, d time.Duration) { s.wait = d }

// AppendLock is the advisory lock appends take.
const AppendLock = appendLock

package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Changes returns a channel that receives a value soon after any process commits to the
// ledger, from a connection of its own that LISTENs for the NOTIFY every Append sends. The channel holds
// at most one value: a follower catches up on everything at once. When the connection fails
// it is opened again after a pause; followers poll as well, so nothing is lost meanwhile. The
// channel is closed when ctx is done.
func (s *Store) Changes(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	go func() {
		defer close(ch)
		for ctx.Err() == nil {
			if err := s.listen(ctx, ch); err != nil && ctx.Err() == nil {
				select {
				case <-ctx.Done():
				case <-time.After(time.Second):
				}
			}
		}
	}()
	return ch
}

// listen holds a connection of its own, LISTENing, until it fails or ctx is done. The
// connection is outside the pool: held for ever, one from the pool would leave a pool of one
// connection (pool_max_conns=1) none for anything else, and serve would hang.
func (s *Store) listen(ctx context.Context, ch chan<- struct{}) error {
	conn, err := pgx.ConnectConfig(ctx, s.db.pool.Config().ConnConfig)
	if err != nil {
		return err
	}
	defer closeConn(ctx, conn)
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return err
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		select {
		case ch <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}

// closeConn closes the connection even when ctx is done, waiting a little at most for a server
// that does not answer.
func closeConn(ctx context.Context, conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	conn.Close(ctx)
}

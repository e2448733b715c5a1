package postgres

import (
	"context"
	"time"
)

// Changes returns a channel that receives a value soon after any process commits to the
// ledger, from a connection that LISTENs for the NOTIFY every Append sends. The channel holds
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

// listen holds one connection, LISTENing, until it fails or ctx is done.
func (s *Store) listen(ctx context.Context, ch chan<- struct{}) error {
	conn, err := s.db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "UNLISTEN "+channel)
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		select {
		case ch <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}

package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// again runs read, and once more when it failed because the connection the pool gave it had
// been lost since its last use: the server restarted or failed over, or an administrator, an
// idle timeout or the network ended it. pgx pings only a connection idle for over a second
// before handing it out, and a server's refresh and token reads use one every second, so
// without this the first request after such a loss would fail. The pool's other connections
// are dropped first (Reset), as they were most likely lost with it; the read runs again on a
// new one. Only reads, and writes that can be done twice with one outcome, run again.
func (d *DB) again(ctx context.Context, read func() error) error {
	err := read()
	if err == nil || ctx.Err() != nil || !lostConnection(err) {
		return err
	}
	d.pool.Reset()
	return read()
}

// againFor is again for a read that returns a value.
func againFor[T any](ctx context.Context, d *DB, read func() (T, error)) (T, error) {
	var v T
	err := d.again(ctx, func() (err error) {
		v, err = read()
		return err
	})
	return v, err
}

// lostConnection reports whether err says a connection the pool held was lost: the server
// ended it (a FATAL error, whatever the language of its messages: an administrator's or a
// shutdown's termination, an idle session's timeout; a connection exception), it failed
// before anything was sent, or the network closed it. A new connection that could not be
// made (a server down, too many clients, a password refused) is not: the pool's others may be
// sound, and asked again at once it would fail alike.
func lostConnection(err error) bool {
	if _, connecting := errors.AsType[*pgconn.ConnectError](err); connecting {
		return false
	}
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		switch pgErr.Code {
		case "57P01", "57P02", "57P05": // admin_shutdown, crash_shutdown, idle_session_timeout
			return true
		}
		return pgErr.SeverityUnlocalized == "FATAL" || strings.HasPrefix(pgErr.Code, "08")
	}
	return pgconn.SafeToRetry(err) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/orgledger/orgledger"
)

// busyTimeoutEnv names the variable that sets how long a write waits for another process's
// write to finish before it gives up (a Go duration: 10s, 500ms); 10 s when it is unset.
const busyTimeoutEnv = "ORGLEDGER_SQLITE_BUSY_TIMEOUT"

// busyTimeout returns how long a connection's write waits for another's (SQLite's
// busy_timeout), from busyTimeoutEnv.
func busyTimeout() (time.Duration, error) {
	v := os.Getenv(busyTimeoutEnv)
	if v == "" {
		return 10 * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 || d > time.Hour {
		return 0, fmt.Errorf("%s=%q: want a duration from 0 to 1h, such as 10s or 500ms", busyTimeoutEnv, v)
	}
	return d, nil
}

// busyPragma is the pragma that sets a connection's busy timeout.
func busyPragma(d time.Duration) string { return fmt.Sprintf("busy_timeout(%d)", d.Milliseconds()) }

// IsReadOnly reports whether err is SQLite's refusal to write a database this user may not
// write: the file, its -wal or -shm, or their directory read-only. SQLite writes the -shm of
// a database in WAL mode to read it too, so opening such a database fails so.
func IsReadOnly(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_READONLY
}

// actionable turns the SQLite errors of a write to the database that its user can act on into
// errors that name the database (its file's name, not the server's directories, which an API
// caller has no business learning) and say what to do; any other error is returned as it is.
// "database is locked", once a write has waited its busy timeout for another process's, is
// EUNAVAILABLE, marked as having written nothing (with _txlock=immediate a write takes the
// lock as it begins, so a busy one wrote nothing). A full disk is EUNAVAILABLE too: the
// operator has space to free, and the write may be tried again. A database this user may not
// write (the file, its -wal or -shm, or their directory read-only) is EUNAVAILABLE too, a
// condition of the server, not of the input, marked as having written nothing: trying again
// changes nothing until its permissions do. (A database moved or deleted while open, the
// other kind of read-only, is left as it is.) The cause is joined, for the log.
func (d *DB) actionable(err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code() {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_READONLY_DIRECTORY, sqlite3.SQLITE_READONLY_CANTLOCK, sqlite3.SQLITE_READONLY_CANTINIT,
		sqlite3.SQLITE_READONLY_RECOVERY, sqlite3.SQLITE_READONLY_ROLLBACK: // a -wal to recover, a journal to roll back, and no right to
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the database %s cannot be written by this user: it, its -wal or -shm file or their directory is read-only; nothing was written", d.name()),
			orgledger.ErrNotWritten, err)
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY:
		waited, _ := busyTimeout() // Open read it without an error
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"another process is writing the database %s and did not finish within %s; nothing was written: try again", d.name(), waited),
			orgledger.ErrNotWritten, err)
	case sqlite3.SQLITE_FULL:
		return orgledger.WithCause(orgledger.Errorf(orgledger.EUNAVAILABLE,
			"the disk of the database %s is full: free space on it, then try again", d.name()), err)
	}
	return err
}

// name is the database's file name, for messages that may reach an API caller.
func (d *DB) name() string { return filepath.Base(d.path) }

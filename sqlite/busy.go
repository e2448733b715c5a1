package sqlite

import (
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/orgledger/orgledger"
)

// busyTimeout is how long a write waits for another connection's write to finish before
// SQLite gives up with SQLITE_BUSY (the busy_timeout pragma, in milliseconds). A variable, so
// that a test can wait less.
var busyTimeout = 10000

// lockedOut turns SQLite's "database is locked", once a write has waited busyTimeout for
// another process's, into an error that says so and what to do (EUNAVAILABLE, with the cause
// joined for the log); any other error is returned as it is.
func lockedOut(err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) || e.Code()&0xff != sqlite3.SQLITE_BUSY {
		return err
	}
	return errors.Join(orgledger.Errorf(orgledger.EUNAVAILABLE,
		"another process is writing the database and did not finish within %s; nothing was written: try again",
		time.Duration(busyTimeout)*time.Millisecond), err)
}

// busyPragma sets busyTimeout on a connection.
func busyPragma() string { return fmt.Sprintf("busy_timeout(%d)", busyTimeout) }

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/sqlite"
)

// database is an open database of either kind, SQLite or PostgreSQL, with its stores.
type database struct {
	path   string
	store  orgledger.Store
	tokens orgledger.TokenStore
	plans  orgledger.PlanStore
	copies copyMarks
	close  func() error

	temporary bool // the demo's, removed when the server stops
}

// openDatabase opens the database a --db value names: a postgres:// URL, or a SQLite file,
// which only a command that writes may create. One a copy into it left unproved is refused
// (whole).
func openDatabase(ctx context.Context, path string, create bool) (*database, error) {
	db, err := openAny(ctx, path, create)
	if err != nil {
		return nil, err
	}
	return whole(ctx, db)
}

// openAny is openDatabase, but for a database a copy left unproved, which it opens too: the
// target of a copy, which the copy refuses unless it is empty (mustBeEmpty).
func openAny(ctx context.Context, path string, create bool) (*database, error) {
	if postgres.IsURL(path) {
		open := postgres.OpenExisting
		if create {
			open = postgres.Open
		}
		db, err := open(ctx, path)
		switch {
		case errors.Is(err, postgres.ErrNoLedger):
			return nil, orgledger.Errorf(orgledger.ENOTFOUND, "no ledger at %s: apply a changeset first, or point --db or ORGLEDGER_DB at one", redactURL(path))
		case err != nil && ctx.Err() != nil:
			return nil, stopped(ctx, redactURL(path), err)
		case err != nil:
			return nil, orgledger.Errorf(orgledger.EINVALID, "cannot open the database: %v", err)
		}
		return &database{path: path, store: postgres.NewStore(db), tokens: postgres.NewTokenStore(db),
			plans: postgres.NewPlanStore(db), copies: db, close: db.Close}, nil
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) && keywordConnString(path) {
		return nil, orgledger.Errorf(orgledger.EINVALID, "--db %s is a PostgreSQL connection string of keywords, which would be taken for the name of a SQLite file: give it as a URL, postgres://USER:PASSWORD@HOST:PORT/DBNAME",
			redactKeywords(path))
	}
	if err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		// SQLite would open /dev/null, say, and leave a -journal beside it for good.
		return nil, orgledger.Errorf(orgledger.EINVALID, "cannot open %s: it is %s, not a database file", path, fileKind(st.Mode()))
	}
	if !create {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, orgledger.Errorf(orgledger.ENOTFOUND, "no ledger at %s: apply a changeset first, or point --db or ORGLEDGER_DB at one", path)
		case err == nil && st.Mode().IsRegular() && st.Size() == 0:
			// A copy or a restore that failed leaves an empty file: it is not an empty org to
			// serve or read. A command that writes begins a ledger in it, as where there is no
			// file (made empty first, say, to give it its mode).
			return nil, orgledger.Errorf(orgledger.ENOTFOUND, "%s is an empty file, not a ledger: apply a changeset to begin one in it, or point --db or ORGLEDGER_DB at the ledger", path)
		}
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, cannotOpen(ctx, path, err)
	}
	return &database{path: path, store: sqlite.NewStore(db), tokens: sqlite.NewTokenStore(db),
		plans: sqlite.NewPlanStore(db), copies: db, close: db.Close}, nil
}

// copyMarks marks a database a copy writes into (orgledger copy) until the copy is proved:
// sqlite.DB and postgres.DB.
type copyMarks interface {
	BeginCopy(ctx context.Context, began time.Time) error
	EndCopy(ctx context.Context) error
	CopyStopped(ctx context.Context) (time.Time, error)
}

// whole returns db unless a copy into it stopped before it was proved: it holds part of a
// ledger (the commits copied so far, without the plans), which is refused, closed, rather than
// served or read as the ledger.
func whole(ctx context.Context, db *database) (*database, error) {
	began, err := db.copies.CopyStopped(ctx)
	if err == nil && began.IsZero() {
		return db, nil
	}
	db.close()
	if err != nil {
		return nil, err
	}
	orRemove := " (or remove the file)"
	if postgres.IsURL(db.path) {
		orRemove = ""
	}
	return nil, orgledger.Errorf(orgledger.EINVALID, "%s holds part of a ledger: a copy into it (orgledger copy) began at %s and stopped before it was proved; delete its commits, events, plans and tokens%s and copy again",
		redactURL(db.path), began.Format(time.RFC3339), orRemove)
}

// cannotOpen says why the SQLite file at path does not open, in the words of a user who gave
// --db: that an interrupt stopped it (ctx done), what is wrong with the path where that is the
// reason, else SQLite's own reason.
func cannotOpen(ctx context.Context, path string, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return stopped(ctx, path, err) // an interrupt, not the file
	}
	dir := filepath.Dir(path)
	if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
		return orgledger.Errorf(orgledger.EINVALID, "cannot open %s: there is no directory %s", path, dir)
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return orgledger.Errorf(orgledger.EINVALID, "cannot open %s: it is a directory, not a database file", path)
	}
	if sqlite.IsReadOnly(err) {
		return orgledger.Errorf(orgledger.EINVALID, "cannot open %s: this user may not write it or beside it (it, its directory %s, or its -wal or -shm file is read-only), "+
			"and SQLite writes a database's -shm file even to read it; open it as a user who may, or copy the database and its -wal file to a directory you may write", path, dir)
	}
	return orgledger.Errorf(orgledger.EINVALID, "cannot open %s as an orgledger database: %v", path, err)
}

// stopped says that an interrupt stopped the opening of the database named, with the
// context's error where err, which SQLite may word as its own, does not hold it already.
func stopped(ctx context.Context, name string, err error) error {
	if cause := ctx.Err(); cause != nil && !errors.Is(err, cause) {
		return fmt.Errorf("stopped while opening %s: %w (%w)", name, err, cause)
	}
	return fmt.Errorf("stopped while opening %s: %w", name, err)
}

// fileKind names what a file that is neither a regular file nor a directory is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// redactURL hides the password of a database URL, for messages; a file path is left as is.
func redactURL(path string) string {
	if postgres.IsURL(path) {
		return postgres.Redact(path)
	}
	return path
}

// connKeywords are the keywords of libpq's connection strings that a file name is unlikely to
// hold before an "=".
var connKeywords = []string{"host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "service", "connect_timeout"}

// connPair is a keyword of a libpq connection string and its value, as libpq reads them:
// spaces around the "=", a value in single quotes with \' and \\ inside, or unquoted with a
// space escaped (\ ); the keyword begins
// the string or follows a space (a path's "/user=me.db" is none).
var connPair = regexp.MustCompile(`(^|\s)(\w+)\s*=\s*('(?:[^'\\]|\\.)*'?|(?:[^\s\\]|\\.)*)`)

// keywordConnString reports whether a --db value is a PostgreSQL connection string of
// keywords ("host=db dbname=org"), which SQLite would create a file of that name for.
func keywordConnString(path string) bool {
	for _, m := range connPair.FindAllStringSubmatch(path, -1) {
		if slices.Contains(connKeywords, strings.ToLower(m[2])) {
			return true
		}
	}
	return false
}

// redactKeywords hides the value of a password keyword in a connection string, for a message.
func redactKeywords(path string) string {
	return connPair.ReplaceAllStringFunc(path, func(pair string) string {
		m := connPair.FindStringSubmatch(pair)
		if !strings.EqualFold(m[2], "password") {
			return pair
		}
		return m[1] + m[2] + "=xxxxx"
	})
}

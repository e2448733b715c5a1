package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/schema"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open SQLite database with orgledger's schema.
type DB struct {
	db   *sql.DB
	path string
}

// Open opens (creating if needed) the SQLite file at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	busy, err := busyTimeout()
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{busyPragma(busy), "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	createPrivate(path)
	db, err := openFile(path, q)
	if err != nil {
		return nil, err
	}
	d := &DB{db: db, path: path}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return d, nil
}

// OpenReadOnly opens the existing SQLite file at path for reading only, as it is: its schema
// is neither checked nor migrated, so a query of an older file may fail. It is for a process
// that only looks, such as a one-shot chart asking whether its image is current: a connection
// that may write removes the file's -wal and -shm when it is the last to close, and makes them
// again when the next one opens, which costs such a process half a millisecond; a read-only one
// leaves them for the next writer to remove.
func OpenReadOnly(path string) (*DB, error) {
	busy, err := busyTimeout()
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", busyPragma(busy))
	db, err := openFile(path, q)
	if err != nil {
		return nil, err
	}
	return &DB{db: db, path: path}, nil
}

// createPrivate creates the database file, empty, readable and writable by its owner alone,
// when there is none: a ledger holds future-dated changes, private plans and the hashes of
// tokens, which other users of the machine have no business reading. SQLite gives the
// database's -wal and -shm files its mode, and so does the image beside it. An existing file
// keeps its mode, and a file that cannot be created is left for SQLite to say why.
func createPrivate(path string) {
	if strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return
	}
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
}

// openFile opens the SQLite file at path with the given URI parameters.
func openFile(path string, params url.Values) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	db, err := sql.Open("sqlite", DSN(path, params))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// DSN returns the name the sqlite driver opens the file at path by, with the given URI
// parameters. It escapes what the file: URI would otherwise read in the path: % as the start of
// an escape, ? as the start of the parameters and # of a fragment, so that a file named
// "org#1.db" is that file, not "org".
func DSN(path string, params url.Values) string {
	return "file:" + uriPath.Replace(path) + "?" + params.Encode()
}

var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// SQL returns the database handle, for the stores built on it.
func (d *DB) SQL() *sql.DB { return d.db }

// migrate applies the embedded migrations not yet recorded, each in its own transaction. A
// database already up to date is found so with one read, and written nothing. It refuses,
// writing nothing, a database that holds tables but no record of orgledger's migrations
// (another program's, or a --db that names the wrong file) and one that records a migration
// this release does not have (written by a newer orgledger, whose changes this one would
// write around).
func (d *DB) migrate(ctx context.Context) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	applied, err := d.applied(ctx)
	if err != nil {
		return err
	}
	if err := schema.Known(applied, names); err != nil {
		return err
	}
	if len(applied) == len(names) {
		return nil
	}
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := d.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// migrationNames returns the names of this release's migrations, in the order they apply (the
// names as the migrations table records them).
func migrationNames() ([]string, error) { return fs.Glob(migrations, "migrations/*.sql") }

// applied returns the migrations the database records as applied, none for a new database. A
// database with tables and no migrations table is not a ledger.
func (d *DB) applied(ctx context.Context) ([]string, error) {
	var tables, ledger int
	if err := d.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE name = 'migrations') FROM sqlite_schema WHERE type = 'table'`).Scan(&tables, &ledger); err != nil {
		return nil, err
	}
	switch {
	case ledger == 0 && tables > 0:
		return nil, orgledger.Errorf(orgledger.EINVALID, "it is a SQLite database, but not an orgledger ledger: it has tables and no record of orgledger's migrations")
	case ledger == 0:
		return nil, nil
	}
	rows, err := d.db.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func (d *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// IsPath reports whether a --db value names a SQLite file rather than a server URL.
func IsPath(db string) bool {
	return !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://")
}

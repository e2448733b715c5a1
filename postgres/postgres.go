package postgres

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/orgledger/orgledger/internal/schema"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Advisory lock keys: one for migrations, one for appends, one for checkpoints. Any distinct
// constants do; these spell "orgl", "orga" and "orgc" in ASCII.
const (
	migrateLock    int64 = 0x6f72676c
	appendLock     int64 = 0x6f726761
	checkpointLock int64 = 0x6f726763
)

// channel is the NOTIFY channel every commit is announced on.
const channel = "orgledger_commits"

// DB is an open PostgreSQL database with orgledger's schema.
type DB struct {
	pool *pgxpool.Pool
	url  string
}

// IsURL reports whether a --db value names a PostgreSQL database.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at the URL and brings its schema up to date, making it in a
// database that has none. The pool size is the URL's pool_max_conns parameter (pgx's default:
// the larger of 4 and the CPUs).
func Open(ctx context.Context, dbURL string) (*DB, error) {
	return open(ctx, dbURL, true)
}

// ErrNoLedger is OpenExisting's error for a database orgledger's schema was never made in.
var ErrNoLedger = errors.New("the database holds no ledger")

// OpenExisting is Open for a database that holds a ledger already, for a command that only
// reads it, or a server: a database without orgledger's schema is refused (ErrNoLedger) and
// left as it is, as a mistyped URL should be, not given the schema.
func OpenExisting(ctx context.Context, dbURL string) (*DB, error) {
	return open(ctx, dbURL, false)
}

func open(ctx context.Context, dbURL string, create bool) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", Redact(dbURL), err)
	}
	if !setsConnectTimeout(dbURL) { // the URL's connect_timeout (0: wait for ever), else this
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	return openConfig(ctx, dbURL, cfg, create)
}

// setsConnectTimeout reports whether a database URL sets connect_timeout, 0 (no limit)
// included, which pgx reads as none set (found by a review).
func setsConnectTimeout(dbURL string) bool {
	u, err := url.Parse(dbURL)
	return err == nil && u.Query().Has("connect_timeout")
}

// connectTimeout bounds a new connection's making, where the URL sets no connect_timeout: a
// server that takes the connection and never answers (a proxy to nowhere, a host gone) would
// keep a command, or a request that needs a connection, waiting for ever.
var connectTimeout = 10 * time.Second

// openConfig is Open with the URL parsed into cfg, which tests may change first; create says
// whether a database without a ledger is given one.
func openConfig(ctx context.Context, dbURL string, cfg *pgxpool.Config, create bool) (*DB, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", Redact(dbURL), err)
	}
	d := &DB{pool: pool, url: dbURL}
	if !create {
		if held, err := d.holdsLedger(ctx); err != nil || !held {
			pool.Close()
			return nil, fmt.Errorf("postgres: %s: %w", Redact(dbURL), cmp.Or(err, ErrNoLedger))
		}
	}
	if err := d.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", Redact(dbURL), err)
	}
	return d, nil
}

// Redact returns a database URL fit for messages and logs: its password, whether in the user
// part or in a password or sslpassword parameter (both of which pgx reads), is masked.
func Redact(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "the database URL"
	}
	if u.User == nil {
		// A password with an unescaped '/' ends the host early, and the rest of it reads as the
		// path: whatever comes before the last '@' ahead of the query may be the password.
		ahead, _, _ := strings.Cut(dbURL, "?")
		ahead, _, _ = strings.Cut(ahead, "#")
		if at := strings.LastIndex(ahead, "@"); at >= 0 {
			rest := Redact(u.Scheme + "://" + dbURL[at+1:])
			if !strings.HasPrefix(rest, u.Scheme+"://") {
				return "the database URL"
			}
			return u.Scheme + "://xxxxx@" + strings.TrimPrefix(rest, u.Scheme+"://")
		}
	}
	pairs := strings.Split(u.RawQuery, "&")
	for i, pair := range pairs {
		k, _, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(k); err == nil && (k == "password" || k == "sslpassword") {
			pairs[i] = k + "=xxxxx"
		}
	}
	u.RawQuery = strings.Join(pairs, "&")
	return u.Redacted()
}

// Close closes the pool.
func (d *DB) Close() error {
	d.pool.Close()
	return nil
}

// Pool returns the connection pool, for the stores built on it.
func (d *DB) Pool() *pgxpool.Pool { return d.pool }

// holdsLedger reports whether orgledger's schema was made in the database: its table of
// migrations is there.
func (d *DB) holdsLedger(ctx context.Context) (bool, error) {
	var table *string
	err := d.again(ctx, func() error {
		return d.pool.QueryRow(ctx, `SELECT to_regclass('migrations')::TEXT`).Scan(&table)
	})
	return table != nil, err
}

// migrate applies the embedded migrations the database has not recorded. It first looks
// without writing, so that a read-only role or a read-only replica of an up-to-date database
// opens it; only when a migration is pending does it take the lock and run DDL.
func (d *DB) migrate(ctx context.Context) error {
	pending, err := d.pendingMigrations(ctx)
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		return nil
	}
	if err := d.applyMigrations(ctx); err != nil {
		return fmt.Errorf("cannot apply the pending migrations %s: %w", strings.Join(pending, ", "), err)
	}
	return nil
}

// pendingMigrations returns the names of the embedded migrations the database has not
// recorded, in order, reading only. A database a newer release migrated is refused.
func (d *DB) pendingMigrations(ctx context.Context) ([]string, error) {
	names, err := migrationNames()
	if err != nil {
		return nil, err
	}
	conn, err := d.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	var table *string
	if err := conn.QueryRow(ctx, `SELECT to_regclass('migrations')::TEXT`).Scan(&table); err != nil {
		return nil, fmt.Errorf("look for the migrations table: %w", err)
	}
	if table == nil {
		return names, nil
	}
	rows, err := conn.Query(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	applied, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	if err := schema.Known(applied, names); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(names, func(name string) bool { return slices.Contains(applied, name) }), nil
}

// migrationNames returns the names of the embedded migrations, in the order they apply.
func migrationNames() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// applyMigrations applies the embedded migrations not yet recorded, each in its own
// transaction, holding an advisory lock so that servers starting at once apply each once.
func (d *DB) applyMigrations(ctx context.Context) error {
	conn, err := d.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := migrationNames()
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := migrateFile(ctx, conn.Conn(), name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func migrateFile(ctx context.Context, conn *pgx.Conn, name string) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM migrations WHERE name = $1`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO migrations (name) VALUES ($1)`, name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

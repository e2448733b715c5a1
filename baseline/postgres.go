package baseline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger"
)

// Postgres is the table in a PostgreSQL schema of its own.
type Postgres struct {
	conn   *pgx.Conn
	schema string // quoted
}

// DefaultPostgres is where OpenPostgres looks when ORGLEDGER_TEST_POSTGRES is not set: a
// server on this machine, as the development machines have.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresURL returns the server to use: $ORGLEDGER_TEST_POSTGRES, else DefaultPostgres.
func PostgresURL() string {
	if u := os.Getenv("ORGLEDGER_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultPostgres
}

// SchemaFor is the schema where orgledger bench keeps the table of the ledger at path: one of
// its own for each ledger file, so that runs of bench on two ledgers at once do not load their
// tables over each other's, and a ledger measured again finds its table loaded.
func SchemaFor(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return "orgledger_baseline_" + hex.EncodeToString(sum[:6])
}

// OpenPostgres connects to the server at url and works in schema, creating it if needed. It
// gives up after two seconds: the baseline is measured where a server is at hand and skipped
// where none is.
func OpenPostgres(ctx context.Context, url, schema string) (*Postgres, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	cfg.ConnectTimeout = 2 * time.Second
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	id := pgx.Identifier{schema}.Sanitize()
	for _, q := range []string{`CREATE SCHEMA IF NOT EXISTS ` + id, `SET search_path TO ` + id,
		`CREATE TABLE IF NOT EXISTS source (ledger TEXT NOT NULL, head BIGINT NOT NULL)`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			conn.Close(ctx)
			return nil, fmt.Errorf("baseline: %w", err)
		}
	}
	return &Postgres{conn: conn, schema: id}, nil
}

func (p *Postgres) Name() string { return "postgres" }

// Drop drops the schema and everything in it, and closes the connection.
func (p *Postgres) Drop(ctx context.Context) error {
	_, err := p.conn.Exec(ctx, `DROP SCHEMA `+p.schema+` CASCADE`)
	return errors.Join(err, p.Close())
}

func (p *Postgres) Close() error { return p.conn.Close(context.Background()) }

func (p *Postgres) Loaded(ctx context.Context, source string, head int64) bool {
	var n int
	err := p.conn.QueryRow(ctx, `SELECT COUNT(*) FROM source WHERE ledger = $1 AND head = $2`, versioned(source), head).Scan(&n)
	return err == nil && n == 1
}

// Load copies the rows in (COPY, the fast way), then indexes the table, and vacuums and
// analyzes it as an administrator would after a bulk load.
func (p *Postgres) Load(ctx context.Context, source string, head int64, rows []Row) error {
	tx, err := p.conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer tx.Rollback(ctx)
	for _, q := range []string{`DELETE FROM source`, `DROP TABLE IF EXISTS positions`, createTable("DATE")} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	i := 0
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"positions"},
		[]string{"position", "reports_to", "holder", "title", "unit", "valid_from", "valid_to"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			r := &rows[i]
			i++
			return []any{r.Position, null(r.ReportsTo), null(r.Holder), r.Title, r.Unit, r.From.Time(), r.To.Time()}, nil
		}))
	if err != nil {
		return fmt.Errorf("baseline: copy: %w", err)
	}
	for _, q := range append(indexes, `ANALYZE positions`) {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO source VALUES ($1, $2)`, versioned(source), head); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	// VACUUM (outside a transaction) sets the visibility map, without which an index-only
	// scan still reads the table for every row it finds: a thousand heap reads a subtree.
	if _, err := p.conn.Exec(ctx, `VACUUM ANALYZE positions`); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

func (p *Postgres) Subtree(ctx context.Context, root string, day orgledger.Date) ([]Node, error) {
	return p.query(ctx, subtreeSQL, root, day)
}

func (p *Postgres) Chain(ctx context.Context, person string, day orgledger.Date) ([]Node, error) {
	return p.query(ctx, chainSQL, person, day)
}

// query runs a query; pgx prepares and caches each statement the first time.
func (p *Postgres) query(ctx context.Context, q, arg string, day orgledger.Date) ([]Node, error) {
	rows, err := p.conn.Query(ctx, q, arg, day.Time())
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer rows.Close()
	return rowsOf(rows.Scan, rows.Next, rows.Err)
}

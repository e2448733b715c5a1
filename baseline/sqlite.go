package baseline

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/sqlite"
)

// SQLite is the table in a SQLite file of its own.
type SQLite struct {
	db      *sql.DB
	subtree *sql.Stmt
	chain   *sql.Stmt
}

// OpenSQLite opens (creating if needed) the SQLite file at path.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(OFF)") // a scratch copy: rebuilt whenever in doubt
	db, err := sql.Open("sqlite", sqlite.DSN(path, q))
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	db.SetMaxOpenConns(1)
	s := &SQLite{db: db}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS source (ledger TEXT NOT NULL, head INTEGER NOT NULL)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return s, nil
}

func (s *SQLite) Name() string { return "sqlite" }

func (s *SQLite) Close() error { return s.db.Close() }

func (s *SQLite) Loaded(ctx context.Context, source string, head int64) bool {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM source WHERE ledger = ? AND head = ?`, versioned(source), head).Scan(&n)
	return err == nil && n == 1
}

func (s *SQLite) Load(ctx context.Context, source string, head int64, rows []Row) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM source`, `DROP TABLE IF EXISTS positions`, createTable("TEXT")} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	for _, r := range rows {
		if _, err := ins.ExecContext(ctx, r.Position, null(r.ReportsTo), null(r.Holder), r.Title, r.Unit,
			r.From.String(), r.To.String()); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	ins.Close()
	// No ANALYZE: with statistics, SQLite (3.38 and later) plans a Bloom filter for the
	// recursive step, built by scanning the whole table on every query; without, each step is
	// a search of a covering index. An expert who timed the query would leave it out.
	for _, q := range indexes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO source VALUES (?, ?)`, versioned(source), head); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return tx.Commit()
}

// createTable is the table, with dates of the given SQL type.
func createTable(dateType string) string {
	return `CREATE TABLE positions (
  position   TEXT NOT NULL,
  reports_to TEXT,
  holder     TEXT,
  title      TEXT NOT NULL,
  unit       TEXT NOT NULL,
  valid_from ` + dateType + ` NOT NULL, -- the first day of the version
  valid_to   ` + dateType + ` NOT NULL  -- the day after its last; 9999-12-31 while current
)`
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *SQLite) Subtree(ctx context.Context, root string, day orgledger.Date) ([]Node, error) {
	return s.query(ctx, &s.subtree, subtreeSQL, root, day)
}

func (s *SQLite) Chain(ctx context.Context, person string, day orgledger.Date) ([]Node, error) {
	return s.query(ctx, &s.chain, chainSQL, person, day)
}

// query runs one of the queries, prepared once, as an application would.
func (s *SQLite) query(ctx context.Context, stmt **sql.Stmt, q, arg string, day orgledger.Date) ([]Node, error) {
	if *stmt == nil {
		st, err := s.db.PrepareContext(ctx, strings.NewReplacer("$1", "?1", "$2", "?2").Replace(q))
		if err != nil {
			return nil, fmt.Errorf("baseline: %w", err)
		}
		*stmt = st
	}
	rows, err := (*stmt).QueryContext(ctx, arg, day.String())
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer rows.Close()
	return rowsOf(rows.Scan, rows.Next, rows.Err)
}

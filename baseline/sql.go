package baseline

import (
	"context"
	"fmt"
	"strings"

	"github.com/orgledger/orgledger"
)

// DB is the table in one database.
type DB interface {
	// Name says which database: "sqlite" or "postgres".
	Name() string
	// Loaded reports whether the table holds the rows of the ledger source at event head.
	Loaded(ctx context.Context, source string, head int64) bool
	// Load replaces the table with rows, and indexes it.
	Load(ctx context.Context, source string, head int64, rows []Row) error
	// Subtree returns the position root and every position under it on day, at any depth.
	Subtree(ctx context.Context, root string, day orgledger.Date) ([]Node, error)
	// Chain returns the position a person holds on day (their first) and every position above
	// it, nearest first.
	Chain(ctx context.Context, person string, day orgledger.Date) ([]Node, error)
	Close() error
}

// Node is a position on a day, as the queries return it.
type Node struct {
	Position, ReportsTo, Holder, Title, Unit string
}

// The indexes an expert would make: the recursive step of a subtree query is a range scan of
// positions_by_manager, the step of a chain query and the root of a subtree one of
// positions_by_position, and the first step of a chain one of positions_by_holder; each holds
// every column its query reads, so no step touches the table. Days are ISO dates, which
// compare as they sort.
var indexes = []string{
	`CREATE INDEX positions_by_manager ON positions (reports_to, valid_from, valid_to, position, holder, title, unit)`,
	`CREATE INDEX positions_by_position ON positions (position, valid_from, valid_to, reports_to, holder, title, unit)`,
	`CREATE INDEX positions_by_holder ON positions (holder, valid_from, valid_to, position)`,
}

// The recursive CTEs, with $1 the root position (or the person) and $2 the day. Both dialects
// take them as they are but for the placeholders. Each carries the columns it returns through
// the recursion, so that a position is looked up once, by the step that finds it. CROSS JOIN
// fixes SQLite's join order (the rows found so far outside, the index search inside): left to
// itself, SQLite 3.54 scans the whole table and searches the rows found so far.
const (
	subtreeSQL = `WITH RECURSIVE sub(position, reports_to, holder, title, unit) AS (
  SELECT position, reports_to, holder, title, unit FROM positions
  WHERE position = $1 AND valid_from <= $2 AND valid_to > $2
  UNION ALL
  SELECT p.position, p.reports_to, p.holder, p.title, p.unit FROM sub CROSS JOIN positions p
  WHERE p.reports_to = sub.position AND p.valid_from <= $2 AND p.valid_to > $2
)
SELECT position, COALESCE(reports_to, ''), COALESCE(holder, ''), title, unit FROM sub`

	chainSQL = `WITH RECURSIVE up(position, reports_to, holder, title, unit, depth) AS (
  SELECT position, reports_to, holder, title, unit, 0 FROM positions
  WHERE position = (SELECT MIN(position) FROM positions WHERE holder = $1 AND valid_from <= $2 AND valid_to > $2)
    AND valid_from <= $2 AND valid_to > $2
  UNION ALL
  SELECT p.position, p.reports_to, p.holder, p.title, p.unit, up.depth + 1 FROM up CROSS JOIN positions p
  WHERE p.position = up.reports_to AND p.valid_from <= $2 AND p.valid_to > $2
)
SELECT position, COALESCE(reports_to, ''), COALESCE(holder, ''), title, unit FROM up ORDER BY depth`
)

// tableVersion changes whenever the table or its indexes do, so that a baseline loaded by an
// older version is loaded again.
const tableVersion = "4"

func versioned(source string) string { return source + "@" + tableVersion }

// SubtreeScript is the subtree query with its arguments written in, as a user would type it
// into the sqlite3 shell.
func SubtreeScript(root string, day orgledger.Date) string {
	q := strings.ReplaceAll(subtreeSQL, "$1", quote(root))
	return strings.ReplaceAll(q, "$2", quote(day.String())) + ";\n"
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// rowsOf reads query results into nodes.
func rowsOf(scan func(dest ...any) error, next func() bool, err func() error) ([]Node, error) {
	var out []Node
	for next() {
		var n Node
		if e := scan(&n.Position, &n.ReportsTo, &n.Holder, &n.Title, &n.Unit); e != nil {
			return nil, fmt.Errorf("baseline: %w", e)
		}
		out = append(out, n)
	}
	return out, err()
}

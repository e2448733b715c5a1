// Package baseline is the SQL a user would write instead of orgledger, for the benchmarks to
// measure orgledger against: the org as a temporal adjacency table, one row for each version
// of a position (its solid line, holder, title and unit, valid from one day until another),
// indexed as an expert would, and queried with recursive CTEs for "everyone under a position
// on day D" and "the chain of command above a person on day D".
//
// The table is built from a ledger's events (Rows) and loaded into SQLite (modernc, the same
// engine the ledger's store uses) and, where one is reachable, PostgreSQL (pgx). Both answer
// from indexes alone: each step of the recursion is one range scan of a covering index.
//
// The table holds what a user would keep: ids, not names. A shared position (two holders)
// shows its first holder by id, as an HRIS export does. Rows needs a ledger whose events were
// recorded in effective order and never retracted, as gen writes them: a table like this one
// has no notion of a correction recorded later, which is the point of orgledger.
package baseline

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger/postgres/pgtest"
)

// TestReadsLeaveAnEmptyPostgreSQLAlone: a command that only reads, and serve, refuse a
// PostgreSQL database that holds no ledger, as they refuse a SQLite file that is not there,
// and make no table in it: a mistyped URL is not given the schema. A command that writes
// makes it. (Found by QA: log made the seven tables in an empty database, and serve served it.)
func TestReadsLeaveAnEmptyPostgreSQLAlone(t *testing.T) {
	url := pgtest.URL(t)
	p := &program{tb: t, db: url}
	for _, args := range [][]string{{"log"}, {"chart"}, {"plan", "list"}} { // and serve, which opens it alike
		code, _, errOut := p.run("", args...)
		if code != 1 || !strings.Contains(errOut, "no ledger at postgres://") {
			t.Errorf("%s on an empty database: exit %d\n%s", args[0], code, errOut)
		}
	}
	if n := tables(t, url); n != 0 {
		t.Errorf("the reads made %d tables in the empty database", n)
	}
	p.ok("token", "create", "--name", "a", "--role", "admin")
	p.ok("log")
	if n := tables(t, url); n == 0 {
		t.Error("token create made no table")
	}
}

// tables counts the tables of the database's public schema.
func tables(t *testing.T, url string) int {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

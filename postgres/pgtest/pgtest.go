package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger/postgres"
)

// DefaultURL is the server tried when ORGLEDGER_TEST_POSTGRES is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL creates a new, empty database and returns its URL; the database is dropped when the test
// ends.
func URL(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv("ORGLEDGER_TEST_POSTGRES")
	if admin == "" {
		admin = DefaultURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		if os.Getenv("ORGLEDGER_REQUIRE_POSTGRES") == "1" {
			tb.Fatalf("PostgreSQL is required (ORGLEDGER_REQUIRE_POSTGRES=1) but %s does not answer: %v", postgres.Redact(admin), err)
		}
		tb.Skipf("no PostgreSQL at %s (set ORGLEDGER_TEST_POSTGRES to one): %v", postgres.Redact(admin), err)
	}
	defer conn.Close(context.Background())
	name := "orgledger_test_" + random()
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() { drop(tb, admin, name) })
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return u.String()
}

func drop(tb testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Logf("drop database %s: %v", name, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Logf("drop database %s: %v", name, err)
	}
}

func random() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

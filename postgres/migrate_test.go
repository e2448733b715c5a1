package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger/postgres"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// upToDate returns the URL of a fresh database with every migration applied and one commit.
func upToDate(t *testing.T) string {
	t.Helper()
	dbURL := pgtest.URL(t)
	db, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	appendHires(t, postgres.NewStore(db), 3, 3)
	return dbURL
}

// withParam returns the URL with a parameter set.
func withParam(dbURL, key, value string) string {
	u, _ := url.Parse(dbURL)
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20") // pgx reads a + as itself
	return u.String()
}

// readerRole creates a role that may log in and read every table of the database at dbURL but
// create nothing, and returns the URL of the database as that role. The role is dropped when
// the test ends.
func readerRole(t *testing.T, dbURL string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	role := "orgledger_reader_" + hex.EncodeToString(b)
	admin(t, dbURL, "CREATE ROLE "+role+" LOGIN",
		"REVOKE CREATE ON SCHEMA public FROM PUBLIC",
		"GRANT USAGE ON SCHEMA public TO "+role,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+role)
	t.Cleanup(func() { admin(t, dbURL, "DROP OWNED BY "+role, "DROP ROLE "+role) })
	u, _ := url.Parse(dbURL)
	u.User = url.User(role)
	return u.String()
}

// admin runs the statements on the database at dbURL as the user the URL names.
func admin(t *testing.T, dbURL string, statements ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestOpenReadOnly opens an up-to-date database as a role that may only read it, and in
// read-only transactions as a replica has them: Open writes nothing when nothing is pending.
func TestOpenReadOnly(t *testing.T) {
	dbURL := upToDate(t)
	for name, readOnly := range map[string]string{
		"role":         readerRole(t, dbURL),
		"transactions": withParam(dbURL, "options", "-c default_transaction_read_only=on"),
	} {
		t.Run(name, func(t *testing.T) {
			db, err := postgres.Open(context.Background(), readOnly)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			s := postgres.NewStore(db)
			if head, _, err := s.Head(context.Background()); err != nil || head != 3 {
				t.Fatalf("head %d, %v; want 3", head, err)
			}
			if got := readEvents(t, s, 0); len(got) != 3 {
				t.Fatalf("read %d events, want 3", len(got))
			}
			if err := s.Append(context.Background(), 3, hires(2, 4, 1)); err == nil {
				t.Fatal("appended through a connection that may only read")
			}
		})
	}
}

// TestOpenReadOnlyPending opens a database whose migrations are pending in read-only
// transactions, and checks that the error names the migrations it could not apply.
func TestOpenReadOnlyPending(t *testing.T) {
	readOnly := withParam(pgtest.URL(t), "options", "-c default_transaction_read_only=on")
	db, err := postgres.Open(context.Background(), readOnly)
	if err == nil {
		db.Close()
		t.Fatal("opened a database with pending migrations that it cannot apply")
	}
	for _, want := range []string{"pending migrations", "001_ledger.sql", "004_plan_owner_names.sql", "read-only"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
}

// TestOpenRefusesANewerSchema: a database a newer release migrated (it records a migration
// this release does not have) is refused, and nothing is applied to it.
func TestOpenRefusesANewerSchema(t *testing.T) {
	dbURL := upToDate(t)
	admin(t, dbURL, "INSERT INTO migrations (name) VALUES ('migrations/999_future.sql')")
	db, err := postgres.Open(context.Background(), dbURL)
	if err == nil {
		db.Close()
		t.Fatal("a database of a newer schema opened")
	}
	if !strings.Contains(err.Error(), "newer orgledger") || !strings.Contains(err.Error(), "999_future.sql") {
		t.Errorf("the refusal reads %q", err)
	}
}

package postgres_test

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger/postgres"
)

// TestRedact checks that a password never reaches a message, wherever the URL carries it.
func TestRedact(t *testing.T) {
	for _, u := range []string{
		"postgres://u:SECRET@host/db",
		"postgres://u@host/db?password=SECRET&sslmode=disable",
		"postgresql://host/db?sslpassword=SECRET",
		"postgres://u:SECRET@host/db?password=SECRET",
		"postgres://u:5432/SECRET@host/db",                                      // found by QA: a password of digits, '/' and more read as a port and a path
		"postgres://u:12/SECRET@host/db?sslmode=verify-full&sslpassword=SECRET", // and the query's too (found by a review)
	} {
		got := postgres.Redact(u)
		if strings.Contains(got, "SECRET") || !strings.Contains(got, "host/db") {
			t.Errorf("Redact(%q) = %q", u, got)
		}
	}
	// An '@' in the query is no password's end (found by a review: the password's tail was
	// printed).
	if got := postgres.Redact("postgres://host/db?user=app&password=hunter@SECRET"); strings.Contains(got, "SECRET") || strings.Contains(got, "hunter") {
		t.Errorf("a query password with an '@': %q", got)
	}
	for _, u := range []string{"postgres://host/db?sslmode=disable", "postgres://host/db?options=-c%20search_path%3Dx&sslmode=disable", "postgres://host/db"} {
		if got := postgres.Redact(u); got != u {
			t.Errorf("a URL without a password changed: %q, want %q", got, u)
		}
	}
}

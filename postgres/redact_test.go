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
	} {
		got := postgres.Redact(u)
		if strings.Contains(got, "SECRET") || !strings.Contains(got, "host/db") {
			t.Errorf("Redact(%q) = %q", u, got)
		}
	}
	if got := postgres.Redact("postgres://host/db?sslmode=disable"); got != "postgres://host/db?sslmode=disable" {
		t.Errorf("a URL without a password changed: %q", got)
	}
}

package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestLostConnection tells a connection the server ended, in any language, from one that
// could not be made, and from an error of a query.
func TestLostConnection(t *testing.T) {
	for _, tc := range []struct {
		err  error
		lost bool
	}{
		{&pgconn.PgError{Code: "57P01", Severity: "FATAL", SeverityUnlocalized: "FATAL"}, true},
		{&pgconn.PgError{Code: "57P05", Severity: "FATAL", SeverityUnlocalized: "FATAL"}, true},
		{&pgconn.PgError{Code: "25P03", Severity: "FATAL", SeverityUnlocalized: "FATAL"}, true},
		{fmt.Errorf("read head: %w", &pgconn.PgError{Code: "25P03", Severity: "SCHWERWIEGEND", SeverityUnlocalized: "FATAL"}), true},
		{&pgconn.PgError{Code: "08006", Severity: "ERROR", SeverityUnlocalized: "ERROR"}, true},
		{&pgconn.PgError{Code: "23505", Severity: "ERROR", SeverityUnlocalized: "ERROR"}, false},
		{&pgconn.PgError{Code: "42P01", Severity: "FEHLER", SeverityUnlocalized: "ERROR"}, false},
		{&pgconn.ConnectError{Config: &pgconn.Config{}}, false},
		{errors.New("no rows"), false},
	} {
		if got := lostConnection(tc.err); got != tc.lost {
			t.Errorf("lostConnection(%v) = %v, want %v", tc.err, got, tc.lost)
		}
	}
}

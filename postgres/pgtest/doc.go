// Package pgtest gives tests a fresh PostgreSQL database of their own, created for the test
// and dropped after it. The server is the one ORGLEDGER_TEST_POSTGRES names (a URL of a
// database the tests may create databases from), by default the local one at 127.0.0.1:5432.
// Where no server answers, tests skip with a message, unless ORGLEDGER_REQUIRE_POSTGRES=1,
// as CI sets, makes that a failure.
package pgtest

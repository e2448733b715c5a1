// Package storetest is one suite of tests that every backend of orgledger's stores must pass:
// the ledger Store, the TokenStore and the PlanStore, on SQLite, in memory (which keeps no
// tokens) and on PostgreSQL.
// A backend's own test calls Run with a function that opens a fresh, empty backend.
package storetest

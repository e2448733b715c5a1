// Package memory is an orgledger.Store held in memory: for tests, and for trying changesets
// against a scratch copy of a ledger without touching its database.
package memory

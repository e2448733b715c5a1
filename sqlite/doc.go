// Package sqlite is the orgledger Store on an embedded SQLite file, through modernc.org/sqlite
// (pure Go, no cgo). The file is in WAL mode; each commit is one immediate transaction, so a
// process killed at any moment leaves either all of a changeset or none of it. The schema is a
// sequence of numbered SQL migrations embedded in the binary, each applied in its own
// transaction and recorded in the migrations table.
package sqlite

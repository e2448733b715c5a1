// Package schema holds what the SQLite and PostgreSQL stores share about their schemas'
// migrations: a database that records a migration the running release does not have was
// written by a newer one, and is refused rather than written around.
package schema

// Package postgres is the orgledger Store, TokenStore and PlanStore on PostgreSQL, through
// jackc/pgx/v5, for several servers that share one org. Appends are serialized by a
// transaction-scoped advisory lock and validated by each server against the true head of the
// events table; every commit is announced with NOTIFY, and Changes lets a server follow the
// others. The schema is a sequence of numbered SQL migrations embedded in the binary, applied
// under an advisory lock so that servers starting together do not race.
package postgres

// Package exampletest sets up what the server's tests (http and web) share: the Alibaba Cloud
// example on a SQLite ledger, a changeset effective after the tests' today whose ids and names
// no viewer may ever read, and tokens of each role.
package exampletest

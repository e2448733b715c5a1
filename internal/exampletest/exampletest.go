package exampletest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/examples"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// Today is the servers' today in the tests: noon, 2022-06-01.
var Today = time.Date(2022, 6, 1, 12, 0, 0, 0, time.UTC)

// Future is a changeset effective after Today: every id and name in it contains "zzfuture"
// (or "Zzfuture"), which no viewer may ever read, on any page or in any answer.
var Future = File{"future.yaml", `effective: 2022-09-01
note: a lab that opens in September
changes:
  - create-unit: {id: zzfuture-lab, name: Zzfuture Lab, parent: global-sales}
  - create-position: {id: zzfuture-role, title: Zzfuture Role, unit: zzfuture-lab, reports-to: global-sales-president}
  - hire: {id: zzfuture-hire, name: Zzfuture Hire}
  - assign: {person: zzfuture-hire, position: zzfuture-role}
  - assign: {person: huo-jia, position: zzfuture-role, share: true}
`}

// Clock is a clock that tests set or move forward; it starts at Today.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at Today.
func NewClock() *Clock { return &Clock{t: Today} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set puts the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// File is a changeset file: its name and its text.
type File struct{ Name, Data string }

// Open opens a SQLite ledger in a temporary directory, on clock, holding the example and then
// the files given, in order; the database closes when the test ends.
func Open(tb testing.TB, clock orgledger.Clock, files ...File) (*sqlite.DB, *ledger.Ledger) {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	l, err := ledger.Open(ctx, sqlite.NewStore(db), clock)
	if err != nil {
		tb.Fatal(err)
	}
	example, err := examples.Changesets(examples.AlibabaCloud2022)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range example {
		Apply(tb, l, f.Name, string(f.Data))
	}
	for _, f := range files {
		Apply(tb, l, f.Name, f.Data)
	}
	return db, l
}

// Apply applies a changeset file to the ledger, and fails the test if it is refused.
func Apply(tb testing.TB, l *ledger.Ledger, name, data string) {
	tb.Helper()
	cs, err := changeset.Decode(name, []byte(data))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
}

// Token stores a new token of the role, made Today, and returns its secret.
func Token(tb testing.TB, tokens orgledger.TokenStore, name string, role orgledger.Role) string {
	tb.Helper()
	secret, hash, err := orgledger.NewTokenSecret()
	if err != nil {
		tb.Fatal(err)
	}
	if err := tokens.CreateToken(context.Background(), &orgledger.Token{Name: name, Role: role, Hash: hash, Created: Today}); err != nil {
		tb.Fatal(err)
	}
	return secret
}

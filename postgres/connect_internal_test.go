package postgres

import (
	"context"
	"net"
	"testing"
	"time"
)

// TestConnectGivesUp: a server that takes the connection and never answers (a proxy to
// nowhere) fails the open once the connect timeout has passed, where the URL sets none, instead
// of keeping the command waiting for ever. (Found by QA: a command and a server's requests hung
// with no limit.) No PostgreSQL is needed: the listener is the silent server.
func TestConnectGivesUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open, unanswered, until the test ends
		}
	}()
	defer func(was time.Duration) { connectTimeout = was }(connectTimeout)
	connectTimeout = 200 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	db, err := Open(ctx, "postgres://nobody:secret@"+ln.Addr().String()+"/none?sslmode=disable")
	if err == nil {
		db.Close()
		t.Fatal("opened a database on a server that never answers")
	}
	if took := time.Since(start); took > 5*time.Second || ctx.Err() != nil {
		t.Errorf("gave up after %v (%v), want about the connect timeout", took, ctx.Err())
	}
}

// TestConnectTimeoutOfTheURL: a URL's connect_timeout is kept, 0 (wait for ever) too; the
// default bounds only a URL that sets none.
func TestConnectTimeoutOfTheURL(t *testing.T) {
	for url, want := range map[string]bool{
		"postgres://u@h/db":                                    false,
		"postgres://u@h/db?connect_timeout=0":                  true,
		"postgres://u@h/db?sslmode=disable&connect_timeout=30": true,
		"postgres://u@h/db?sslmode=disable&application_name=x": false,
	} {
		if got := setsConnectTimeout(url); got != want {
			t.Errorf("setsConnectTimeout(%q) = %v, want %v", url, got, want)
		}
	}
}

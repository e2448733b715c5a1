package http_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// TestShutdownCutsOffAtItsDeadline stops a server while a request is still under way past
// the shutdown timeout: Serve returns, saying the requests were cut off at the deadline, as
// the server's state rather than an internal error.
func TestShutdownCutsOffAtItsDeadline(t *testing.T) {
	started := make(chan struct{})
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(2 * time.Second)
	})
	ts := MustOpenServer(t, func(c *orghttp.Config) { c.UI = ui; c.ShutdownTimeout = 50 * time.Millisecond })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ts.API.Serve(ctx, ln) }()
	go http.Get("http://" + ln.Addr().String() + "/slow")
	<-started
	cancel()
	select {
	case err := <-served:
		if orgledger.ErrorCode(err) == orgledger.EINTERNAL || !strings.Contains(orgledger.ErrorMessage(err), "cut off") {
			t.Errorf("a shutdown past its deadline: %v (%s)", err, orgledger.ErrorMessage(err))
		}
	case <-time.After(time.Second):
		t.Fatal("Serve did not return at the shutdown deadline")
	}
	if !strings.Contains(ts.Log.String(), `"deadline":"50ms"`) {
		t.Errorf("the log:\n%s", ts.Log)
	}
}

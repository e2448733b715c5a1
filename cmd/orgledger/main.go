// Command orgledger is the system of record for an organization's structure over time.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// main runs the command line. The first interrupt or SIGTERM asks the command to stop (a
// server finishes the requests under way, within its shutdown timeout); the second, once the
// signals are the system's again, ends the process at once.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	os.Exit(NewMain().Run(ctx, os.Args[1:]))
}

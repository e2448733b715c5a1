// Command orgledger is the command line of orgledger: apply changesets, draw the chart, show
// a person, position or unit, follow history, compare dates, read the log; import and export
// HRIS files; draft and apply plans; serve the API and web UI; manage tokens; copy a ledger
// between databases, save a checkpoint; generate a synthetic org and measure it (gen, bench).
//
// Main runs the program with injected standard streams, environment and clock, so that tests
// drive it exactly as a user does. Each subcommand lives in a file of its own; flags are parsed
// into a config struct per command, never into globals.
package main

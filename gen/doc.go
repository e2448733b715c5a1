// Package gen makes synthetic org histories: a large employer's org chart and ten years of
// what happens to it, as the changesets an HR team would record. It exists to measure
// orgledger at scale (the benchmarks, the HTTP load test, the web UI's performance test) on
// data that looks like a real org rather than on a uniform tree.
//
// A history is deterministic for its Options: the same seed gives the same changesets, byte
// for byte. It starts with the whole org built on its first day (a company, divisions by
// function, departments, groups and teams; spans with a median of about six and a few wide
// ones; eight to twelve levels at a million people), then walks the working days of the years
// that follow: about 15% of people leave each year and are replaced by hires, people are
// promoted and move between teams, managers who leave are replaced from inside the team or
// from outside, and now and then teams merge, large teams split and teams move to another
// department.
//
// Every person holds a position of their own: person p0000123 holds position pos-p0000123,
// which closes when they leave. Units are u000001 (the company) and on.
//
// The generator keeps its own small model of the org on the day it has reached, and emits
// only changes that are valid there; since it never backdates, the ledger (which checks
// everything) accepts every changeset. Changesets cover a week of changes each, every change
// effective on its own working day, recorded at the end of that week.
package gen

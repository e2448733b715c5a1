// Package ledger is orgledger's bitemporal engine: changesets in, snapshots out.
//
// # What a snapshot is
//
// Every event has an effective day (valid time) and a seq (its place in recorded order; a
// commit's events share one recorded time). The org on day D as known at seq K is what you get
// by replaying, in (effective day, seq) order, every event with seq <= K that no retraction
// with seq <= K has taken back, and effective on or before D. Known at a time T means known
// at the last seq recorded at or before T.
//
// Nothing replays the ledger to answer a question, though. Each attribute of each record (a
// position's title, unit, solid line and holders; a person's active flag and details; a unit's
// name, parent and head) is a timeline of values sorted by (day, seq), each entry marked with
// the event that set it and, once retracted, the event that took it back. The value on D as
// known at K is the last visible entry at or before D: a short scan from the end of a short
// slice. Records keep lists of the records that ever pointed at them (every position that ever
// reported to a position), which queries filter by date to walk down the tree.
//
// # The rules
//
// The ledger is valid when, replaying it as above as known now, every event is valid where it
// falls: what it names exists and is open (a person active) on its day; a solid line or unit
// parent makes no cycle; a filled position is taken only with replace or share; a unit or
// position closes only when nothing hangs from it (open positions or child units; holders or
// positions reporting to it); an id is created once. An id whose creation was retracted may
// be created again, but only as the same kind of record: a question asked as known before the
// retraction must still find what the id was then. A person's positions fall vacant when they
// leave: holders are the people with a holding who are active. Dotted lines and unit heads to
// a closed position simply stop showing.
//
// What an event does beyond its fields is decided when it is recorded and stored with it, as
// its effects: who stepped out of a position taken with replace, what a merge moved, what a
// leaver vacated. Checking an existing event again means checking that its effects still say
// everything (a backdated position in a merged unit would otherwise be left behind).
//
// # Validating a changeset
//
// A changeset's changes are numbered retractions first (in the file's order), then in
// effective order, keeping the file's order within a day; that is also the order in which they are checked and replayed.
// Each change is checked at its own place against an overlay of the index that already holds
// the changes before it, then written into the overlay; a change of a changeset someone wrote
// or a plan's (not an import's, which is worked out from the ledger) that finds the org already
// so there is noted as changing nothing, and a changeset someone wrote of nothing else is
// refused (unchanged.go). A change effective before existing
// events may break them, so every existing event after it that touches a record it touched is
// checked again (a retraction also touches what the state it brings back hangs from: a
// leaver's positions, a closed position's unit and manager position, a moved unit's old
// parent); and when it moves a solid line or unit parent, every existing line or parent
// set after it is checked for a cycle (a cycle that forms at a later date runs through the
// line set on that date). Only when all of that holds is the commit appended to the Store, in
// one transaction, and the index takes in the overlay that validated it under the write lock
// (absorb.go): the index that replaying the commit's events would build.
//
// Two caches of the index live outside it, checked against the Store before use: the
// checkpoint (the index in binary form as it was after some event, which Open decodes and then
// replays only the events after it) and the image (the chart of every day as known at the
// head it was built at, in flat arrays that a process maps from a file and queries without
// building the index; used only while the ledger's head is that one).
package ledger

// Package orgledger is the domain of an organization's structure over time: people, org units,
// positions and the reporting lines between positions, kept as an append-only ledger of
// effective-dated changes.
//
// The package holds only the vocabulary that every other package shares: the change verbs that
// a changeset file, an HTTP request or an HRIS import is turned into ([Change] and its [Op]s),
// the events the ledger records ([Event], [Commit]), the answers it gives ([PersonInfo],
// [PositionInfo], [UnitInfo], [ChartNode], [Diff], [History]), the error codes ([Error]) and
// the storage contract ([Store]). It uses the standard library only.
//
// The house, from the outside in:
//
//	cmd/orgledger  the command line; one file per subcommand
//	changeset      YAML (and JSON) changeset files into []Change, with line numbers
//	ledger         the bitemporal engine: validation against every affected date, snapshots, diff
//	sqlite         the Store on an embedded SQLite file
package orgledger

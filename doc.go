// Package orgledger is the domain of an organization's structure over time: people, org units,
// positions and the reporting lines between positions, kept as an append-only ledger of
// effective-dated changes.
//
// The package holds only the vocabulary that every other package shares: the change verbs that
// a changeset file, an HTTP request or an HRIS import is turned into ([Change] and its [Op]s),
// the events the ledger records ([Event], [Commit]), the answers it gives ([PersonInfo],
// [PositionInfo], [UnitInfo], [ChartNode], [Diff], [History]), the error codes ([Error]),
// tokens and roles ([Token], [Role]), plans ([Plan]) and the storage contracts ([Store],
// [TokenStore], [PlanStore]). It uses the standard library only.
//
// The house, from the outside in (ARCHITECTURE.md has the whole plan):
//
//	cmd/orgledger  the command line; one file per subcommand
//	web, http      the web org chart; the JSON API with tokens, roles and OpenAPI
//	plans, hris    reorganizations drafted in private; HRIS CSV exports in and out
//	chart, layout  the chart as text, DOT, Mermaid and SVG; the tidy-tree layout
//	changeset      YAML (and JSON) changeset files into []Change, with line numbers
//	ledger         the bitemporal engine: validation against every affected date, snapshots, diff
//	sqlite         the stores on an embedded SQLite file
//	postgres       the stores on PostgreSQL, for several servers on one org
//	memory         the stores in memory
package orgledger

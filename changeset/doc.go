// Package changeset reads and writes changeset files: the YAML (or JSON) documents in which
// people, plans and the HTTP API hand the ledger a set of changes to apply together.
//
// It sits at the edge of the house. [Decode] turns the bytes of one file into an
// [orgledger.Changeset] whose every change remembers its line, so that the ledger, which checks
// the changes against the org later, can point back into the file. [Encode] writes a changeset
// in the canonical form that plans and tools save and that Decode reads back unchanged.
//
// Decode is about the file format only: it refuses a file that is not YAML, that has unknown
// or duplicate keys, unknown verbs or fields, or values of the wrong type, and it lists every
// such problem with its line rather than stopping at the first. It does not run [orgledger.Op]
// Check and knows nothing of the org; the ledger does both.
//
// The YAML parser is github.com/goccy/go-yaml, used through its AST so that every value keeps
// its position. Before parsing, Decode bounds the size of the file and the shapes whose
// parsing cost grows faster than the file (deep nesting, very wide block mappings, many
// documents), because the HTTP API feeds it bodies from the network.
package changeset

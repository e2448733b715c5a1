package schema

import (
	"path"
	"slices"

	"github.com/orgledger/orgledger"
)

// Known refuses a database whose applied migrations include one this release does not
// embed: a newer release's schema, which this one's writes would not keep up (a column it
// fills, a table it keeps in step). Names are compared as the stores record them.
func Known(applied, embedded []string) error {
	for _, name := range applied {
		if !slices.Contains(embedded, name) {
			return orgledger.Errorf(orgledger.EINVALID, "it was written by a newer orgledger (its schema has migration %s, which this release does not know): use that release or a later one", path.Base(name))
		}
	}
	return nil
}

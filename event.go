package orgledger

import (
	"fmt"
	"time"
)

// Event is one recorded change. Events are appended and never edited; a correction is a new
// event that retracts an old one.
type Event struct {
	Seq       int64     // position in the ledger, from 1, in recorded order
	Commit    int64     // the commit (one changeset) it was recorded with
	Effective Date      // valid time
	Recorded  time.Time // transaction time, UTC
	Actor     string    // the token or user that wrote it
	Source    string
	Note      string
	Plan      string // the plan it was applied from, if any
	Import    Date   // set by an HRIS import: the date of the export it recorded
	Op        Op
	Effects   Effects // what the change did besides its own fields, fixed when recorded
}

// Effects are the consequences of a change that depend on the org when it was recorded. They
// are stored with the event so that the ledger replays exactly what was decided.
type Effects struct {
	Replaced   []string `json:"replaced,omitempty"`    // assign with replace: the holders who stepped out
	Vacated    []string `json:"vacated,omitempty"`     // leave: the positions the person held
	Positions  []string `json:"positions,omitempty"`   // merge-units: the positions moved into the unit
	Units      []string `json:"units,omitempty"`       // merge-units: the child units moved under it
	RetractsOf string   `json:"retracts_of,omitempty"` // retract: the verb of the retracted event
}

// IsZero reports whether there are no effects.
func (e Effects) IsZero() bool {
	return len(e.Replaced) == 0 && len(e.Vacated) == 0 && len(e.Positions) == 0 &&
		len(e.Units) == 0 &&
		e.RetractsOf == ""
}

// Commit is the record of one changeset: its events share its recorded time, actor and plan,
// and are written in one transaction.
type Commit struct {
	ID       int64
	Recorded time.Time
	Actor    string
	Source   string
	Note     string
	Plan     string
	Import   Date // the date of the HRIS export an import recorded; zero for other commits
	File     string
	// First is the seq of the commit's first event; for an import that changed nothing, and so
	// has no events, the seq the next event will have.
	First  int64
	Events []Event
}

// Follows checks that the commit's events are numbered on from head without a gap, as Store's
// Append requires.
func (c *Commit) Follows(head int64) error {
	for i := range c.Events {
		if want := head + 1 + int64(i); c.Events[i].Seq != want {
			return fmt.Errorf("event %d of the commit has seq %d, not %d", i+1, c.Events[i].Seq, want)
		}
	}
	return nil
}

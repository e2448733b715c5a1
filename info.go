package orgledger

// The answers the ledger gives, in the JSON shapes that scripts read (see PRODUCT.md). The
// command line, the HTTP API and the web UI all print these same values.

// Ref names a person or a unit.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// PositionRef names a position.
type PositionRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Holder is a person holding a position.
type Holder struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Acting bool   `json:"acting"`
}

// ManagerPosition is the position a person's position reports to, filled or not.
type ManagerPosition struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Vacant bool   `json:"vacant"`
}

// HeldPosition is one position a person holds.
type HeldPosition struct {
	ID              string           `json:"id"`
	Title           string           `json:"title"`
	Unit            Ref              `json:"unit"`
	Acting          bool             `json:"acting"`
	ManagerPosition *ManagerPosition `json:"manager_position"`
}

// PersonInfo is a person on a date, as known at a time.
type PersonInfo struct {
	Type      string            `json:"type"` // "person"
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Email     string            `json:"email,omitempty"`
	Location  string            `json:"location,omitempty"`
	Attrs     map[string]string `json:"attrs,omitempty"`
	Active    bool              `json:"active"`
	Hired     Date              `json:"hired"`
	Left      Date              `json:"left,omitempty"`
	Positions []HeldPosition    `json:"positions"`
	Managers  []Ref             `json:"managers"`
	Reports   []Ref             `json:"reports"`
}

// PositionInfo is a position on a date, as known at a time.
type PositionInfo struct {
	Type      string        `json:"type"` // "position"
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Kind      string        `json:"kind,omitempty"`
	Unit      Ref           `json:"unit"`
	ReportsTo *PositionRef  `json:"reports_to"`
	Dotted    []PositionRef `json:"dotted"`
	Holders   []Holder      `json:"holders"`
	Vacant    bool          `json:"vacant"` // open, and held by no one
	Open      bool          `json:"open"`
	Reports   []PositionRef `json:"reports"`
	Heads     []Ref         `json:"heads"`
}

// UnitInfo is an org unit on a date, as known at a time.
type UnitInfo struct {
	Type      string        `json:"type"` // "unit"
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Kind      string        `json:"kind,omitempty"`
	Parent    *Ref          `json:"parent"`
	Head      *PositionRef  `json:"head"`
	Positions []PositionRef `json:"positions"`
	Units     []Ref         `json:"units"`
	Open      bool          `json:"open"`
}

// ChartNode is one position of the chart, in the flat id/parentId shape that chart libraries
// read. ParentID is the position it reports to, nil at a root.
type ChartNode struct {
	ID       string   `json:"id"`
	ParentID *string  `json:"parentId"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind,omitempty"`
	Unit     Ref      `json:"unit"`
	Holders  []Holder `json:"holders"`
	Vacant   bool     `json:"vacant"`
	Dotted   []string `json:"dotted"`
}

// Diff is what changed between two dates, as known at one time.
type Diff struct {
	From    Date         `json:"from"`
	To      Date         `json:"to"`
	Changes []DiffChange `json:"changes"`
}

// DiffChange is one difference. Person-centred kinds name Person; structure kinds name Unit or
// Position. Before and After hold ids, or titles and names for "title" and "unit-renamed".
type DiffChange struct {
	Kind     DiffKind `json:"kind"`
	Person   string   `json:"person,omitempty"`
	Position string   `json:"position,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	Before   []string `json:"before,omitzero"` // both or neither: a kind with sides sets both, [] when empty
	After    []string `json:"after,omitzero"`
}

// DiffKind names a kind of difference.
type DiffKind string

// The kinds of difference, person-centred first.
const (
	DiffJoined          DiffKind = "joined"
	DiffLeft            DiffKind = "left"
	DiffManager         DiffKind = "manager"
	DiffTitle           DiffKind = "title"
	DiffUnit            DiffKind = "unit"
	DiffPosition        DiffKind = "position"
	DiffActing          DiffKind = "acting" // the positions held as an interim holder: Before and After hold their ids
	DiffName            DiffKind = "name"
	DiffEmail           DiffKind = "email"
	DiffLocation        DiffKind = "location"
	DiffAttrs           DiffKind = "attrs" // Before and After hold key=value for each attribute that changed
	DiffUnitCreated     DiffKind = "unit-created"
	DiffUnitClosed      DiffKind = "unit-closed"
	DiffUnitMoved       DiffKind = "unit-moved"
	DiffUnitRenamed     DiffKind = "unit-renamed"
	DiffUnitHead        DiffKind = "unit-head"
	DiffPositionCreated DiffKind = "position-created"
	DiffPositionClosed  DiffKind = "position-closed"
	DiffPositionVacated DiffKind = "position-vacated"
	DiffPositionFilled  DiffKind = "position-filled"
	DiffReportsTo       DiffKind = "reports-to"
	DiffPositionTitle   DiffKind = "position-retitled" // Before and After hold the titles
	DiffPositionMoved   DiffKind = "position-moved"    // to another unit: Before and After hold unit ids
	DiffDotted          DiffKind = "dotted"            // its dotted lines: Before and After hold the positions they go to
)

// HoldsIDs reports whether a change of kind k holds ids in Before and After, rather than
// titles, names, addresses or attributes.
func (k DiffKind) HoldsIDs() bool {
	switch k {
	case DiffTitle, DiffPositionTitle, DiffUnitRenamed, DiffName, DiffEmail, DiffLocation, DiffAttrs:
		return false
	}
	return true
}

// Subject returns the id of what the change is of: its person, unit or position, of which a
// change sets one.
func (c *DiffChange) Subject() string { return c.Person + c.Unit + c.Position }

// IDs returns the ids the change names: its subject, and those of Before and After when they
// hold ids.
func (c *DiffChange) IDs() []string {
	ids := []string{c.Subject()}
	if c.Kind.HoldsIDs() {
		ids = append(append(ids, c.Before...), c.After...)
	}
	return ids
}

// History is every event touching one id, oldest first, and the changes of plans that wait for
// someone's leaving and name it (only for callers who may see those plans).
type History struct {
	ID      string          `json:"id"`
	Events  []HistoryEvent  `json:"events"`
	Waiting []WaitingChange `json:"waiting,omitempty"`
}

// WaitingChange is a change of a plan that waits for someone's leaving to be recorded.
type WaitingChange struct {
	Plan    string `json:"plan"`
	Change  int    `json:"change"` // from 1
	Verb    Verb   `json:"verb"`
	Leaves  string `json:"waits_for_leaving_of"`
	Summary string `json:"summary"`
	Applied bool   `json:"applied"` // the plan is applied: the leaving releases the change; a draft's waits for nothing yet
}

// HistoryEvent is one event as history and log show it.
type HistoryEvent struct {
	Event       int64    `json:"event"`
	Commit      int64    `json:"commit"`
	Verb        Verb     `json:"verb"`
	Effective   Date     `json:"effective"`
	Recorded    string   `json:"recorded"`
	Actor       string   `json:"actor"`
	Source      string   `json:"source"`
	Note        string   `json:"note"`
	Plan        string   `json:"plan"`
	Summary     string   `json:"summary"`
	Change      Op       `json:"change"`
	Effects     *Effects `json:"effects,omitempty"`
	RetractedBy int64    `json:"retracted_by,omitempty"`
}

// Log is the ledger in recorded order.
type Log struct {
	Events []HistoryEvent `json:"events"`
}

// Employee is a person as an HRIS export row shows them on a date. A person who holds several
// positions is shown in the one ShownFirst puts first, with the first of their managers.
type Employee struct {
	ID         string `json:"employee_id"`
	Name       string `json:"name"`
	Title      string `json:"title"`
	ManagerID  string `json:"manager_id"`
	Department string `json:"department"`
	Location   string `json:"location"`
	Email      string `json:"email"`      // "" for none, as every row has every key
	StartDate  string `json:"start_date"` // the same
	Position   string `json:"-"`          // the position shown
	Unit       string `json:"-"`          // its unit's id
}

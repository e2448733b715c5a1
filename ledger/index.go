package ledger

import (
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// index is the ledger in memory: every record with the timelines of its attributes, every
// event in compact form, and the commits. It answers any (date, known-at) question by looking
// up timelines; it is rebuilt from the Store when the ledger opens.
type index struct {
	people    []*person
	units     []*unit
	positions []*position
	ids       idTable  // one namespace for people, units and positions
	strs      []string // interned names, titles and other text
	strIdx    map[string]int32
	evs       []evMeta                 // by seq-1
	merges    map[uint32]*mergeEffects // merge-units events, by seq
	replaced  map[uint32][]int32       // assign events with replace: the holders who stepped out
	commits   []commitMeta             // in recorded order
	maxLine   point                    // the latest point of any reports-to entry
	maxParent point                    // the latest point of any unit parent entry

	// posUnordered is set once a position's id sorts before the id of the position made
	// before it: until then, ordering positions by number orders them by id (frame.go).
	posUnordered bool

	frames sync.Pool // arrays that frames give back (frame.go)
}

// kind tells which namespace a ref points into.
type kind uint8

const (
	kindPerson kind = iota + 1
	kindUnit
	kindPosition
)

func (k kind) String() string {
	switch k {
	case kindPerson:
		return "person"
	case kindUnit:
		return "unit"
	case kindPosition:
		return "position"
	}
	return "record"
}

// ref points at one record.
type ref struct {
	kind kind
	idx  int32
}

// none is the value of an absent reference (a position that reports to no one).
const none int32 = -1

type person struct {
	id                            string
	created                       uint32 // the hire event
	active, name, email, location timeline
	attrs                         []attrTimeline
	positions                     ids // every position the person ever held
	events                        seqs
}

type attrTimeline struct {
	key int32
	tl  timeline
}

type unit struct {
	id                             string
	created                        uint32
	open, name, kind, parent, head timeline
	units, positions               ids // candidates: every child unit and position it ever had
	events                         seqs
}

type position struct {
	id                                 string
	created                            uint32
	open, title, unit, reportsTo, kind timeline
	dotted                             []lineTimeline // dotted lines from this position
	holders                            []holdTimeline
	reports, dottedFrom, heads         ids // candidates pointing here
	events                             seqs
}

type lineTimeline struct {
	to int32
	tl timeline // 1: the line exists
}

// holdTimeline is one person's holding of a position: 0 not held, held, or acting.
type holdTimeline struct {
	person int32
	tl     timeline
}

const (
	notHeld int32 = iota
	held
	acting
)

// evMeta is an event in compact form: enough to check it again when a backdated change or a
// retraction lands before it, and to find what it touched. The full event lives in the Store.
type evMeta struct {
	day    int32
	verb   uint8
	flags  uint8
	commit uint32 // index into commits
	gone   uint32 // the retraction, 0 when none
	a, b   int32  // the records it names; see resolve.go
	c      int32
}

const (
	flagActing uint8 = 1 << iota
	flagReplace
	flagShare
)

type mergeEffects struct {
	units     []int32 // the units merged
	positions []int32 // positions moved into the surviving unit
	children  []int32 // child units moved under it
}

type commitMeta struct {
	id       int64
	recorded time.Time
	first    uint32 // seq of its first event
	imported int32  // the date of the HRIS export it recorded, 0 for other commits
}

func newIndex() *index {
	return &index{
		strIdx:   map[string]int32{"": 0},
		strs:     []string{""},
		merges:   make(map[uint32]*mergeEffects),
		replaced: make(map[uint32][]int32),
	}
}

// head returns the seq of the last event.
func (x *index) head() uint32 { return uint32(len(x.evs)) }

// knownSeq returns the last seq recorded at or before t.
func (x *index) knownSeq(t time.Time) uint32 {
	lo, hi := 0, len(x.commits)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x.commits[m].recorded.After(t) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo == len(x.commits) {
		return x.head()
	}
	return x.commits[lo].first - 1
}

// lastRecorded returns the recorded time of the last commit.
func (x *index) lastRecorded() time.Time {
	if len(x.commits) == 0 {
		return time.Time{}
	}
	return x.commits[len(x.commits)-1].recorded
}

// verbs numbers the verbs for evMeta.verb, in the order of orgledger.Verbs.
var verbNumber = func() map[orgledger.Verb]uint8 {
	m := make(map[orgledger.Verb]uint8, len(orgledger.Verbs))
	for i, v := range orgledger.Verbs {
		m[v] = uint8(i)
	}
	return m
}()

func verbOf(m evMeta) orgledger.Verb { return orgledger.Verbs[m.verb] }

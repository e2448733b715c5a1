package ledger

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"
	"unsafe"

	"github.com/orgledger/orgledger"
)

// An image is the chart of every day as known at one head, in flat arrays that a new process
// maps from a file and reads where a query leads it, without building the index: a one-shot
// `orgledger chart --root` reads a few hundred pages of it, where opening the ledger reads
// the whole checkpoint. It is written next to a SQLite ledger with each checkpoint
// (Ledger.WriteImage) and used only while the ledger's head is still the one it was built at
// (Image.Fresh); it answers what Chart answers as known now, and says when it cannot.
//
// Each record has versions: the day each began and what the chart shows of the record from
// then on. Versions change only on days when an entry of a timeline the chart reads changes,
// so the image holds about one version per position per event that touched it.
type imageData struct {
	strBytes []byte   // every string, one after another
	strAt    []uint32 // string i is strBytes[strAt[i]:strAt[i+1]]
	strRank  []uint32 // the place of each title and kind in sorted order

	posID      []uint32      // a position's id, a string
	posRank    []uint32      // its place among positions ordered by id
	posVerAt   []uint32      // position p's versions are posVer[posVerAt[p]:posVerAt[p+1]]
	posVer     []imgPosition // by position, then day
	posFrom    []int32       // the day each version begins
	holds      []imgLink     // the holders of position versions (to: a person), by person id
	dotted     []int32       // the dotted lines of position versions, by position id
	edgeAt     []uint32      // edges of p: edges[edgeAt[p]:edgeAt[p+1]]; the last group the roots
	edges      []imgEdge     // a solid line to p, for the days it exists
	personID   []uint32
	personAt   []uint32
	personVer  []imgPerson
	personFrom []int32
	personPos  []imgLink // the positions a person version holds (to: a position)
	unitID     []uint32
	unitAt     []uint32
	unitVer    []imgUnit
	unitFrom   []int32
	unitPosAt  []uint32 // unit u's positions: unitPos[unitPosAt[u]:unitPosAt[u+1]]
	unitPos    []imgEdge
	ids        []imgID // every id, sorted
}

// imgPosition is a version of a position.
type imgPosition struct {
	parent      int32 // the position its solid line goes to, or none
	title, kind uint32
	unit        int32
	open        uint32
	holds       [2]uint32 // range of imageData.holds
	dotted      [2]uint32 // range of imageData.dotted
}

// imgLink is a holding: the person holding a position, or the position a person holds;
// acting is 0 or 1.
type imgLink struct {
	to     int32
	acting uint32
}

// imgEdge is a solid line from child (or its place in a unit), from day from until the day
// before to.
type imgEdge struct {
	child, from, to int32
}

// imgPerson is a version of a person.
type imgPerson struct {
	name      uint32
	active    uint32
	positions [2]uint32 // range of imageData.personPos
}

// imgUnit is a version of a unit.
type imgUnit struct {
	name   uint32
	open   uint32
	head   int32 // the open position heading it, or none
	parent int32 // the unit it is in, or none
}

// imgID is an id and its record (kind and number, packed as in idTable).
type imgID struct {
	str uint32
	ref uint32
}

func packRef(r ref) uint32   { return uint32(r.kind)<<30 | uint32(r.idx) }
func unpackRef(v uint32) ref { return ref{kind(v >> 30), int32(v & (1<<30 - 1))} }

// Image is an image opened from its file.
type Image struct {
	d        imageData
	head     int64
	recorded int64    // the head's commit, Unix microseconds
	digest   [32]byte // of the head event (HeadDigest)
	ledger   string   // the identity of the database it was built from, as it stood
	unmap    func() error
}

// ImageHead is where a database stands, for telling whether an image is of it as it is.
type ImageHead struct {
	Ledger   string    // the database's identity as it stands: its id and the mark of its last write (given to Ledger.WriteImage)
	Seq      int64     // its last event, as orgledger.Store.Head returns it
	Recorded time.Time // when that event's commit was recorded
	Digest   [32]byte  // of that event as stored: HeadDigest
}

// Fresh reports whether the image was built from the database of this identity at this head.
// The head alone does not tell two databases apart: one made again from the same changesets,
// with their recorded times, has the same head, but another id. A copy of a database (a
// backup restored) keeps its id, and other changes recorded in it with the recorded times and
// numbers of events the original has would give it the same head, even the same last event;
// but every write marks the database anew, so its identity is not the one the image keeps.
// (Found by a crash-safety review: a restored backup, written to again with a corrected
// changeset whose last change was the original's, was answered from the original's image.)
func (im *Image) Fresh(h ImageHead) bool {
	return h.Ledger != "" && im.ledger == h.Ledger && im.head == h.Seq && im.recorded == h.Recorded.UnixMicro() && im.digest == h.Digest
}

// HeadDigest is the SHA-256 of the event seq of the store as stored (orgledger.DigestEvent);
// zero for no event.
func HeadDigest(ctx context.Context, store orgledger.Store, seq int64) ([32]byte, error) {
	if seq == 0 {
		return [32]byte{}, nil
	}
	events, err := store.EventsBySeq(ctx, []int64{seq})
	if err == nil && len(events) != 1 {
		err = fmt.Errorf("event %d is not in the store", seq)
	}
	if err != nil {
		return [32]byte{}, err
	}
	h := sha256.New()
	if err := orgledger.DigestEvent(h, &events[0]); err != nil {
		return [32]byte{}, err
	}
	return [32]byte(h.Sum(nil)), nil
}

// Close releases the image's file. What Chart returned stays valid: its strings are copies.
func (im *Image) Close() error {
	if im.unmap == nil {
		return nil
	}
	err := im.unmap()
	im.unmap, im.d = nil, imageData{} // a Chart after Close finds nothing, not freed memory
	return err
}

// strView returns string i without copying, for comparisons.
func (d *imageData) strView(i uint32) string {
	b := d.strBytes[d.strAt[i]:d.strAt[i+1]]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

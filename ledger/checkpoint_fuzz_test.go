package ledger

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/memory"
)

// FuzzCheckpoint decodes checkpoints whose checksum is right but whose contents are anything:
// a damaged file is caught by the checksum, but whatever passes it must be refused or decoded,
// never crash the process that opens the ledger.
func FuzzCheckpoint(f *testing.F) {
	f.Add(checkpointBody(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append([]byte(checkpointMagic), body...)
		data = binary.LittleEndian.AppendUint32(data, crc32.Checksum(data, castagnoli()))
		decodeIndex(data) // an error or an index; a panic fails
	})
}

// checkpointBody returns the checkpoint of a small ledger, without its magic and checksum.
func checkpointBody(tb testing.TB) []byte {
	tb.Helper()
	l, err := Open(context.Background(), memory.New(), fixedNow{})
	if err != nil {
		tb.Fatal(err)
	}
	cs := &orgledger.Changeset{Effective: orgledger.DateOf(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))}
	for _, op := range []orgledger.Op{
		&orgledger.CreateUnit{ID: "u", Name: "U"},
		&orgledger.CreatePosition{ID: "a", Title: "A", Unit: "u"},
		&orgledger.CreatePosition{ID: "b", Title: "B", Unit: "u", ReportsTo: "a"},
		&orgledger.Dotted{Position: "b", To: "a"},
		&orgledger.Hire{ID: "p", Name: "P", Attrs: map[string]string{"k": "v"}},
		&orgledger.Assign{Person: "p", Position: "a"},
	} {
		cs.Changes = append(cs.Changes, orgledger.Change{Op: op})
	}
	if _, err := l.Apply(context.Background(), cs, ApplyOptions{Actor: "fuzz"}); err != nil {
		tb.Fatal(err)
	}
	data := encodeIndex(l.x)
	return data[len(checkpointMagic) : len(data)-4]
}

// fixedNow is a clock at noon, 2024-06-01.
type fixedNow struct{}

func (fixedNow) Now() time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC) }

package ledger

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// The image file: a header, a table of sections (where each of imageData's arrays lies and
// how many bytes it takes), then the arrays as they lie in memory, each at a multiple of 8.
// A process maps the file and reads the arrays in place. They are written in the machine's
// byte order, which must be little-endian. The header names the layout by a hash of
// imageData's fields and their types and of imageMeaning, so that a file written by a build
// with other arrays, other fields in them, or another reading of them is never read as this
// build's. A checksum covers the header and the table, where a flipped bit would misplace
// every array; the arrays themselves are read where a query leads, page by page, as SQLite
// reads its pages, and are not checked as a whole at every open.

const imageMagic = "OLIMAGE4"

type imageHeader struct {
	Magic    [8]byte
	Layout   uint64
	Sections uint32
	Check    uint32 // FNV-1a of the header, this field zero, and the table of sections
	Head     int64
	Recorded int64    // Unix microseconds
	Ledger   [80]byte // the identity of the database it was built from, zero-padded
	Digest   [32]byte // of the head event: HeadDigest
}

// headerCheck returns the checksum of the header h (its Check aside) and the table: FNV-1a,
// which a one-shot chart computes in a microsecond, where CRC-32C's tables took it 0.4 ms to
// make; either tells a bit flipped in these few hundred bytes.
func headerCheck(h imageHeader, table []imageSection) uint32 {
	h.Check = 0
	c := fnv.New32a()
	binary.Write(c, binary.LittleEndian, h)
	binary.Write(c, binary.LittleEndian, table)
	return c.Sum32()
}

// imageMeaning numbers what the arrays mean: what a version holds, how the chart reads it.
// Change it whenever the image would answer otherwise with the same arrays, so that images
// written before are not read as this build's.
const imageMeaning = 1

// imageLayout is the hash of imageData's layout and meaning: imageMeaning, each array's name,
// element type and size, and the offset of every field of a struct element.
var imageLayout = sync.OnceValue(func() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "meaning %d;", imageMeaning)
	t := reflect.TypeFor[imageData]()
	for i := range t.NumField() {
		f := t.Field(i)
		e := f.Type.Elem()
		fmt.Fprintf(h, "%s %s %d;", f.Name, e, e.Size())
		if e.Kind() == reflect.Struct {
			for j := range e.NumField() {
				fmt.Fprintf(h, "%s %s %d;", e.Field(j).Name, e.Field(j).Type, e.Field(j).Offset)
			}
		}
	}
	return h.Sum64()
})

type imageSection struct{ Off, Len uint64 }

// WriteImage builds the image of the ledger at its head and writes it to path, replacing what
// is there in one step. Readers go on meanwhile; a write waits until the image is built.
// ledgerID is the identity of the database the ledger is in (at most 80 bytes), which the
// image keeps so that it is read only beside that database (Image.Fresh).
func (l *Ledger) WriteImage(ctx context.Context, path, ledgerID string) error {
	if len(ledgerID) > len(imageHeader{}.Ledger) {
		return fmt.Errorf("write image: a ledger id of %d bytes; at most %d", len(ledgerID), len(imageHeader{}.Ledger))
	}
	if !littleEndian() {
		return errors.New("write image: images are kept only on little-endian machines")
	}
	l.mu.RLock()
	d, head, recorded := buildImage(l.x), int64(l.x.head()), l.x.headRecorded()
	l.mu.RUnlock()
	digest, err := HeadDigest(ctx, l.store, head) // an event once stored stays as it is
	if err != nil {
		return fmt.Errorf("write image: %w", err)
	}
	d.locate() // the image holds copies of what it needs from the index: no lock held
	return writeImageFile(path, d, imageHeader{Head: head, Recorded: recorded.UnixMicro(), Digest: digest}, ledgerID)
}

// headRecorded returns when the commit of the last event was recorded, as Store.Head does.
func (x *index) headRecorded() time.Time {
	if len(x.evs) == 0 {
		return time.Time{}
	}
	return x.commits[x.evs[len(x.evs)-1].commit].recorded
}

// writeImageFile writes the image's arrays to path under a header that holds h's head.
func writeImageFile(path string, d *imageData, h imageHeader, ledgerID string) (err error) {
	removeAbandoned(path)
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write image: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	secs := imageArrays(d)
	h.Layout, h.Sections = imageLayout(), uint32(len(secs))
	copy(h.Magic[:], imageMagic)
	copy(h.Ledger[:], ledgerID)
	table := make([]imageSection, len(secs))
	off := align8(uint64(binary.Size(h) + binary.Size(table)))
	for i, s := range secs {
		table[i] = imageSection{off, uint64(len(s))}
		off = align8(off + uint64(len(s)))
	}
	h.Check = headerCheck(h, table)
	w := bufio.NewWriterSize(f, 1<<20)
	binary.Write(w, binary.LittleEndian, h)
	binary.Write(w, binary.LittleEndian, table)
	at := uint64(binary.Size(h) + binary.Size(table))
	for i, s := range secs {
		w.Write(make([]byte, table[i].Off-at))
		w.Write(s)
		at = table[i].Off + uint64(len(s))
	}
	if err = w.Flush(); err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write image %s: %w", path, err)
	}
	return nil
}

func align8(n uint64) uint64 { return (n + 7) &^ 7 }

// abandonedAfter is how old a temporary file of an image must be to be taken for one that a
// process killed while writing it left: far longer than an image of millions of people takes
// to write, so that one another process is writing now is left alone.
const abandonedAfter = time.Hour

// removeAbandoned removes the temporary files of images written to path that processes killed
// while writing them left behind (each as large as the image), as a write of the image
// begins. What cannot be removed stays, without a word: it is in the way of nothing.
func removeAbandoned(path string) {
	dir, base := filepath.Split(path)
	entries, _ := os.ReadDir(filepath.Clean(dir))
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base+".") || !strings.HasSuffix(name, ".tmp") || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > abandonedAfter {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// imageArrays returns each array of d as the bytes it holds in memory, in field order.
func imageArrays(d *imageData) [][]byte {
	v := reflect.ValueOf(d).Elem()
	out := make([][]byte, v.NumField())
	for i := range out {
		f := v.Field(i)
		out[i] = unsafe.Slice((*byte)(f.UnsafePointer()), f.Len()*int(f.Type().Elem().Size()))
	}
	return out
}

// OpenImage maps the image file at path. An image of another layout, or damaged beyond what
// its header tells, is an error; the caller reads the ledger instead.
func OpenImage(path string) (*Image, error) {
	if !littleEndian() {
		return nil, errors.New("open image: images are kept only on little-endian machines")
	}
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("open image: %w", err)
	}
	im := &Image{unmap: unmap}
	if err := im.read(data); err != nil {
		im.Close()
		return nil, fmt.Errorf("open image %s: %w", path, err)
	}
	return im, nil
}

// read points the image's arrays into the file's bytes, checking that each lies in the file.
// A file cut short after it was mapped faults when its header is read: that is an error too.
func (im *Image) read(data []byte) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			err = errors.New("the file changed under its mapping")
		}
	}()
	var h imageHeader
	hs := binary.Size(h)
	if len(data) < hs {
		return errors.New("too short")
	}
	binary.Decode(data, binary.LittleEndian, &h)
	v := reflect.ValueOf(&im.d).Elem()
	if string(h.Magic[:]) != imageMagic || h.Layout != imageLayout() || int(h.Sections) != v.NumField() {
		return errors.New("not an image of this version")
	}
	table := make([]imageSection, h.Sections)
	if len(data) < hs+binary.Size(table) {
		return errors.New("too short")
	}
	binary.Decode(data[hs:], binary.LittleEndian, table)
	if headerCheck(h, table) != h.Check {
		return errors.New("its header is damaged: its checksum does not match")
	}
	for i, s := range table {
		f := v.Field(i)
		size := uint64(f.Type().Elem().Size())
		if s.Off%8 != 0 || s.Off > uint64(len(data)) || s.Len > uint64(len(data))-s.Off || s.Len%size != 0 {
			return fmt.Errorf("section %d lies outside the file", i)
		}
		if s.Len > 0 {
			arr := reflect.SliceAt(f.Type().Elem(), unsafe.Pointer(&data[s.Off]), int(s.Len/size))
			reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(arr)
		}
	}
	im.head, im.recorded, im.digest, im.ledger = h.Head, h.Recorded, h.Digest, string(bytes.TrimRight(h.Ledger[:], "\x00"))
	return im.d.check()
}

// check makes sure the arrays indexed by record have one entry per record.
func (d *imageData) check() error {
	pos, people, units := len(d.posID), len(d.personID), len(d.unitID)
	if len(d.strAt) == 0 || len(d.posRank) != pos || len(d.posVerAt) != pos+1 || len(d.edgeAt) != pos+2 ||
		len(d.personAt) != people+1 || len(d.unitAt) != units+1 || len(d.unitPosAt) != units+1 {
		return errors.New("its arrays do not match in length")
	}
	return nil
}

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

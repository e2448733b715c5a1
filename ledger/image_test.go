package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unsafe"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// TestPropertyImageMatchesLedger writes the image of random histories and asks it for the
// chart from every id and from the top, on every day, at several depths: the image answers
// every one of them, and answers what the ledger answers, the error of a root that is not
// there on the day included.
func TestPropertyImageMatchesLedger(t *testing.T) {
	for seed := range uint64(60) {
		h := runRandomHistory(t, 2000+seed)
		im := writeAndOpenImage(t, h.l)
		refused := 0
		for _, day := range queryDays {
			q := ledger.Query{At: day}
			for _, root := range append([]string{""}, allIDs...) {
				for _, depth := range []int{-1, 0, 1} {
					want, wantErr := h.l.Chart(q, ledger.ChartOptions{Root: root, Depth: depth})
					got, err := im.Chart(q, 0, ledger.ChartOptions{Root: root, Depth: depth})
					if errors.Is(err, ledger.ErrNotAnswered) {
						t.Fatalf("seed %d: the image does not answer the chart from %q on %s", 2000+seed, root, day)
					}
					if fmt.Sprint(err) != fmt.Sprint(wantErr) || orgledger.ErrorCode(err) != orgledger.ErrorCode(wantErr) {
						t.Fatalf("seed %d: chart from %q on %s: the ledger says %v, the image %v", 2000+seed, root, day, wantErr, err)
					}
					if jsonOf(got) != jsonOf(want) {
						t.Fatalf("seed %d: chart from %q on %s depth %d:\nledger: %s\nimage:  %s\n\nhistory:\n%s",
							2000+seed, root, day, depth, jsonOf(want), jsonOf(got), describe(h))
					}
					if err != nil {
						refused++
					}
				}
			}
		}
		if refused == 0 {
			t.Fatalf("seed %d: no root was ever missing on a day; the refusals went untested", 2000+seed)
		}
	}
}

// TestImageMatchesChartOnGen holds the image to Chart on a generated history, which has
// what the random histories have little of: deep trees, merges and splits of units, years of
// leavers under each manager.
func TestImageMatchesChartOnGen(t *testing.T) {
	l, opt := genLedger(t, 3000, 3)
	im := writeAndOpenImage(t, l)
	for _, day := range sampleDays(opt, 5) {
		q := ledger.Query{At: day}
		roots := []string{""}
		for _, e := range l.Employees(q)[:40] {
			roots = append(roots, e.ID, "pos-"+e.ID, e.Unit)
		}
		for _, root := range roots {
			for _, depth := range []int{-1, 2} {
				opts := ledger.ChartOptions{Root: root, Depth: depth}
				want, wantErr := l.Chart(q, opts)
				got, err := im.Chart(q, 0, opts)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("chart from %q on %s: the ledger says %v, the image %v", root, day, wantErr, err)
				}
				if jsonOf(got) != jsonOf(want) {
					t.Fatalf("chart from %q on %s depth %d: the image differs from the ledger", root, day, depth)
				}
			}
		}
	}
}

// TestImageLayout checks the image's numbering for locality (image_order.go) on a generated
// history: answers do not depend on it, so no other test sees it.
func TestImageLayout(t *testing.T) {
	l, _ := genLedger(t, 3000, 3)
	if problem := ledger.ImageLayoutProblem(l); problem != "" {
		t.Fatal(problem)
	}
}

// TestImageKnowsItsHead checks that an image is fresh only beside the ledger and at the head it
// was built at, and does not answer for an earlier known-at.
func TestImageKnowsItsHead(t *testing.T) {
	h := runRandomHistory(t, 7)
	im := writeAndOpenImage(t, h.l)
	head, recorded, err := h.store.Head(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	digest, err := ledger.HeadDigest(h.ctx, h.store, head)
	if err != nil {
		t.Fatal(err)
	}
	at := ledger.ImageHead{Ledger: "test-ledger", Seq: head, Recorded: recorded, Digest: digest}
	if !im.Fresh(at) {
		t.Fatalf("the image is not fresh at the head it was built at (%+v)", at)
	}
	other := func(change func(*ledger.ImageHead)) ledger.ImageHead {
		o := at
		change(&o)
		return o
	}
	for name, h := range map[string]ledger.ImageHead{
		"an earlier head":            other(func(h *ledger.ImageHead) { h.Seq-- }),
		"a head recorded later":      other(func(h *ledger.ImageHead) { h.Recorded = h.Recorded.Add(time.Microsecond) }),
		"another ledger":             other(func(h *ledger.ImageHead) { h.Ledger = "another-ledger" }),
		"no ledger":                  other(func(h *ledger.ImageHead) { h.Ledger = "" }),
		"another event at that head": other(func(h *ledger.ImageHead) { h.Digest[0] ^= 1 }),
	} {
		if im.Fresh(h) {
			t.Errorf("the image is fresh at %s", name)
		}
	}
	if _, err := im.Chart(ledger.Query{KnownAt: recordedBase}, day0, ledger.ChartOptions{}); !errors.Is(err, ledger.ErrNotAnswered) {
		t.Fatalf("the image answers as known before its head: %v", err)
	}
	if _, err := im.Chart(ledger.Query{KnownAt: recorded.Add(time.Hour)}, day0, ledger.ChartOptions{}); err != nil {
		t.Fatalf("the image does not answer as known after its head: %v", err)
	}
}

// TestImageDamage checks that an image cut short or of another layout is refused when it
// opens, and that one overwritten in the middle never makes a chart panic or loop: its
// arrays are read through bounds checks, and a chart that finds one broken is not answered.
func TestImageDamage(t *testing.T) {
	h := runRandomHistory(t, 11)
	path := writeImage(t, h.l)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open := func(b []byte) (*ledger.Image, error) {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return ledger.OpenImage(path)
	}
	for name, bad := range map[string][]byte{
		"empty":         {},
		"cut to 10":     good[:10],
		"cut in half":   good[:len(good)/2],
		"another magic": append([]byte("OLIMAGE9"), good[8:]...),
		"another shape": append(append(append([]byte(nil), good[:8]...), 1, 2, 3, 4, 5, 6, 7, 8), good[16:]...),
	} {
		if im, err := open(bad); err == nil {
			im.Close()
			t.Errorf("%s: opened", name)
		}
	}
	// A bit flipped in the header or the table of sections, which say where every array lies,
	// is caught by their checksum. (Found by a crash-safety review: one in the table made
	// charts answer wrong.)
	for bit := range 8 * 512 { // the header, 152 bytes, and the table, 16 a section
		bad := append([]byte(nil), good...)
		bad[bit/8] ^= 1 << (bit % 8)
		if im, err := open(bad); err == nil {
			im.Close()
			t.Fatalf("bit %d of the header or the table flipped: opened", bit)
		}
	}
	for seed := range 200 {
		bad := append([]byte(nil), good...)
		for k := 200 + seed; k < len(bad); k += 97 + seed {
			bad[k] ^= byte(seed*31 + k)
		}
		im, err := open(bad)
		if err != nil {
			continue
		}
		for _, root := range append([]string{""}, allIDs...) {
			im.Chart(ledger.Query{At: day0.AddDays(seed % nDays)}, 0, ledger.ChartOptions{Root: root, Depth: -1})
		}
		im.Close()
	}
}

func writeAndOpenImage(t *testing.T, l *ledger.Ledger) *ledger.Image {
	t.Helper()
	return openImage(t, writeImage(t, l))
}

// writeImage writes the ledger's image to a file of the test's and returns its path.
func writeImage(tb testing.TB, l *ledger.Ledger) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "org.image")
	if err := l.WriteImage(context.Background(), path, "test-ledger"); err != nil {
		tb.Fatal(err)
	}
	return path
}

// openImage opens the image at path, closed when the test ends.
func openImage(tb testing.TB, path string) *ledger.Image {
	tb.Helper()
	im, err := ledger.OpenImage(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { im.Close() })
	return im
}

// FuzzImage reads arbitrary bytes as an image and charts from it: reading refuses or succeeds,
// and a chart answers or declines, without a panic, a hang or an allocation the input's size
// does not bound. The bytes are read as OpenImage reads a mapped file, from memory, so that
// the fuzzer spends its time on the reading; TestImageDamage and TestImageCutUnderItsMapping
// go through real files. The seeds are a real image and damaged copies of it.
func FuzzImage(f *testing.F) {
	l, _ := genLedger(f, 20, 1)
	path := writeImage(f, l)
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "", int16(0))
	f.Add(good[:len(good)/3], "x1", int16(40))
	f.Add(append(append([]byte(nil), good[:200]...), make([]byte, len(good)-200)...), "p1", int16(100))
	f.Fuzz(func(t *testing.T, data []byte, root string, day int16) {
		aligned := make([]uint64, (len(data)+7)/8) // as a mapping is: aligned to its words
		buf := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(aligned))), len(data))
		copy(buf, data)
		im, err := ledger.ImageFromBytes(buf)
		if err != nil {
			return
		}
		im.Chart(ledger.Query{At: day0.AddDays(int(day))}, 0, ledger.ChartOptions{Root: root, Depth: -1})
	})
}

// TestImageCutUnderItsMapping cuts an image's file short while it is mapped: reading past the
// end faults, and the chart is declined instead of the process crashing.
func TestImageCutUnderItsMapping(t *testing.T) {
	h := runRandomHistory(t, 17)
	path := writeImage(t, h.l)
	im := openImage(t, path)
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Chart(ledger.Query{At: day0.AddDays(nDays / 2)}, 0, ledger.ChartOptions{}); !errors.Is(err, ledger.ErrNotAnswered) {
		t.Fatalf("a chart was answered from a file cut to nothing: %v", err)
	}
}

// TestRecordedToTheMicrosecond checks that a commit is recorded to the microsecond, as the
// stores keep it, so that the ledger in memory and the image agree on what was known at a time
// within that microsecond.
func TestRecordedToTheMicrosecond(t *testing.T) {
	at := time.Date(2025, 3, 1, 9, 0, 0, 1700, time.UTC) // 1.7 µs past the second
	l, err := ledger.Open(context.Background(), memory.New(), &fixedClock{t: at})
	if err != nil {
		t.Fatal(err)
	}
	cs := changeset("2025-01-01", &orgledger.CreateUnit{ID: "u", Name: "U"},
		&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"})
	res, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if want := at.Truncate(time.Microsecond); !res.Commit.Recorded.Equal(want) {
		t.Fatalf("recorded %s, want %s", res.Commit.Recorded.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
	im := writeAndOpenImage(t, l)
	day, _ := orgledger.ParseDate("2025-02-01")
	q := ledger.Query{At: day, KnownAt: at.Add(-500 * time.Nanosecond)} // 1.2 µs past the second
	want, err := l.Chart(q, ledger.ChartOptions{})
	got, imgErr := im.Chart(q, 0, ledger.ChartOptions{})
	if err != nil || imgErr != nil || len(want) != 1 || jsonOf(got) != jsonOf(want) {
		t.Fatalf("as known 1.2 µs past the second: the ledger draws %s (%v), the image %s (%v)", jsonOf(want), err, jsonOf(got), imgErr)
	}
}

// TestImageStringsOverlap checks that a file whose strings overlap, each spanning the others,
// is declined before a chart copies them without bound.
func TestImageStringsOverlap(t *testing.T) {
	l, opt := genLedger(t, 400, 1)
	path := writeImage(t, l)
	if err := ledger.OverlapImageStrings(path); err != nil {
		t.Fatal(err)
	}
	im := openImage(t, path)
	day := sampleDays(opt, 1)[0]
	if n, _ := l.Chart(ledger.Query{At: day}, ledger.ChartOptions{Depth: -1}); len(n) < 300 {
		t.Fatalf("the org has %d positions on %s", len(n), day)
	}
	if nodes, err := im.Chart(ledger.Query{At: day}, 0, ledger.ChartOptions{Depth: -1}); !errors.Is(err, ledger.ErrNotAnswered) {
		t.Fatalf("a chart of %d positions was answered from strings that overlap (%v)", len(nodes), err)
	}
}

package hris_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/sqlite"
)

// bigExport returns an export of n people: a tree with spans of about six, in fifty
// departments, and the export of the month after, with about changes differences: leavers
// (their reports move up), hires, and title, manager and department changes.
func bigExport(n, changes int) (first, next []orgledger.Employee) {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	for i := range n {
		e := orgledger.Employee{ID: fmt.Sprintf("E%07d", i), Name: fmt.Sprintf("Person %d", i),
			Title: titles[rng.IntN(len(titles))], Department: fmt.Sprintf("Department %d", rng.IntN(50)),
			Location: locations[rng.IntN(len(locations))]}
		if i > 0 {
			e.ManagerID = fmt.Sprintf("E%07d", (i-1)/6)
		}
		first = append(first, e)
	}
	next = append([]orgledger.Employee(nil), first...)
	for c := 0; c < changes; c++ {
		i := 1 + rng.IntN(n-1)
		switch c % 4 {
		case 0:
			next[i].Title += " II"
		case 1:
			next[i].Department = fmt.Sprintf("Department %d", rng.IntN(50))
		case 2:
			next[i].Location = "Remote"
		case 3:
			next = append(next, orgledger.Employee{ID: fmt.Sprintf("N%07d", c), Name: "New Hire",
				Title: "Engineer", Department: "Department 1", ManagerID: next[i].ID})
		}
	}
	return first, next
}

func benchFile(b *testing.B, name string, rows []orgledger.Employee) *hris.File {
	var buf bytes.Buffer
	if err := hris.WriteCSV(&buf, rows); err != nil {
		b.Fatal(err)
	}
	f, err := hris.Read(name, buf.Bytes(), hris.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return f
}

func sqliteLedger(b *testing.B) *ledger.Ledger {
	store, err := sqlite.OpenStore(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	l, err := ledger.Open(context.Background(), store, fixedClock{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkImport100k imports a 100,000-person export into a fresh SQLite ledger: reading the
// CSV, planning, validating and committing durably. It reports rows per second.
func BenchmarkImport100k(b *testing.B) {
	first, _ := bigExport(100_000, 0)
	var buf bytes.Buffer
	hris.WriteCSV(&buf, first)
	for b.Loop() {
		b.StopTimer()
		l := sqliteLedger(b)
		b.StartTimer()
		f, err := hris.Read("big.csv", buf.Bytes(), hris.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := hris.Import(context.Background(), l, f, date("2024-01-31"), hris.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(first))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReimport100k imports the next month's export, with about 3,000 changes, on top of
// a 100,000-person ledger. The heap is collected between the untimed first import and the
// timed one, as a month would have it: otherwise the collection of what the first import left
// lands in the re-import, by more or less as the first import's own timing shifts.
func BenchmarkReimport100k(b *testing.B) {
	first, next := bigExport(100_000, 3000)
	f1, f2 := benchFile(b, "jan.csv", first), benchFile(b, "feb.csv", next)
	for b.Loop() {
		b.StopTimer()
		l := sqliteLedger(b)
		if _, err := hris.Import(context.Background(), l, f1, date("2024-01-31"), hris.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		if _, err := hris.Import(context.Background(), l, f2, date("2024-02-29"), hris.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLateImport100k imports, on top of the exports of January and March of a
// 100,000-person org (3,000 changes apart), the February export that arrived late (half of
// those changes): the late commit, with March recorded again on top of it and checked.
func BenchmarkLateImport100k(b *testing.B) {
	first, mar := bigExport(100_000, 3000)
	_, feb := bigExport(100_000, 1500) // the same changes, the first half of them
	f1, f2, f3 := benchFile(b, "jan.csv", first), benchFile(b, "feb.csv", feb), benchFile(b, "mar.csv", mar)
	for b.Loop() {
		b.StopTimer()
		l := sqliteLedger(b)
		for _, f := range []struct {
			file *hris.File
			day  string
		}{{f1, "2024-01-31"}, {f3, "2024-03-31"}} {
			if _, err := hris.Import(context.Background(), l, f.file, date(f.day), hris.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		b.StartTimer()
		if _, err := hris.Import(context.Background(), l, f2, date("2024-02-29"), hris.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadStrayQuotes refuses a file of 100,000 rows each with a stray quote: the first
// problems are placed (line and character), the rest counted.
func BenchmarkReadStrayQuotes(b *testing.B) {
	data := []byte("employee_id,name,title,manager_id\n" + strings.Repeat("E\"1,Ann,CEO,\n", 100_000))
	for b.Loop() {
		if _, err := hris.Read("bad.csv", data, hris.Options{}); err == nil {
			b.Fatal("a file of stray quotes was read")
		}
	}
}

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// TestChartFromImage checks that gen leaves an image next to the ledger, as readable as it, that a
// one-shot chart answers from it only while it is fresh, and that what it draws from the
// image is what it draws from the ledger, in every format it draws from the image, and that
// a root not there on the day is refused alike.
func TestChartFromImage(t *testing.T) {
	p := newLaterProgram(t)
	if code, _, errOut := p.run("gen", "--people", "300", "--years", "2", "--seed", "5"); code != 0 {
		t.Fatalf("gen: exit %d\n%s", code, errOut)
	}
	img, err := os.Stat(imagePath(p.db))
	db, err2 := os.Stat(p.db)
	if err != nil || err2 != nil || img.Mode().Perm() != db.Mode().Perm() {
		t.Fatalf("gen left no image readable by whoever may read the database: %v, %v", err, err2)
	}
	queries := [][]string{
		{"chart", "--at", "2024-06-01"},
		{"chart", "--at", "2023-03-15", "--root", "pos-p0000001", "--depth", "2"},
		{"chart", "--at", "2024-06-01", "--root", "p0000002"},
		{"chart", "--at", "2024-11-30", "--root", "u000003"},
		{"chart", "--at", "2024-06-01", "--known-at", "2030-01-01T00:00:00Z"},
		{"chart", "--root", "pos-p0000003"},
		{"chart", "--at", "2024-06-01", "--root", "no-such-id"},
		{"chart", "--at", "2000-01-01", "--root", "pos-p0000001", "--known-at", "2030-01-01T00:00:00Z"},
	}
	formats := []string{"json", "text", "dot", "mermaid"}
	fromImage := map[string]string{}
	for _, q := range queries {
		if !p.answersFromImage(q) {
			t.Fatalf("%v: not answered from a fresh image", q)
		}
		for _, f := range formats {
			args := append(q, "--format", f)
			code, out, errOut := p.run(args...)
			fromImage[strings.Join(args, " ")] = fmt.Sprintf("exit %d\n%s\n%s", code, out, errOut)
		}
	}
	for _, q := range [][]string{
		{"chart", "--at", "2024-06-01", "--format", "svg"},
		{"chart", "--at", "2024-06-01", "--format", "csv"},
		{"chart", "--at", "2024-06-01", "--known-at", "2024-01-01"},
	} {
		if p.answersFromImage(q) {
			t.Errorf("%v: answered from the image", q)
		}
	}
	if err := os.Remove(imagePath(p.db)); err != nil {
		t.Fatal(err)
	}
	for args, want := range fromImage {
		code, out, errOut := p.run(strings.Fields(args)...)
		if got := fmt.Sprintf("exit %d\n%s\n%s", code, out, errOut); got != want {
			t.Errorf("%s: the image draws\n%s\nthe ledger draws\n%s", args, want, got)
		}
	}
}

// TestStaleImageIsNotUsed checks that after a write the image is not used, and the chart
// shows the write; and that checkpoint makes it fresh again.
func TestStaleImageIsNotUsed(t *testing.T) {
	p := newLaterProgram(t)
	if code, _, errOut := p.run("gen", "--people", "100", "--years", "1", "--seed", "9"); code != 0 {
		t.Fatalf("gen: exit %d\n%s", code, errOut)
	}
	cs := "effective: 2025-01-02\nchanges:\n  - create-unit: {id: new-unit, name: Brand New}\n  - create-position: {id: new-pos, title: Chief Newness, unit: new-unit}\n"
	path := p.db + ".yaml"
	if err := os.WriteFile(path, []byte(cs), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := p.run("apply", path); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, errOut)
	}
	q := []string{"chart", "--at", "2025-01-03", "--format", "json"}
	if p.answersFromImage(q) {
		t.Fatal("a stale image answered")
	}
	if _, out, _ := p.run(q...); !strings.Contains(out, "Chief Newness") {
		t.Fatalf("the chart after the write does not show it:\n%.300s", out)
	}
	if code, _, _ := p.run("checkpoint"); code != 0 || !p.answersFromImage(q) {
		t.Fatal("checkpoint did not make the image fresh")
	}
	if _, out, _ := p.run(q...); !strings.Contains(out, "Chief Newness") {
		t.Fatal("the fresh image does not show the write")
	}
}

// TestImageOfAnotherLedgerIsNotUsed: a database made again, after the first was deleted, from
// changesets with their recorded times has the same head (the last event's number and time)
// as the first, but not its identity: the image the first left beside it is not used, and the
// chart is the new ledger's. It used to be the deleted one's. (Found by a review.)
func TestImageOfAnotherLedgerIsNotUsed(t *testing.T) {
	p := newLaterProgram(t)
	ceo := func(title string) string {
		return "effective: 2022-01-01\nrecorded: 2022-01-02T09:00:00Z\nchanges:\n  - create-unit: {id: co, name: Company}\n" +
			"  - create-position: {id: ceo, title: " + title + ", unit: co}\n"
	}
	imageNotUsedAfter(t, p, ceo("Chief Executive"), ceo("Chief Executive Officer"), func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(p.db + suffix) // the image stays
		}
	})
}

// TestImageOfARestoredLedgerIsNotUsed: a backup restored keeps the database's identity, and
// another changeset recorded in it with the recorded time and number of events of the one the
// image saw gives it the same head; its last event is another, and the image is not used.
// (Found by a review.)
func TestImageOfARestoredLedgerIsNotUsed(t *testing.T) {
	p := newLaterProgram(t)
	retitle := func(title string) string {
		return "effective: 2022-02-01\nrecorded: 2022-02-02T09:00:00Z\nchanges:\n  - retitle: {position: ceo, title: " + title + "}\n"
	}
	imageNotUsedAfter(t, p, retitle("Chief Executive"), retitle("Chief Executive Officer"), restoresBackup(t, p))
}

// TestImageOfARestoredLedgerWithTheSameLastEvent: as above, but the changeset recorded after
// the restore differs from the one the image saw only before its last change: the head is the
// same, last event and all; the write marks the database anew, and the image is not used.
// (Found by a crash-safety review: the image answered.)
func TestImageOfARestoredLedgerWithTheSameLastEvent(t *testing.T) {
	p := newLaterProgram(t)
	retitle := func(title string) string {
		return "effective: 2022-02-01\nrecorded: 2022-02-02T09:00:00Z\nchanges:\n  - retitle: {position: ceo, title: " + title + "}\n" +
			"  - create-position: {id: cfo, title: CFO, unit: co, reports-to: ceo}\n"
	}
	imageNotUsedAfter(t, p, retitle("Chief Executive"), retitle("Chief Executive Officer"), restoresBackup(t, p))
}

// restoresBackup records a company and its ceo in p's ledger and returns a function that puts
// the file back as it is then, as restoring a backup does, leaving the image beside it.
func restoresBackup(t *testing.T, p *laterProgram) func() {
	p.ok("apply", p.changeset("base", "effective: 2022-01-01\nrecorded: 2022-01-02T09:00:00Z\nchanges:\n"+
		"  - create-unit: {id: co, name: Company}\n  - create-position: {id: ceo, title: Chief, unit: co}\n"))
	backup, err := os.ReadFile(p.db)
	if err != nil {
		t.Fatal(err)
	}
	return func() {
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(p.db + suffix)
		}
		if err := os.WriteFile(p.db, backup, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImageOfANewerLedgerIsNotUsed: a database that records a migration this release does
// not know (written by a newer orgledger) is refused by every command, chart too: its image
// is not read. (Found by a crash-safety review: chart answered from the image.)
func TestImageOfANewerLedgerIsNotUsed(t *testing.T) {
	p := newLaterProgram(t)
	p.ok("gen", "--people", "50", "--years", "1")
	db, err := sql.Open("sqlite", p.db)
	if err == nil {
		_, err = db.Exec(`INSERT INTO migrations VALUES ('migrations/999_future.sql')`)
		db.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	q := []string{"chart", "--at", "2024-06-01", "--format", "json"}
	if p.answersFromImage(q) {
		t.Error("the image of a newer database answered")
	}
	if code, _, errOut := p.run(q...); code != 1 || !strings.Contains(errOut, "newer orgledger") {
		t.Errorf("chart of a newer database: exit %d, %s", code, errOut)
	}
}

// imageNotUsedAfter applies first and checkpoints, so that the image answers; then swap makes
// the database another with the same head as far as its number and time go, second is applied
// to it, and the chart must come from it, not from the image: ceo titled Chief Executive
// Officer.
func imageNotUsedAfter(t *testing.T, p *laterProgram, first, second string, swap func()) {
	t.Helper()
	q := []string{"chart", "--at", "2022-06-01", "--format", "json"}
	p.ok("apply", p.changeset("first", first))
	p.ok("checkpoint")
	if !p.answersFromImage(q) {
		t.Fatal("the checkpoint's image does not answer")
	}
	swap()
	p.ok("apply", p.changeset("second", second))
	if p.answersFromImage(q) {
		t.Error("the image of the ledger before answered for the one after")
	}
	if out := p.ok(q...); !strings.Contains(out, "Chief Executive Officer") {
		t.Errorf("the chart is not the ledger's after:\n%s", out)
	}
}

// changeset writes a changeset file beside the database and returns its path.
func (p *laterProgram) changeset(name, text string) string {
	p.t.Helper()
	path := p.db + "." + name + ".yaml"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		p.t.Fatal(err)
	}
	return path
}

// ok runs a command that must succeed and returns its standard output.
func (p *laterProgram) ok(args ...string) string {
	p.t.Helper()
	code, out, errOut := p.run(args...)
	if code != 0 {
		p.t.Fatalf("orgledger %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// TestDamagedImageIsNotUsed checks that a chart is drawn from the ledger when the image is
// not one.
func TestDamagedImageIsNotUsed(t *testing.T) {
	p := newLaterProgram(t)
	if code, _, errOut := p.run("gen", "--people", "50", "--years", "1"); code != 0 {
		t.Fatalf("gen: exit %d\n%s", code, errOut)
	}
	if err := os.WriteFile(imagePath(p.db), []byte("not an image"), 0o600); err != nil {
		t.Fatal(err)
	}
	q := []string{"chart", "--at", "2024-06-01", "--format", "json"}
	if p.answersFromImage(q) {
		t.Fatal("a damaged image answered")
	}
	if code, out, errOut := p.run(q...); code != 0 || !strings.Contains(out, `"parentId"`) {
		t.Fatalf("chart beside a damaged image: exit %d\n%s", code, errOut)
	}
}

// answersFromImage reports whether a chart command line would be answered from the image.
func (p *laterProgram) answersFromImage(args []string) bool {
	p.t.Helper()
	m := &Main{Getenv: func(string) string { return "" }, Clock: fixedClock{time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
	g, c, cmd := &globalConfig{db: p.db}, &chartConfig{}, &cobra.Command{}
	c.register(cmd)
	if err := cmd.ParseFlags(args[1:]); err != nil {
		p.t.Fatal(err)
	}
	q, err := c.time.query()
	if err != nil {
		p.t.Fatal(err)
	}
	_, err = m.chartFromImage(context.Background(), g, c, q)
	return !errors.Is(err, ledger.ErrNotAnswered)
}

// TestCheckpointIfBehind checks that a command that writes saves a checkpoint and the image
// once enough events follow the last checkpoint, and not before.
func TestCheckpointIfBehind(t *testing.T) {
	p := withExample(t)
	m := &Main{Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }, Clock: orgledger.SystemClock{}}
	b, err := m.open(context.Background(), &globalConfig{db: p.db}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer b.ledger.Store().Close()
	head, _ := b.ledger.Head()
	m.checkpointEvery = head + 1
	m.checkpointIfBehind(context.Background(), b.ledger, p.db)
	if _, err := os.Stat(imagePath(p.db)); err == nil {
		t.Fatal("an image was written with fewer events than the threshold since the checkpoint")
	}
	m.checkpointEvery = head
	m.checkpointIfBehind(context.Background(), b.ledger, p.db)
	if _, err := os.Stat(imagePath(p.db)); err != nil {
		t.Fatalf("no image after the threshold was reached: %v", err)
	}
	if out := p.ok("checkpoint"); !strings.Contains(out, "replaying 0 events") {
		t.Fatalf("no checkpoint was saved at the head: %s", out)
	}
}

// TestPlanApplySavesACheckpoint: applying a plan, like apply and import, saves a checkpoint once
// enough events follow the last, where it saved none (a plan of 20,000 hires on PostgreSQL left
// every later command replaying the whole log).
func TestPlanApplySavesACheckpoint(t *testing.T) {
	p := withExample(t)
	p.ok("plan", "create", "hires", "--effective", "2022-05-01",
		writeTemp(t, "hires.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: zz, name: Zz}\n  - hire: {id: zy, name: Zy}\n"))
	p.checkpointEvery = 40
	p.ok("plan", "apply", "hires")
	if out := p.ok("checkpoint"); !strings.Contains(out, "replaying 0 events") {
		t.Fatalf("plan apply saved no checkpoint at the head: %s", out)
	}
}

// TestImageMadeNoWiderThanItsDatabase: an image written while its database was readable by
// others is made private with the database at the next write, where it stayed readable until
// the next checkpoint wrote it again (found by QA).
func TestImageMadeNoWiderThanItsDatabase(t *testing.T) {
	p := withExample(t)
	if err := os.Chmod(p.db, 0o644); err != nil {
		t.Fatal(err)
	}
	p.ok("checkpoint")
	if st, err := os.Stat(imagePath(p.db)); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("the image as written: %v %v", st, err)
	}
	if err := os.Chmod(p.db, 0o600); err != nil {
		t.Fatal(err)
	}
	p.ok("apply", writeTemp(t, "later.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: zz, name: Zz}\n"))
	if st, err := os.Stat(imagePath(p.db)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the image after a write to the private database: %v %v", st.Mode(), err)
	}
}

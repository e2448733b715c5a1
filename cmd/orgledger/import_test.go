package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

var hrisFiles = []struct{ file, at string }{
	{"../../examples/hris/2024-01.csv", "2024-01-31"},
	{"../../examples/hris/2024-02.csv", "2024-02-29"},
	{"../../examples/hris/2024-03.csv", "2024-03-31"},
}

// TestImportExportRoundTrip imports the three monthly exports, late ones included, and checks
// that exporting on each date gives back the file.
func TestImportExportRoundTrip(t *testing.T) {
	for _, order := range [][]int{{0, 1, 2}, {2, 0, 1}} {
		p := newProgram(t)
		for _, i := range order {
			out := p.ok("import", hrisFiles[i].file, "--at", hrisFiles[i].at)
			if !strings.Contains(out, "rows as of "+hrisFiles[i].at) {
				t.Errorf("import output:\n%s", out)
			}
		}
		for _, f := range hrisFiles {
			want, err := os.ReadFile(f.file)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.ok("export", "--at", f.at); got != string(want) {
				t.Errorf("order %v: export --at %s:\n%s\nwant:\n%s", order, f.at, got, want)
			}
		}
	}
}

// TestImportDiff checks what the February export records, through diff.
func TestImportDiff(t *testing.T) {
	p := newProgram(t)
	p.ok("import", hrisFiles[0].file, "--at", hrisFiles[0].at)
	p.ok("import", hrisFiles[1].file, "--at", hrisFiles[1].at)
	out := p.ok("diff", "--from", "2024-01-31", "--to", "2024-02-29")
	for _, want := range []string{"left              E003 (Mei Lin)", "manager           E004 (Tomasz Nowak): E003 (Mei Lin) → E002 (Daniel Reyes)", "title             E005 (Priya Shah): Software Engineer → Senior Software Engineer"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
}

// TestImportDryRunAndRefusal checks that a dry run writes nothing, and that a bad file is
// refused with its line and writes nothing.
func TestImportDryRunAndRefusal(t *testing.T) {
	p := newProgram(t)
	p.ok("import", hrisFiles[0].file, "--at", hrisFiles[0].at)
	before := p.ok("log", "--format", "json")
	out := p.ok("import", hrisFiles[1].file, "--at", hrisFiles[1].at, "--dry-run")
	if !strings.Contains(out, "would record") || !strings.Contains(out, "left              E003 (Mei Lin)") {
		t.Errorf("dry run output:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("employee_id,name,title,manager_id,department\nA1,Ann,CEO,,Exec\nB2,Bob,CTO,Z9,Exec\n"), 0o644)
	code, _, errOut := p.run("", "import", bad, "--at", "2024-02-29")
	if code != 1 || !strings.Contains(errOut, "bad.csv:3: manager Z9 is not an employee id") {
		t.Errorf("bad file: exit %d\n%s", code, errOut)
	}
	if after := p.ok("log", "--format", "json"); after != before {
		t.Errorf("the dry run or the refused file wrote to the ledger")
	}
	if code, _, errOut := p.run("", "import", bad); code != 2 {
		t.Errorf("import without --at: exit %d, want 2\n%s", code, errOut)
	}
}

// TestImportMassLeaving: a file that leaves out most of the org is refused, and nothing is
// written, unless --allow-mass-leaving says they left.
func TestImportMassLeaving(t *testing.T) {
	p := newProgram(t)
	p.ok("import", hrisFiles[0].file, "--at", hrisFiles[0].at)
	data, err := os.ReadFile(hrisFiles[0].file)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.csv")
	os.WriteFile(cut, []byte(strings.Join(strings.SplitAfter(string(data), "\n")[:3], "")), 0o644)
	before := p.ok("log", "--format", "json")
	code, _, errOut := p.run("", "import", cut, "--at", "2024-02-29")
	if code != 1 || !strings.Contains(errOut, "cut.csv: 9 of the 11 people in the org on 2024-02-29 are not in this export") {
		t.Errorf("a file cut short: exit %d\n%s", code, errOut)
	}
	if after := p.ok("log", "--format", "json"); after != before {
		t.Errorf("the refused file wrote to the ledger")
	}
	p.ok("import", cut, "--at", "2024-02-29", "--allow-mass-leaving")
	if out := p.ok("export", "--at", "2024-02-29"); strings.Count(out, "\n") != 3 {
		t.Errorf("export after the allowed import:\n%s", out)
	}
}

// TestImportMap checks --map for a column the tools do not name.
func TestImportMap(t *testing.T) {
	p := newProgram(t)
	file := filepath.Join(t.TempDir(), "custom.csv")
	os.WriteFile(file, []byte("Staff Number;Full Name;Job Title;Line Manager ID;Cost Centre\n1;Ann;CEO;;Exec\n2;Bob;CTO;1;Tech\n"), 0o644)
	p.ok("import", file, "--at", "2024-01-31", "--map", "Staff Number=employee_id", "--map", "Line Manager ID=manager_id", "--map", "Cost Centre=department")
	out := p.ok("export", "--at", "2024-01-31")
	if want := "2,Bob,CTO,1,Tech,\n"; !strings.Contains(out, want) {
		t.Errorf("export:\n%s", out)
	}
	if code, _, _ := p.run("", "import", file, "--at", "2024-02-29", "--map", "x=salary"); code != 2 {
		t.Errorf("an unknown --map field: exit %d, want 2", code)
	}
}

// TestExportKeepsAClearedColumn checks that an export on a date when nobody has an email any
// more, though someone had one before, keeps the column, empty: imported again, it clears the
// email instead of saying nothing of it, so that the exports of a second ledger built from the
// first's exports are the first's.
func TestExportKeepsAClearedColumn(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"2024-01-01": "employee_id,name,title,manager_id,department,location,email,start_date\n1,Ada,CEO,,Exec,London,ada@acme.com,2019-01-01\n2,Bob,CTO,1,Eng,London,,\n",
		"2024-02-01": "employee_id,name,title,manager_id,department,location\n1,Ada,CEO,,Exec,London\n2,Bob,CTO,1,Eng,London\n",
		"2024-03-01": "employee_id,name,title,manager_id,department,location,email,start_date\n1,Ada,CEO,,Exec,London,,\n2,Bob,CTO,1,Eng,London,,\n",
	}
	first, second := newProgram(t), newProgram(t)
	var exports []string
	for _, day := range []string{"2024-01-01", "2024-02-01", "2024-03-01"} {
		file := filepath.Join(dir, day+".csv")
		if err := os.WriteFile(file, []byte(files[day]), 0o644); err != nil {
			t.Fatal(err)
		}
		first.ok("import", file, "--at", day)
		exports = append(exports, first.ok("export", "--at", day))
	}
	for i, day := range []string{"2024-01-01", "2024-02-01", "2024-03-01"} {
		file := filepath.Join(dir, "export-"+day+".csv")
		if err := os.WriteFile(file, []byte(exports[i]), 0o644); err != nil {
			t.Fatal(err)
		}
		second.ok("import", file, "--at", day)
	}
	for i, day := range []string{"2024-01-01", "2024-02-01", "2024-03-01"} {
		if got := second.ok("export", "--at", day); got != exports[i] {
			t.Errorf("%s: the second ledger exports\n%s\nthe first\n%s", day, got, exports[i])
		}
	}
	if !strings.HasPrefix(exports[2], "employee_id,name,title,manager_id,department,location,email,start_date\n") {
		t.Errorf("the export after the email was cleared:\n%s", exports[2])
	}
}

// TestImportWarnsOfACutFile: a file whose last row has no line break after it is imported
// with a warning on stderr naming the file and that row.
func TestImportWarnsOfACutFile(t *testing.T) {
	p := newProgram(t)
	cut := filepath.Join(t.TempDir(), "cut.csv")
	os.WriteFile(cut, []byte("employee_id,name,title,manager_id,department,location\nA1,Ann,CEO,,Exec,London\nB2,Bob,CTO,A1,Exec,Jo"), 0o644)
	code, _, errOut := p.run("", "import", cut, "--at", "2024-02-29")
	if code != 0 || !strings.Contains(errOut, "warning: "+cut+": the file does not end with a line break") || !strings.Contains(errOut, "line 3, B2") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// TestImportRefusedInJSON: with --format json a refused file is told on standard output as
// apply tells one, besides the text on standard error. (Found by a bad-input review: nothing
// was printed on standard output.)
func TestImportRefusedInJSON(t *testing.T) {
	p := newProgram(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("employee_id,name,title,manager_id\nA1,Ann,CEO,\nB2,Bob,CTO,Z9\n"), 0o644)
	code, out, errOut := p.run("", "import", bad, "--at", "2024-01-31", "--format", "json")
	var got struct {
		File    string
		Refused struct {
			Message string
			Errors  []orgledger.Problem
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || got.File != bad || len(got.Refused.Errors) != 1 ||
		got.Refused.Errors[0].Line != 3 || !strings.Contains(errOut, "bad.csv:3: manager Z9") {
		t.Errorf("exit %d, %v\nstdout %s\nstderr %s", code, err, out, errOut)
	}
	// A file that cannot be read is told so too. (Found by QA: nothing on standard output.)
	missing := filepath.Join(t.TempDir(), "missing.csv")
	code, out, _ = p.run("", "import", missing, "--at", "2024-01-31", "--format", "json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || got.File != missing || !strings.Contains(got.Refused.Message, "cannot read") {
		t.Errorf("a file that is not there: exit %d, %v\nstdout %s", code, err, out)
	}
}

// TestImportDryRunTellsWhatItTakesBack: an export of February that lost bob records his
// leaving, which releases a change of plan cover (a unit opened once he leaves); the dry run
// of the corrected export of that date, which would take his leaving back, tells on stderr
// that it would take that change back, to wait again, as apply --dry-run tells of a
// retraction; the import then does. (Found by a review: an import's dry run said nothing of it.)
func TestImportDryRunTellsWhatItTakesBack(t *testing.T) {
	p := newProgram(t)
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const jan = "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\nbob,Bob,CTO,ann,Exec\ncy,Cy,Dev,bob,Exec\n"
	p.ok("import", write("jan.csv", jan), "--at", "2024-01-31")
	p.ok("plan", "create", "cover", "--effective", "2024-02-01", write("cover.yaml", "changes:\n  - create-unit: {id: cover, name: Cover}\n    when: {leaves: bob}\n"))
	p.ok("plan", "apply", "cover")
	p.ok("import", write("feb-lost.csv", "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\ncy,Cy,Dev,ann,Exec\n"), "--at", "2024-02-29")
	p.ok("show", "cover", "--at", "2024-02-29")
	before := p.ok("log", "--format", "json")
	feb := write("feb.csv", jan)
	code, _, errOut := p.run("", "import", feb, "--at", "2024-02-29", "--dry-run")
	if code != 0 || !strings.Contains(errOut, "orgledger: "+feb+": once recorded, change 1 of plan cover@") ||
		!strings.Contains(errOut, "(unit cover (Cover) opens), released by bob's leaving") || !strings.Contains(errOut, "would be taken back: it would wait again for bob's leaving") {
		t.Errorf("the dry run of the corrected export: exit %d, stderr\n%s", code, errOut)
	}
	// The JSON answer tells it too, for a script (found by QA: only stderr did).
	_, out, _ := p.run("", "import", feb, "--at", "2024-02-29", "--dry-run", "--format", "json")
	var dry struct {
		TakenBack []string `json:"taken_back"`
	}
	if json.Unmarshal([]byte(out), &dry) != nil || len(dry.TakenBack) != 1 || !strings.HasPrefix(dry.TakenBack[0], "change 1 of plan cover@") {
		t.Errorf("the JSON dry run of the corrected export:\n%s", out)
	}
	if after := p.ok("log", "--format", "json"); after != before {
		t.Errorf("the dry run wrote to the ledger")
	}
	p.ok("import", feb, "--at", "2024-02-29")
	if code, _, _ := p.run("", "show", "cover", "--at", "2024-02-29"); code != 1 {
		t.Errorf("the corrected export did not take back unit cover, as its dry run told: exit %d", code)
	}
}

// TestImportDryRunTellsWhatItReleases: an export that lost bob would record his leaving, which
// releases a change of plan cover; the dry run says so on stderr and, with --format json, in
// the answer's "released", for a script: the org on that date would not be the file alone.
// (Found by QA: only stderr told it, and the HTTP answer not at all.)
func TestImportDryRunTellsWhatItReleases(t *testing.T) {
	p := newProgram(t)
	p.ok("import", writeTemp(t, "jan.csv", "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\nbob,Bob,CTO,ann,Exec\n"), "--at", "2024-01-31")
	p.ok("plan", "create", "cover", "--effective", "2024-02-01", writeTemp(t, "cover.yaml", "changes:\n  - create-unit: {id: cover, name: Cover}\n    when: {leaves: bob}\n"))
	p.ok("plan", "apply", "cover")
	feb := writeTemp(t, "feb.csv", "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\n")
	code, out, errOut := p.run("", "import", feb, "--at", "2024-02-29", "--dry-run", "--format", "json")
	var dry struct{ Released []string }
	const want = "bob's leaving would also release change 1 of plan cover@"
	if code != 0 || json.Unmarshal([]byte(out), &dry) != nil || len(dry.Released) != 1 || !strings.HasPrefix(dry.Released[0], want) ||
		!strings.Contains(errOut, "once recorded, "+want) {
		t.Errorf("the dry run of the export that lost bob: exit %d, stdout\n%s\nstderr\n%s", code, out, errOut)
	}
	if _, plain, _ := p.run("", "import", writeTemp(t, "jan-again.csv", "employee_id,name,title,manager_id,department\nann,Ann,CEO,,Exec\nbob,Bob,CTO,ann,Exec\n"),
		"--at", "2024-02-29", "--dry-run", "--format", "json"); strings.Contains(plain, "released") {
		t.Errorf("a dry run recording no leaving tells of releases:\n%s", plain)
	}
}

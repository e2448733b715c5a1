package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestApplyUnreadableFileAmongSeveral: when one of several files cannot be read, none is
// applied, and the one message says which and why, then that none was.
func TestApplyUnreadableFileAmongSeveral(t *testing.T) {
	p := newProgram(t)
	good := filepath.Join(t.TempDir(), "good.yaml")
	os.WriteFile(good, []byte("effective: 2022-05-01\nchanges:\n  - hire: {id: a, name: A}\n"), 0o644)
	code, _, errOut := p.run("", "apply", good, "missing.yaml")
	if want := "orgledger: missing.yaml: cannot read: no such file or directory; none of the 2 files was applied: every file is read and checked alone before any is applied\n"; code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// TestApplyTellsEveryRefusedFile: of several files, each one refused as it is read has its
// problems told, not only the first's. (Found by a bad-input review.)
func TestApplyTellsEveryRefusedFile(t *testing.T) {
	p := newProgram(t)
	bad1 := writeTemp(t, "b1.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: [a], name: A}\n")
	good := writeTemp(t, "good.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: g, name: G}\n")
	bad2 := writeTemp(t, "b2.yaml", "effective: 2022-05-01\nchanges:\n  - leave: {person: [x]}\n")
	code, _, errOut := p.run("", "apply", bad1, good, bad2)
	want := "orgledger: 2 of the files are refused; none of the 3 files was applied: every file is read and checked alone before any is applied\n" +
		bad1 + ":3: change 1 (hire): id: must be a string, not a list\n" + bad2 + ":3: change 1 (leave): person: must be a string, not a list\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, errOut, want)
	}
}

// TestApplyChecksEveryFileAlone: of several files, one whose change has a malformed id and one
// with no effective date are refused with the others before any is applied, each told, and
// nothing is written, not even the file before them. (Found by QA: the first file was written,
// where a file that could not be parsed kept it from being.)
func TestApplyChecksEveryFileAlone(t *testing.T) {
	p := newProgram(t)
	good := writeTemp(t, "good.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: g, name: G}\n")
	badID := writeTemp(t, "id.yaml", "effective: 2022-05-02\nchanges:\n  - hire: {id: \"bad id\", name: B}\n")
	undated := writeTemp(t, "undated.yaml", "changes:\n  - hire: {id: u, name: U}\n")
	code, out, errOut := p.run("", "apply", good, badID, undated)
	if code != 1 || out != "" || !strings.Contains(errOut, "2 of the files are refused; none of the 3 files was applied") ||
		!strings.Contains(errOut, badID+":3: change 1 (hire): id: id \"bad id\" has U+0020") || !strings.Contains(errOut, undated+":2: change 1 (hire): no effective date") {
		t.Errorf("exit %d, stdout %q, stderr\n%s", code, out, errOut)
	}
	if _, err := os.Stat(p.db); err == nil {
		if log := p.ok("log"); strings.Contains(log, "#1") {
			t.Errorf("a file was written:\n%s", log)
		}
	}
}

// TestEmptyFlagRefused: a flag given an empty value, as a script's unset variable gives it, is
// a usage error naming it, not its default (the chart of today, the default database). (Found
// by a bad-input review.)
func TestEmptyFlagRefused(t *testing.T) {
	p := withExample(t)
	for _, args := range [][]string{{"chart", "--at", ""}, {"chart", "--known-at="}, {"plan", "list", "--owner", ""}, {"export", "--at", ""}, {"diff", "--from", "2022-04-01", "--to", ""}} {
		code, _, errOut := p.run("", args...)
		if code != 2 || !strings.Contains(errOut, "given an empty value") {
			t.Errorf("%q: exit %d, %q", args, code, errOut)
		}
	}
}

// TestRepeatedFlagRefused: a flag that takes one value, given twice, is a usage error naming
// it, not its last value silently (pflag's way); a flag that takes a list (--map) may be given
// several times. (Found by a bad-input review: --at 2024-01-01 --at 2025-01-01 charted 2025.)
func TestRepeatedFlagRefused(t *testing.T) {
	p := withExample(t)
	for _, args := range [][]string{{"chart", "--at", "2022-04-01", "--at", "2022-05-01"},
		{"chart", "--known-at", "2022-06-01", "--known_at=2022-07-01"},
		{"chart", "--db", p.db + ".other"}, // run gives --db first
		{"plan", "list", "--owner", "a", "--owner", "b"},
		{"log", "--limit", "1", "--limit", "2"}} {
		code, out, errOut := p.run("", args...)
		name := args[slices.IndexFunc(args, func(a string) bool { return strings.HasPrefix(a, "--") })]
		name, _, _ = strings.Cut(strings.ReplaceAll(name, "_", "-"), "=")
		if code != exitUsage || out != "" || !strings.Contains(errOut, name+" (2 times) given more than once") {
			t.Errorf("%q: exit %d, %q", args, code, errOut)
		}
	}
	file := filepath.Join(t.TempDir(), "people.csv")
	os.WriteFile(file, []byte("employee_id,name,role,manager_id,team\nE1,Amara,CEO,,Exec\n"), 0o644)
	code, _, errOut := newProgram(t).run("", "import", file, "--at", "2024-01-31", "--map", "role=title", "--map", "team=department")
	if code != 0 {
		t.Errorf("--map twice: exit %d, %s", code, errOut)
	}
	// The same value again changes nothing (found by a review: --dry-run twice was refused).
	for _, args := range [][]string{{"import", file, "--at", "2024-01-31", "--dry-run", "--dry-run=1"},
		{"chart", "--at", "2022-04-01", "--at", "2022-04-01"}} {
		if code, _, errOut := p.run("", args...); code != 0 {
			t.Errorf("%q: exit %d, %s", args, code, errOut)
		}
	}
}

// TestApplyFileNamedTwice: a file given twice, by one path or two, is refused before any file
// is applied, where the first was recorded and the second refused as applied before. (Found by
// QA.)
func TestApplyFileNamedTwice(t *testing.T) {
	p := newProgram(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hire.yaml"), []byte("effective: 2022-05-01\nchanges:\n  - hire: {id: a, name: A}\n"), 0o644)
	t.Chdir(dir)
	for _, files := range [][]string{{"hire.yaml", "hire.yaml"}, {"hire.yaml", "./hire.yaml"}} {
		code, _, errOut := p.run("", append([]string{"apply"}, files...)...)
		if code != 2 || !strings.Contains(errOut, "hire.yaml is given twice") || !strings.Contains(errOut, "none of the 2 files was applied") {
			t.Errorf("apply %v: exit %d, stderr %q", files, code, errOut)
		}
	}
	if _, err := os.Stat(p.db); err == nil {
		t.Errorf("a file given twice wrote the ledger")
	}
}

// TestApplyJSONTellsEveryFailure: apply --format json answers every failure with the refusal
// its help promises, the message the text tells and a list of errors, empty where no line is
// at fault: a usage error (found by QA: "internal error"), a flag it does not know (before
// --format json, which cobra then never reads), a file that cannot be read, a
// database that is not one (found by QA: nothing on standard output).
func TestApplyJSONTellsEveryFailure(t *testing.T) {
	p := newProgram(t)
	good := writeTemp(t, "good.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: g, name: G}\n")
	notDB := writeTemp(t, "not.db", "hello")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"apply", "-", "-"}, "- (standard input) is given 2 times"},
		{[]string{"apply"}, "give the changeset files to apply"}, // found by a review: nothing on standard output
		{[]string{"apply", "missing.yaml"}, "missing.yaml: cannot read"},
		{[]string{"apply", "--dry-rn", good}, "unknown flag: --dry-rn"}, // found by QA: nothing, cobra parses flags first
		{[]string{"apply", good}, "cannot open " + notDB + " as an orgledger database"},
	} {
		if strings.HasPrefix(c.want, "cannot open") {
			p = &program{tb: t, db: notDB}
		}
		_, out, _ := p.run("", append(c.args, "--format", "json")...)
		var got struct {
			Refused *struct {
				Message string            `json:"message"`
				Errors  []json.RawMessage `json:"errors"`
			} `json:"refused"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.Refused == nil || !strings.Contains(got.Refused.Message, c.want) || got.Refused.Errors == nil {
			t.Errorf("%v: %v\n%s", c.args, err, out)
		}
	}
}

// TestDryRunNamesTheScratchCommits: a dry run of several files, one refused for what a file
// before it would record (the same changes again), says that those files are commits of a
// scratch copy, not written, which the refusal names as the ledger's. (Found by QA.)
func TestDryRunNamesTheScratchCommits(t *testing.T) {
	p := withExample(t)
	h1 := writeTemp(t, "h1.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: zed, name: Zed}\n")
	h2 := writeTemp(t, "h2.yaml", "effective: 2022-05-01\nchanges:\n  - hire: {id: zed, name: Zed}\n")
	code, _, errOut := p.run("", "apply", "--dry-run", h1, h2)
	if want := h2 + " failed; checked with the files before it recorded on a scratch copy of the ledger, not written: " + h1 + " as commit 3\n"; code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("exit %d, stderr\n%s\nwant it to begin\n%s", code, errOut, want)
	}
}

// TestApplyWarnsOfChangesThatChangeNothing: a changeset that changes something besides is
// recorded whole, each change that changes nothing warned of, on standard error and in the
// JSON's warnings; applied again, it changes nothing at all and is refused as applied before.
// (Found by a review: one row as it was refused a whole sync.)
func TestApplyWarnsOfChangesThatChangeNothing(t *testing.T) {
	p := withExample(t)
	sync := writeTemp(t, "sync.yaml", "effective: 2022-05-01\nchanges:\n  - update-person: {person: huo-jia, location: Paris}\n  - retitle: {position: alibaba-vp, title: \"Vice President, Alibaba Group\"}\n")
	code, out, errOut := p.run("", "apply", sync, "--format", "json")
	want := sync + `:4: change 2 (retitle): changes nothing: position alibaba-vp is titled "Vice President, Alibaba Group" on 2022-05-01 already`
	if code != 0 || !strings.Contains(errOut, "orgledger: warning: "+want) || !strings.Contains(out, `"warnings": [`) {
		t.Errorf("exit %d, stdout\n%s\nstderr\n%s", code, out, errOut)
	}
	if code, _, errOut := p.run("", "apply", sync); code != 1 || !strings.Contains(errOut, "the changeset was applied before") {
		t.Errorf("applied again: exit %d, %s", code, errOut)
	}
}

// TestFormatAsked reads --format from a command line cobra could not parse as pflag would: the
// last given wins (found by a review: the first did), and nothing after "--" is a flag.
func TestFormatAsked(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"--bad", "--format", "json"}, true},
		{[]string{"--format=JSON", "--bad"}, true},
		{[]string{"--format", "json", "--format", "text", "--bad"}, false},
		{[]string{"--format", "text", "--format=json", "--bad"}, true},
		{[]string{"--bad", "--", "--format", "json"}, false},
		{[]string{"--bad", "x.yaml"}, false},
	} {
		if got := formatAsked(c.args, "json"); got != c.want {
			t.Errorf("formatAsked(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

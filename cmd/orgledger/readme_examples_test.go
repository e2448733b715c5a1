package main

import (
	"os"
	"strings"
	"testing"
)

// TestExampleReadmesShowWhatOrgledgerPrints: the outputs the examples' READMEs show are what
// orgledger prints for the commands they follow ("…" stands for lines left out). (Found by a
// QA pass of the docs: the charts shown had drifted from what orgledger draws.)
func TestExampleReadmesShowWhatOrgledgerPrints(t *testing.T) {
	alibaba := readmeBlocks(t, "alibaba-cloud-2022")
	p := withExample(t)
	alibaba.wantShown(t, "orgledger chart --at 2022-04-13", p.ok("chart", "--at", "2022-04-13"))
	alibaba.wantShown(t, "orgledger diff --from 2022-04-01 --to 2022-04-13", p.ok("diff", "--from", "2022-04-01", "--to", "2022-04-13"))

	hris := readmeBlocks(t, "hris")
	h := newProgram(t)
	for _, month := range [][2]string{{"2024-01", "2024-01-31"}, {"2024-02", "2024-02-29"}, {"2024-03", "2024-03-31"}} {
		hris.wantShown(t, "orgledger import --db hris.db examples/hris/"+month[0]+".csv --at "+month[1], importOf(h, month[0], month[1]))
	}
	hris.wantShown(t, "orgledger diff --db hris.db --from 2024-01-31 --to 2024-02-29", h.ok("diff", "--from", "2024-01-31", "--to", "2024-02-29"))
	hris.wantShown(t, "orgledger chart --db hris.db --at 2024-02-29", h.ok("chart", "--at", "2024-02-29"))
	hris.wantShown(t, "orgledger export --db hris.db --at 2024-02-29", h.ok("export", "--at", "2024-02-29"))

	late := newProgram(t)
	importOf(late, "2024-02", "2024-02-29")
	importOf(late, "2024-03", "2024-03-31")
	hris.wantShown(t, "orgledger import --db late.db examples/hris/2024-01.csv --at 2024-01-31", importOf(late, "2024-01", "2024-01-31"))
}

// importOf imports an example export of the month into p's ledger at a date, and returns what
// it printed, naming the file as the README's commands do, from the root of the repository.
func importOf(p *program, month, at string) string {
	return strings.ReplaceAll(p.ok("import", "../../examples/hris/"+month+".csv", "--at", at), "../../examples/", "examples/")
}

// readme is a README's lines and its fenced blocks.
type readme struct {
	name   string
	lines  []string
	blocks []fenced
}

// fenced is a fenced block: the line it opens on, its language ("" for output) and its lines.
type fenced struct {
	start int
	lang  string
	lines []string
}

// readmeBlocks reads the README of an example.
func readmeBlocks(t *testing.T, example string) readme {
	t.Helper()
	name := "../../examples/" + example + "/README.md"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r := readme{name: name, lines: strings.Split(string(data), "\n")}
	var open *fenced
	for i, line := range r.lines {
		switch {
		case !strings.HasPrefix(line, "```"):
			if open != nil {
				open.lines = append(open.lines, line)
			}
		case open == nil:
			open = &fenced{start: i, lang: strings.TrimPrefix(line, "```")}
		default:
			r.blocks, open = append(r.blocks, *open), nil
		}
	}
	return r
}

// wantShown checks that the first output block after the first line that is command (in a
// block of commands, or in prose as "(`command`)") shows got: a command given other flags in
// the README is not taken for it.
func (r readme) wantShown(t *testing.T, command, got string) {
	t.Helper()
	at := -1
	for i, line := range r.lines {
		if l := strings.TrimSpace(line); l == command || strings.Contains(l, "(`"+command+"`)") {
			at = i
			break
		}
	}
	for _, b := range r.blocks {
		if b.start > at && b.lang == "" && at >= 0 {
			if !shows(b.lines, strings.Split(strings.TrimSuffix(got, "\n"), "\n")) {
				t.Errorf("%s, after %s, shows\n%s\nwhere orgledger prints\n%s", r.name, command, strings.Join(b.lines, "\n"), got)
			}
			return
		}
	}
	t.Errorf("%s has no output block after a line naming %s", r.name, command)
}

// shows reports whether the lines shown are the lines printed, a line "…" standing for any
// number of them.
func shows(shown, printed []string) bool {
	if len(shown) == 0 {
		return len(printed) == 0
	}
	if strings.TrimSpace(shown[0]) == "…" {
		for i := range len(printed) + 1 {
			if shows(shown[1:], printed[i:]) {
				return true
			}
		}
		return false
	}
	return len(printed) > 0 && shown[0] == printed[0] && shows(shown[1:], printed[1:])
}

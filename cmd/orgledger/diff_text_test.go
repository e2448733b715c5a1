package main

import (
	"strings"
	"testing"
)

// TestDiffTextNamesAndCounts: diff in text names every id it lists, people by name and
// positions by title, and ends with how many changes of each kind there are. (Found by a
// review: the text gave bare ids and no counts.)
func TestDiffTextNamesAndCounts(t *testing.T) {
	p := withExample(t)
	got := p.ok("diff", "--from", "2022-04-01", "--to", "2022-04-13")
	want := `left              guo-jijun (Guo Jijun)
position          huang-haiqing (Huang Haiqing): cloud-vp (Vice President, Alibaba Cloud) → cloud-china-president (President, Alibaba Cloud China)
title             huang-haiqing (Huang Haiqing): Vice President, Alibaba Cloud → President, Alibaba Cloud China
unit              huang-haiqing (Huang Haiqing): alibaba-cloud (Alibaba Cloud) → cloud-china (Alibaba Cloud China)
manager           huang-haiqing (Huang Haiqing): (none) → cai-yinghua (Cai Yinghua)
manager           huo-jia (Huo Jia): ren-geng (Ren Geng) → cai-yinghua (Cai Yinghua)
left              ren-geng (Ren Geng)
unit-created      architects (Alibaba Cloud Architects)
unit-closed       china-architects (Alibaba Cloud China Architects)
unit-closed       solution-architects (Industry Solution Architects)
position-closed   cloud-vp (Vice President, Alibaba Cloud)
reports-to        industry-solutions-gm (General Manager, Intelligent General Industry Solutions): cloud-china-president (President, Alibaba Cloud China) → global-sales-president (President, Alibaba Cloud Global Sales)
position-vacated  sales-ecosystem-vp (Vice President, Sales and Ecosystem Growth): guo-jijun (Guo Jijun) → (none)
13 changes: 2 left, 1 position, 1 title, 1 unit, 2 manager, 1 unit-created, 2 unit-closed, 1 position-closed, 1 reports-to, 1 position-vacated
`
	if got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if readme := mustRead(t, "../../examples/alibaba-cloud-2022/README.md"); !strings.Contains(readme, "```\n"+want+"```\n") {
		t.Errorf("the example's README does not show this diff")
	}
	// Going back, the people who joined are named from the later date, where they are.
	if back := p.ok("diff", "--from", "2022-03-01", "--to", "2022-02-01"); !strings.Contains(back, "left              ren-geng (Ren Geng)\n") {
		t.Errorf("diff going back before the hires:\n%s", back)
	}
}

// TestImportTextNamesAndCounts: import, written or dry, names what it records and counts it
// by kind: a dry run names the people it would hire, whom the ledger does not hold yet.
func TestImportTextNamesAndCounts(t *testing.T) {
	p := newProgram(t)
	p.ok("import", hrisFiles[0].file, "--at", hrisFiles[0].at)
	out := p.ok("import", hrisFiles[1].file, "--at", hrisFiles[1].at)
	for _, want := range []string{
		"    manager           E004 (Tomasz Nowak): E003 (Mei Lin) → E002 (Daniel Reyes)\n",
		"    reports-to        pos-E005 (Senior Software Engineer): pos-E003 (Engineering Manager) → pos-E002 (VP Engineering)\n",
		"    8 changes: 1 left, 2 manager, 1 title, 1 position-closed, 2 reports-to, 1 position-retitled\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import lacks %q:\n%s", want, out)
		}
	}
	dry := p.ok("import", hrisFiles[2].file, "--at", hrisFiles[2].at, "--dry-run")
	for _, want := range []string{
		"    joined            E012 (Ana Costa)\n",
		"    position-created  pos-E012 (Machine Learning Engineer)\n",
		"    unit-closed       dept-data-science (Data Science)\n",
		"    12 changes: 3 unit, 2 joined, 1 unit-created, 1 unit-closed, 3 position-moved, 2 position-created\n",
	} {
		if !strings.Contains(dry, want) {
			t.Errorf("import --dry-run lacks %q:\n%s", want, dry)
		}
	}
}

// TestApplyDryRunTextNames: a dry run of several files, checked on a scratch copy, names what
// each would record as one file's does.
func TestApplyDryRunTextNames(t *testing.T) {
	p := newProgram(t)
	out := p.ok(append([]string{"apply", "--dry-run"}, exampleFiles...)...)
	for _, want := range []string{"    joined            ren-geng (Ren Geng)\n", "    left              ren-geng (Ren Geng)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("apply --dry-run lacks %q:\n%s", want, out)
		}
	}
}
